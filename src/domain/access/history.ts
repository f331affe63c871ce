// A profile's history from CloudTrail management events: which events concern it (by what their request
// parameters name), and each as a line of a timeline: when, who (the IAM principal; for the admin
// website, the Connect user's login), through what (Cloud Control, the Connect API, the console, spex)
// and what changed, in the console's words where the parameters carry it (each change set against the
// profile as the trail last showed it). Assignments say which user gained, kept or lost the profile,
// from that user's previous set in the trail. Where an event does not say, the entry says so. Pure.
import { permissionLabel } from '../permissions/permissions.js';
import { describeChanges } from '../profile/profile-diff.js';
import type { SecurityProfile } from '../profile/security-profile.js';
import { sanitizeLine } from '../text/sanitize.js';

/** The writes a profile's history is made of (one LookupEvents call each: one lookup attribute a call). */
export const HISTORY_EVENT_NAMES = [
  'UpdateSecurityProfile', 'CreateSecurityProfile', 'DeleteSecurityProfile', 'TagResource', 'UntagResource',
  'UpdateUserSecurityProfiles', 'AssociateSecurityProfiles', 'DisassociateSecurityProfiles', 'UpdateResource', 'CreateResource', 'DeleteResource',
] as const;

export interface TrailRecord {
  id: string;
  name: string;
  /** Epoch ms. */
  time: number;
  source: string;
  username?: string | undefined;
  /** The CloudTrailEvent JSON, as CloudTrail gives it. */
  detail: string;
}

export type Through = 'Cloud Control' | 'Connect API' | 'console' | 'spex';

export interface HistoryEntry {
  time: string;
  who: string;
  through: Through;
  event: string;
  what: string[];
  /** The version spex keeps of what this change made (its LastModifiedTime, ISO), when it keeps one. */
  version?: string;
}

/**
 * A Connect user's login by id: a string when known, null when DescribeUser says there is no such user
 * (emergency access, or a user since deleted), undefined when it was not looked up.
 */
export type LoginOf = (userId: string) => string | null | undefined;

type Params = Record<string, unknown>;

interface Parsed {
  params: Params | undefined;
  identity: Params;
  userAgent: string;
}

function parse(record: TrailRecord): Parsed {
  try {
    const detail = JSON.parse(record.detail) as { requestParameters?: Params | null; userIdentity?: Params; userAgent?: string };
    return { params: detail.requestParameters ?? undefined, identity: detail.userIdentity ?? {}, userAgent: String(detail.userAgent ?? '') };
  } catch {
    return { params: undefined, identity: {}, userAgent: '' };
  }
}

const idOf = (arn: string): string => arn.split('/').pop() ?? arn;
/** A parameter as text: strings as they are, anything else as JSON ('' when absent). */
const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined ? '' : (JSON.stringify(value) ?? ''));
const USER_TYPE = 'AWS::Connect::User';
const PROFILE_TYPE = 'AWS::Connect::SecurityProfile';

/**
 * The admin website acts through Connect's service-linked role, the session named after the Connect
 * user's id (real-aws-notes: "Console edits carry an internal Connect user id, resolved with
 * DescribeUser"): that id, or undefined for any other caller.
 */
function consoleUserId(identity: Params): string | undefined {
  const issuer = (identity.sessionContext as { sessionIssuer?: { userName?: string } } | undefined)?.sessionIssuer?.userName ?? '';
  return issuer.startsWith('AWSServiceRoleForAmazonConnect') ? idOf(text(identity.arn)) : undefined;
}

