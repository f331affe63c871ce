// A user's security profiles, read and replaced through the Connect API: DescribeUser gives the
// user's current set, UpdateUserSecurityProfiles replaces the whole set (1–10 ids, Connect API
// model). Each call spends its own budget (DescribeUser 10/s, UpdateUserSecurityProfiles 2/s).
import { DescribeUserCommand, UpdateUserSecurityProfilesCommand } from '@aws-sdk/client-connect';
import { SpexError } from '../domain/service/errors.js';
import type { RegionContext } from './context.js';
import { mapError } from './map-error.js';
import { instanceIdOf } from './users.js';
import type { CallOptions } from './types.js';

const client = (ctx: RegionContext, api: string) => {
  const connect = ctx.connectApi(api);
  if (connect === undefined) {
    throw new SpexError({ kind: 'validation', message: `changing who holds a profile needs the Connect API (${api}), which is not available here${ctx.connectUnavailable() ? `: ${ctx.connectUnavailable()}` : ''}` });
  }
  return connect;
};

/** The ids of the security profiles a user holds now. */
export async function userProfileIds(ctx: RegionContext, instanceArn: string, userId: string, options: CallOptions = {}): Promise<string[]> {
  const connect = client(ctx, 'DescribeUser');
  try {
    await ctx.spend('DescribeUser', options.signal);
    const out = await connect.send(new DescribeUserCommand({ InstanceId: instanceIdOf(instanceArn) ?? instanceArn, UserId: userId }), { abortSignal: ctx.signalFor(options.signal) });
    return out.User?.SecurityProfileIds ?? [];
  } catch (error) {
    throw mapError(error, ctx.errorContext('DescribeUser', { identifier: userId }));
  }
}

/** Replaces the user's whole set of security profiles (1–10 ids). */
export async function setUserProfileIds(ctx: RegionContext, instanceArn: string, userId: string, profileIds: readonly string[], options: CallOptions = {}): Promise<void> {
  const connect = client(ctx, 'UpdateUserSecurityProfiles');
  try {
    await ctx.spend('UpdateUserSecurityProfiles', options.signal);
    await connect.send(new UpdateUserSecurityProfilesCommand({ InstanceId: instanceIdOf(instanceArn) ?? instanceArn, UserId: userId, SecurityProfileIds: [...profileIds] }), { abortSignal: ctx.signalFor(options.signal) });
  } catch (error) {
    throw mapError(error, ctx.errorContext('UpdateUserSecurityProfiles', { identifier: userId }));
  }
}
