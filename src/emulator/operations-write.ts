// CreateResource, UpdateResource, DeleteResource (asynchronous) and the request operations
// (GetResourceRequestStatus, ListResourceRequests, CancelResourceRequest).
import { randomUUID } from 'node:crypto';
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import { SECURITY_PROFILE_TYPE, USER_TYPE } from '../domain/profile/security-profile.js';
import { awsValidationMessage, validateProfile } from '../domain/profile/validate.js';
import { READ_ONLY_PROPERTIES } from '../domain/profile/security-profile.js';
import { checkKnownType, type OperationContext, unsupported } from './context.js';
import { handlerFailure, ServiceError } from './errors.js';
import { type Body, commonMembers, enumList, intMember, parseDocument, RULES, stringMember } from './input.js';
import { findModel, spendConnect } from './operations-read.js';
import { applyProfilePatch, checkPatchTargets, parsePatch } from './patch-check.js';
import { plainIdentifier, presentProfile } from './present.js';
import { progressEvent } from './requests.js';
import type { RequestRecord } from './store.js';

/** Type checks shared by the three mutations: security profiles, and a user's profiles (UPDATE only). */
function mutableType(body: Body, action: string): string {
  const typeName = stringMember(body, 'TypeName', RULES.TypeName, true);
  commonMembers(body);
  checkKnownType(typeName);
  if (typeName !== SECURITY_PROFILE_TYPE && !(typeName === USER_TYPE && action === 'UPDATE')) throw unsupported(typeName, action);
  return typeName;
}

/**
 * An AWS::Connect::User update: the local endpoint changes a user's SecurityProfileArns only (the
 * schema's 1–10 unique ARNs, checked before the request is accepted, as Cloud Control validates the
 * patched model first); its handler calls UpdateUserSecurityProfiles (real-aws-notes "Writes").
 */
function updateUser(ctx: OperationContext, identifier: string, document: string, clientToken: string | undefined): Body {
  const patch = parsePatch(document);
  const other = patch.find((op) => op.path.split('/')[1] !== 'SecurityProfileArns');
  if (other !== undefined) throw new ServiceError('ValidationException', `The local endpoint changes a user's SecurityProfileArns only (not ${other.path})`);
  const current = findModel(ctx, USER_TYPE, identifier);
  if (!current) throw handlerFailure(USER_TYPE, 'NotFound', `User not found: ${identifier} (Service: Connect, Status Code: 404)`, randomUUID());
  spendConnect(ctx, USER_TYPE, 'read');
  let next: Record<string, unknown>;
  try {
    next = fastJsonPatch.applyPatch(structuredClone(current), patch as Operation[], true, false).newDocument;
  } catch (error) {
    throw new ServiceError('ValidationException', `Patch could not be applied: ${(error as Error).message}`);
  }
  const arns = next.SecurityProfileArns;
  // real-aws-notes: AWS::Connect::User's SecurityProfileArns holds 1–10 ARNs (uniqueness: UpdateUserSecurityProfiles takes a set).
  if (!Array.isArray(arns) || arns.length < 1 || arns.length > 10 || new Set(arns).size !== arns.length || !arns.every((a) => typeof a === 'string')) {
    throw new ServiceError('ValidationException', `Model validation failed (#/SecurityProfileArns: expected 1 to 10 unique security profile ARNs, found ${Array.isArray(arns) ? arns.length : 'none'})`);
  }
  const record = ctx.book.start(ctx.region, { operation: 'UPDATE', typeName: USER_TYPE, identifier, clientToken, patch, document, injected: ctx.injected, handlerModel: next });
  return { ProgressEvent: progressEvent(record, ctx.timeUnit) };
}

/** A retry with a ClientToken already used for this very request gets that request back. */
function earlier(ctx: OperationContext, clientToken: string | undefined, operation: string, typeName: string, identifier: string, document: string): RequestRecord | undefined {
  if (clientToken === undefined) return undefined;
  const region = ctx.store.regions.get(ctx.region);
  const record = region?.requests.get(region.clientTokens.get(clientToken) ?? '');
  if (!record) return undefined;
  if (record.fingerprint === JSON.stringify([operation, typeName, identifier, document])) return record;
  throw new ServiceError('ClientTokenConflictException', `The client token ${clientToken} was already used for a different request (${record.token})`);
}

export function createResource(ctx: OperationContext, body: Body): Body {
  const typeName = mutableType(body, 'CREATE');
  const document = stringMember(body, 'DesiredState', RULES.DesiredState, true);
  const clientToken = stringMember(body, 'ClientToken', RULES.ClientToken);
  const again = earlier(ctx, clientToken, 'CREATE', typeName, '', document);
  if (again) return { ProgressEvent: progressEvent(again, ctx.timeUnit) };
  const desired = parseDocument('DesiredState', document);
  // real-aws-notes "Writes": read-only properties in a DesiredState are silently ignored (observed).
  for (const name of READ_ONLY_PROPERTIES) delete desired[name];
  const issues = validateProfile(desired, 'create');
  if (issues.length > 0) throw new ServiceError('ValidationException', awsValidationMessage(issues));
  const record = ctx.book.start(ctx.region, {
    operation: 'CREATE',
    typeName,
    plannedIdentifier: `${String(desired.InstanceArn)}/security-profile/${randomUUID()}`,
    clientToken,
    desired,
    document,
    injected: ctx.injected,
  });
  return { ProgressEvent: progressEvent(record, ctx.timeUnit) };
}

