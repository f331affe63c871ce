// Security profiles as code: spex's own file format, for people (`spex export`, `spex plan`). One
// document per instance: every writable field of each profile, under its CloudFormation name, with
// tags as maps, permissions grouped and commented with the console's labels, and the hierarchy group
// written as its path of names (the id beside it), so the file applies to another instance too. Pure.
import YAML from 'yaml';
import { groupPermissions, lookupPermission, permissionLabel } from './permissions.js';
import type { HierarchyGroup, SecurityProfile, SecurityProfileDraft, Tag } from './security-profile.js';

export const FILE_KIND = 'spex/security-profiles';
export const FILE_VERSION = 1;

/** A profile as the file holds it. */
export interface FileProfile {
  SecurityProfileName: string;
  Description?: string;
  Permissions?: string[];
  Tags?: Record<string, string>;
  AllowedAccessControlTags?: Record<string, string>;
  TagRestrictedResources?: string[];
  HierarchyRestrictedResources?: string[];
  /** The hierarchy group by its path of names ("Americas/Support floor"); `id` is the source instance's. */
  AllowedAccessControlHierarchyGroup?: { path: string; id?: string };
  Applications?: SecurityProfile['Applications'];
  AllowedFlowModules?: SecurityProfile['AllowedFlowModules'];
  GranularAccessControlConfiguration?: SecurityProfile['GranularAccessControlConfiguration'];
}

export interface ProfilesFile {
  kind: typeof FILE_KIND;
  version: typeof FILE_VERSION;
  profiles: FileProfile[];
}

const toMap = (tags: readonly Tag[] | undefined): Record<string, string> | undefined =>
  tags === undefined || tags.length === 0 ? undefined : Object.fromEntries([...tags].sort((a, b) => a.Key.localeCompare(b.Key)).map((t) => [t.Key, t.Value]));
const toTags = (map: Record<string, string> | undefined): Tag[] | undefined =>
  map === undefined || Object.keys(map).length === 0 ? undefined : Object.entries(map).map(([Key, Value]) => ({ Key, Value }));

/** "Americas/Support floor": a group's path of names from the top, by its parents. */
export function groupPath(groupId: string, groups: readonly HierarchyGroup[]): string | undefined {
  const byArn = new Map(groups.map((g) => [g.arn, g]));
  let group = groups.find((g) => g.id === groupId);
  if (group === undefined) return undefined;
  const names: string[] = [];
  const seen = new Set<string>();
  while (group !== undefined && !seen.has(group.arn)) {
    seen.add(group.arn);
    names.unshift(group.name ?? group.id);
    group = group.parentGroupArn === undefined ? undefined : byArn.get(group.parentGroupArn);
  }
  return names.join('/');
}

/** A stored profile as the file writes it: only what can be set, in a stable order. */
export function toFileProfile(profile: SecurityProfile, groups: readonly HierarchyGroup[]): FileProfile {
  const out: FileProfile = { SecurityProfileName: profile.SecurityProfileName };
  if (profile.Description) out.Description = profile.Description;
  if (profile.Permissions && profile.Permissions.length > 0) out.Permissions = groupPermissions(profile.Permissions).flatMap((g) => g.items.map((i) => i.name));
  const tags = toMap(profile.Tags);
  if (tags) out.Tags = tags;
  const act = toMap(profile.AllowedAccessControlTags);
  if (act) out.AllowedAccessControlTags = act;
  if (profile.TagRestrictedResources?.length) out.TagRestrictedResources = [...profile.TagRestrictedResources].sort();
  if (profile.HierarchyRestrictedResources?.length) out.HierarchyRestrictedResources = [...profile.HierarchyRestrictedResources].sort();
  if (profile.AllowedAccessControlHierarchyGroupId) {
    const id = profile.AllowedAccessControlHierarchyGroupId;
    out.AllowedAccessControlHierarchyGroup = { path: groupPath(id, groups) ?? id, id };
  }
  if (profile.Applications?.length) out.Applications = profile.Applications;
  if (profile.AllowedFlowModules?.length) out.AllowedFlowModules = profile.AllowedFlowModules;
  if (profile.GranularAccessControlConfiguration) out.GranularAccessControlConfiguration = profile.GranularAccessControlConfiguration;
  return out;
}