/** One user's whole set of profiles replaced: Connect's UpdateUserSecurityProfiles, or Cloud Control's AWS::Connect::User update. */
function assignmentOf(record: TrailRecord, params: Params | undefined): { user: string; set: string[] } | undefined {
  if (params === undefined) return undefined;
  if (record.name === 'UpdateUserSecurityProfiles' && Array.isArray(params.SecurityProfileIds)) return { user: text(params.UserId), set: params.SecurityProfileIds.map(String) };
  if (record.name === 'UpdateResource' && params.TypeName === USER_TYPE) {
    try {
      const ops = JSON.parse(text(params.PatchDocument) || '[]') as { op: string; path: string; value?: unknown }[];
      const set = ops.find((o) => o.path === '/SecurityProfileArns' && (o.op === 'replace' || o.op === 'add') && Array.isArray(o.value));
      return set === undefined ? undefined : { user: idOf(text(params.Identifier)), set: (set.value as unknown[]).map((a) => idOf(String(a))) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Whether an event's parameters name the profile (its ARN, its id in its instance, or, for a create, its name). */
function namesProfile(record: TrailRecord, params: Params | undefined, profile: { arn: string; name: string }): boolean {
  if (params === undefined) return false;
  const id = idOf(profile.arn);
  const instanceId = /:instance\/([^/]+)/.exec(profile.arn)?.[1];
  const sameInstance = params.InstanceId === undefined || params.InstanceId === instanceId;
  switch (record.name) {
    case 'UpdateSecurityProfile':
    case 'DeleteSecurityProfile':
      return params.SecurityProfileId === id && sameInstance;
    case 'CreateSecurityProfile':
      return params.SecurityProfileName === profile.name && sameInstance;
    case 'TagResource':
    case 'UntagResource':
      return params.resourceArn === profile.arn;
    case 'UpdateUserSecurityProfiles':
      return (assignmentOf(record, params)?.set.includes(id) ?? false) && sameInstance;
    case 'AssociateSecurityProfiles':
    case 'DisassociateSecurityProfiles':
      return Array.isArray(params.SecurityProfiles) && (params.SecurityProfiles as { Id?: string }[]).some((p) => p.Id === id) && sameInstance;
    case 'UpdateResource':
      if (params.TypeName === USER_TYPE) return (assignmentOf(record, params)?.set.includes(id) ?? false) && text(params.Identifier).startsWith(`${profile.arn.replace(/\/security-profile\/.*$/, '')}/`);
      return params.TypeName === PROFILE_TYPE && text(params.Identifier).includes(profile.arn);
    case 'DeleteResource':
      return params.TypeName === PROFILE_TYPE && text(params.Identifier).includes(profile.arn);
    case 'CreateResource': {
      if (params.TypeName !== PROFILE_TYPE) return false;
      try {
        const desired = JSON.parse(text(params.DesiredState) || '{}') as { SecurityProfileName?: string; InstanceArn?: string };
        return desired.SecurityProfileName === profile.name && profile.arn.startsWith(`${desired.InstanceArn ?? ''}/`);
      } catch {
        return false;
      }
    }
    default:
      return false;
  }
}

const permissions = (names: unknown): string => (Array.isArray(names) ? names.map((n) => permissionLabel(String(n))).join(', ') : '?');
/** Connect's tag maps as the profile model's lists. */
const tagList = (value: unknown): unknown => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as Record<string, string>).map(([Key, Value]) => ({ Key, Value })) : value);

/** The profile's fields an event sets (the Connect API's or Cloud Control's words for them), or undefined when it sets none it says. */
function fieldsSet(record: TrailRecord, params: Params): Record<string, unknown> | undefined {
  switch (record.name) {
    case 'UpdateSecurityProfile':
    case 'CreateSecurityProfile': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(params)) if (!['InstanceId', 'SecurityProfileId', 'SecurityProfileName', 'Tags'].includes(k)) out[k] = k === 'AllowedAccessControlTags' ? tagList(v) : v;
      return out;
    }
    case 'UpdateResource': {
      const ops = JSON.parse(text(params.PatchDocument) || '[]') as { op: string; path: string; value?: unknown }[];
      const out: Record<string, unknown> = {};
      for (const o of ops) if (/^\/[A-Za-z]+$/.test(o.path) && o.op !== 'test') out[o.path.slice(1)] = o.op === 'remove' ? undefined : o.value;
      return out;
    }
    case 'CreateResource': {
      const { InstanceArn: _i, SecurityProfileName: _n, Tags: _t, ...desired } = JSON.parse(text(params.DesiredState) || '{}') as Record<string, unknown>;
      return desired;
    }
    default:
      return undefined;
  }
}

