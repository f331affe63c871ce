// Schema validation of a security profile against the official AWS::Connect::SecurityProfile schema.
// Pure: used by the emulator (as Cloud Control would) and by spex before it sends anything, so a bad
// field is named, with its rule, before a request goes out.
import type { ErrorObject, ValidateFunction } from 'ajv';
// The registry schema compiled ahead of time by Ajv (scripts/profile-validator.mjs): no Ajv, and no
// compiling, at run time. test/domain/profile/validate.test.ts checks it is what the schema compiles to now.
import generated from './generated/profile-validator.js';
import { READ_ONLY_PROPERTIES } from './security-profile.js';

export interface ValidationIssue {
  /** Path of the field, e.g. `SecurityProfileName` or `Tags/2/Key` (empty for the model itself). */
  field: string;
  /** The schema rule that failed: required, pattern, maxLength, maxItems, uniqueItems, enum, … */
  rule: string;
  /** A sentence naming the field, the rule and the offending value. */
  message: string;
  /** The same violation in Cloud Control's words (`#/Description: expected maxLength: 250, actual: 251`). */
  aws?: string;
}

const compiled: ValidateFunction = generated;

function validator(): ValidateFunction {
  return compiled;
}

/**
 * Checks a model. `create`: a DesiredState (no read-only properties). `stored`: a model as the
 * service holds and returns it (read-only properties allowed).
 */
export function validateProfile(model: unknown, mode: 'create' | 'stored'): ValidationIssue[] {
  if (model === null || typeof model !== 'object' || Array.isArray(model)) {
    return [{ field: '', rule: 'type', message: `the profile must be a JSON object (got ${typeName(model)})` }];
  }
  // Validate what would go over the wire: plain JSON (no undefined members, no prototypes).
  let plain: Record<string, unknown>;
  try {
    // AllowedAIAgents is Connect's only (the schema lacks it): spex writes it through the Connect API,
    // and connect-plan.ts#connectIssues checks it with Connect's rules.
    const { AllowedAIAgents: _connectOnly, ...rest } = model as Record<string, unknown>;
    plain = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
  } catch (error) {
    return [{ field: '', rule: 'type', message: `the profile cannot be written as JSON (${(error as Error).message})` }];
  }
  const validate = validator();
  const issues: ValidationIssue[] = [];
  if (!validate(plain)) {
    for (const error of validate.errors ?? []) issues.push(toIssue(error, plain));
  }
  if (mode === 'create') {
    for (const name of READ_ONLY_PROPERTIES) {
      if (name in plain) {
        issues.push({ field: name, rule: 'readOnly', message: `${name}: is read-only and cannot be set`, aws: `#/${name}: is a read-only property` });
      }
    }
  }
  issues.push(...duplicateTagKeys(plain));
  return dedupe(issues);
}

/** All issues as one text, one per line (empty string when there are none). */
export function validationMessage(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => issue.message).join('\n');
}

/**
 * The issues as Cloud Control words a schema failure (real-aws-notes "Writes", observed):
 * `Model validation failed (#/Description: expected maxLength: 250, actual: 251)`.
 */
export function awsValidationMessage(issues: readonly ValidationIssue[]): string {
  const parts = issues.map((issue) => issue.aws ?? `#/${issue.field}: ${issue.message}`);
  if (parts.length > 1) parts.unshift(`#: ${parts.length} schema violations found`);
  return `Model validation failed (${parts.join('; ')})`;
}

const NAME_RULE = 'may contain only letters, digits, spaces, _ @ and -';
const PATTERN_TEXT: Record<string, string> = {
  SecurityProfileName: NAME_RULE,
  InstanceArn: 'must be a Connect instance ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID)',
  SecurityProfileArn: 'must be a security profile ARN',
  AllowedAccessControlHierarchyGroupId: 'may contain only letters, digits and -',
  LastModifiedRegion: 'must be a region name such as us-east-1',
};

