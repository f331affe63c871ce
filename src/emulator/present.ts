// How models leave the emulator, and how identifiers come in: the shapes real AWS uses, which are
// less convenient than the store's (see shared/reference/real-aws-notes.md, "Reads").
import { HIERARCHY_GROUP_TYPE, INSTANCE_TYPE, SECURITY_PROFILE_TYPE, SET_PROPERTIES, USER_TYPE } from '../domain/profile/security-profile.js';
import { ServiceError } from './errors.js';
import type { Model } from './store.js';

export type TimeUnit = 's' | 'ms';

/** The primary identifier of each type (its schema's primaryIdentifier). */
export const ID_KEY: Record<string, string> = {
  [SECURITY_PROFILE_TYPE]: 'SecurityProfileArn',
  [INSTANCE_TYPE]: 'Arn',
  [HIERARCHY_GROUP_TYPE]: 'UserHierarchyGroupArn',
  [USER_TYPE]: 'UserArn',
};

/**
 * A profile as the read handler returns it. real-aws-notes "Reads": absent list properties read as
 * `[]` (observed); LastModifiedTime's unit is undocumented, so it can be emitted in seconds (the
 * default) or milliseconds (inferred: spex must read both).
 */
export function presentProfile(model: Model, unit: TimeUnit): Model {
  // AllowedAIAgents is Connect's only: the schema of AWS::Connect::SecurityProfile has no such property.
  const { AllowedAIAgents: _connectOnly, ...out }: Model = { ...model };
  for (const name of SET_PROPERTIES) if (out[name] === undefined) out[name] = [];
  if (unit === 'ms' && typeof out.LastModifiedTime === 'number') out.LastModifiedTime = Math.round(out.LastModifiedTime * 1000);
  return out;
}

export function presentModel(typeName: string, model: Model, unit: TimeUnit): Model {
  return typeName === SECURITY_PROFILE_TYPE ? presentProfile(model, unit) : model;
}

/**
 * The plain identifier of a Get/Update/Delete: real-aws-notes "Reads": the primary identifier may
 * come as the plain ARN or as JSON naming it (`{"SecurityProfileArn": "…"}`) (source: API reference).
 */
export function plainIdentifier(typeName: string, identifier: string): string {
  const text = identifier.trim();
  if (!text.startsWith('{')) return identifier;
  const key = ID_KEY[typeName] ?? '';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ServiceError('ValidationException', `Identifier is neither a primary identifier nor valid JSON: ${text.slice(0, 80)}`);
  }
  const record = value as Record<string, unknown> | null;
  const id = record !== null && typeof record === 'object' && !Array.isArray(record) ? record[key] : undefined;
  const extra = record !== null && typeof record === 'object' ? Object.keys(record).filter((k) => k !== key) : [];
  if (typeof id !== 'string' || extra.length > 0) {
    throw new ServiceError('ValidationException', `Identifier ${text.slice(0, 80)} must name exactly the primary identifier [${key}] of ${typeName}`);
  }
  return id;
}
