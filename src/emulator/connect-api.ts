// The Amazon Connect API (service `connect`, REST JSON) beside Cloud Control, on the same port and over
// the same store, for what Cloud Control does badly (real-aws-notes "The Connect API"):
// - ListSecurityProfiles (`GET /security-profiles-summary/{InstanceId}`): every name, id, ARN and time;
// - SearchUsers (`POST /search-users`): the holders of a profile;
// - UpdateSecurityProfile (`POST /security-profiles/{InstanceId}/{SecurityProfileId}`), TagResource
//   (`POST /tags/{resourceArn}`) and UntagResource (`DELETE /tags/{resourceArn}?tagKeys=…`): saves of
//   what the Cloud Control schema refuses. Connect's own rules apply, not the schema's.
// Errors as restJson1 sends them: the status, the code in `x-amzn-ErrorType`, and `{"Message": …}`.
import type { IncomingMessage } from 'node:http';
import { demoFlowModules } from './demo-data.js';
import { SECURITY_PROFILE_TYPE } from '../domain/security-profile.js';
import type { ConnectBudgets } from './connect-limits.js';
import { regionOf } from './server.js';
import { type InstanceState, type Model, type Store } from './store.js';

export class ConnectError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** HTTP statuses of the Connect errors a test can inject. */
export const CONNECT_STATUS: Readonly<Record<string, number>> = {
  AccessDeniedException: 403,
  ThrottlingException: 429,
  ResourceNotFoundException: 404,
  InvalidParameterException: 400,
  InvalidRequestException: 400,
  InternalServiceException: 500,
};

type Route = { method: string; pattern: RegExp; operation: string };
const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/security-profiles-summary\/([^/]+)$/, operation: 'ListSecurityProfiles' },
  { method: 'GET', pattern: /^\/contact-flow-modules-summary\/([^/]+)$/, operation: 'ListContactFlowModules' },
  { method: 'POST', pattern: /^\/search-users$/, operation: 'SearchUsers' },
  { method: 'POST', pattern: /^\/security-profiles\/([^/]+)\/([^/]+)$/, operation: 'UpdateSecurityProfile' },
  { method: 'POST', pattern: /^\/tags\/(.+)$/, operation: 'TagResource' },
  { method: 'DELETE', pattern: /^\/tags\/(.+)$/, operation: 'UntagResource' },
];

/** A path segment decoded, or undefined when its percent-escapes are malformed (`%E0%A4%A`, `%zz`). */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function routeOf(req: IncomingMessage): { operation: string; params: string[]; malformed: boolean } | undefined {
  if (req.headers['x-amz-target'] !== undefined) return undefined;
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  for (const route of ROUTES) {
    const match = route.method === req.method ? route.pattern.exec(path) : null;
    if (!match) continue;
    const decoded = match.slice(1).map(decodeSegment);
    return { operation: route.operation, params: decoded.map((p) => p ?? ''), malformed: decoded.some((p) => p === undefined) };
  }
  return undefined;
}

/** The Connect operation a request names, or undefined when it is not a Connect request. */
export function connectOperationOf(req: IncomingMessage): string | undefined {
  return routeOf(req)?.operation;
}

export interface ConnectContext {
  store: Store;
  budgets: ConnectBudgets;
  account: string;
  pageSize: number;
  /** Called after a change to the store. */
  changed: () => void;
}

interface Call {
  region: string;
  url: URL;
  params: string[];
  body: Record<string, unknown>;
  ctx: ConnectContext;
}

const invalid = (message: string): ConnectError => new ConnectError('InvalidParameterException', message, 400);
const notFound = (message: string): ConnectError => new ConnectError('ResourceNotFoundException', message, 404);

function instanceOf(call: Call, id: string): InstanceState {
  const instance = [...(call.ctx.store.regions.get(call.region)?.instances.values() ?? [])].find((i) => i.entry.model.Id === id || i.entry.model.Arn === id);
  if (!instance) throw notFound(`Instance not found: ${id.slice(0, 80)}`);
  return instance;
}

function spend(call: Call, api: string): void {
  if (call.ctx.budgets.spendApi(call.ctx.account, call.region, api)) throw new ConnectError('ThrottlingException', 'Rate exceeded', 429);
}

