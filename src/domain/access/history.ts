// A profile's history from CloudTrail management events: which events concern it (by what their request
// parameters name), and each as a line of a timeline: when, who (the IAM principal; a Connect user where
// the console acted), through what (Cloud Control, the Connect API, the console, spex) and what changed,
// in the console's words where the parameters carry it. Where they do not, the entry says so. Pure.
import { permissionLabel } from '../permissions/permissions.js';
import { sanitizeLine } from '../text/sanitize.js';

/** The writes a profile's history is made of (one LookupEvents call each: one lookup attribute a call). */
export const HISTORY_EVENT_NAMES = [
  'UpdateSecurityProfile',
  'CreateSecurityProfile',
  'DeleteSecurityProfile',
  'TagResource',
  'UntagResource',
  'UpdateUserSecurityProfiles',
  'AssociateSecurityProfiles',
  'DisassociateSecurityProfiles',
  'UpdateResource',
  'CreateResource',
  'DeleteResource',
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

export interface HistoryEntry {
  time: string;
  who: string;
  through: 'Cloud Control' | 'Connect API' | 'console' | 'spex';
  event: string;
  what: string[];
}

type Params = Record<string, unknown>;

function parse(record: TrailRecord): { params: Params | undefined; identity: Params; userAgent: string } {
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

/** Whether an event's parameters name the profile (its ARN, its id in its instance, or, for a create, its name). */
export function concernsProfile(record: TrailRecord, profile: { arn: string; name: string }): boolean {
  const { params } = parse(record);
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
      return Array.isArray(params.SecurityProfileIds) && params.SecurityProfileIds.includes(id) && sameInstance;
    case 'AssociateSecurityProfiles':
    case 'DisassociateSecurityProfiles':
      return Array.isArray(params.SecurityProfiles) && (params.SecurityProfiles as { Id?: string }[]).some((p) => p.Id === id) && sameInstance;
    case 'UpdateResource':
    case 'DeleteResource':
      return params.TypeName === 'AWS::Connect::SecurityProfile' && (text(params.Identifier) || '').includes(profile.arn);
    case 'CreateResource': {
      if (params.TypeName !== 'AWS::Connect::SecurityProfile') return false;
      try {
        const desired = JSON.parse((text(params.DesiredState) || '{}')) as { SecurityProfileName?: string; InstanceArn?: string };
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

/** What the event changed, in words, as far as its parameters say. */
function whatOf(record: TrailRecord, params: Params | undefined, loginOf: (userId: string) => string | undefined): string[] {
  if (params === undefined) return ['(the event carries no request parameters: what changed is not known)'];
  switch (record.name) {
    case 'UpdateSecurityProfile':
    case 'CreateSecurityProfile': {
      const out = Object.entries(params)
        .filter(([k]) => !['InstanceId', 'SecurityProfileId', 'SecurityProfileName'].includes(k))
        .map(([k, v]) => (k === 'Permissions' ? `permissions set to ${Array.isArray(v) ? v.length : '?'}: ${permissions(v)}` : `${k} set to ${JSON.stringify(v)}`));
      return record.name === 'CreateSecurityProfile' ? [`created “${text(params.SecurityProfileName)}”`, ...out] : out.length > 0 ? out : ['(nothing but the identifiers was sent)'];
    }
    case 'DeleteSecurityProfile':
    case 'DeleteResource':
      return ['deleted'];
    case 'TagResource':
      return [`tags set: ${Object.entries((params.tags as Record<string, string>) ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')}`];
    case 'UntagResource':
      return [`tags removed: ${Array.isArray(params.tagKeys) ? params.tagKeys.join(', ') : '?'}`];
    case 'UpdateUserSecurityProfiles': {
      const user = (text(params.UserId) || '?');
      return [`user ${loginOf(user) ?? user} now holds it (their whole set: ${Array.isArray(params.SecurityProfileIds) ? params.SecurityProfileIds.length : '?'} profiles)`];
    }
    case 'AssociateSecurityProfiles':
      return [`AI agent ${idOf((text(params.EntityArn) || '?'))} was given it`];
    case 'DisassociateSecurityProfiles':
      return [`AI agent ${idOf((text(params.EntityArn) || '?'))} no longer holds it`];
    case 'UpdateResource': {
      try {
        const ops = JSON.parse((text(params.PatchDocument) || '[]')) as { op: string; path: string; value?: unknown }[];
        return ops.filter((o) => o.op !== 'test').map((o) => (o.path === '/Permissions' && Array.isArray(o.value) ? `permissions set to ${o.value.length}: ${permissions(o.value)}` : `${o.op} ${o.path}${o.value !== undefined ? ` = ${JSON.stringify(o.value)}` : ''}`));
      } catch {
        return ['(the patch could not be read)'];
      }
    }
    case 'CreateResource':
      return ['created through Cloud Control'];
    default:
      return [];
  }
}

/** The timeline entries of the records that concern the profile, newest first; text made inert. */
export function profileHistory(records: readonly TrailRecord[], profile: { arn: string; name: string }, loginOf: (userId: string) => string | undefined = () => undefined): HistoryEntry[] {
  return records
    .filter((r) => concernsProfile(r, profile))
    .sort((a, b) => b.time - a.time)
    .map((r) => {
      const { params, identity, userAgent } = parse(r);
      const who = text(identity.arn) || r.username || '(unknown)';
      const through = /spex/i.test(userAgent) && !/spex-emulator/.test(userAgent) ? 'spex' : /console|signin/i.test(userAgent) ? 'console' : r.source.startsWith('cloudcontrolapi') ? 'Cloud Control' : 'Connect API';
      return { time: new Date(r.time).toISOString(), who: sanitizeLine(who), through, event: r.name, what: whatOf(r, params, loginOf).map((w) => sanitizeLine(w)) };
    });
}
