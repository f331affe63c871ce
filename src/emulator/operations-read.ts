// ListResources and GetResource: synchronous reads, per region.
import { randomUUID } from 'node:crypto';
import { HIERARCHY_GROUP_TYPE, INSTANCE_TYPE, SECURITY_PROFILE_TYPE, USER_TYPE } from '../domain/profile/security-profile.js';
import { checkKnownType, type OperationContext } from './context.js';
import { connectRateMessage } from './connect-limits.js';
import { handlerFailure, ServiceError } from './errors.js';
import { type Body, commonMembers, intMember, parseDocument, RULES, stringMember } from './input.js';
import { ID_KEY, plainIdentifier, presentModel } from './present.js';
import { AI_AGENT_MODELS, type Entry, type InstanceState, type Model, pageOf } from './store.js';

const INSTANCE_ARN = /^arn:aws[-a-z0-9]*:connect:[-a-z0-9]*:[0-9]{12}:instance\/[-a-zA-Z0-9]*$/;

/** `--list-properties summary`: the kinder shape, with what ListSecurityProfiles could give. */
const SUMMARY_KEYS: Record<string, string[]> = {
  [SECURITY_PROFILE_TYPE]: ['SecurityProfileArn', 'SecurityProfileName', 'InstanceArn', 'LastModifiedTime', 'LastModifiedRegion'],
  [HIERARCHY_GROUP_TYPE]: ['UserHierarchyGroupArn', 'InstanceArn', 'Name', 'ParentGroupArn'],
  [USER_TYPE]: ['UserArn', 'InstanceArn', 'Username'],
};
/**
 * real-aws-notes "Listing": the public Instance ListHandler returns these (source), whatever
 * `--list-properties` says short of `full`; Connect's ListInstances gives at most 10 a page.
 */
const INSTANCE_LIST_KEYS = ['Arn', 'Id', 'IdentityManagementType', 'InstanceAlias', 'CreatedTime', 'ServiceRole', 'InstanceStatus', 'Attributes'];
const INSTANCE_PAGE_MAX = 10;

function notFound(typeName: string, what: string): ServiceError {
  return handlerFailure(typeName, 'NotFound', `${what} (Service: Connect, Status Code: 404)`, randomUUID());
}

/** The instance a list of profiles or groups is for, from the list handler's ResourceModel. */
function listInstance(ctx: OperationContext, typeName: string, body: Body): InstanceState {
  const text = stringMember(body, 'ResourceModel', RULES.ResourceModel);
  const prefix = `Missing or invalid ResourceModel property in ${typeName} list handler request input.`;
  if (text === undefined) throw new ServiceError('InvalidRequestException', `${prefix}Required property: (#: required key [InstanceArn] not found)`);
  let model: Record<string, unknown>;
  try {
    model = parseDocument('ResourceModel', text);
  } catch {
    throw new ServiceError('InvalidRequestException', `${prefix} ResourceModel is not a JSON object (InstanceArn is required)`);
  }
  const arn = model.InstanceArn;
  if (arn === undefined) throw new ServiceError('InvalidRequestException', `${prefix}Required property: (#: required key [InstanceArn] not found)`);
  if (typeof arn !== 'string' || !INSTANCE_ARN.test(arn)) {
    throw new ServiceError('InvalidRequestException', `${prefix}Invalid property: (#/InstanceArn: ${JSON.stringify(arn)?.slice(0, 80)} is not a Connect instance ARN)`);
  }
  const extra = Object.keys(model).filter((k) => k !== 'InstanceArn');
  if (extra.length > 0) throw new ServiceError('InvalidRequestException', `${prefix}Invalid property: (#: extraneous key [${extra[0]}] is not permitted)`);
  const instance = ctx.store.regions.get(ctx.region)?.instances.get(arn);
  if (!instance) throw notFound(typeName, `Instance not found: ${arn}`);
  return instance;
}

function encodeToken(key: string, seq: number): string {
  return Buffer.from(JSON.stringify({ k: key, s: seq })).toString('base64url');
}

function decodeToken(token: string, key: string): number {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown; s?: unknown };
    if (value.k === key && typeof value.s === 'number') return value.s;
  } catch {
    // fall through: any token we did not hand out for this list is refused the same way
  }
  throw new ServiceError('InvalidRequestException', 'The NextToken is not valid for this request (pass back the token of the previous page with the same TypeName and ResourceModel)');
}

function listProperties(ctx: OperationContext, typeName: string, model: Model): string {
  if (ctx.listProperties === 'full') return JSON.stringify(presentModel(typeName, model, ctx.timeUnit));
  // real-aws-notes "Listing": a list item may carry only the primary identifier (inferred), the
  // default; `summary` is the kinder reading.
  const keys =
    typeName === INSTANCE_TYPE ? INSTANCE_LIST_KEYS : ctx.listProperties === 'identifiers' ? [ID_KEY[typeName] ?? ''] : (SUMMARY_KEYS[typeName] ?? []);
  const out: Model = {};
  const shown = presentModel(typeName, model, ctx.timeUnit);
  for (const key of keys) if (shown[key] !== undefined) out[key] = shown[key];
  return JSON.stringify(out);
}