function pageStart(token: unknown, length: number): number {
  if (token === undefined || token === null) return 0;
  const start = Number(Buffer.from(String(token), 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0 || start > length) throw invalid('The nextToken is not valid');
  return start;
}

const tokenFor = (next: number): string => Buffer.from(String(next)).toString('base64url');
const idOf = (arn: unknown): string => String(arn).split('/').pop() ?? '';

function listSecurityProfiles(call: Call): Record<string, unknown> {
  const max = call.url.searchParams.get('maxResults');
  const maxResults = max === null ? 1000 : Number(max);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) throw invalid('1 validation error detected: maxResults must be between 1 and 1000');
  const instance = instanceOf(call, call.params[0] ?? '');
  // The same budget the Cloud Control list handler spends: it is the same Connect API.
  if (call.ctx.budgets.spend(call.ctx.account, call.region, SECURITY_PROFILE_TYPE, 'list') !== undefined) throw new ConnectError('ThrottlingException', 'Rate exceeded', 429);
  const all = [...instance.profiles.values()];
  const start = pageStart(call.url.searchParams.get('nextToken') ?? undefined, all.length);
  const page = all.slice(start, start + maxResults);
  const body: Record<string, unknown> = {
    SecurityProfileSummaryList: page.map(({ model }) => ({
      Id: idOf(model.SecurityProfileArn),
      Arn: model.SecurityProfileArn,
      Name: model.SecurityProfileName,
      ...(typeof model.LastModifiedTime === 'number' ? { LastModifiedTime: model.LastModifiedTime } : {}),
      ...(typeof model.LastModifiedRegion === 'string' ? { LastModifiedRegion: model.LastModifiedRegion } : {}),
    })),
  };
  if (start + page.length < all.length) body.NextToken = tokenFor(start + page.length);
  return body;
}

/** The instance's flow modules (names and ids), for profiles' AllowedFlowModules by name. */
function listContactFlowModules(call: Call): Record<string, unknown> {
  const instance = instanceOf(call, call.params[0] ?? '');
  spend(call, 'ListContactFlowModules');
  const arn = String(instance.entry.model.Arn);
  const all = instance.flowModules ?? demoFlowModules(arn);
  const start = pageStart(call.url.searchParams.get('nextToken') ?? undefined, all.length);
  const page = all.slice(start, start + call.ctx.pageSize);
  const body: Record<string, unknown> = { ContactFlowModulesSummaryList: page.map((m) => ({ Id: m.id, Arn: `${arn}/flow-module/${m.id}`, Name: m.name, State: 'ACTIVE' })) };
  if (start + page.length < all.length) body.NextToken = tokenFor(start + page.length);
  return body;
}

// ---- SearchUsers -------------------------------------------------------------------------------

const USER_FIELDS: Record<string, (user: Model) => string[]> = {
  SecurityProfileId: (u) => (Array.isArray(u.SecurityProfileArns) ? u.SecurityProfileArns.map(idOf) : []),
  Username: (u) => [String(u.Username ?? '')],
  FirstName: (u) => [String((u.IdentityInfo as Model | undefined)?.FirstName ?? '')],
  LastName: (u) => [String((u.IdentityInfo as Model | undefined)?.LastName ?? '')],
  ResourceId: (u) => [idOf(u.UserArn)],
  RoutingProfileId: (u) => [idOf(u.RoutingProfileArn)],
};

