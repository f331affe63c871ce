// The Amazon Connect API model (data/connect-model.json, cut from botocore's service model by
// scripts/connect-model.mjs): every operation's route, and the input shapes of the operations the
// emulator serves. Requests are routed and their inputs bound and checked from it, so the emulator
// refuses exactly what the model refuses, in the model's words.
import data from '../../../data/connect-model.json' with { type: 'json' };
import { ConnectError } from './errors.js';

interface MemberRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers';
  locationName?: string;
}
export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'double' | 'float' | 'blob';
  required?: string[];
  members?: Record<string, MemberRef>;
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  min?: number;
  max?: number;
  enum?: string[];
  pattern?: string;
}
interface Operation {
  method: string;
  uri: string;
  input?: string;
  errors?: string[];
}

const MODEL = data as unknown as { operations: Record<string, Operation>; errors: Record<string, number>; shapes: Record<string, Shape> };

/** HTTP status of each error the served operations declare (the model's `httpStatusCode`). */
export const ERROR_STATUS: Readonly<Record<string, number>> = MODEL.errors;

interface Route {
  operation: string;
  method: string;
  pattern: RegExp;
  labels: string[];
  literal: number;
}

function compile(operation: string, op: Operation): Route {
  const path = op.uri.split('?')[0] ?? '/';
  const labels: string[] = [];
  let literal = 0;
  const source = path
    .split('/')
    .map((segment) => {
      const label = /^\{([^}+]+)(\+?)\}$/.exec(segment);
      if (!label) {
        literal += 1;
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
      labels.push(label[1] ?? '');
      // A greedy label ({Key+}) spans segments; any other is one segment (the SDKs encode its slashes).
      return label[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { operation, method: op.method, pattern: new RegExp(`^${source}$`), labels, literal };
}

// The most literal route first, as the service routes `/users/{I}/{U}/security-profiles` before `/users/{I}/{U}`.
const ROUTES: Route[] = Object.entries(MODEL.operations)
  .map(([name, op]) => compile(name, op))
  .sort((a, b) => b.literal - a.literal || a.labels.length - b.labels.length);

export interface Routed {
  operation: string;
  /** Whether the emulator serves it (its input shape is in the model file). */
  served: boolean;
  labels: Record<string, string>;
  malformed: boolean;
}

/** A path segment decoded, or undefined when its percent-escapes are malformed (`%E0%A4%A`, `%zz`). */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The Connect operation a method and path name, served or not. */
export function routeOf(method: string, path: string): Routed | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const decoded = match.slice(1).map(decodeSegment);
    return {
      operation: route.operation,
      served: MODEL.operations[route.operation]?.input !== undefined,
      labels: Object.fromEntries(route.labels.map((name, i) => [name, decoded[i] ?? ''])),
      malformed: decoded.some((d) => d === undefined),
    };
  }
  return undefined;
}

// ---- Binding and validation ------------------------------------------------------------------

const shapeOf = (name: string): Shape => {
  const shape = MODEL.shapes[name];
  if (!shape) throw new Error(`connect-model.json has no shape ${name}`);
  return shape;
};

const show = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

const serialization = (message: string): ConnectError => new ConnectError('SerializationException', message, 400);

/** A scalar read from a URI label, query string or header, as its shape's type. */
function fromText(shape: Shape, text: string, where: string): unknown {
  if (shape.type === 'integer' || shape.type === 'long') {
    if (!/^-?\d+$/.test(text)) throw serialization(`${where}: ${show(text)} is not an integer`);
    return Number(text);
  }
  if (shape.type === 'boolean') {
    if (text !== 'true' && text !== 'false') throw serialization(`${where}: ${show(text)} is not a boolean`);
    return text === 'true';
  }
  return text;
}

const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  // Smithy patterns are ECMA-262 and not implicitly anchored (Smithy spec, `pattern` trait).
  if (!re) patterns.set(source, (re = new RegExp(source, 'u')));
  return re;
}

/**
 * Checks a value against its shape, collecting each violation as AWS words it ("Value 'x' at
 * 'a.b' failed to satisfy constraint: Member must …"). Wrong JSON types are a SerializationException,
 * as restJson1 services answer a body they cannot read.
 */
