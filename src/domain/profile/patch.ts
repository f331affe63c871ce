// The RFC 6902 patch spex sends with UpdateResource. Cloud Control reads the current model, applies the
// operations in order and rejects the whole request if one fails, so the patch is built to be
// (1) minimal: only top-level properties that really changed, set-like arrays compared as sets;
// (2) valid on the server's model: `add` (which also replaces) rather than `replace` (which fails on an
//     absent member), `remove` only for members that exist;
// (3) legal: no operation on create-only or read-only paths (Cloud Control refuses the request);
// (4) guarded: a `test` of the value spex read precedes each change, so a profile someone else changed
//     meanwhile is refused instead of overwritten.

import jsonpatch, { type Operation } from 'fast-json-patch';
import { SpexError } from '../service/errors.js';
import {
  CONNECT_ONLY_PROPERTIES,
  CREATE_ONLY_PROPERTIES,
  READ_ONLY_PROPERTIES,
  SET_PROPERTIES,
  type SecurityProfile,
  type SecurityProfileDraft,
} from './security-profile.js';

export type JsonPatchOperation = {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
};

export interface BuildPatchOptions {
  /** Precede each change with a `test` of the original value (default true). */
  guard?: boolean;
}

/** The schema's property order, so patches and diffs read the same way every time. */
export const PROPERTY_ORDER = [
  'InstanceArn',
  'SecurityProfileName',
  'Description',
  'Permissions',
  'Tags',
  'AllowedAccessControlTags',
  'TagRestrictedResources',
  'HierarchyRestrictedResources',
  'AllowedAccessControlHierarchyGroupId',
  'Applications',
  'AllowedFlowModules',
  'AllowedAIAgents',
  'GranularAccessControlConfiguration',
] as const;

const READ_ONLY = new Set<string>(READ_ONLY_PROPERTIES);
const CREATE_ONLY = new Set<string>(CREATE_ONLY_PROPERTIES);
const SETS = new Set<string>([...SET_PROPERTIES, ...CONNECT_ONLY_PROPERTIES]);
const CONNECT_ONLY = new Set<string>(CONNECT_ONLY_PROPERTIES);
/** Arrays below the top level that the schema also marks `insertionOrder: false`. */
const NESTED_SETS = new Set(['Applications/*/ApplicationPermissions']);

function isSetPath(path: readonly string[]): boolean {
  if (path.length === 1) return SETS.has(path[0]!);
  return NESTED_SETS.has(path.map((p, i) => (i % 2 === 1 ? '*' : p)).join('/'));
}