export function updateResource(ctx: OperationContext, body: Body): Body {
  const typeName = mutableType(body, 'UPDATE');
  const identifier = plainIdentifier(typeName, stringMember(body, 'Identifier', RULES.Identifier, true));
  const document = stringMember(body, 'PatchDocument', RULES.PatchDocument, true);
  const clientToken = stringMember(body, 'ClientToken', RULES.ClientToken);
  const again = earlier(ctx, clientToken, 'UPDATE', typeName, identifier, document);
  if (again) return { ProgressEvent: progressEvent(again, ctx.timeUnit) };
  if (typeName === USER_TYPE) return updateUser(ctx, identifier, document, clientToken);
  const patch = parsePatch(document);
  checkPatchTargets(patch);
  // Cloud Control reads the resource to apply the patch, so a missing one fails synchronously, and
  // the read spends the read handler's Connect calls.
  const current = findModel(ctx, typeName, identifier);
  if (!current) throw handlerFailure(typeName, 'NotFound', `Security profile not found: ${identifier} (Service: Connect, Status Code: 404)`, randomUUID());
  spendConnect(ctx, typeName, 'read');
  // The patch applies to the model as read (absent lists are []); the whole result is validated, so a
  // profile whose stored values the schema refuses cannot be updated at all (real-aws-notes "Writes").
  const handlerModel = applyProfilePatch(presentProfile(current, 's'), patch);
  const record = ctx.book.start(ctx.region, { operation: 'UPDATE', typeName, identifier, clientToken, patch, document, injected: ctx.injected, handlerModel });
  return { ProgressEvent: progressEvent(record, ctx.timeUnit) };
}

/** A missing profile is found out by the delete handler: the request ends FAILED with NotFound. */
export function deleteResource(ctx: OperationContext, body: Body): Body {
  const typeName = mutableType(body, 'DELETE');
  const identifier = plainIdentifier(typeName, stringMember(body, 'Identifier', RULES.Identifier, true));
  const clientToken = stringMember(body, 'ClientToken', RULES.ClientToken);
  const record = ctx.book.start(ctx.region, { operation: 'DELETE', typeName, identifier, clientToken, document: '', injected: ctx.injected });
  return { ProgressEvent: progressEvent(record, ctx.timeUnit) };
}

export function getResourceRequestStatus(ctx: OperationContext, body: Body): Body {
  const token = stringMember(body, 'RequestToken', RULES.RequestToken, true);
  return { ProgressEvent: progressEvent(ctx.book.find(ctx.region, token), ctx.timeUnit) };
}

export function cancelResourceRequest(ctx: OperationContext, body: Body): Body {
  const token = stringMember(body, 'RequestToken', RULES.RequestToken, true);
  return { ProgressEvent: progressEvent(ctx.book.cancel(ctx.region, token), ctx.timeUnit) };
}

const OPERATIONS = ['CREATE', 'UPDATE', 'DELETE'] as const;
const STATUSES = ['PENDING', 'IN_PROGRESS', 'SUCCESS', 'FAILED', 'CANCEL_IN_PROGRESS', 'CANCEL_COMPLETE'] as const;

/** Newest first, 20 a page unless MaxResults says otherwise. */
export function listResourceRequests(ctx: OperationContext, body: Body): Body {
  const max = intMember(body, 'MaxResults', 1, 100) ?? 20;
  const next = stringMember(body, 'NextToken', { min: 1, max: 2048, pattern: /^[-A-Za-z0-9+/=]+$/ });
  const filter = body.ResourceRequestStatusFilter;
  if (filter !== undefined && filter !== null && (typeof filter !== 'object' || Array.isArray(filter))) {
    throw new ServiceError('SerializationException', 'ResourceRequestStatusFilter must be a structure');
  }
  const f = (filter ?? {}) as Body;
  const operations = enumList(f, 'Operations', OPERATIONS);
  const statuses = enumList(f, 'OperationStatuses', STATUSES);
  const all = [...(ctx.store.regions.get(ctx.region)?.requests.values() ?? [])]
    .filter((r) => (!operations || operations.includes(r.operation)) && (!statuses || statuses.includes(r.status)))
    .reverse();
  let offset = 0;
  if (next !== undefined) {
    offset = Number(Buffer.from(next, 'base64').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw new ServiceError('ValidationException', 'The NextToken is not valid');
  }
  const page = all.slice(offset, offset + max);
  const out: Body = { ResourceRequestStatusSummaries: page.map((r) => progressEvent(r, ctx.timeUnit)) };
  if (offset + max < all.length) out.NextToken = Buffer.from(String(offset + max)).toString('base64');
  return out;
}