function check(shapeName: string, value: unknown, path: string, out: string[]): void {
  const shape = shapeOf(shapeName);
  const at = (rule: string): void => void out.push(`Value ${value === undefined ? '' : `'${show(value)}' `}at '${path}' failed to satisfy constraint: Member must ${rule}`);
  const size = (n: number, noun: string): void => {
    if (shape.min !== undefined && n < shape.min) at(`have ${noun} greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && n > shape.max) at(`have ${noun} less than or equal to ${shape.max}`);
  };
  switch (shape.type) {
    case 'structure': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw serialization(`${path}: expected an object`);
      const object = value as Record<string, unknown>;
      for (const name of shape.required ?? []) if (object[name] === undefined || object[name] === null) out.push(`Value at '${path ? `${path}.` : ''}${name}' failed to satisfy constraint: Member must not be null`);
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const member = object[name];
        if (member !== undefined && member !== null) check(ref.shape, member, path ? `${path}.${name}` : name, out);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) throw serialization(`${path}: expected a list`);
      size(value.length, 'length');
      value.forEach((item, i) => check(shape.member?.shape ?? '', item, `${path}.${i + 1}.member`, out));
      return;
    }
    case 'map': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw serialization(`${path}: expected a map`);
      const entries = Object.entries(value as Record<string, unknown>);
      size(entries.length, 'length');
      for (const [k, v] of entries) {
        check(shape.key?.shape ?? '', k, `${path}.${k}.key`, out);
        if (v !== null) check(shape.value?.shape ?? '', v, `${path}.${k}.value`, out);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') throw serialization(`${path}: expected a string`);
      size(value.length, 'length');
      if (shape.enum && !shape.enum.includes(value)) at(`satisfy enum value set: [${shape.enum.join(', ')}]`);
      if (shape.pattern && !patternOf(shape.pattern).test(value)) at(`satisfy regular expression pattern: ${shape.pattern}`);
      return;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw serialization(`${path}: expected an integer`);
      if (shape.min !== undefined && value < shape.min) at(`have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) at(`have value less than or equal to ${shape.max}`);
      return;
    }
    case 'double':
    case 'float':
    case 'timestamp':
      if (typeof value !== 'number' && typeof value !== 'string') throw serialization(`${path}: expected a number`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw serialization(`${path}: expected a boolean`);
      return;
    default:
      return;
  }
}

/**
 * The input of a served operation, bound from its URI labels, query string and JSON body as the
 * model places each member, and checked against the model's constraints. A violation is the
 * model's InvalidParameterException with AWS's "N validation errors detected: …" message.
 */
export function bindInput(operation: string, labels: Record<string, string>, url: URL, body: Record<string, unknown>): Record<string, unknown> {
  const inputName = MODEL.operations[operation]?.input;
  if (inputName === undefined) throw new Error(`${operation} is not served`);
  const shape = shapeOf(inputName);
  const input: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const member = shapeOf(ref.shape);
    const wire = ref.locationName ?? name;
    if (ref.location === 'uri') {
      if (labels[wire] !== undefined) input[name] = fromText(member, labels[wire], wire);
    } else if (ref.location === 'querystring') {
      const values = url.searchParams.getAll(wire);
      if (member.type === 'list') {
        if (values.length > 0) input[name] = values.map((v) => fromText(shapeOf(member.member?.shape ?? ''), v, wire));
      } else if (values.length > 0) input[name] = fromText(member, values[0] ?? '', wire);
    } else if (ref.location === undefined && body[name] !== undefined && body[name] !== null) {
      input[name] = body[name];
    }
  }
  const problems: string[] = [];
  check(inputName, input, '', problems);
  if (problems.length > 0) {
    const head = problems.length === 1 ? '1 validation error detected' : `${problems.length} validation errors detected`;
    throw new ConnectError('InvalidParameterException', `${head}: ${problems.slice(0, 10).join('; ')}`, 400);
  }
  return input;
}

/** Every operation the model names (for docs and tests). */
export const MODELLED_OPERATIONS: readonly string[] = Object.keys(MODEL.operations);
/** The operations the emulator serves: those whose input shapes the model file carries. */
export const SERVED_OPERATIONS: readonly string[] = Object.entries(MODEL.operations)
  .filter(([, op]) => op.input !== undefined)
  .map(([name]) => name);

/**
 * What Connect could never hold in a stored profile (the store keeps Cloud Control's shape): its fields
 * checked as an UpdateSecurityProfile would carry them, against the model. The name is not checked:
 * the console makes names the API's pattern refuses (real-aws-notes "Writes").
 */
export function profileProblems(model: Record<string, unknown>): string[] {
  const asMap = (list: unknown): Record<string, unknown> | undefined =>
    Array.isArray(list) ? Object.fromEntries((list as { Key?: unknown; Value?: unknown }[]).map((t) => [String(t?.Key), t?.Value])) : undefined;
  const input: Record<string, unknown> = { InstanceId: 'i', SecurityProfileId: 'p' };
  for (const name of ['Description', 'Permissions', 'TagRestrictedResources', 'HierarchyRestrictedResources', 'Applications', 'AllowedFlowModules', 'AllowedAccessControlHierarchyGroupId', 'GranularAccessControlConfiguration']) {
    if (model[name] !== undefined && model[name] !== null) input[name] = model[name];
  }
  const tags = asMap(model.AllowedAccessControlTags);
  if (tags) input.AllowedAccessControlTags = tags;
  const out: string[] = [];
  try {
    check('UpdateSecurityProfileRequest', input, '', out);
  } catch (error) {
    out.push((error as Error).message);
  }
  return out;
}
