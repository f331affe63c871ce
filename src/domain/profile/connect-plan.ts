// A change to a profile as Connect API requests, for profiles whose stored values the Cloud Control
// schema refuses (real-aws-notes "Writes"): UpdateSecurityProfile with the fields that changed,
// TagResource for tags added or changed, UntagResource for tags removed. Connect's own rules apply
// (4 access-control tags, tag keys with spaces), not the schema's. Pure.
import { isDeepStrictEqual } from 'node:util';
import { connectOnlyChanges } from './patch.js';
import type { SecurityProfile, SecurityProfileDraft, Tag } from './security-profile.js';

export interface ConnectRequest {
  operation: 'UpdateSecurityProfile' | 'TagResource' | 'UntagResource' | 'CreateSecurityProfile' | 'DeleteSecurityProfile';
  /** Method and path as sent (ids filled in), for the review. */
  http: string;
  /** The JSON body (UntagResource: the query's tagKeys). */
  body: Record<string, unknown>;
}

const SET_FIELDS = ['Permissions', 'TagRestrictedResources', 'HierarchyRestrictedResources'] as const;
const LIST_FIELDS = ['Applications', 'AllowedFlowModules'] as const;

const sorted = (values: readonly string[] | undefined): string[] => [...(values ?? [])].sort();
const tagMap = (tags: readonly Tag[] | undefined): Record<string, string> => Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));

/** The Connect requests that turn `before` into `after`, in the order they are sent. */
export function connectUpdateRequests(before: SecurityProfile, after: SecurityProfileDraft): ConnectRequest[] {
  const arn = before.SecurityProfileArn ?? '';
  const instanceId = /:instance\/([^/]+)/.exec(arn)?.[1] ?? '';
  const profileId = arn.split('/').pop() ?? '';
  const body: Record<string, unknown> = {};
  if ((before.Description ?? '') !== (after.Description ?? '')) body.Description = after.Description ?? '';
  for (const field of SET_FIELDS) {
    if (!isDeepStrictEqual(sorted(before[field]), sorted(after[field]))) body[field] = [...(after[field] ?? [])];
  }
  if (!isDeepStrictEqual(tagMap(before.AllowedAccessControlTags), tagMap(after.AllowedAccessControlTags))) body.AllowedAccessControlTags = tagMap(after.AllowedAccessControlTags);
  if ((before.AllowedAccessControlHierarchyGroupId ?? '') !== (after.AllowedAccessControlHierarchyGroupId ?? '')) {
    // An empty id clears the restriction.
    body.AllowedAccessControlHierarchyGroupId = after.AllowedAccessControlHierarchyGroupId ?? '';
  }
  for (const field of LIST_FIELDS) {
    if (!isDeepStrictEqual(before[field] ?? [], after[field] ?? [])) body[field] = structuredClone(after[field] ?? []);
  }
  if (!isDeepStrictEqual(before.GranularAccessControlConfiguration ?? {}, after.GranularAccessControlConfiguration ?? {})) {
    body.GranularAccessControlConfiguration = structuredClone(after.GranularAccessControlConfiguration ?? {});
  }
  // Sent whole (real-aws-notes: UpdateSecurityProfile replaces each list it is sent); left out when the draft does not say.
  if (connectOnlyChanges(before, after).includes('AllowedAIAgents')) body.AllowedAIAgents = structuredClone(after.AllowedAIAgents ?? []);
  const requests: ConnectRequest[] = [];
  if (Object.keys(body).length > 0) {
    requests.push({ operation: 'UpdateSecurityProfile', http: `POST /security-profiles/${instanceId}/${profileId}`, body: { InstanceId: instanceId, SecurityProfileId: profileId, ...body } });
  }
  const was = tagMap(before.Tags);
  const now = tagMap(after.Tags);
  const set = Object.fromEntries(Object.entries(now).filter(([k, v]) => was[k] !== v));
  const gone = Object.keys(was).filter((k) => !(k in now));
  if (Object.keys(set).length > 0) requests.push({ operation: 'TagResource', http: `POST /tags/${arn}`, body: { resourceArn: arn, tags: set } });
  if (gone.length > 0) requests.push({ operation: 'UntagResource', http: `DELETE /tags/${arn}?tagKeys=…`, body: { resourceArn: arn, tagKeys: gone } });
  return requests;
}

