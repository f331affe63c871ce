// A change to a profile as Connect API requests, for profiles whose stored values the Cloud Control
// schema refuses (real-aws-notes "Writes"): UpdateSecurityProfile with the fields that changed,
// TagResource for tags added or changed, UntagResource for tags removed. Connect's own rules apply
// (4 access-control tags, tag keys with spaces), not the schema's. Pure.
import { isDeepStrictEqual } from 'node:util';
import type { SecurityProfile, SecurityProfileDraft, Tag } from './security-profile.js';

export interface ConnectRequest {
  operation: 'UpdateSecurityProfile' | 'TagResource' | 'UntagResource';
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

/** Connect's own limits on what an UpdateSecurityProfile and TagResource carry: a sentence each, naming the field. */
export function connectIssues(after: SecurityProfileDraft): string[] {
  const issues: string[] = [];
  if ((after.Description ?? '').length > 250) issues.push(`Description: at most 250 characters (has ${(after.Description ?? '').length})`);
  if ((after.Permissions ?? []).length > 500) issues.push(`Permissions: at most 500 (has ${(after.Permissions ?? []).length})`);
  if ((after.AllowedAccessControlTags ?? []).length > 4) issues.push(`AllowedAccessControlTags: Connect allows at most 4 (has ${(after.AllowedAccessControlTags ?? []).length})`);
  if ((after.Tags ?? []).length > 50) issues.push(`Tags: at most 50 (has ${(after.Tags ?? []).length})`);
  for (const t of [...(after.Tags ?? []), ...(after.AllowedAccessControlTags ?? [])]) {
    if (t.Key.length < 1 || t.Key.length > 128) issues.push(`Tag key ${JSON.stringify(t.Key.slice(0, 40))}: 1 to 128 characters`);
    else if (t.Key.startsWith('aws:')) issues.push(`Tag key ${JSON.stringify(t.Key)}: the aws: prefix is reserved`);
    else if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(t.Key)) issues.push(`Tag key ${JSON.stringify(t.Key)}: letters, digits, spaces and _.:/=+-@ only`);
    if (t.Value.length > 256) issues.push(`Tag ${JSON.stringify(t.Key)}: the value is at most 256 characters`);
  }
  return issues;
}
