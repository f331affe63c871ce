// A CloudFormation template of AWS::Connect::SecurityProfile resources, as YAML or JSON. Every value is a
// plain string whatever it holds (`!Ref x`, `${AWS::Region}`, `---`, YAML 1.1's `yes`): the writer quotes
// what a YAML 1.1 reader would read otherwise, and nested fields keep only the schema's keys, so no
// value can become a tag, an intrinsic function or a second document. Pure.
import { AI_AGENTS_LOSS } from './export-terraform.js';
import { type ExportLoss, identifierWords, NAME_PATTERN, refusedTagKeys, schemaShaped } from './export-shape.js';
import { inertYaml } from '../text/inert-yaml.js';
import { groupPermissions } from '../permissions/permissions.js';
import { groupPath } from './profiles-file.js';
import { inertJson } from '../text/sanitize.js';
import type { HierarchyGroup, SecurityProfile } from '../profile/security-profile.js';

/**
 * The most access-control tags CloudFormation takes on AWS::Connect::SecurityProfile in the schema
 * cfn-lint validates against (the Connect API and the July 2026 registry schema allow 4).
 */
export const CFN_MAX_ACCESS_TAGS = 2;
/** The flow module types CloudFormation takes (as cfn-lint's schema has them). */
export const CFN_FLOW_MODULE_TYPES: readonly string[] = ['MCP'];
/** CloudFormation's longest logical id and parameter name. */
const MAX_ID = 255;

/** A logical id (or parameter name) from words: alphanumeric, at most 255 characters, unique among `taken`. */
function uniqueId(prefix: string, text: string, taken: Set<string>): string {
  const words = identifierWords(text).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  const base = `${prefix}${words}`.slice(0, MAX_ID - 6);
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}${i}`;
  taken.add(id);
  return id;
}

/**
 * A CloudFormation template: the instance as a parameter (so the template applies anywhere), each
 * hierarchy group as a parameter named after its path with the source id as default. What CloudFormation
 * cannot express is reported, never dropped in silence; a profile it cannot express at all (a name its
 * schema refuses) is left out, so what is written is valid.
 */
export function toCloudFormation(profiles: readonly SecurityProfile[], instanceArn: string, groups: readonly HierarchyGroup[]): { template: Record<string, unknown>; losses: ExportLoss[] } {
  const losses: ExportLoss[] = [];
  const parameters: Record<string, unknown> = {
    InstanceArn: { Type: 'String', Default: instanceArn, Description: 'The Amazon Connect instance the profiles belong to' },
  };
  const groupParams = new Map<string, string>();
  const resources: Record<string, unknown> = {};
  const taken = new Set<string>(['InstanceArn']);
  const sorted = [...profiles].sort((a, b) => a.SecurityProfileName.localeCompare(b.SecurityProfileName));
  for (const p of sorted) {
    const name = p.SecurityProfileName;
    if (!NAME_PATTERN.test(name)) {
      losses.push({ profile: name, field: 'SecurityProfileName', why: 'CloudFormation refuses this name (letters, digits, spaces, _ @ and - only): the profile is left out' });
      continue;
    }
    const props: Record<string, unknown> = { InstanceArn: { Ref: 'InstanceArn' }, SecurityProfileName: name };
    if (p.Description) props.Description = p.Description;
    if (p.Permissions?.length) props.Permissions = groupPermissions(p.Permissions).flatMap((g) => g.items.map((i) => i.name));
    if (p.Tags?.length) {
      const bad = refusedTagKeys(p.Tags);
      for (const t of bad) losses.push({ profile: name, field: `Tags (${t.Key})`, why: 'a tag key CloudFormation refuses: left out' });
      const kept = p.Tags.filter((t) => !bad.includes(t)).map((t) => ({ Key: t.Key, Value: t.Value }));
      if (kept.length) props.Tags = kept;
    }
    if (p.AllowedAccessControlTags?.length) {
      props.AllowedAccessControlTags = p.AllowedAccessControlTags.slice(0, CFN_MAX_ACCESS_TAGS).map((t) => ({ Key: t.Key, Value: t.Value }));
      if (p.AllowedAccessControlTags.length > CFN_MAX_ACCESS_TAGS) {
        losses.push({ profile: name, field: 'AllowedAccessControlTags', why: `CloudFormation takes at most ${CFN_MAX_ACCESS_TAGS}; ${p.AllowedAccessControlTags.slice(CFN_MAX_ACCESS_TAGS).map((t) => `${t.Key}=${t.Value}`).join(', ')} left out` });
      }
    }
    if (p.TagRestrictedResources?.length) props.TagRestrictedResources = [...p.TagRestrictedResources];
    if (p.HierarchyRestrictedResources?.length) props.HierarchyRestrictedResources = [...p.HierarchyRestrictedResources];
    if (p.AllowedAccessControlHierarchyGroupId) {
      const id = p.AllowedAccessControlHierarchyGroupId;
      let param = groupParams.get(id);
      if (param === undefined) {
        const path = groupPath(id, groups) ?? id;
        param = uniqueId('HierarchyGroup', path, taken);
        groupParams.set(id, param);
        parameters[param] = { Type: 'String', Default: id, Description: `The id of hierarchy group "${path}" in the target instance` };
      }
      props.AllowedAccessControlHierarchyGroupId = { Ref: param };
    }
    const applications = schemaShaped('Applications', p.Applications, name, losses);
    if (applications?.length) props.Applications = applications;
    const modules = schemaShaped('AllowedFlowModules', p.AllowedFlowModules, name, losses);
    if (modules?.length) {
      // cfn-lint's schema takes flow modules of type MCP only.
      const kept = modules.filter((m) => m.Type === undefined || CFN_FLOW_MODULE_TYPES.includes(m.Type));
      for (const m of modules.filter((x) => !kept.includes(x))) losses.push({ profile: name, field: `AllowedFlowModules (${m.Type} ${m.FlowModuleId ?? ''})`.replace(' )', ')'), why: `CloudFormation takes flow modules of type ${CFN_FLOW_MODULE_TYPES.join(', ')} only: left out` });
      if (kept.length) props.AllowedFlowModules = kept;
    }
    const granular = schemaShaped('GranularAccessControlConfiguration', p.GranularAccessControlConfiguration, name, losses);
    if (granular !== undefined) props.GranularAccessControlConfiguration = granular;
    if (p.AllowedAIAgents?.length) losses.push({ profile: name, field: 'AllowedAIAgents', why: AI_AGENTS_LOSS });
    const resource: Record<string, unknown> = { Type: 'AWS::Connect::SecurityProfile', Properties: props };
    // CloudFormation substitutes ${…} only inside Fn::Sub, so such text in a plain string is written
    // exactly as the profile holds it; cfn-lint flags it as a likely mistake (E1029), and is told here that it is not.
    if (/\$\{/.test(JSON.stringify(props))) resource.Metadata = { 'cfn-lint': { config: { ignore_checks: ['E1029'] } } };
    resources[uniqueId('SecurityProfile', name, taken)] = resource;
  }
  return {
    template: { AWSTemplateFormatVersion: '2010-09-09', Description: 'Amazon Connect security profiles, exported by spex', Parameters: parameters, Resources: resources },
    losses,
  };
}

/** The template as YAML for CloudFormation, which reads YAML 1.1: nothing in a value is read as more than a string. */
export function cloudFormationYaml(template: Record<string, unknown>): string {
  return inertYaml(template, { version: '1.1' });
}

/** The template as JSON (CloudFormation takes either). */
export function cloudFormationJson(template: Record<string, unknown>): string {
  return `${inertJson(template, 2)}\n`;
}
