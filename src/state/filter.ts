// The list filter language: words match the name or description (case-insensitive, all must match);
// `perm:` terms keep profiles granting a permission, named as admins name them (domain/permissions/permissions.ts
// matchPermissionTerm): `perm:Users.Edit`, a prefix `perm:Users.` or `perm:Users.*`, the console's
// label with its words joined or quoted (`perm:edit-users`, `perm:"Users – Edit"`). A term that stands
// for several permissions is met by any of them. Words and perm: terms can be mixed. Pure.
import { matchPermissionTerm, permissionTermMessage } from '../domain/permissions/permissions.js';

export interface PermissionTerm {
  /** As typed, without `perm:` and quotes. */
  text: string;
  /** Lower-cased names that satisfy the term, or a `prefix*` pattern. */
  names: string[];
  /** For a term that names nothing the catalogue knows, or several permissions: what to tell the user. */
  hint?: string;
}

export interface ParsedFilter {
  /** Lower-cased words that must each appear in the name or the description. */
  words: string[];
  /** Permission terms that must each be granted. */
  permissions: PermissionTerm[];
}

const PERM_PREFIX = 'perm:';

/** Whitespace-separated tokens; `"…"` (after `perm:` or alone) keeps its spaces. */
function tokens(text: string): string[] {
  const out: string[] = [];
  const re = /(\S*?)"([^"]*)"?|\S+/g;
  for (const m of text.matchAll(re)) out.push(m[2] !== undefined ? `${m[1] ?? ''}${m[2]}` : m[0]);
  return out;
}

function permissionTerm(text: string): PermissionTerm {
  const lower = text.toLowerCase();
  if (lower.endsWith('*')) return { text, names: [lower] };
  const match = matchPermissionTerm(text);
  if (match.kind === 'exact' || match.kind === 'one') return { text, names: match.names.map((n) => n.toLowerCase()) };
  if (match.kind === 'many') return { text, names: match.names.map((n) => n.toLowerCase()), hint: `${permissionTermMessage(text, match, `perm:${text}`)}; any of them counts` };
  // The catalogue is not exhaustive: a name it does not know may still be granted as typed.
  return { text, names: [lower], hint: permissionTermMessage(text, match, `perm:${text}`) };
}

let last: { text: string; parsed: ParsedFilter } | undefined;

/** Parses the filter; the last result is kept, as every keystroke asks several times. */
export function parseFilter(text: string): ParsedFilter {
  if (last?.text === text) return last.parsed;
  const parsed = parse(text);
  last = { text, parsed };
  return parsed;
}

function parse(text: string): ParsedFilter {
  const words: string[] = [];
  const permissions: PermissionTerm[] = [];
  for (const token of tokens(text.trim())) {
    if (token === '') continue;
    if (token.toLowerCase().startsWith(PERM_PREFIX)) {
      const name = token.slice(PERM_PREFIX.length).trim();
      if (name !== '') permissions.push(permissionTerm(name));
    } else {
      words.push(token.toLowerCase());
    }
  }
  return { words, permissions };
}

export function isFilterEmpty(filter: ParsedFilter): boolean {
  return filter.words.length === 0 && filter.permissions.length === 0;
}

/** Whether a granted permission satisfies one `perm:` term. */
export function permissionMatches(granted: string, term: PermissionTerm): boolean {
  const name = granted.toLowerCase();
  return term.names.some((n) => (n.endsWith('*') ? name.startsWith(n.slice(0, -1)) : name === n));
}

/** What the filter's permission terms need saying (several matches, or an unknown name), if anything. */
export function filterHint(text: string): string | undefined {
  const hints = parseFilter(text).permissions.flatMap((t) => (t.hint !== undefined ? [t.hint] : []));
  return hints.length > 0 ? hints.join(' · ') : undefined;
}

/**
 * When a plain search shows nothing but its words name a permission, a hint toward `perm:`:
 * `edit users: no profile is named so — perm:"edit users" finds the 2 that grant it`. `granting`
 * counts the profiles granting any of the names among those whose details are loaded (`of` of them).
 */
export function permHint(text: string, shown: number, granting: (names: readonly string[]) => { count: number; of: number; total: number }): string | undefined {
  const parsed = parseFilter(text);
  if (shown > 0 || parsed.permissions.length > 0 || parsed.words.length === 0) return undefined;
  const phrase = parsed.words.join(' ');
  const match = matchPermissionTerm(phrase);
  if (match.kind !== 'exact' && match.kind !== 'one') return undefined;
  const term = /\s/.test(phrase) ? `perm:"${phrase}"` : `perm:${phrase}`;
  const { count, of, total } = granting(match.names);
  const finds = of < total ? `finds those that grant ${match.names[0]} (${count} of the ${of} read so far)` : `finds the ${count} that grant ${match.names[0]}`;
  return `${phrase}: no profile is named so — ${term} ${finds}`;
}

/** A filter typed into a list: its words, whether they are being typed, and the cursor they move to the top. */
interface TypedFilter {
  readonly filter: string;
  readonly isFiltering: boolean;
  readonly cursor: number;
}

/**
 * The keys every typed filter shares: Esc clears it and stops typing, Enter keeps it, Backspace erases a
 * character, text is typed (each change puts the cursor on the first row). Undefined for other keys.
 */
export function editFilter<S extends TypedFilter>(state: S, command: string | undefined, text: string | undefined): S | undefined {
  switch (command) {
    case 'app.back':
      return { ...state, filter: '', cursor: 0, isFiltering: false };
    case 'filter.keep':
      return { ...state, isFiltering: false };
    case 'filter.erase':
      return { ...state, filter: state.filter.slice(0, -1), cursor: 0 };
    case 'filter.type':
      return text === undefined ? state : { ...state, filter: state.filter + text, cursor: 0 };
    default:
      return undefined;
  }
}