function matcher(criteria: unknown, depth = 0): (user: Model) => boolean {
  if (criteria === undefined || criteria === null) return () => true;
  if (typeof criteria !== 'object' || Array.isArray(criteria) || depth > 3) throw invalid('SearchCriteria is not valid');
  const c = criteria as Record<string, unknown>;
  const tests: ((user: Model) => boolean)[] = [];
  if (c.StringCondition !== undefined) {
    const s = c.StringCondition as Record<string, unknown>;
    const field = USER_FIELDS[String(s.FieldName)];
    if (!field) throw invalid(`Invalid FieldName ${JSON.stringify(String(s.FieldName).slice(0, 40))}: supported are ${Object.keys(USER_FIELDS).join(', ')}`);
    const value = String(s.Value ?? '');
    const kind = String(s.ComparisonType ?? 'EXACT');
    const compare: Record<string, (a: string) => boolean> = {
      EXACT: (a) => a === value,
      CONTAINS: (a) => a.toLowerCase().includes(value.toLowerCase()),
      STARTS_WITH: (a) => a.toLowerCase().startsWith(value.toLowerCase()),
    };
    const test = compare[kind];
    if (!test) throw invalid(`Invalid ComparisonType ${JSON.stringify(kind.slice(0, 40))}`);
    tests.push((u) => field(u).some(test));
  }
  for (const [key, all] of [['AndConditions', true], ['OrConditions', false]] as const) {
    const list = c[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw invalid(`${key} must be a list`);
    const parts = list.map((part) => matcher(part, depth + 1));
    tests.push((u) => (all ? parts.every((p) => p(u)) : parts.some((p) => p(u))));
  }
  return (u) => tests.every((t) => t(u));
}

function searchUsers(call: Call): Record<string, unknown> {
  const instanceId = call.body.InstanceId;
  if (typeof instanceId !== 'string' || instanceId === '') throw invalid('1 validation error detected: InstanceId must not be null');
  const max = call.body.MaxResults ?? 100;
  if (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 500) throw invalid('1 validation error detected: MaxResults must be between 1 and 500');
  const instance = instanceOf(call, instanceId);
  spend(call, 'SearchUsers');
  const test = matcher(call.body.SearchCriteria);
  const found = [...instance.users.values()].map((e) => e.model).filter(test);
  const start = pageStart(call.body.NextToken, found.length);
  const page = found.slice(start, start + (max as number));
  const body: Record<string, unknown> = {
    Users: page.map((u) => {
      const info = (u.IdentityInfo ?? {}) as Model;
      return {
        Arn: u.UserArn,
        Id: idOf(u.UserArn),
        Username: u.Username,
        IdentityInfo: { FirstName: info.FirstName, LastName: info.LastName },
        ...(u.HierarchyGroupArn !== undefined ? { HierarchyGroupId: idOf(u.HierarchyGroupArn) } : {}),
        RoutingProfileId: idOf(u.RoutingProfileArn),
        SecurityProfileIds: Array.isArray(u.SecurityProfileArns) ? u.SecurityProfileArns.map(idOf) : [],
        PhoneConfig: u.PhoneConfig,
        Tags: Object.fromEntries(((u.Tags ?? []) as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value])),
      };
    }),
    ApproximateTotalCount: found.length,
  };
  if (start + page.length < found.length) body.NextToken = tokenFor(start + page.length);
  return body;
}

// ---- Writes -------------------------------------------------------------------------------------

function stamp(call: Call, model: Model): void {
  const previous = Number(model.LastModifiedTime ?? 0);
  model.LastModifiedTime = Math.max(Date.now() / 1000, Math.round(previous * 1000 + 1) / 1000);
  model.LastModifiedRegion = call.region;
}

function stringList(name: string, value: unknown, max: number, item: (s: string) => boolean = () => true): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !item(v))) throw invalid(`1 validation error detected: ${name} must be a list of strings`);
  if (value.length > max) throw invalid(`1 validation error detected: ${name} must have at most ${max} items (got ${value.length})`);
  return value as string[];
}

function tagMap(name: string, value: unknown, max: number): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(`1 validation error detected: ${name} must be a map of strings`);
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > max) throw invalid(`1 validation error detected: ${name} must have at most ${max} entries (got ${entries.length})`);
  for (const [k, v] of entries) {
    // Connect's tag rule: letters of any language, digits, spaces and _.:/=+-@ (real-aws-notes "Writes").
    if (typeof v !== 'string' || k.length < 1 || k.length > 128 || v.length > 256 || !/^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(k)) {
      throw invalid(`1 validation error detected: ${name} key ${JSON.stringify(k.slice(0, 40))} failed to satisfy constraint`);
    }
  }
  return value as Record<string, string>;
}

const asTags = (map: Record<string, string>): { Key: string; Value: string }[] => Object.entries(map).map(([Key, Value]) => ({ Key, Value }));

