// Turning flags and --from-file into a draft: what create sends and what update changes to.
import { SpexError } from '../domain/errors.js';
import { canonicalPermissionName, lookupPermission, suggestPermissions } from '../domain/permissions.js';
import { READ_ONLY_PROPERTIES, type SecurityProfileDraft, type Tag } from '../domain/security-profile.js';
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

/**
 * A permission typed on the command line, in its canonical spelling. Unknown names pass (the
 * catalogue is not exhaustive) with a warning that suggests close matches.
 */
export function normalisePermission(name: string, warn: (line: string) => void): string {
  const canonical = canonicalPermissionName(name);
  if (canonical) return canonical;
  if (!lookupPermission(name)) {
    const close = suggestPermissions(name, 3);
    warn(`'${name}' is not a permission spex knows${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}; sending it as given.`);
  }
  return name;
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
  return file as Partial<SecurityProfileDraft>;
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