/** fieldsSet, or null when the event's text cannot be read. */
function readFields(record: TrailRecord, params: Params): Record<string, unknown> | undefined | null {
  try {
    return fieldsSet(record, params);
  } catch {
    return null;
  }
}

/** What a field set to a value no earlier event showed says. */
const setText = (k: string, v: unknown): string => (k === 'Permissions' ? `permissions set to ${Array.isArray(v) ? v.length : '?'}: ${permissions(v)}` : `${k} set to ${v === undefined ? '(none)' : JSON.stringify(v)}`);

/** A record that concerns the profile, parsed once, with the assignment it makes and that user's set before it. */
interface Step {
  record: TrailRecord;
  parsed: Parsed;
  assignment: { user: string; set: string[] } | undefined;
  /** The user's set as the trail last showed it, before this assignment (undefined: not in the trail). */
  before: string[] | undefined;
}

/**
 * The records that concern the profile, oldest first: those whose parameters name it, and the
 * assignments that took it from a user the trail showed holding it (every user's set is followed).
 */
function* walk(records: readonly TrailRecord[], profile: { arn: string; name: string }): Generator<Step> {
  const id = idOf(profile.arn);
  const sets = new Map<string, string[]>();
  for (const record of [...records].sort((a, b) => a.time - b.time)) {
    const parsed = parse(record);
    const assignment = assignmentOf(record, parsed.params);
    const before = assignment === undefined ? undefined : sets.get(assignment.user);
    if (namesProfile(record, parsed.params, profile) || before?.includes(id) === true) yield { record, parsed, assignment, before };
    if (assignment !== undefined) sets.set(assignment.user, assignment.set);
  }
}

/** The Connect user ids the admin website acted as in the profile's history (to resolve with DescribeUser). */
export function consoleUserIds(records: readonly TrailRecord[], profile: { arn: string; name: string }): string[] {
  return [...new Set([...walk(records, profile)].flatMap((step) => consoleUserId(step.parsed.identity) ?? []))];
}

/** What the event changed, in words, as far as its parameters say; `known` is the profile as older events (or a kept version) showed it. */
function whatOf(step: Step, id: string, known: Record<string, unknown>, loginOf: LoginOf): string[] {
  const { record, parsed: { params }, assignment, before } = step;
  if (params === undefined) return ['(the event carries no request parameters: what changed is not known)'];
  if (assignment !== undefined) {
    const user = loginOf(assignment.user) ?? assignment.user;
    const has = assignment.set.includes(id);
    if (before === undefined) return [`user ${user} holds it (their whole set replaced: ${assignment.set.length} profile${assignment.set.length === 1 ? '' : 's'}; what they held before is not in the trail)`];
    if (has && !before.includes(id)) return [`user ${user} gained it`];
    return has ? [`user ${user} kept it (their set of ${assignment.set.length} was replaced)`] : [`user ${user} lost it`];
  }
  switch (record.name) {
    case 'DeleteSecurityProfile':
    case 'DeleteResource':
      return ['deleted'];
    case 'TagResource':
      return [`tags set: ${Object.entries((params.tags as Record<string, string>) ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')}`];
    case 'UntagResource':
      return [`tags removed: ${Array.isArray(params.tagKeys) ? params.tagKeys.join(', ') : '?'}`];
    case 'AssociateSecurityProfiles':
      return [`AI agent ${idOf(text(params.EntityArn) || '?')} was given it`];
    case 'DisassociateSecurityProfiles':
      return [`AI agent ${idOf(text(params.EntityArn) || '?')} no longer holds it`];
  }
  const fields = readFields(record, params);
  if (fields === null) return ['(the change could not be read)'];
  if (fields === undefined) return [];
  const head = record.name === 'CreateSecurityProfile' ? [`created “${text(params.SecurityProfileName)}”`] : record.name === 'CreateResource' ? ['created through Cloud Control'] : [];
  const lines = Object.entries(fields).flatMap(([k, v]) => {
    if (!(k in known)) return [setText(k, v)];
    const changes = describeChanges({ [k]: known[k] } as unknown as SecurityProfile, { [k]: v } as unknown as SecurityProfile).map((c) => c.label);
    return changes.length > 0 ? changes : [`${k} sent unchanged`];
  });
  return [...head, ...(lines.length > 0 || head.length > 0 ? lines : ['(nothing but the identifiers was sent)'])];
}

