// What the exports to other tools (CloudFormation, Terraform) share: the losses they report, the names
// and tag keys Cloud Control's schema refuses, and the schema's shape of the nested fields. A profile
// comes from the server, and anyone who can edit one in the console controls its text: a nested value
// with a key such as `Fn::Sub` or `Ref` would become an intrinsic function in a template, and a key with
// `=` or `}` would become HCL syntax. So nested values are written only in the shape the official
// schema gives them: its keys, its types; anything else is reported as a loss, never written. Pure.
import schema from '../../../data/aws-connect-securityprofile.schema.json' with { type: 'json' };
import type { Tag } from '../profile/security-profile.js';

/** What an export to another tool had to leave out, said on stderr (exit 3 unless --allow-loss). */
export interface ExportLoss {
  profile: string;
  field: string;
  why: string;
}

/** The names CloudFormation and Cloud Control take (the schema's SecurityProfileName pattern). */
export const NAME_PATTERN = /^[ a-zA-Z0-9_@-]+$/;

/** Tags whose keys Cloud Control's schema (and so CloudFormation and awscc) refuses: spaces and the like. */
export function refusedTagKeys(tags: readonly Tag[]): Tag[] {
  return tags.filter((t) => !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(t.Key) || /\s/.test(t.Key));
}

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  $ref?: string;
}
const definitions = (schema as unknown as { definitions: Record<string, SchemaNode> }).definitions;
const properties = (schema as unknown as { properties: Record<string, SchemaNode> }).properties;

const resolve = (node: SchemaNode): SchemaNode => (node.$ref ? resolve(definitions[node.$ref.replace('#/definitions/', '')] ?? {}) : node);

/**
 * `value` cut to the schema's shape for `node`: objects keep the schema's keys, arrays their items,
 * scalars their type. Each part left out is named in `dropped` (as a path), for the loss report.
 */
function shape(value: unknown, node: SchemaNode, path: string, dropped: string[]): unknown {
  const n = resolve(node);
  if (n.type === 'object' || n.properties !== undefined) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      dropped.push(path);
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const child = n.properties !== undefined && Object.hasOwn(n.properties, key) ? n.properties[key] : undefined;
      if (child === undefined) {
        dropped.push(`${path}.${key}`);
        continue;
      }
      const kept = shape(item, child, `${path}.${key}`, dropped);
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  if (n.type === 'array') {
    if (!Array.isArray(value)) {
      dropped.push(path);
      return undefined;
    }
    return value.flatMap((item, i) => {
      const kept = shape(item, n.items ?? {}, `${path}[${i}]`, dropped);
      return kept === undefined ? [] : [kept];
    });
  }
  const ok =
    (n.type === 'string' && typeof value === 'string') ||
    ((n.type === 'integer' || n.type === 'number') && typeof value === 'number' && Number.isFinite(value)) ||
    (n.type === 'boolean' && typeof value === 'boolean');
  if (!ok) dropped.push(path);
  return ok ? value : undefined;
}

/** A nested field (Applications, AllowedFlowModules, GranularAccessControlConfiguration) in its schema shape. */
export function schemaShaped<T>(field: string, value: T, profile: string, losses: ExportLoss[]): T | undefined {
  const node = properties[field];
  if (node === undefined || value === undefined) return value;
  const dropped: string[] = [];
  const kept = shape(value, node, field, dropped);
  for (const path of dropped) losses.push({ profile, field: path, why: 'a value the resource schema does not have: left out' });
  return kept as T | undefined;
}

/** The words a resource's logical id or label is made of: letters and digits only. */
export function identifierWords(text: string): string[] {
  return text.replace(/[^A-Za-z0-9]+/g, ' ').split(' ').filter(Boolean);
}
