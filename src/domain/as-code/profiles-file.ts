// Security profiles as code: spex's own file format, for people (`spex export`, `spex plan`). One
// document per instance: every writable field of each profile, under its CloudFormation name, with
// tags as maps, permissions grouped and commented with the console's labels, and the hierarchy group
// written as its path of names (the id beside it), so the file applies to another instance too. Pure.
import YAML from 'yaml';
import { inertYamlText } from '../text/inert-yaml.js';
import { groupPermissions, lookupPermission, permissionLabel } from '../permissions/permissions.js';
import { sanitizeLine } from '../text/sanitize.js';
import type { HierarchyGroup, SecurityProfile, SecurityProfileDraft, Tag } from '../profile/security-profile.js';

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
  /** Connect only: the AI agents the profile allows, by ARN (promote carries them by name). */
  AllowedAIAgents?: SecurityProfile['AllowedAIAgents'];
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
  if (profile.AllowedAIAgents?.length) out.AllowedAIAgents = profile.AllowedAIAgents;
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
  if (file.AllowedAIAgents) draft.AllowedAIAgents = file.AllowedAIAgents;
  return { ok: true, draft };
}

/** The file as YAML, each permission commented with the console's words, grouped as the console groups them. */
export function profilesYaml(file: ProfilesFile, header: string): string {
  const doc = new YAML.Document(file);
  // A comment ends at the line's end: each line of the header is made one inert line of its own.
  doc.commentBefore = header.split('\n').map(sanitizeLine).join('\n');
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
  return inertYamlText(doc);
}