/** Who made the change, and through what. */
function actorOf(record: TrailRecord, parsed: Parsed, loginOf: LoginOf): { who: string; through: Through } {
  const connectUser = consoleUserId(parsed.identity);
  if (connectUser !== undefined) {
    const login = loginOf(connectUser);
    const who = login === null ? `Connect user ${connectUser}: not a user of the instance (emergency access, or a user since deleted)` : login === undefined ? `Connect user ${connectUser}` : login;
    return { who, through: 'console' };
  }
  const who = text(parsed.identity.arn) || record.username || '(unknown)';
  const through = /(^|\s)spex(\/|\s|$)/.test(parsed.userAgent) ? 'spex' : /console|signin/i.test(parsed.userAgent) ? 'console' : record.source.startsWith('cloudcontrolapi') ? 'Cloud Control' : 'Connect API';
  return { who, through };
}

/** A change and a kept version are the same when CloudTrail's time is within this of LastModifiedTime. */
const SAME_CHANGE_MS = 120_000;

/**
 * The timeline entries of the records that concern the profile, newest first; text made inert.
 * `versions`: the versions spex keeps of it (oldest first), to mark the changes known in full and to
 * tell the first change in words.
 */
export function profileHistory(records: readonly TrailRecord[], profile: { arn: string; name: string }, loginOf: LoginOf = () => undefined, versions: readonly SecurityProfile[] = []): HistoryEntry[] {
  const id = idOf(profile.arn);
  // The profile's fields as the trail last showed them (from older events, or a version spex keeps), and when.
  let known: Record<string, unknown> = {};
  let knownAt = 0;
  const taken = new Set<SecurityProfile>();
  const entries: HistoryEntry[] = [];
  for (const step of walk(records, profile)) {
    const { record: r, parsed } = step;
    // A kept version made after the changes seen so far, and before this one, is what this one changed.
    const before = versions.filter((v) => v.LastModifiedTime !== undefined && v.LastModifiedTime * 1000 < r.time - SAME_CHANGE_MS).at(-1);
    if (before !== undefined && before.LastModifiedTime! * 1000 >= knownAt - SAME_CHANGE_MS && !taken.has(before)) {
      known = { ...known, ...before };
      knownAt = before.LastModifiedTime! * 1000;
      taken.add(before);
    }
    const { who, through } = actorOf(r, parsed, loginOf);
    const version = versions.find((v) => v.LastModifiedTime !== undefined && Math.abs(v.LastModifiedTime * 1000 - r.time) <= SAME_CHANGE_MS);
    entries.push({
      time: new Date(r.time).toISOString(),
      who: sanitizeLine(who),
      through,
      event: r.name,
      what: whatOf(step, id, known, loginOf).map((w) => sanitizeLine(w)),
      ...(version ? { version: new Date(version.LastModifiedTime! * 1000).toISOString() } : {}),
    });
    // An unreadable change leaves `known` as it was: the next is told as set, not as changed.
    const set = parsed.params === undefined || step.assignment !== undefined ? undefined : readFields(r, parsed.params);
    if (set) {
      known = { ...known, ...set };
      knownAt = r.time;
    }
  }
  return entries.reverse();
}
