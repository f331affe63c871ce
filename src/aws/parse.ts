// SDK output shapes → domain types. `Properties` and `ResourceModel` are parsed here, once; a value
// that is not the JSON object it should be becomes a 'service' DomainError, never a crash later.
import type { ProgressEvent, ResourceDescription } from '@aws-sdk/client-cloudcontrol';
import { SpexError } from '../domain/service/errors.js';
import { isTerminalStatus } from '../domain/service/operations.js';
import { sanitizeText } from '../domain/text/sanitize.js';
import { epochSeconds } from '../domain/service/service-signals.js';
import {
  type ConnectInstance,
  type HierarchyGroup,
  type ProfileSummary,
  type SecurityProfile,
  parseProfileProperties,
} from '../domain/profile/security-profile.js';
import type { RequestStatus } from './types.js';

const ACCOUNT_RE = /^arn:aws[-a-z0-9]*:connect:[-a-z0-9]*:([0-9]{12}):/;

export function accountOfArn(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : ACCOUNT_RE.exec(arn)?.[1];
}

function parseObject(text: string | undefined, what: string): Record<string, unknown> {
  if (text === undefined || text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new SpexError({ kind: 'service', message: `The service returned ${what} that is not a JSON object.` });
}

/** A profile as read, with LastModifiedTime in epoch seconds whatever unit the service used. */
/**
 * Permission names, one string each however many profiles hold them: JSON.parse makes a new string
 * for every value, and a thousand details hold some 300,000 copies of a few hundred names. Bounded,
 * so a server sending endless new names cannot grow it without end.
 */
const PERMISSION_NAMES = new Map<string, string>();
const MAX_INTERNED = 10_000;
function intern(name: unknown): unknown {
  if (typeof name !== 'string' || name.length > 128) return name;
  const known = PERMISSION_NAMES.get(name);
  if (known !== undefined) return known;
  if (PERMISSION_NAMES.size < MAX_INTERNED) PERMISSION_NAMES.set(name, name);
  return name;
}

function normalised(profile: SecurityProfile): SecurityProfile {
  if (Array.isArray(profile.Permissions)) profile.Permissions = profile.Permissions.map(intern) as string[];
  const t = profile.LastModifiedTime;
  return typeof t === 'number' && Number.isFinite(t) && epochSeconds(t) !== t ? { ...profile, LastModifiedTime: epochSeconds(t) } : profile;
}

export function parseProfile(text: string | undefined, what = 'a security profile'): SecurityProfile {
  try {
    return normalised(parseProfileProperties(text ?? ''));
  } catch {
    throw new SpexError({ kind: 'service', message: `The service returned ${what} that is not a JSON object.` });
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function toProfileSummary(item: ResourceDescription): ProfileSummary {
  const props = parseObject(item.Properties, 'a list item');
  const arn = item.Identifier ?? str(props.SecurityProfileArn) ?? '';
  const summary: ProfileSummary = { arn };
  const name = str(props.SecurityProfileName);
  if (name !== undefined) summary.name = name;
  const instanceArn = str(props.InstanceArn) ?? instanceArnOf(arn);
  if (instanceArn !== undefined) summary.instanceArn = instanceArn;
  const lastModifiedTime = num(props.LastModifiedTime);
  if (lastModifiedTime !== undefined) summary.lastModifiedTime = epochSeconds(lastModifiedTime);
  const lastModifiedRegion = str(props.LastModifiedRegion);
  if (lastModifiedRegion !== undefined) summary.lastModifiedRegion = lastModifiedRegion;
  return summary;
}

/** The instance ARN a profile or hierarchy-group ARN belongs to. */
export function instanceArnOf(arn: string): string | undefined {
  const m = /^(arn:aws[-a-z0-9]*:connect:[-a-z0-9]*:[0-9]{12}:instance\/[-a-zA-Z0-9]+)(?:\/|$)/.exec(arn);
  return m?.[1];
}

export function toInstance(item: ResourceDescription): ConnectInstance {
  const props = parseObject(item.Properties, 'an instance');
  const arn = str(props.Arn) ?? item.Identifier ?? '';
  const instance: ConnectInstance = { arn, id: str(props.Id) ?? arn.split('/').pop() ?? arn };
  const alias = str(props.InstanceAlias);
  if (alias !== undefined) instance.alias = alias;
  const status = str(props.InstanceStatus);
  if (status !== undefined) instance.status = status;
  const created = str(props.CreatedTime);
  if (created !== undefined) instance.createdTime = created;
  const idm = str(props.IdentityManagementType);
  if (idm !== undefined) instance.identityManagementType = idm;
  return instance;
}

export function toHierarchyGroup(item: ResourceDescription): HierarchyGroup {
  const props = parseObject(item.Properties, 'a hierarchy group');
  const arn = str(props.UserHierarchyGroupArn) ?? item.Identifier ?? '';
  const group: HierarchyGroup = { arn, id: arn.split('/').pop() ?? arn };
  const name = str(props.Name);
  if (name !== undefined) group.name = name;
  const parent = str(props.ParentGroupArn);
  if (parent !== undefined) group.parentGroupArn = parent;
  return group;
}

export function toRequestStatus(event: ProgressEvent | undefined): RequestStatus {
  if (!event?.RequestToken) {
    throw new SpexError({ kind: 'service', message: 'The service answered without a request token.' });
  }
  const status: RequestStatus = {
    requestToken: event.RequestToken,
    operation: (event.Operation ?? 'UPDATE'),
    status: (event.OperationStatus ?? 'PENDING'),
  };
  if (event.TypeName !== undefined) status.typeName = event.TypeName;
  if (event.Identifier !== undefined) status.identifier = event.Identifier;
  if (event.EventTime !== undefined) status.eventTime = event.EventTime.getTime();
  if (event.StatusMessage !== undefined) status.statusMessage = sanitizeText(event.StatusMessage);
  if (event.ErrorCode !== undefined) status.handlerErrorCode = event.ErrorCode;
  if (event.RetryAfter !== undefined) status.retryAfter = event.RetryAfter.getTime();
  if (event.ResourceModel) {
    try {
      status.resourceModel = normalised(parseProfileProperties(event.ResourceModel));
    } catch {
      // A model we cannot read is left out; the caller fetches the resource instead.
    }
  }
  return status;
}

export function isTerminal(status: RequestStatus): boolean {
  return isTerminalStatus(status.status);
}