const idsOf = (arn: string): { instanceId: string; profileId: string } => ({ instanceId: /:instance\/([^/]+)/.exec(arn)?.[1] ?? '', profileId: arn.split('/').pop() ?? '' });

/** Connect's tag-key rule (the model's TagKey pattern): letters of any language, digits, spaces, _.:/=+-@, no aws: prefix. */
const CONNECT_TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

/**
 * Whether every issue Cloud Control's schema finds in a new profile is one Connect's CreateSecurityProfile
 * takes (real-aws-notes "Writes"): a tag key with characters only Connect allows (a space, a letter of
 * another script, @), or 3–4 access-control tags. Then the create goes through Connect. Anything both
 * refuse (a name with "/", a 51st tag, a duplicate key) stays refused with the schema's words.
 */
export function connectTakesAll(issues: readonly { field: string; rule: string }[], draft: SecurityProfileDraft): boolean {
  const keyAt = (field: string): string | undefined => {
    const m = /^(Tags|AllowedAccessControlTags)\/(\d+)\/Key$/.exec(field);
    return m ? (draft[m[1] as 'Tags' | 'AllowedAccessControlTags'] ?? [])[Number(m[2])]?.Key : undefined;
  };
  return (
    issues.length > 0 &&
    issues.every((i) => {
      if (i.rule === 'pattern') {
        const key = keyAt(i.field);
        return key !== undefined && CONNECT_TAG_KEY.test(key);
      }
      return i.field === 'AllowedAccessControlTags' && i.rule === 'maxItems' && (draft.AllowedAccessControlTags?.length ?? 0) <= 4;
    })
  );
}

/** CreateSecurityProfile of a new profile: every field it has, tags as maps. */
export function connectCreateRequest(desired: SecurityProfileDraft): ConnectRequest {
  const { instanceId } = idsOf(`${desired.InstanceArn}/`);
  const body: Record<string, unknown> = { InstanceId: instanceId, SecurityProfileName: desired.SecurityProfileName };
  if (desired.Description) body.Description = desired.Description;
  for (const field of SET_FIELDS) if (desired[field]?.length) body[field] = [...desired[field]];
  for (const field of LIST_FIELDS) if (desired[field]?.length) body[field] = structuredClone(desired[field]);
  if (desired.AllowedAccessControlTags?.length) body.AllowedAccessControlTags = tagMap(desired.AllowedAccessControlTags);
  if (desired.AllowedAccessControlHierarchyGroupId) body.AllowedAccessControlHierarchyGroupId = desired.AllowedAccessControlHierarchyGroupId;
  if (desired.GranularAccessControlConfiguration && Object.keys(desired.GranularAccessControlConfiguration).length > 0) body.GranularAccessControlConfiguration = structuredClone(desired.GranularAccessControlConfiguration);
  if (desired.Tags?.length) body.Tags = tagMap(desired.Tags);
  if (desired.AllowedAIAgents?.length) body.AllowedAIAgents = structuredClone(desired.AllowedAIAgents);
  return { operation: 'CreateSecurityProfile', http: `PUT /security-profiles/${instanceId}`, body };
}

/** DeleteSecurityProfile of a profile. */
export function connectDeleteRequest(arn: string): ConnectRequest {
  const { instanceId, profileId } = idsOf(arn);
  return { operation: 'DeleteSecurityProfile', http: `DELETE /security-profiles/${instanceId}/${profileId}`, body: { InstanceId: instanceId, SecurityProfileId: profileId } };
}