export function toProfilesFile(profiles: readonly SecurityProfile[], groups: readonly HierarchyGroup[]): ProfilesFile {
  const sorted = [...profiles].sort((a, b) => a.SecurityProfileName.localeCompare(b.SecurityProfileName, 'en', { sensitivity: 'base', numeric: true }));
  return { kind: FILE_KIND, version: FILE_VERSION, profiles: sorted.map((p) => toFileProfile(p, groups)) };
}

/** What the console calls a permission, for the comment beside it in the YAML. */
export function permissionComment(name: string): string | undefined {
  return lookupPermission(name) ? permissionLabel(name) : 'not in spex’s catalogue';
}

export type MapResult = { ok: true; draft: SecurityProfileDraft } | { ok: false; problem: string };

/**
 * A file profile as a draft for `instanceArn`: tags back to lists, the hierarchy group found by its
 * path of names among the target's groups (else, in the same instance, by its id). A path the target
 * does not have blocks the profile: the user chooses (create the group, or remove the field).
 */
export function toDraftFor(file: FileProfile, instanceArn: string, groups: readonly HierarchyGroup[]): MapResult {
  const draft: SecurityProfileDraft = { InstanceArn: instanceArn, SecurityProfileName: file.SecurityProfileName };
  if (file.Description !== undefined) draft.Description = file.Description;
  if (file.Permissions !== undefined) draft.Permissions = [...file.Permissions];
  const tags = toTags(file.Tags);
  if (tags) draft.Tags = tags;
  const act = toTags(file.AllowedAccessControlTags);
  if (act) draft.AllowedAccessControlTags = act;
  if (file.TagRestrictedResources) draft.TagRestrictedResources = [...file.TagRestrictedResources];
  if (file.HierarchyRestrictedResources) draft.HierarchyRestrictedResources = [...file.HierarchyRestrictedResources];
  if (file.AllowedAccessControlHierarchyGroup) {
    const { path, id } = file.AllowedAccessControlHierarchyGroup;
    const byPath = groups.find((g) => groupPath(g.id, groups) === path);
    const found = byPath ?? (id !== undefined ? groups.find((g) => g.id === id) : undefined);
    if (found === undefined) return { ok: false, problem: `${file.SecurityProfileName}: the hierarchy group "${path}" is not in this instance (create it, or remove AllowedAccessControlHierarchyGroup)` };
    draft.AllowedAccessControlHierarchyGroupId = found.id;
  }
  if (file.Applications) draft.Applications = file.Applications;
  if (file.AllowedFlowModules) draft.AllowedFlowModules = file.AllowedFlowModules;
  if (file.GranularAccessControlConfiguration) draft.GranularAccessControlConfiguration = file.GranularAccessControlConfiguration;
  return { ok: true, draft };
}

/** What an export to another tool had to leave out, said on stderr (exit 3 unless --allow-loss). */
export interface ExportLoss {
  profile: string;
  field: string;
  why: string;
}

/**
 * The most access-control tags CloudFormation takes on AWS::Connect::SecurityProfile in the schema
 * cfn-lint validates against (the Connect API and the July 2026 registry schema allow 4).
 */
export const CFN_MAX_ACCESS_TAGS = 2;
/** The flow module types CloudFormation takes (as cfn-lint's schema has them). */
export const CFN_FLOW_MODULE_TYPES: readonly string[] = ['MCP'];

const NAME_PATTERN = /^[ a-zA-Z0-9_@-]+$/;

/** Tags whose keys Cloud Control's schema (and so CloudFormation and awscc) refuses: spaces and the like. */
function refusedTagKeys(tags: readonly Tag[]): Tag[] {
  return tags.filter((t) => !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(t.Key) || /\s/.test(t.Key));
}