function updateSecurityProfile(call: Call): Record<string, unknown> {
  const [instanceId = '', profileId = ''] = call.params;
  const instance = instanceOf(call, instanceId);
  const entry = [...instance.profiles.values()].find((e) => idOf(e.model.SecurityProfileArn) === profileId || e.model.SecurityProfileArn === profileId);
  if (!entry) throw notFound(`Security profile not found: ${profileId.slice(0, 80)}`);
  const b = call.body;
  const next = structuredClone(entry.model);
  if (b.Description !== undefined) {
    if (typeof b.Description !== 'string' || b.Description.length > 250) throw invalid('1 validation error detected: Description must be a string of at most 250 characters');
    next.Description = b.Description;
  }
  if (b.Permissions !== undefined) next.Permissions = stringList('Permissions', b.Permissions, 500, (s) => s.length >= 1 && s.length <= 128);
  if (b.AllowedAccessControlTags !== undefined) next.AllowedAccessControlTags = asTags(tagMap('AllowedAccessControlTags', b.AllowedAccessControlTags, 4));
  if (b.TagRestrictedResources !== undefined) next.TagRestrictedResources = stringList('TagRestrictedResources', b.TagRestrictedResources, 10);
  if (b.HierarchyRestrictedResources !== undefined) next.HierarchyRestrictedResources = stringList('HierarchyRestrictedResources', b.HierarchyRestrictedResources, 10);
  if (b.AllowedAccessControlHierarchyGroupId !== undefined) {
    const id = b.AllowedAccessControlHierarchyGroupId;
    if (typeof id !== 'string') throw invalid('1 validation error detected: AllowedAccessControlHierarchyGroupId must be a string');
    if (id === '') delete next.AllowedAccessControlHierarchyGroupId;
    else next.AllowedAccessControlHierarchyGroupId = id;
  }
  for (const name of ['Applications', 'AllowedFlowModules'] as const) {
    if (b[name] === undefined) continue;
    if (!Array.isArray(b[name])) throw invalid(`1 validation error detected: ${name} must be a list`);
    next[name] = structuredClone(b[name]);
  }
  if (b.GranularAccessControlConfiguration !== undefined) next.GranularAccessControlConfiguration = structuredClone(b.GranularAccessControlConfiguration);
  spend(call, 'UpdateSecurityProfile');
  stamp(call, next);
  entry.model = next;
  call.ctx.changed();
  return {};
}

function taggedProfile(call: Call): Model {
  const arn = call.params[0] ?? '';
  const found = call.ctx.store.findProfile(call.region, arn);
  if (!found) throw notFound(`Resource not found: ${arn.slice(0, 120)}`);
  return found.entry.model;
}

function tagResource(call: Call): Record<string, unknown> {
  const model = taggedProfile(call);
  const add = tagMap('tags', call.body.tags, 50);
  spend(call, 'TagResource');
  const tags = new Map(((model.Tags ?? []) as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]));
  for (const [k, v] of Object.entries(add)) tags.set(k, v);
  if (tags.size > 50) throw invalid('1 validation error detected: a resource may have at most 50 tags');
  model.Tags = asTags(Object.fromEntries(tags));
  call.ctx.changed();
  return {};
}

function untagResource(call: Call): Record<string, unknown> {
  const model = taggedProfile(call);
  const keys = call.url.searchParams.getAll('tagKeys');
  if (keys.length === 0) throw invalid('1 validation error detected: tagKeys must not be empty');
  spend(call, 'UntagResource');
  model.Tags = ((model.Tags ?? []) as { Key: string }[]).filter((t) => !keys.includes(t.Key));
  call.ctx.changed();
  return {};
}

const HANDLERS: Record<string, (call: Call) => Record<string, unknown>> = {
  ListSecurityProfiles: listSecurityProfiles,
  ListContactFlowModules: listContactFlowModules,
  SearchUsers: searchUsers,
  UpdateSecurityProfile: updateSecurityProfile,
  TagResource: tagResource,
  UntagResource: untagResource,
};

export function handleConnect(req: IncomingMessage, raw: Buffer, ctx: ConnectContext): { region: string; body: Record<string, unknown>; request: Record<string, unknown> } {
  let region: string;
  try {
    region = regionOf(req.headers.authorization);
  } catch (error) {
    throw new ConnectError('UnauthorizedException', (error as Error).message, 401);
  }
  const route = routeOf(req);
  if (!route) throw new ConnectError('UnknownOperationException', 'Unknown operation', 404);
  // The model is silent on a path that is not valid URI encoding: the client's fault, so its 400, never a 500.
  if (route.malformed) throw new ConnectError('InvalidRequestException', 'The request path has a malformed percent-escape', 400);
  let body: Record<string, unknown> = {};
  const text = raw.toString('utf8');
  if (text.trim() !== '') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ConnectError('SerializationException', 'The request body is not valid JSON', 400);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ConnectError('SerializationException', 'The request body must be a JSON object', 400);
    body = value as Record<string, unknown>;
  }
  const url = new URL(req.url ?? '/', 'http://emulator');
  const handler = HANDLERS[route.operation] as (call: Call) => Record<string, unknown>;
  return { region, body: handler({ region, url, params: route.params, body, ctx }), request: { ...body, ...(route.params.length > 0 ? { PathParameters: route.params } : {}) } };
}