function toIssue(error: ErrorObject, model: object): ValidationIssue {
  const base = error.instancePath.replace(/^\//, '').replace(/~1/g, '/').replace(/~0/g, '~');
  const value = valueAt(model, error.instancePath);
  const params = error.params as Record<string, unknown>;
  const limit = Number(params.limit);
  const at = base ? `#/${base}` : '#';
  const issue = (field: string, rule: string, text: string, aws: string): ValidationIssue => ({
    field,
    rule,
    message: `${field || 'profile'}: ${text}`,
    aws: `${at}: ${aws}`,
  });
  const length = lengthOf(value);
  switch (error.keyword) {
    case 'required': {
      const field = join(base, String(params.missingProperty));
      return issue(field, 'required', 'is required', `required key [${String(params.missingProperty)}] not found`);
    }
    case 'additionalProperties': {
      const field = join(base, String(params.additionalProperty));
      return issue(field, 'additionalProperties', 'is not a known property', `extraneous key [${String(params.additionalProperty)}] is not permitted`);
    }
    case 'type':
      return issue(base, 'type', `must be ${article(String(params.type))} (got ${typeName(value)})`, `expected type: ${capitalise(String(params.type))}, found: ${jsonTypeName(value)}`);
    case 'minLength':
      return limit === 1
        ? issue(base, 'minLength', 'must not be empty', `expected minLength: 1, actual: ${length}`)
        : issue(base, 'minLength', `at least ${limit} characters (got ${length})`, `expected minLength: ${limit}, actual: ${length}`);
    case 'maxLength':
      return issue(base, 'maxLength', `at most ${limit} characters (got ${length})`, `expected maxLength: ${limit}, actual: ${length}`);
    case 'minItems':
      return issue(base, 'minItems', `at least ${limit} ${plural(limit, 'item')} (got ${length})`, `expected minimum item count: ${limit}, found: ${length}`);
    case 'maxItems':
      return issue(base, 'maxItems', `at most ${limit} items (got ${length})`, `expected maximum item count: ${limit}, found: ${length}`);
    case 'uniqueItems': {
      const dup: unknown = Array.isArray(value) ? (value as unknown[])[Number(params.j)] : undefined;
      return issue(base, 'uniqueItems', `items must be unique (${describeItem(dup)} appears twice)`, 'array items are not unique');
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String).join(', ');
      return issue(base, 'enum', `must be one of ${allowed} (got ${show(value)})`, 'failed validation constraint for keyword [enum]');
    }
    case 'pattern':
      return issue(base, 'pattern', `${patternText(base, value)} (got ${show(value)})`, 'failed validation constraint for keyword [pattern]');
    default:
      return issue(base, error.keyword, `${error.message ?? 'is invalid'} (got ${show(value)})`, `failed validation constraint for keyword [${error.keyword}]`);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The JSON type of a value in everit's words (`String`, `Integer`, `JSONArray`, …). */
function jsonTypeName(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'JSONArray';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'BigDecimal';
  if (typeof value === 'object') return 'JSONObject';
  return capitalise(typeof value);
}

/** A field path (`Tags/0/Key`) in words for a person, from AWS's or spex's form. */
function fieldLabel(field: string): string {
  return field || 'profile';
}

/**
 * Cloud Control's schema-failure text (`Model validation failed (#/Description: expected
 * maxLength: 250, actual: 251)`) in spex's words, one sentence per violation naming the field and
 * the rule; undefined when the text is not such a message.
 */
export function explainAwsValidation(text: string): string | undefined {
  const start = text.indexOf('#');
  if (!/validation failed|#\S*: (expected|extraneous|required|failed validation|array items)/i.test(text) || start < 0) return undefined;
  const body = text.slice(start).replace(/\)\s*(\(HandlerErrorCode.*)?$/s, '');
  const parts = body.split(/(?:;\s*|\s+)(?=#(?:\/[^\s:;]*)?: )/).map((p) => p.trim()).filter(Boolean);
  const sentences: string[] = [];
  for (const part of parts) {
    const m = /^#(\/[^\s:;]*)?: (.*)$/s.exec(part);
    if (!m) continue;
    const field = (m[1] ?? '').replace(/^\//, '');
    const rule = m[2]!.replace(/[).\s]+$/, '');
    const say = (f: string, words: string): void => {
      sentences.push(`${fieldLabel(f)}: ${words}`);
    };
    let g: RegExpExecArray | null;
    if (/^\d+ schema violations found/.test(rule)) continue;
    if ((g = /^expected maxLength: (\d+), actual: (\d+)/.exec(rule))) say(field, `at most ${g[1]} characters (got ${g[2]})`);
    else if ((g = /^expected minLength: (\d+), actual: (\d+)/.exec(rule))) say(field, g[1] === '1' ? 'must not be empty' : `at least ${g[1]} characters (got ${g[2]})`);
    else if ((g = /^expected maximum item count: (\d+), found: (\d+)/.exec(rule))) say(field, `at most ${g[1]} items (got ${g[2]})`);
    else if ((g = /^expected minimum item count: (\d+), found: (\d+)/.exec(rule))) say(field, `at least ${g[1]} items (got ${g[2]})`);
    else if ((g = /^extraneous key \[(.+?)\] is not permitted/.exec(rule))) say(join(field, g[1]!), 'is not a known property');
    else if ((g = /^required key \[(.+?)\] not found/.exec(rule))) say(join(field, g[1]!), 'is required');
    else if (/^array items are not unique/.test(rule)) say(field, 'items must be unique');
    else if ((g = /^expected type: (\w+), found: (\w+)/.exec(rule))) say(field, `must be ${article(g[1]!.toLowerCase())} (got ${g[2]})`);
    else if (/keyword \[pattern\]|does not match pattern/.test(rule)) say(field, patternText(field, undefined));
    else if (/keyword \[enum\]|is not a valid enum value/.test(rule)) say(field, 'is not one of the allowed values');
    else say(field, rule);
  }
  return sentences.length > 0 ? sentences.join('; ') : undefined;
}

function patternText(field: string, value: unknown): string {
  const last = field.split('/').at(-1) ?? '';
  const known = PATTERN_TEXT[field];
  if (known) return known;
  if (last === 'Key') {
    return typeof value === 'string' && value.startsWith('aws:')
      ? 'must not start with aws:'
      : 'may contain only letters, digits and + - = . _ : / (no spaces)';
  }
  if (last === 'AttributeName') {
    return typeof value === 'string' && /^(aws:|connect:)/.test(value)
      ? 'must not start with aws: or connect:'
      : "may contain only letters, digits, spaces and - _ . : = @ ' |";
  }
  if (/^.*Values\/\d+$/.test(field)) return 'may contain only printable Latin-1 characters';
  return 'has a format the schema does not allow';
}

/**
 * Tags are a map in the Connect API, so two tags with the same key can never be stored, even with
 * different values; the registry schema's uniqueItems only catches identical tags.
 */
function duplicateTagKeys(model: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const field of ['Tags', 'AllowedAccessControlTags']) {
    const tags = model[field];
    if (!Array.isArray(tags)) continue;
    const seen = new Set<string>();
    for (const tag of tags) {
      const key = (tag as { Key?: unknown } | null)?.Key;
      if (typeof key !== 'string') continue;
      if (seen.has(key)) {
        issues.push({ field, rule: 'uniqueItems', message: `${field}: items must be unique (Key ${show(key)} appears twice)`, aws: `#/${field}: array items are not unique` });
        break;
      }
      seen.add(key);
    }
  }
  return issues;
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  // An empty value breaks both minLength and pattern: "must not be empty" says it all.
  const empty = new Set(issues.filter((i) => i.rule === 'minLength').map((i) => i.field));
  return issues.filter((issue) => {
    if (issue.rule === 'pattern' && empty.has(issue.field)) return false;
    // A uniqueItems issue from the schema and from the key check say the same thing once.
    const key = issue.rule === 'uniqueItems' ? `${issue.field}|uniqueItems` : issue.message;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function valueAt(model: object, pointer: string): unknown {
  let current: unknown = model;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function join(base: string, name: string): string {
  return base ? `${base}/${name}` : name;
}

function describeItem(item: unknown): string {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const record = item as Record<string, unknown>;
    for (const key of ['Key', 'Namespace', 'FlowModuleId', 'AttributeName']) {
      if (typeof record[key] === 'string') return `${key} ${show(record[key])}`;
    }
  }
  return show(item);
}

/** A short, JSON-quoted rendering of a value for a message (long values are cut). */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text = JSON.stringify(value) ?? 'undefined';
  if (text.length > 60) text = `${text.slice(0, 57)}…`;
  return text;
}

function lengthOf(value: unknown): number {
  if (typeof value === 'string') return [...value].length;
  return Array.isArray(value) ? value.length : 0;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
