// A user's security profiles, read and replaced through the Connect API: DescribeUser gives the
// user's current set, UpdateUserSecurityProfiles replaces the whole set (1–10 ids, Connect API
// model). Each call spends its own budget (DescribeUser 10/s, UpdateUserSecurityProfiles 2/s).
// Without the Connect API (refused, or --cloudcontrol-only), the user's model through Cloud Control:
// AWS::Connect::User's SecurityProfileArns, read with GetResource and replaced with a tracked
// UpdateResource, whose handler calls UpdateUserSecurityProfiles (real-aws-notes "Writes").
import { type GetResourceCommandOutput, GetResourceCommand, UpdateResourceCommand, type UpdateResourceCommandOutput } from '@aws-sdk/client-cloudcontrol';
import { DescribeUserCommand, UpdateUserSecurityProfilesCommand } from '@aws-sdk/client-connect';
import { USER_TYPE } from '../domain/profile/security-profile.js';
import { SpexError } from '../domain/service/errors.js';
import type { RegionContext } from './context.js';
import { failedOperationError, mapError, toDomainError } from './map-error.js';
import { toRequestStatus } from './parse.js';
import { getRequestStatus } from './reads.js';
import { DEFAULT_WAIT_TIMEOUT_MS, startTrackedOperation } from './tracked-operation.js';
import { instanceIdOf } from './users.js';
import type { CallOptions } from './types.js';

/** A Connect user's ARN from its instance and id (`…/instance/ID/agent/USER`). */
const userArnOf = (instanceArn: string, userId: string): string => (userId.startsWith('arn:') ? userId : `${instanceArn}/agent/${userId}`);
const idOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** The ids of the security profiles a user holds now. */
export async function userProfileIds(ctx: RegionContext, instanceArn: string, userId: string, options: CallOptions = {}): Promise<string[]> {
  const connect = ctx.connectApi('DescribeUser');
  if (connect === undefined) {
    const arn = userArnOf(instanceArn, userId);
    const out = await ctx.send<GetResourceCommandOutput>(new GetResourceCommand({ TypeName: USER_TYPE, Identifier: arn }), { operation: 'GetResource', typeName: USER_TYPE, identifier: arn }, options.signal);
    const model = JSON.parse(out.ResourceDescription?.Properties ?? '{}') as { SecurityProfileArns?: string[] };
    return (model.SecurityProfileArns ?? []).map(idOf);
  }
  return (await describeUser(ctx, connect, instanceArn, userId, options)).SecurityProfileIds ?? [];
}

async function describeUser(ctx: RegionContext, connect: NonNullable<ReturnType<RegionContext['connectApi']>>, instanceArn: string, userId: string, options: CallOptions) {
  try {
    await ctx.spend('DescribeUser', options.signal);
    const out = await connect.send(new DescribeUserCommand({ InstanceId: instanceIdOf(instanceArn) ?? instanceArn, UserId: userId }), { abortSignal: ctx.signalFor(options.signal) });
    return out.User ?? {};
  } catch (error) {
    throw mapError(error, ctx.errorContext('DescribeUser', { identifier: userId }));
  }
}

/**
 * A Connect user's login from its id (DescribeUser): null when Connect has no such user (the admin
 * website's emergency access, or a user since deleted), undefined without the Connect API.
 */
export async function userLogin(ctx: RegionContext, instanceArn: string, userId: string, options: CallOptions = {}): Promise<string | null | undefined> {
  const connect = ctx.connectApi('DescribeUser');
  if (connect === undefined) return undefined;
  try {
    return (await describeUser(ctx, connect, instanceArn, userId, options)).Username ?? null;
  } catch (error) {
    if (error instanceof SpexError && error.error.kind === 'not-found') return null;
    throw error;
  }
}

/** Replaces the user's whole set of security profiles (1–10 ids). */
export async function setUserProfileIds(ctx: RegionContext, instanceArn: string, userId: string, profileIds: readonly string[], options: CallOptions = {}): Promise<void> {
  const connect = ctx.connectApi('UpdateUserSecurityProfiles');
  if (connect === undefined) return setThroughCloudControl(ctx, instanceArn, userId, profileIds, options);
  try {
    await ctx.spend('UpdateUserSecurityProfiles', options.signal);
    await connect.send(new UpdateUserSecurityProfilesCommand({ InstanceId: instanceIdOf(instanceArn) ?? instanceArn, UserId: userId, SecurityProfileIds: [...profileIds] }), { abortSignal: ctx.signalFor(options.signal) });
  } catch (error) {
    throw mapError(error, ctx.errorContext('UpdateUserSecurityProfiles', { identifier: userId }));
  }
}

/** The whole set replaced through Cloud Control (AWS::Connect::User), followed to its end. */
async function setThroughCloudControl(ctx: RegionContext, instanceArn: string, userId: string, profileIds: readonly string[], options: CallOptions): Promise<void> {
  const arn = userArnOf(instanceArn, userId);
  const patch = JSON.stringify([{ op: 'replace', path: '/SecurityProfileArns', value: profileIds.map((id) => (id.startsWith('arn:') ? id : `${instanceArn}/security-profile/${id}`)) }]);
  const errorContext = (operation: string) => ctx.errorContext(operation, { typeName: USER_TYPE, identifier: arn });
  const operation = startTrackedOperation({
    kind: 'UPDATE',
    start: async (clientToken, signal) => {
      const out = await ctx.sendRaw<UpdateResourceCommandOutput>(new UpdateResourceCommand({ TypeName: USER_TYPE, Identifier: arn, PatchDocument: patch, ClientToken: clientToken }), signal);
      return toRequestStatus(out.ProgressEvent);
    },
    poll: (token, signal) => getRequestStatus(ctx, token, signal),
    finish: async (status) => (status.status === 'SUCCESS' ? { ok: true, status, identifier: arn } : { ok: false, status, error: failedOperationError(status, errorContext('UpdateResource')) }),
    mapError: (error, name) => toDomainError(error, errorContext(name)),
    sleep: ctx.sleep,
    now: ctx.now,
    schedule: ctx.schedule,
    timeoutMs: DEFAULT_WAIT_TIMEOUT_MS,
    signal: ctx.signalFor(options.signal),
  });
  const outcome = await operation.done;
  if (!outcome.ok) throw new SpexError(outcome.error);
}