function canonical(value: unknown, path: readonly string[]): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item, [...path, '*']));
    if (isSetPath(path)) items.sort();
    return `[${items.join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, [...path, k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * A string that is the same for two values of top-level `property` exactly when they mean the same:
 * object key order ignored, set-like arrays (also nested ones such as ApplicationPermissions) in any order.
 */
export function canonicalValue(property: string, value: unknown): string {
  // An absent set and an empty one mean the same: reads show absent lists as [] (real-aws-notes "Reads").
  return canonical(value === undefined && SETS.has(property) ? [] : value, [property]);
}

/** The canonical string of one member of a set-like top-level array (`Applications`, `Tags` …). */
export function canonicalItem(property: string, item: unknown): string {
  return canonical(item, [property, '*']);
}

export function propertyEquals(property: string, a: unknown, b: unknown): boolean {
  return canonicalValue(property, a) === canonicalValue(property, b);
}

function writableKeys(...models: object[]): string[] {
  const seen = new Set<string>();
  for (const m of models) for (const k of Object.keys(m)) if (!READ_ONLY.has(k)) seen.add(k);
  const known = PROPERTY_ORDER.filter((k) => seen.has(k));
  const extra = [...seen].filter((k) => !(PROPERTY_ORDER as readonly string[]).includes(k)).sort();
  return [...known, ...extra];
}

function get(model: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(model, key) ? (model as Record<string, unknown>)[key] : undefined;
}

/** The writable top-level properties whose meaning differs between `a` and `b`, in schema order. */
export function changedProperties(a: SecurityProfileDraft | SecurityProfile, b: SecurityProfileDraft | SecurityProfile): string[] {
  return writableKeys(a, b).filter((k) => !propertyEquals(k, get(a, k), get(b, k)));
}

/** True when the writable parts of two models mean the same (read-only properties ignored). */
export function profilesEqual(a: SecurityProfileDraft | SecurityProfile, b: SecurityProfileDraft | SecurityProfile): boolean {
  return changedProperties(a, b).length === 0;
}

function brief(property: string, value: unknown): string {
  if (value === undefined || (Array.isArray(value) && value.length === 0 && SETS.has(property))) return 'none';
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * What a profile re-read after a successful save holds that differs from what the save asked for,
 * in one sentence (undefined when it holds exactly that). A SUCCESS is the handler's word, not a
 * re-read (real-aws-notes "Writes"), so only a re-read shows, say, a cleared field that stayed.
 */
export function unappliedChanges(asked: SecurityProfileDraft, held: SecurityProfile): string | undefined {
  const fields = changedProperties(asked, held).filter((k) => !CREATE_ONLY.has(k) || get(asked, k) !== undefined);
  if (fields.length === 0) return undefined;
  const parts = fields.map((k) => `${k} (asked ${brief(k, get(asked, k))}, holds ${brief(k, get(held, k))})`);
  return `The save succeeded, but Amazon Connect holds other values than were asked for: ${parts.join('; ')}.`;
}

/**
 * The Connect-only fields (AllowedAIAgents) the draft changes: a field the draft leaves out (not read,
 * or a file that does not mention it) is left alone.
 */
export function connectOnlyChanges(before: object, after: SecurityProfileDraft): string[] {
  return CONNECT_ONLY_PROPERTIES.filter((k) => get(after, k) !== undefined && !propertyEquals(k, get(before, k), get(after, k)));
}

/** The draft with its Connect-only fields as `before` holds them: what a Cloud Control save is asked. */
export function withoutConnectOnly(after: SecurityProfileDraft, before: object): SecurityProfileDraft {
  const out: Record<string, unknown> = { ...after };
  for (const k of CONNECT_ONLY_PROPERTIES) {
    if (get(before, k) === undefined) delete out[k];
    else out[k] = get(before, k);
  }
  return out as unknown as SecurityProfileDraft;
}

/** RFC 6901 escaping of one path segment. */
function pointer(key: string): string {
  return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const CREATE_ONLY_MESSAGES: Record<string, string> = {
  SecurityProfileName: 'SecurityProfileName cannot be changed after creation; clone the profile to rename it',
  InstanceArn: 'InstanceArn cannot be changed after creation; clone the profile to copy it into another instance',
};

/**
 * The smallest correct patch from `before` (the model exactly as read from the server, not a sanitised
 * copy: `test` compares byte for byte) to `after` (the draft). Throws a `not-updatable` SpexError when
 * the draft changes a create-only property; a draft that leaves one out leaves it alone.
 *
 * Guards: a changed property that exists in `before` gets `test` with its original value. One that is
 * absent in `before` gets no guard, because RFC 6902 has no way to assert absence (`test` needs a
 * value, and `add` succeeds either way). The gap is small: if someone else set that same property
 * meanwhile, this save writes the reviewed value over it; every property they could have changed that
 * this save also relies on is still guarded.
 *
 * A `test` on a set-like array compares in order (RFC 6902 §4.6). Cloud Control reads the model before
 * applying the patch, so the order is the read handler's; if it ever came back reordered the save would
 * be refused as a conflict and the user would review again — the safe direction.
 */
export function buildPatch(before: SecurityProfile | SecurityProfileDraft, after: SecurityProfileDraft, options: BuildPatchOptions = {}): JsonPatchOperation[] {
  const guard = options.guard ?? true;
  const ops: JsonPatchOperation[] = [];
  for (const key of writableKeys(before, after)) {
    // Cloud Control's schema has no such property: the Connect API writes it (connect-plan.ts).
    if (CONNECT_ONLY.has(key)) continue;
    const was = get(before, key);
    const now = get(after, key);
    if (CREATE_ONLY.has(key)) {
      if (now !== undefined && !propertyEquals(key, was, now)) {
        throw new SpexError({
          kind: 'not-updatable',
          message: CREATE_ONLY_MESSAGES[key] ?? `${key} cannot be changed after creation`,
          field: key,
          rule: 'createOnly',
        });
      }
      continue;
    }
    if (propertyEquals(key, was, now)) continue;
    const path = pointer(key);
    if (guard && was !== undefined) ops.push({ op: 'test', path, value: jsonCopy(was) });
    ops.push(now === undefined ? { op: 'remove', path } : { op: 'add', path, value: jsonCopy(now) });
  }
  return ops;
}

/**
 * Applies `ops` to a copy of `doc` with fast-json-patch, validating each operation: what Cloud Control
 * would do, for previews and tests. Throws a fast-json-patch error on a failed `test` or a bad path.
 */
export function applyPatch<T extends object>(doc: T, ops: readonly JsonPatchOperation[]): T {
  const copy = jsonCopy(doc);
  return jsonpatch.applyPatch(copy, ops as Operation[], true, true).newDocument;
}