function logicalId(name: string, taken: Set<string>): string {
  const base = `SecurityProfile${name.replace(/[^A-Za-z0-9]+/g, ' ').split(' ').filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`.slice(0, 200);
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}${i}`;
  taken.add(id);
  return id;
}

/**
 * A CloudFormation template of AWS::Connect::SecurityProfile resources: the instance as a parameter
 * (so the template applies anywhere), each hierarchy group as a parameter named after its path with
 * the source id as default. What CloudFormation cannot express is reported, never dropped in silence;
 * a profile it cannot express at all (a name its schema refuses) is left out, so what is written is valid.
 */
export function toCloudFormation(profiles: readonly SecurityProfile[], instanceArn: string, groups: readonly HierarchyGroup[]): { template: Record<string, unknown>; losses: ExportLoss[] } {
  const losses: ExportLoss[] = [];
  const parameters: Record<string, unknown> = {
    InstanceArn: { Type: 'String', Default: instanceArn, Description: 'The Amazon Connect instance the profiles belong to' },
  };
  const groupParams = new Map<string, string>();
  const resources: Record<string, unknown> = {};
  const taken = new Set<string>();
  const sorted = [...profiles].sort((a, b) => a.SecurityProfileName.localeCompare(b.SecurityProfileName));
  for (const p of sorted) {
    if (!NAME_PATTERN.test(p.SecurityProfileName)) {
      losses.push({ profile: p.SecurityProfileName, field: 'SecurityProfileName', why: 'CloudFormation refuses this name (letters, digits, spaces, _ @ and - only): the profile is left out' });
      continue;
    }
    const props: Record<string, unknown> = { InstanceArn: { Ref: 'InstanceArn' }, SecurityProfileName: p.SecurityProfileName };
    if (p.Description) props.Description = p.Description;
    if (p.Permissions?.length) props.Permissions = groupPermissions(p.Permissions).flatMap((g) => g.items.map((i) => i.name));
    if (p.Tags?.length) {
      const bad = refusedTagKeys(p.Tags);
      for (const t of bad) losses.push({ profile: p.SecurityProfileName, field: `Tags (${t.Key})`, why: 'a tag key CloudFormation refuses: left out' });
      const kept = p.Tags.filter((t) => !bad.includes(t));
      if (kept.length) props.Tags = kept;
    }
    if (p.AllowedAccessControlTags?.length) {
      props.AllowedAccessControlTags = p.AllowedAccessControlTags.slice(0, CFN_MAX_ACCESS_TAGS);
      if (p.AllowedAccessControlTags.length > CFN_MAX_ACCESS_TAGS) {
        losses.push({ profile: p.SecurityProfileName, field: 'AllowedAccessControlTags', why: `CloudFormation takes at most ${CFN_MAX_ACCESS_TAGS}; ${p.AllowedAccessControlTags.slice(CFN_MAX_ACCESS_TAGS).map((t) => `${t.Key}=${t.Value}`).join(', ')} left out` });
      }
    }
    if (p.TagRestrictedResources?.length) props.TagRestrictedResources = p.TagRestrictedResources;
    if (p.HierarchyRestrictedResources?.length) props.HierarchyRestrictedResources = p.HierarchyRestrictedResources;
    if (p.AllowedAccessControlHierarchyGroupId) {
      const id = p.AllowedAccessControlHierarchyGroupId;
      let param = groupParams.get(id);
      if (param === undefined) {
        const path = groupPath(id, groups) ?? id;
        param = `HierarchyGroup${path.replace(/[^A-Za-z0-9]+/g, ' ').split(' ').filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`;
        groupParams.set(id, param);
        parameters[param] = { Type: 'String', Default: id, Description: `The id of hierarchy group "${path}" in the target instance` };
      }
      props.AllowedAccessControlHierarchyGroupId = { Ref: param };
    }
    if (p.Applications?.length) props.Applications = p.Applications;
    if (p.AllowedFlowModules?.length) {
      // cfn-lint's schema takes flow modules of type MCP only.
      const kept = p.AllowedFlowModules.filter((m) => m.Type === undefined || CFN_FLOW_MODULE_TYPES.includes(m.Type));
      for (const m of p.AllowedFlowModules.filter((x) => !kept.includes(x))) losses.push({ profile: p.SecurityProfileName, field: `AllowedFlowModules (${m.Type} ${m.FlowModuleId ?? ''})`.replace(' )', ')'), why: `CloudFormation takes flow modules of type ${CFN_FLOW_MODULE_TYPES.join(', ')} only: left out` });
      if (kept.length) props.AllowedFlowModules = kept;
    }
    if (p.GranularAccessControlConfiguration) props.GranularAccessControlConfiguration = p.GranularAccessControlConfiguration;
    resources[logicalId(p.SecurityProfileName, taken)] = { Type: 'AWS::Connect::SecurityProfile', Properties: props };
  }
  return {
    template: { AWSTemplateFormatVersion: '2010-09-09', Description: 'Amazon Connect security profiles, exported by spex', Parameters: parameters, Resources: resources },
    losses,
  };
}

/** An HCL string literal: JSON's escapes, and `${` / `%{` kept literal. */
function hclString(text: string): string {
  return JSON.stringify(text).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

function hclValue(value: unknown, indent: string): string {
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return `[${value.map((v) => hclString(v as string)).join(', ')}]`;
    return `[\n${value.map((v) => `${indent}  ${hclValue(v, `${indent}  `)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{\n${entries.map(([k, v]) => `${indent}  ${snake(k)} = ${hclValue(v, `${indent}  `)}`).join('\n')}\n${indent}}`;
  }
  return 'null';
}

/** `AllowedAccessControlTags` → `allowed_access_control_tags`, as the awscc provider names attributes. */
function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/** A Terraform resource label from a profile name: lower snake case, starting with a letter, unique. */
function resourceLabel(name: string, taken: Set<string>): string {
  let base = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'profile';
  if (!/^[a-z]/.test(base)) base = `profile_${base}`;
  let label = base;
  for (let i = 2; taken.has(label); i++) label = `${base}_${i}`;
  taken.add(label);
  return label;
}

export type TerraformFlavour = 'terraform-awscc' | 'terraform-aws';

/**
 * HCL for Terraform: `awscc_connect_security_profile` (every field, as Cloud Control has them) or the
 * standard `aws_connect_security_profile` (name, description, permissions and tags only), each with an
 * `import` block so Terraform adopts the existing profile instead of creating a new one. What the target
 * cannot express is reported (exit 3 unless --allow-loss), never dropped in silence.
 */
export function toTerraform(profiles: readonly SecurityProfile[], flavour: TerraformFlavour): { hcl: string; losses: ExportLoss[] } {
  const losses: ExportLoss[] = [];
  const blocks: string[] = [];
  const taken = new Set<string>();
  const sorted = [...profiles].sort((a, b) => a.SecurityProfileName.localeCompare(b.SecurityProfileName));
  for (const p of sorted) {
    if (flavour === 'terraform-awscc' && !NAME_PATTERN.test(p.SecurityProfileName)) {
      losses.push({ profile: p.SecurityProfileName, field: 'SecurityProfileName', why: 'awscc (Cloud Control) refuses this name: the profile is left out' });
      continue;
    }
    const label = resourceLabel(p.SecurityProfileName, taken);
    const lines: string[] = [];
    const set = (key: string, value: unknown): void => {
      if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
      lines.push(`  ${key} = ${hclValue(value, '  ')}`);
    };
    const permissions = p.Permissions?.length ? groupPermissions(p.Permissions).flatMap((g) => g.items.map((i) => i.name)) : undefined;
    const instanceArn = p.InstanceArn;
    const profileId = (p.SecurityProfileArn ?? '').split('/').pop() ?? '';
    if (flavour === 'terraform-awscc') {
      set('instance_arn', instanceArn);
      set('security_profile_name', p.SecurityProfileName);
      set('description', p.Description);
      set('permissions', permissions);
      const badTags = refusedTagKeys(p.Tags ?? []);
      for (const t of badTags) losses.push({ profile: p.SecurityProfileName, field: `Tags (${t.Key})`, why: 'a tag key awscc (Cloud Control) refuses: left out' });
      set('tags', p.Tags?.filter((t) => !badTags.includes(t)).map((t) => ({ key: t.Key, value: t.Value })));
      set('allowed_access_control_tags', p.AllowedAccessControlTags?.map((t) => ({ key: t.Key, value: t.Value })));
      set('tag_restricted_resources', p.TagRestrictedResources);
      set('hierarchy_restricted_resources', p.HierarchyRestrictedResources);
      set('allowed_access_control_hierarchy_group_id', p.AllowedAccessControlHierarchyGroupId);
      set('applications', p.Applications);
      set('allowed_flow_modules', p.AllowedFlowModules);
      set('granular_access_control_configuration', p.GranularAccessControlConfiguration);
      blocks.push(`resource "awscc_connect_security_profile" "${label}" {\n${lines.join('\n')}\n}\n\nimport {\n  to = awscc_connect_security_profile.${label}\n  id = ${hclString(p.SecurityProfileArn ?? '')}\n}\n`);
      continue;
    }
    set('instance_id', instanceArn.split('/').pop());
    set('name', p.SecurityProfileName);
    set('description', p.Description);
    set('permissions', permissions);
    if (p.Tags?.length) lines.push(`  tags = {\n${p.Tags.map((t) => `    ${hclString(t.Key)} = ${hclString(t.Value)}`).join('\n')}\n  }`);
    const unsupported: [string, unknown][] = [
      ['AllowedAccessControlTags', p.AllowedAccessControlTags],
      ['TagRestrictedResources', p.TagRestrictedResources],
      ['HierarchyRestrictedResources', p.HierarchyRestrictedResources],
      ['AllowedAccessControlHierarchyGroupId', p.AllowedAccessControlHierarchyGroupId],
      ['Applications', p.Applications],
      ['AllowedFlowModules', p.AllowedFlowModules],
      ['GranularAccessControlConfiguration', p.GranularAccessControlConfiguration],
    ];
    for (const [field, value] of unsupported) {
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      losses.push({ profile: p.SecurityProfileName, field, why: 'the standard aws_connect_security_profile has no such argument (terraform-awscc keeps it): left out' });
    }
    blocks.push(`resource "aws_connect_security_profile" "${label}" {\n${lines.join('\n')}\n}\n\nimport {\n  to = aws_connect_security_profile.${label}\n  id = ${hclString(`${instanceArn.split('/').pop()}:${profileId}`)}\n}\n`);
  }
  return { hcl: `# Amazon Connect security profiles, exported by spex (${flavour}).\n\n${blocks.join('\n')}`, losses };
}

/** The file as YAML, each permission commented with the console's words, grouped as the console groups them. */
export function profilesYaml(file: ProfilesFile, header: string): string {
  const doc = new YAML.Document(file);
  doc.commentBefore = header;
  const profiles = doc.get('profiles') as YAML.YAMLSeq;
  profiles.items.forEach((item, i) => {
    const profile = file.profiles[i]!;
    const seq = (item as YAML.YAMLMap).get('Permissions', true) as YAML.YAMLSeq | undefined;
    if (seq === undefined || profile.Permissions === undefined) return;
    let at = 0;
    for (const group of groupPermissions(profile.Permissions)) {
      group.items.forEach((entry, j) => {
        const node = seq.items[at] as YAML.Scalar;
        if (j === 0) node.commentBefore = ` ${group.group}`;
        node.comment = ` ${permissionComment(entry.name)}`;
        at += 1;
      });
    }
  });
  return doc.toString({ lineWidth: 0 });
}