/** The Connect model's rule for a new profile's name (CreateSecurityProfileName: 1–127 of letters, digits, spaces, _ @ -). */
export function connectNameIssue(name: string): string | undefined {
  if (name.length < 1 || name.length > 127) return `SecurityProfileName: Connect creates names of 1 to 127 characters (has ${name.length})`;
  const bad = [...name].find((ch) => !/[ a-zA-Z0-9_@-]/.test(ch));
  if (bad !== undefined) {
    return `SecurityProfileName: Connect's CreateSecurityProfile takes only letters, digits, spaces, _, @ and - (${JSON.stringify(bad)} is not one; names like that are made in the console only). Choose another name`;
  }
  return undefined;
}

/** Connect's own limits on what an UpdateSecurityProfile and TagResource carry: a sentence each, naming the field. */
export function connectIssues(after: SecurityProfileDraft): string[] {
  const issues: string[] = [];
  // The Connect model: Applications ≤ 10, each with 1–50 permissions; AllowedFlowModules ≤ 10, Type MCP.
  const apps = after.Applications ?? [];
  if (apps.length > 10) issues.push(`Applications: Connect allows at most 10 (has ${apps.length})`);
  for (const app of apps) if (!app.ApplicationPermissions?.length) issues.push(`Applications: ${JSON.stringify(String(app.Namespace ?? '').slice(0, 60))} needs at least one permission`);
  const modules = after.AllowedFlowModules ?? [];
  if (modules.length > 10) issues.push(`AllowedFlowModules: Connect allows at most 10 (has ${modules.length})`);
  for (const m of modules) if (m.Type !== 'MCP') issues.push(`AllowedFlowModules: type ${JSON.stringify(String(m.Type ?? '').slice(0, 40))} is not one Connect knows (only MCP)`);
  // API reference "AIAgent": Type is THIRD_PARTY; the list's bound is unstated: 10, as Applications (the less kind reading).
  const agents = after.AllowedAIAgents ?? [];
  if (agents.length > 10) issues.push(`AllowedAIAgents: Connect allows at most 10 (has ${agents.length})`);
  for (const a of agents) {
    if (typeof a.Arn !== 'string' || a.Arn === '') issues.push('AllowedAIAgents: each AI agent needs its ARN');
    if (a.Type !== 'THIRD_PARTY') issues.push(`AllowedAIAgents: type ${JSON.stringify(String(a.Type ?? '').slice(0, 40))} is not one Connect knows (only THIRD_PARTY)`);
  }
  if ((after.Description ?? '').length > 250) issues.push(`Description: at most 250 characters (has ${(after.Description ?? '').length})`);
  if ((after.Permissions ?? []).length > 500) issues.push(`Permissions: at most 500 (has ${(after.Permissions ?? []).length})`);
  if ((after.AllowedAccessControlTags ?? []).length > 4) issues.push(`AllowedAccessControlTags: Connect allows at most 4 (has ${(after.AllowedAccessControlTags ?? []).length})`);
  if ((after.Tags ?? []).length > 50) issues.push(`Tags: at most 50 (has ${(after.Tags ?? []).length})`);
  for (const t of [...(after.Tags ?? []), ...(after.AllowedAccessControlTags ?? [])]) {
    if (typeof t.Key !== 'string' || t.Key.length < 1 || t.Key.length > 128) issues.push(`Tag key ${JSON.stringify(t.Key.slice(0, 40))}: 1 to 128 characters`);
    else if (t.Key.startsWith('aws:')) issues.push(`Tag key ${JSON.stringify(t.Key)}: the aws: prefix is reserved`);
    else if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(t.Key)) issues.push(`Tag key ${JSON.stringify(t.Key)}: letters, digits, spaces and _.:/=+-@ only`);
    if ((t.Value ?? '').length > 256) issues.push(`Tag ${JSON.stringify(t.Key)}: the value is at most 256 characters`);
  }
  return issues;
}
