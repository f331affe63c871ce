// HCL for Terraform: `awscc_connect_security_profile` (every field, as Cloud Control has them) or the
// standard `aws_connect_security_profile` (name, description, permissions and tags only), each with an
// `import` block. A profile's text is inert here whatever it holds: HCL strings are templates, so `${`
// and `%{` are written `$${` and `%%{`; quotes, backslashes and every control character are escaped
// (C1 and bidi controls as \uXXXX too); keys that are not identifiers are quoted; resource labels are
// identifiers made from the name, unique. What HCL cannot hold (a lone UTF-16 surrogate, text that is
// not in Unicode NFC, which HCL normalises) is reported as a loss, never written differently in silence. Pure.
import { type ExportLoss, NAME_PATTERN, refusedTagKeys, schemaShaped } from './export-shape.js';
import { groupPermissions } from '../permissions/permissions.js';
import { escapeUnsafe, hasLoneSurrogate, replaceLoneSurrogates } from '../text/sanitize.js';
import type { SecurityProfile } from '../profile/security-profile.js';

export type TerraformFlavour = 'terraform-awscc' | 'terraform-aws';

/**
 * An HCL quoted string whose content is exactly `text`: quotes, backslashes and controls escaped as HCL
 * escapes them (C1 and bidi controls as \uNNNN too), and the template sequences doubled so they stay literal.
 * A function replacer: in a replacement *string*, `$$` means one `$`, which is how `${` once slipped through.
 */
export function hclString(text: string, onLoss?: (why: string) => void): string {
  let safe = text;
  if (hasLoneSurrogate(text)) {
    onLoss?.('holds a lone UTF-16 surrogate, which HCL (UTF-8) cannot hold: written as U+FFFD');
    safe = replaceLoneSurrogates(text);
  }
  // HCL reads every string literal as Unicode NFC: Terraform would see (and send) another string.
  if (safe.normalize('NFC') !== safe) {
    onLoss?.('is not in Unicode NFC form, and Terraform reads every string as NFC: written as its NFC form');
    safe = safe.normalize('NFC');
  }
  return `"${escapeUnsafe(safe.replace(HCL_ESCAPED, hclEscape))
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{')}"`;
}

