// How Cloud Control checks an UpdateResource patch before calling the handler: parse it, refuse ops
// on create-only (NotUpdatableException) and read-only properties (ValidationException), apply it
// to a copy of the current model, validate the result. All of it synchronous, so a bad patch changes
// nothing.
//
// Choice of errors where AWS's exact answer is not documented:
// - a malformed PatchDocument, or a result that fails the schema → ValidationException (AWS words
//   schema failures "Model validation failed (...)");
// - a `test` op that fails or a path that does not resolve → InvalidRequestException, whose message
//   starts "Invalid patch update: test operation failed" so a client can tell a stale read apart.
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import { CREATE_ONLY_PROPERTIES, READ_ONLY_PROPERTIES } from '../domain/profile/security-profile.js';
import { awsValidationMessage, validateProfile } from '../domain/profile/validate.js';
import { ServiceError } from './errors.js';

const { applyPatch, deepClone } = fastJsonPatch;

export interface PatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

export function parsePatch(text: string): PatchOp[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ServiceError('ValidationException', `Invalid patch document: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(value)) throw new ServiceError('ValidationException', 'Invalid patch document: must be a JSON array of operations');
  value.forEach((op: unknown, i) => {
    const o = op as Partial<PatchOp> | null;
    if (o === null || typeof o !== 'object' || !OPS.has(String(o.op)) || typeof o.path !== 'string') {
      throw new ServiceError('ValidationException', `Invalid patch document: operation ${i} needs an op (add, remove, replace, move, copy, test) and a path`);
    }
    if ((o.op === 'move' || o.op === 'copy') && typeof o.from !== 'string') {
      throw new ServiceError('ValidationException', `Invalid patch document: operation ${i} (${o.op}) needs a from`);
    }
    if ((o.op === 'add' || o.op === 'replace' || o.op === 'test') && !('value' in o)) {
      throw new ServiceError('ValidationException', `Invalid patch document: operation ${i} (${o.op}) needs a value`);
    }
    if (o.path !== '' && !o.path.startsWith('/')) {
      throw new ServiceError('ValidationException', `Invalid patch document: path "${o.path}" must start with /`);
    }
  });
  return value as PatchOp[];
}

function topProperty(path: string): string {
  return (path.split('/')[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Refuses ops on create-only and read-only properties (any op, `test` included, as AWS words it). */
export function checkPatchTargets(ops: PatchOp[]): void {
  const touched = new Set<string>();
  for (const op of ops) {
    if (op.path === '') throw new ServiceError('ValidationException', 'Invalid patch update: a path must name a property, not the whole model');
    touched.add(topProperty(op.path));
    if (op.op === 'move' && op.from !== undefined) touched.add(topProperty(op.from));
  }
  const createOnly = CREATE_ONLY_PROPERTIES.filter((p) => touched.has(p));
  if (createOnly.length > 0) {
    throw new ServiceError(
      'NotUpdatableException',
      `Invalid patch update: createOnlyProperties [${createOnly.map((p) => `/properties/${p}`).join(', ')}] cannot be updated`,
    );
  }
  const readOnly = READ_ONLY_PROPERTIES.filter((p) => touched.has(p));
  if (readOnly.length > 0) {
    throw new ServiceError(
      'ValidationException',
      `Invalid patch update: readOnlyProperties [${readOnly.map((p) => `/properties/${p}`).join(', ')}] cannot be updated`,
    );
  }
}

/** The model after the patch; throws (changing nothing) when an op fails or the result is invalid. */
export function applyProfilePatch(current: Record<string, unknown>, ops: PatchOp[]): Record<string, unknown> {
  const copy = deepClone(current) as Record<string, unknown>;
  let next: Record<string, unknown>;
  try {
    next = applyPatch(copy, deepClone(ops) as Operation[], true, true).newDocument;
  } catch (error) {
    const e = error as { name?: string; message?: string; operation?: PatchOp };
    if (e.name === 'TEST_OPERATION_FAILED') {
      throw new ServiceError('InvalidRequestException', `Invalid patch update: test operation failed at ${e.operation?.path ?? '?'} (the current value differs)`);
    }
    const first = String(e.message ?? error).split('\n')[0];
    throw new ServiceError('InvalidRequestException', `Invalid patch update: ${first}`);
  }
  if (next === null || typeof next !== 'object' || Array.isArray(next)) {
    throw new ServiceError('ValidationException', 'Invalid patch update: the result is not an object');
  }
  const issues = validateProfile(next, 'stored');
  if (issues.length > 0) {
    throw new ServiceError('ValidationException', awsValidationMessage(issues));
  }
  return next;
}