/** The handler's Connect calls, under `--real-limits`: an empty budget fails the call. */
export function spendConnect(ctx: OperationContext, typeName: string, action: string): void {
  const api = ctx.budgets.spend(ctx.account, ctx.region, typeName, action);
  if (api === undefined) return;
  throw handlerFailure(typeName, 'GeneralServiceException', connectRateMessage(api, randomUUID()), randomUUID());
}

export function listResources(ctx: OperationContext, body: Body): Body {
  const typeName = stringMember(body, 'TypeName', RULES.TypeName, true);
  commonMembers(body);
  intMember(body, 'MaxResults', 1, 100); // checked, then ignored, as AWS does
  const nextToken = stringMember(body, 'NextToken', { min: 1, max: 4096 });
  checkKnownType(typeName);
  let entries: Map<string, Entry>;
  let key: string;
  if (typeName === INSTANCE_TYPE) {
    const instances = ctx.store.regions.get(ctx.region)?.instances ?? new Map<string, InstanceState>();
    entries = new Map([...instances].map(([arn, i]) => [arn, i.entry]));
    key = `${typeName}|${ctx.region}`;
  } else {
    const instance = listInstance(ctx, typeName, body);
    // real-aws-notes "Listing": the User list handler has listed nothing in some versions (source).
    entries = typeName === SECURITY_PROFILE_TYPE ? instance.profiles : typeName === USER_TYPE ? (ctx.userList === 'empty' ? new Map<string, typeof instance.users extends Map<string, infer E> ? E : never>() : instance.users) : instance.groups;
    key = `${typeName}|${String(instance.entry.model.Arn)}`;
  }
  const after = nextToken === undefined ? 0 : decodeToken(nextToken, key);
  if (typeName !== INSTANCE_TYPE) spendConnect(ctx, typeName, 'list');
  const page = pageOf(entries, after, typeName === INSTANCE_TYPE ? Math.min(ctx.pageSize, INSTANCE_PAGE_MAX) : ctx.pageSize);
  const out: Body = {
    TypeName: typeName,
    ResourceDescriptions: page.items.map((e) => ({ Identifier: String(e.model[ID_KEY[typeName] ?? '']), Properties: listProperties(ctx, typeName, e.model) })),
  };
  if (page.lastSeq !== undefined) out.NextToken = encodeToken(key, page.lastSeq);
  return out;
}

/** A model by type and identifier in the context's region (undefined when there is none). */
export function findModel(ctx: Pick<OperationContext, 'store' | 'region'>, typeName: string, identifier: string): Model | undefined {
  if (typeName === INSTANCE_TYPE) return ctx.store.regions.get(ctx.region)?.instances.get(identifier)?.entry.model;
  // Not a Cloud Control type: an AI agent that holds profiles, by its ARN (for tests and the hostile fixture).
  if (typeName === AI_AGENT_MODELS) return [...(ctx.store.regions.get(ctx.region)?.instances.values() ?? [])].map((i) => i.aiAgents.get(identifier)?.model).find((m) => m !== undefined);
  const instance = ctx.store.instanceOf(ctx.region, identifier);
  if (typeName === SECURITY_PROFILE_TYPE) return instance?.profiles.get(identifier)?.model;
  if (typeName === HIERARCHY_GROUP_TYPE) return instance?.groups.get(identifier)?.model;
  if (typeName === USER_TYPE) return instance?.users.get(identifier)?.model;
  return undefined;
}

const WHAT: Record<string, string> = {
  [SECURITY_PROFILE_TYPE]: 'Security profile not found',
  [INSTANCE_TYPE]: 'Instance not found',
  [HIERARCHY_GROUP_TYPE]: 'User hierarchy group not found',
  [USER_TYPE]: 'User not found',
};

export function getResource(ctx: OperationContext, body: Body): Body {
  const typeName = stringMember(body, 'TypeName', RULES.TypeName, true);
  const raw = stringMember(body, 'Identifier', RULES.Identifier, true);
  commonMembers(body);
  checkKnownType(typeName);
  const identifier = plainIdentifier(typeName, raw);
  const model = findModel(ctx, typeName, identifier);
  if (!model) throw notFound(typeName, `${WHAT[typeName] ?? 'Not found'}: ${identifier}`);
  spendConnect(ctx, typeName, 'read');
  return { TypeName: typeName, ResourceDescription: { Identifier: identifier, Properties: JSON.stringify(presentModel(typeName, model, ctx.timeUnit)) } };
}