/** What an HCL quoted string must escape: its quote, the backslash, and C0 controls. */
const HCL_ESCAPED = /["\\\u0000-\u001f]/g;
/** HCL's escapes are \n \r \t \" \\ and \uNNNN only: JSON's \b and \f are errors in HCL. */
function hclEscape(c: string): string {
  if (c === '"') return '\\"';
  if (c === '\\') return '\\\\';
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** An attribute or object key: a bare identifier when it is one, else a quoted (and escaped) string. */
function hclKey(key: string, onLoss?: (why: string) => void): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : hclString(key, onLoss);
}

function hclValue(value: unknown, indent: string, onLoss: (why: string) => void): string {
  if (typeof value === 'string') return hclString(value, onLoss);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return `[${value.map((v) => hclString(v, onLoss)).join(', ')}]`;
    return `[\n${value.map((v) => `${indent}  ${hclValue(v, `${indent}  `, onLoss)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{\n${entries.map(([k, v]) => `${indent}  ${hclKey(snake(k), onLoss)} = ${hclValue(v, `${indent}  `, onLoss)}`).join('\n')}\n${indent}}`;
  }
  return 'null';
}

/** `AllowedAccessControlTags` → `allowed_access_control_tags`, as the awscc provider names attributes. */
function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/** A Terraform resource label from a profile name: lower snake case, starting with a letter, unique, at most 64 characters. */
function resourceLabel(name: string, taken: Set<string>): string {
  let base = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 56) || 'profile';
  if (!/^[a-z]/.test(base)) base = `profile_${base}`;
  let label = base;
  for (let i = 2; taken.has(label); i++) label = `${base}_${i}`;
  taken.add(label);
  return label;
}

/** Neither provider can carry a profile's allowed AI agents: only the Connect API sets them. */
export const AI_AGENTS_LOSS = 'allowed AI agents are set through the Connect API only (the AWS::Connect::SecurityProfile schema has no such property): left out; spex apply carries them';

/** Fields the standard provider's resource has no argument for. */
const AWS_UNSUPPORTED = ['AllowedAccessControlTags', 'TagRestrictedResources', 'HierarchyRestrictedResources', 'AllowedAccessControlHierarchyGroupId', 'Applications', 'AllowedFlowModules', 'GranularAccessControlConfiguration'] as const;

/**
 * HCL for `flavour`, each resource with an `import` block so Terraform adopts the existing profile
 * instead of creating a new one. What the target cannot express is reported (exit 3 unless
 * --allow-loss), never dropped in silence.
 */
export function toTerraform(profiles: readonly SecurityProfile[], flavour: TerraformFlavour): { hcl: string; losses: ExportLoss[] } {
  const losses: ExportLoss[] = [];
  const blocks: string[] = [];
  const taken = new Set<string>();
  const sorted = [...profiles].sort((a, b) => a.SecurityProfileName.localeCompare(b.SecurityProfileName));
  for (const p of sorted) {
    const name = p.SecurityProfileName;
    if (flavour === 'terraform-awscc' && !NAME_PATTERN.test(name)) {
      losses.push({ profile: name, field: 'SecurityProfileName', why: 'awscc (Cloud Control) refuses this name: the profile is left out' });
      continue;
    }
    const label = resourceLabel(name, taken);
    const lines: string[] = [];
    const set = (key: string, value: unknown): void => {
      if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
      lines.push(`  ${key} = ${hclValue(value, '  ', (why) => losses.push({ profile: name, field: key, why }))}`);
    };
    const str = (key: string, text: string): string => hclString(text, (why) => losses.push({ profile: name, field: key, why }));
    const permissions = p.Permissions?.length ? groupPermissions(p.Permissions).flatMap((g) => g.items.map((i) => i.name)) : undefined;
    const instanceArn = p.InstanceArn;
    const profileId = (p.SecurityProfileArn ?? '').split('/').pop() ?? '';
    if (flavour === 'terraform-awscc') {
      set('instance_arn', instanceArn);
      set('security_profile_name', name);
      set('description', p.Description);
      set('permissions', permissions);
      const badTags = refusedTagKeys(p.Tags ?? []);
      for (const t of badTags) losses.push({ profile: name, field: `Tags (${t.Key})`, why: 'a tag key awscc (Cloud Control) refuses: left out' });
      set('tags', p.Tags?.filter((t) => !badTags.includes(t)).map((t) => ({ key: t.Key, value: t.Value })));
      set('allowed_access_control_tags', p.AllowedAccessControlTags?.map((t) => ({ key: t.Key, value: t.Value })));
      set('tag_restricted_resources', p.TagRestrictedResources);
      set('hierarchy_restricted_resources', p.HierarchyRestrictedResources);
      set('allowed_access_control_hierarchy_group_id', p.AllowedAccessControlHierarchyGroupId);
      set('applications', schemaShaped('Applications', p.Applications, name, losses));
      set('allowed_flow_modules', schemaShaped('AllowedFlowModules', p.AllowedFlowModules, name, losses));
      set('granular_access_control_configuration', schemaShaped('GranularAccessControlConfiguration', p.GranularAccessControlConfiguration, name, losses));
      if (p.AllowedAIAgents?.length) losses.push({ profile: name, field: 'AllowedAIAgents', why: AI_AGENTS_LOSS });
      blocks.push(`resource "awscc_connect_security_profile" "${label}" {\n${lines.join('\n')}\n}\n\nimport {\n  to = awscc_connect_security_profile.${label}\n  id = ${str('SecurityProfileArn', p.SecurityProfileArn ?? '')}\n}\n`);
      continue;
    }
    set('instance_id', instanceArn.split('/').pop());
    set('name', name);
    set('description', p.Description);
    set('permissions', permissions);
    if (p.Tags?.length) lines.push(`  tags = {\n${p.Tags.map((t) => `    ${str('tags', t.Key)} = ${str('tags', t.Value)}`).join('\n')}\n  }`);
    for (const field of AWS_UNSUPPORTED) {
      const value = p[field];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      losses.push({ profile: name, field, why: 'the standard aws_connect_security_profile has no such argument (terraform-awscc keeps it): left out' });
    }
    if (p.AllowedAIAgents?.length) losses.push({ profile: name, field: 'AllowedAIAgents', why: AI_AGENTS_LOSS });
    blocks.push(`resource "aws_connect_security_profile" "${label}" {\n${lines.join('\n')}\n}\n\nimport {\n  to = aws_connect_security_profile.${label}\n  id = ${str('SecurityProfileArn', `${instanceArn.split('/').pop()}:${profileId}`)}\n}\n`);
  }
  return { hcl: `# Amazon Connect security profiles, exported by spex (${flavour}).\n\n${blocks.join('\n')}`, losses };
}
