// Turning flags and --from-file into a draft: what create sends and what update changes to.
import { SpexError } from '../domain/service/errors.js';
import { impliedPermissions } from '../domain/permissions/permission-rules.js';
import { matchPermissionTerm, permissionTermMessage } from '../domain/permissions/permissions.js';
import { READ_ONLY_PROPERTIES, type SecurityProfileDraft, type Tag } from '../domain/profile/security-profile.js';
import { UsageError } from '../io.js';

/** `k=v` → a tag; the value may contain `=`. */
export function parseTag(text: string): Tag {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--tag takes key=value (got '${text}')`);
  return { Key: text.slice(0, eq), Value: text.slice(eq + 1) };
}

export function setTags(tags: Tag[] | undefined, set: Tag[], unset: string[]): Tag[] | undefined {
  const byKey = new Map((tags ?? []).map((t) => [t.Key, t.Value]));
  for (const key of unset) byKey.delete(key);
  for (const t of set) byKey.set(t.Key, t.Value);
  const out = [...byKey].map(([Key, Value]) => ({ Key, Value }));
  return out.length > 0 ? out : undefined;
}

export interface PermissionArgs {
  /** Names the catalogue does not know are sent as typed (`--allow-unknown`), else refused. */
  allowUnknown: boolean;
  /** Granting Edit, Create, Remove … also grants the resource's View, as the console does (not with `--no-implied`). */
  implied: boolean;
}

/**
 * Permissions typed on the command line, in their catalogue spelling: an API name in any case, a
 * prefix or the console's words that name exactly one permission. Several matches, or a name the
 * catalogue does not know, are usage errors naming the choices ("did you mean"), before anything is
 * sent; `--allow-unknown` sends an unknown name as typed (the catalogue can lag AWS).
 */
export function resolvePermissionArgs(typed: readonly string[], flag: string, options: Pick<PermissionArgs, 'allowUnknown'>, warn: (line: string) => void): string[] {
  return typed.map((text) => {
    const match = matchPermissionTerm(text);
    if (match.kind === 'exact' || match.kind === 'one') return match.names[0]!;
    if (match.kind === 'many') throw new UsageError(`--${flag} ${permissionTermMessage(text, match)}; name one of them`);
    if (!options.allowUnknown) throw new UsageError(`--${flag} ${permissionTermMessage(text, match)}; --allow-unknown sends it as typed`);
    warn(`'${text}' is not a permission spex knows; sending it as typed (--allow-unknown).`);
    return text.trim();
  });
}

/**
 * The console's rule on the command line: each granted name brings the View it needs, unless it is
 * already there. Returns the names to add and says each addition on stderr.
 */
export function withImpliedViews(names: readonly string[], granted: ReadonlySet<string>, options: Pick<PermissionArgs, 'implied'>, note: (line: string) => void): string[] {
  if (!options.implied) return [...names];
  const out = [...names];
  const have = new Set([...granted, ...names]);
  for (const name of names) {
    for (const view of impliedPermissions(name)) {
      if (have.has(view)) continue;
      have.add(view);
      out.push(view);
      note(`${name} also grants ${view}, as the console does (--no-implied turns this off).`);
    }
  }
  return out;
}

export function permissionArgOptions(values: Record<string, unknown>): PermissionArgs {
  return { allowUnknown: values['allow-unknown'] === true, implied: values['no-implied'] !== true };
}

/** The writable part of a file's profile; read-only properties are refused, not silently dropped. */
export function draftFromFile(file: Record<string, unknown>, path: string): Partial<SecurityProfileDraft> {
  const readOnly = READ_ONLY_PROPERTIES.filter((p) => p in file);
  if (readOnly.length > 0) {
    throw new SpexError({
      kind: 'validation',
      field: readOnly[0]!,
      rule: 'readOnly',
      message: `${path}: ${readOnly.join(', ')} ${readOnly.length === 1 ? 'is' : 'are'} read-only and cannot be set (remove ${readOnly.length === 1 ? 'it' : 'them'} from the file)`,
    });
  }
  return file;
}

export interface PermissionEdits {
  add: string[];
  remove: string[];
}

export function editPermissions(current: string[] | undefined, edits: PermissionEdits, warn: (line: string) => void): string[] | undefined {
  const set = new Set(current ?? []);
  for (const name of edits.remove) {
    if (!set.delete(name)) warn(`'${name}' is not granted; nothing to remove.`);
  }
  for (const name of edits.add) set.add(name);
  return set.size > 0 || current !== undefined ? [...set] : undefined;
}
