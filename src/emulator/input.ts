// Checks of request members against the shapes of the Cloud Control model (lengths, patterns,
// types), worded as AWS words them: "1 validation error detected: Value … at 'typeName' failed to
// satisfy constraint: …".
import { ServiceError } from './errors.js';

export type Body = Record<string, unknown>;

interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

const TYPE_NAME: StringRule = { min: 10, max: 196, pattern: /^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/ };
const TOKEN: StringRule = { min: 1, max: 128, pattern: /^[-A-Za-z0-9+/=]+$/ };
export const DOCUMENT: StringRule = { min: 1, max: 262_144 };

export const RULES = {
  TypeName: TYPE_NAME,
  Identifier: { min: 1, max: 1024 },
  TypeVersionId: { min: 1, max: 128, pattern: /^[A-Za-z0-9-]+$/ },
  RoleArn: { min: 20, max: 2048, pattern: /^arn:.+:iam::[0-9]{12}:role\/.+$/ },
  ClientToken: TOKEN,
  RequestToken: TOKEN,
  DesiredState: DOCUMENT,
  PatchDocument: DOCUMENT,
  ResourceModel: DOCUMENT,
} satisfies Record<string, StringRule>;

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function invalid(name: string, value: unknown, constraint: string): ServiceError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value).slice(0, 64)}'`;
  return new ServiceError('ValidationException', `1 validation error detected: Value ${shown} at '${lowerFirst(name)}' failed to satisfy constraint: ${constraint}`);
}

export function stringMember(body: Body, name: string, rule: StringRule, required: true): string;
export function stringMember(body: Body, name: string, rule: StringRule, required?: false): string | undefined;
export function stringMember(body: Body, name: string, rule: StringRule, required = false): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw invalid(name, value, 'Member must not be null');
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new ServiceError('SerializationException', `${name} must be a string (got ${Array.isArray(value) ? 'an array' : typeof value})`);
  }
  const length = value.length;
  if (rule.min !== undefined && length < rule.min) throw invalid(name, value, `Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && length > rule.max) throw invalid(name, value, `Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(value)) throw invalid(name, value, `Member must satisfy regular expression pattern: ${rule.pattern.source.replace(/^\^|\$$/g, '')}`);
  return value;
}

export function intMember(body: Body, name: string, min: number, max: number): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new ServiceError('SerializationException', `${name} must be an integer`);
  if (value < min) throw invalid(name, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw invalid(name, value, `Member must have value less than or equal to ${max}`);
  return value;
}

/** The optional members every resource operation accepts; checked, then ignored. */
export function commonMembers(body: Body): void {
  stringMember(body, 'TypeVersionId', RULES.TypeVersionId);
  stringMember(body, 'RoleArn', RULES.RoleArn);
}

export function enumList(body: Record<string, unknown>, name: string, allowed: readonly string[]): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new ServiceError('SerializationException', `${name} must be a list`);
  for (const item of value) {
    if (typeof item !== 'string' || !allowed.includes(item)) {
      throw invalid(name, item, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
    }
  }
  return value as string[];
}

/** Parses a JSON document member into an object. */
export function parseDocument(name: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ServiceError('ValidationException', `${name} is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ServiceError('ValidationException', `${name} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}
