// Schema validation of a security profile against the official AWS::Connect::SecurityProfile schema.
// Pure: used by the emulator (as Cloud Control would) and by spex before it sends anything, so a bad
// field is named, with its rule, before a request goes out.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../data/aws-connect-securityprofile.schema.json' with { type: 'json' };
import { READ_ONLY_PROPERTIES } from './security-profile.js';

export interface ValidationIssue {
  /** Path of the field, e.g. `SecurityProfileName` or `Tags/2/Key` (empty for the model itself). */
  field: string;
  /** The schema rule that failed: required, pattern, maxLength, maxItems, uniqueItems, enum, … */
  rule: string;
  /** A sentence naming the field, the rule and the offending value. */
  message: string;
}

let compiled: ValidateFunction | undefined;

/** Compiled once, on first use: compiling costs far more than validating. */
function validator(): ValidateFunction {
  if (!compiled) {
    // strict: false because the registry schema carries CloudFormation keywords (insertionOrder,
    // tagging, handlers, …) that are not JSON Schema. unicodeRegExp (the default) is needed for the
    // \p{L} classes of AttributeName; patterns are kept exactly as AWS wrote them.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
    compiled = ajv.compile(schema);
  }
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
    plain = JSON.parse(JSON.stringify(model)) as Record<string, unknown>;
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
        issues.push({ field: name, rule: 'readOnly', message: `${name}: is read-only and cannot be set` });
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
  const issue = (field: string, rule: string, text: string): ValidationIssue => ({
    field,
    rule,
    message: `${field || 'profile'}: ${text}`,
  });
  switch (error.keyword) {
    case 'required': {
      const field = join(base, String(params.missingProperty));
      return issue(field, 'required', 'is required');
    }
    case 'additionalProperties': {
      const field = join(base, String(params.additionalProperty));
      return issue(field, 'additionalProperties', 'is not a known property');
    }
    case 'type':
      return issue(base, 'type', `must be ${article(String(params.type))} (got ${typeName(value)})`);
    case 'minLength':
      return params.limit === 1
        ? issue(base, 'minLength', 'must not be empty')
        : issue(base, 'minLength', `at least ${params.limit} characters (got ${lengthOf(value)})`);
    case 'maxLength':
      return issue(base, 'maxLength', `at most ${params.limit} characters (got ${lengthOf(value)})`);
    case 'minItems':
      return issue(base, 'minItems', `at least ${params.limit} ${plural(Number(params.limit), 'item')} (got ${lengthOf(value)})`);
    case 'maxItems':
      return issue(base, 'maxItems', `at most ${params.limit} items (got ${lengthOf(value)})`);
    case 'uniqueItems': {
      const dup = Array.isArray(value) ? value[Number(params.j)] : undefined;
      return issue(base, 'uniqueItems', `items must be unique (${describeItem(dup)} appears twice)`);
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String).join(', ');
      return issue(base, 'enum', `must be one of ${allowed} (got ${show(value)})`);
    }
    case 'pattern':
      return issue(base, 'pattern', `${patternText(base, value)} (got ${show(value)})`);
    default:
      return issue(base, error.keyword, `${error.message ?? 'is invalid'} (got ${show(value)})`);
  }
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
        issues.push({ field, rule: 'uniqueItems', message: `${field}: items must be unique (Key ${show(key)} appears twice)` });
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
  let text = JSON.stringify(value) ?? String(value);
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
