// The list filter language: words match the name or description (case-insensitive, all must match);
// `perm:Users.Edit` keeps profiles granting that permission (`perm:Users.*` any permission starting
// `Users.`). Words and perm: terms can be mixed. Pure.

export interface ParsedFilter {
  /** Lower-cased words that must each appear in the name or the description. */
  words: string[];
  /** Lower-cased permission names (or `prefix*` patterns) that must each be granted. */
  permissions: string[];
}

const PERM_PREFIX = 'perm:';

export function parseFilter(text: string): ParsedFilter {
  const words: string[] = [];
  const permissions: string[] = [];
  for (const token of text.trim().split(/\s+/)) {
    if (token === '') continue;
    const lower = token.toLowerCase();
    if (lower.startsWith(PERM_PREFIX)) {
      const name = lower.slice(PERM_PREFIX.length);
      if (name !== '') permissions.push(name);
    } else {
      words.push(lower);
    }
  }
  return { words, permissions };
}

export function isFilterEmpty(filter: ParsedFilter): boolean {
  return filter.words.length === 0 && filter.permissions.length === 0;
}

/** Whether a granted permission satisfies one `perm:` term (already lower-cased). */
export function permissionMatches(granted: string, term: string): boolean {
  const name = granted.toLowerCase();
  if (term.endsWith('*')) return name.startsWith(term.slice(0, -1));
  return name === term;
}
