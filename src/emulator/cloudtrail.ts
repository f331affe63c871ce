// CloudTrail as far as spex's `history` needs it: every write the emulator serves (Cloud Control and the
// Connect API) recorded as a management event, with the caller's identity from the access key (an IAM
// user named after the key), the real event names, sources and request parameters; and LookupEvents
// (awsJson1_1), with the CloudTrail API reference's rules: one lookup attribute per call
// (InvalidLookupAttributesException), 1–50 events a page (InvalidMaxResultsException), newest first, the
// last 90 days only, and 2 requests a second per account and region (ThrottlingException, --real-limits).
// Resources are left empty, as CloudTrail often leaves them for these services (the less kind reading):
// a client finds a profile's events by event name and the request's parameters.
import { randomUUID } from 'node:crypto';
import { ServiceError } from './errors.js';

export const CLOUDTRAIL_PREFIX = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.';

/** The writes recorded, by the service that serves them. */
const SOURCES: Readonly<Record<string, string>> = {
  CreateResource: 'cloudcontrolapi.amazonaws.com',
  UpdateResource: 'cloudcontrolapi.amazonaws.com',
  DeleteResource: 'cloudcontrolapi.amazonaws.com',
  CreateSecurityProfile: 'connect.amazonaws.com',
  UpdateSecurityProfile: 'connect.amazonaws.com',
  DeleteSecurityProfile: 'connect.amazonaws.com',
  TagResource: 'connect.amazonaws.com',
  UntagResource: 'connect.amazonaws.com',
  UpdateUserSecurityProfiles: 'connect.amazonaws.com',
  AssociateSecurityProfiles: 'connect.amazonaws.com',
  DisassociateSecurityProfiles: 'connect.amazonaws.com',
};
const ATTRIBUTE_KEYS = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'];
const NINETY_DAYS_MS = 90 * 86_400_000;

interface TrailEvent {
  EventId: string;
  EventName: string;
  EventTime: number;
  EventSource: string;
  Username: string;
  AccessKeyId: string;
  ReadOnly: 'false';
  region: string;
  CloudTrailEvent: string;
}

/** A user name from an access key id: the emulator's IAM user for that key (STS GetCallerIdentity says the same). */
export const userNameOf = (accessKeyId: string): string => (accessKeyId === '' ? 'spex-emulator' : `user-${accessKeyId.replace(/[^A-Za-z0-9+=,.@_-]/g, '').slice(0, 40)}`);

export class Trail {
  private readonly events = new Map<string, TrailEvent[]>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** `delay`: how long an event takes to reach LookupEvents (`--trail-delay`; AWS: minutes). */
  constructor(
    private readonly now: () => number,
    private readonly delay: () => number = () => 0,
  ) {}

  /** Records a write that succeeded (a no-op for any other operation), with the caller's User-Agent as CloudTrail keeps it. */
  record(account: string, region: string, operation: string, request: Record<string, unknown>, accessKeyId: string, userAgent = '', time = this.now()): void {
    const userName = userNameOf(accessKeyId);
    const identity = { type: 'IAMUser', principalId: `AIDA${accessKeyId.slice(4, 20)}`, arn: `arn:aws:iam::${account}:user/${userName}`, accountId: account, accessKeyId, userName };
    this.add(account, region, { operation, request, identity, userAgent: userAgent.slice(0, 1000) || 'spex-emulator', time, username: userName, accessKeyId });
  }

  /** An event of another caller and time (the demo's history: the admin website, a pipeline's role). */
  add(account: string, region: string, e: { operation: string; request: Record<string, unknown>; identity: Record<string, unknown>; userAgent: string; time: number; username: string; accessKeyId: string }): void {
    const source = SOURCES[e.operation];
    if (source === undefined) return;
    const id = randomUUID();
    const { ClientToken: _token, ...parameters } = e.request;
    const detail = {
      eventVersion: '1.09',
      userIdentity: e.identity,
      eventTime: new Date(e.time).toISOString().replace(/\.\d+Z$/, 'Z'),
      eventSource: source,
      eventName: e.operation,
      awsRegion: region,
      sourceIPAddress: '127.0.0.1',
      userAgent: e.userAgent,
      requestParameters: parameters,
      responseElements: null,
      eventID: id,
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: account,
    };
    const list = this.events.get(account) ?? [];
    list.push({ EventId: id, EventName: e.operation, EventTime: e.time, EventSource: source, Username: e.username, AccessKeyId: e.accessKeyId, ReadOnly: 'false', region, CloudTrailEvent: JSON.stringify(detail) });
    this.events.set(account, list);
  }

  lookup(account: string, region: string, body: Record<string, unknown>, limited: boolean): Record<string, unknown> {
    if (limited) this.spend(account, region);
    const attributes = Array.isArray(body.LookupAttributes) ? (body.LookupAttributes as { AttributeKey?: string; AttributeValue?: string }[]) : [];
    // API reference: "Currently the list can contain only one item."
    if (attributes.length > 1) throw new ServiceError('InvalidLookupAttributesException', 'You can specify only one lookup attribute');
    const attribute = attributes[0];
    if (attribute !== undefined && !ATTRIBUTE_KEYS.includes(String(attribute.AttributeKey))) throw new ServiceError('InvalidLookupAttributesException', `Invalid AttributeKey: ${String(attribute.AttributeKey).slice(0, 40)}`);
    const max = body.MaxResults === undefined ? 50 : Number(body.MaxResults);
    if (!Number.isInteger(max) || max < 1 || max > 50) throw new ServiceError('InvalidMaxResultsException', 'MaxResults must be between 1 and 50');
    const now = this.now();
    const start = body.StartTime === undefined ? now - NINETY_DAYS_MS : Math.max(Number(body.StartTime) * 1000, now - NINETY_DAYS_MS);
    const end = body.EndTime === undefined ? now : Number(body.EndTime) * 1000;
    if (start > end) throw new ServiceError('InvalidTimeRangeException', 'StartTime must be before EndTime');
    const field = attribute?.AttributeKey as keyof TrailEvent | undefined;
    const matching = (this.events.get(account) ?? [])
      .filter((e) => e.region === region && e.EventTime >= start && e.EventTime <= end && e.EventTime + this.delay() <= now && (field === undefined || String(e[field]) === String(attribute?.AttributeValue)))
      .sort((a, b) => b.EventTime - a.EventTime);
    const from = body.NextToken === undefined ? 0 : Number(Buffer.from(String(body.NextToken), 'base64url').toString('utf8'));
    if (!Number.isInteger(from) || from < 0 || from > matching.length) throw new ServiceError('InvalidNextTokenException', 'Invalid NextToken');
    const page = matching.slice(from, from + max);
    return {
      Events: page.map(({ region: _r, EventTime, ...e }) => ({ ...e, EventTime: EventTime / 1000, Resources: [] })),
      ...(from + page.length < matching.length ? { NextToken: Buffer.from(String(from + page.length)).toString('base64url') } : {}),
    };
  }

  /** CloudTrail's LookupEvents rate: 2 a second per account and region (API reference), burst 2. */
  private spend(account: string, region: string): void {
    const key = `${account}|${region}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: 2, at: now };
    bucket.tokens = Math.min(2, bucket.tokens + ((now - bucket.at) / 1000) * 2);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) throw new ServiceError('ThrottlingException', 'Rate exceeded');
    bucket.tokens -= 1;
  }
}
