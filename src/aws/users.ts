// Who holds a profile. Connect's SearchUsers gives every user of an instance with their profile ids,
// 500 a page, so one call answers for every profile of a small instance (real-aws-notes "The Connect
// API"). Where SearchUsers is refused, AWS::Connect::User through Cloud Control: a list (InstanceArn
// required, items may carry the ARN alone) and one GetResource per user, slower, with progress.
import type { GetResourceCommandOutput } from '@aws-sdk/client-cloudcontrol';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { SearchUsersCommand, type SearchUsersCommandOutput, type UserSearchCriteria, type UserSearchSummary } from '@aws-sdk/client-connect';
import type { ConnectUser, HolderList, UserIndex } from '../domain/access/holders.js';
import { holdersIn } from '../domain/access/holders.js';
import { sanitizeText } from '../domain/text/sanitize.js';
import { USER_TYPE } from '../domain/profile/security-profile.js';
import type { RegionContext } from './context.js';
import { mapError } from './map-error.js';
import { listPages } from './reads.js';
import type { CallOptions, UserLoadOptions } from './types.js';

const PAGE = 500;
const DENIED = new Set(['AccessDeniedException', 'UnauthorizedException', 'AccessDenied']);
const SEARCH_REFUSED = 'SearchUsers refused: holders come from AWS::Connect::User through Cloud Control, one read per user (slower)';
export const instanceIdOf = (arn: string): string | undefined => /:instance\/([-a-zA-Z0-9]+)$/.exec(arn)?.[1];
const clean = (s: string | undefined): string | undefined => (s === undefined ? undefined : sanitizeText(s));

function fromSearch(instanceArn: string, u: UserSearchSummary): ConnectUser {
  const user: ConnectUser = {
    arn: u.Arn ?? `${instanceArn}/agent/${u.Id ?? ''}`,
    username: clean(u.Username) ?? u.Id ?? '',
    securityProfileArns: (u.SecurityProfileIds ?? []).map((id) => `${instanceArn}/security-profile/${id}`),
  };
  const first = clean(u.IdentityInfo?.FirstName);
  const last = clean(u.IdentityInfo?.LastName);
  if (first !== undefined) user.firstName = first;
  if (last !== undefined) user.lastName = last;
  if (u.HierarchyGroupId) user.hierarchyGroupArn = `${instanceArn}/agent-group/${u.HierarchyGroupId}`;
  return user;
}

function fromModel(arn: string, text: string | undefined): ConnectUser {
  let props: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) props = value as Record<string, unknown>;
  } catch {
    // An unreadable user reads as one without profiles; it cannot make a profile look free (see complete).
  }
  const info = (props.IdentityInfo ?? {}) as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? sanitizeText(v) : undefined);
  const user: ConnectUser = {
    arn: str(props.UserArn) ?? arn,
    username: str(props.Username) ?? arn.split('/').pop() ?? arn,
    securityProfileArns: Array.isArray(props.SecurityProfileArns) ? props.SecurityProfileArns.filter((a): a is string => typeof a === 'string') : [],
  };
  const first = str(info.FirstName);
  const last = str(info.LastName);
  const group = str(props.HierarchyGroupArn);
  if (first !== undefined) user.firstName = first;
  if (last !== undefined) user.lastName = last;
  if (group !== undefined) user.hierarchyGroupArn = group;
  return user;
}

/** SearchUsers pages; undefined when Connect is not used or refused SearchUsers (then said once). */
async function searchUsers(ctx: RegionContext, instanceArn: string, criteria: UserSearchCriteria | undefined, options: CallOptions): Promise<ConnectUser[] | undefined> {
  const client = ctx.connectApi('SearchUsers');
  const instanceId = instanceIdOf(instanceArn);
  if (client === undefined || instanceId === undefined) return undefined;
  const users: ConnectUser[] = [];
  let nextToken: string | undefined;
  try {
    do {
      await ctx.spend('SearchUsers', options.signal);
      const out: SearchUsersCommandOutput = await client.send(
        new SearchUsersCommand({ InstanceId: instanceId, MaxResults: PAGE, ...(criteria ? { SearchCriteria: criteria } : {}), ...(nextToken ? { NextToken: nextToken } : {}) }),
        { abortSignal: ctx.signalFor(options.signal) },
      );
      for (const u of out.Users ?? []) users.push(fromSearch(instanceArn, u));
      nextToken = out.NextToken;
    } while (nextToken);
  } catch (error) {
    if (DENIED.has(String((error as { name?: string }).name))) {
      ctx.denyConnectApi('SearchUsers', SEARCH_REFUSED);
      return undefined;
    }
    throw mapError(error, ctx.errorContext('SearchUsers', { identifier: instanceArn }));
  }
  return users;
}

/** Every user of the instance through Cloud Control: the list, then one read per user. */
async function usersThroughCloudControl(ctx: RegionContext, instanceArn: string, options: UserLoadOptions): Promise<UserIndex> {
  const arns: string[] = [];
  for await (const page of listPages(ctx, USER_TYPE, { InstanceArn: instanceArn }, options)) for (const item of page) if (item.Identifier) arns.push(item.Identifier);
  const users: ConnectUser[] = [];
  let next = 0;
  let done = 0;
  options.onProgress?.(0, arns.length);
  const worker = async (): Promise<void> => {
    while (next < arns.length) {
      const arn = arns[next++]!;
      const out = await ctx.send<GetResourceCommandOutput>(
        new GetResourceCommand({ TypeName: USER_TYPE, Identifier: arn }),
        { operation: 'GetResource', typeName: USER_TYPE, identifier: arn },
        options.signal,
      );
      users.push(fromModel(arn, out.ResourceDescription?.Properties));
      done += 1;
      options.onProgress?.(done, arns.length);
    }
  };
  // DescribeUser's budget is 10/s (real-aws-notes "Limits"), five times the profile APIs'.
  await Promise.all(Array.from({ length: Math.min(ctx.concurrency * 2, arns.length) }, worker));
  const order = new Map(arns.map((a, i) => [a, i]));
  users.sort((a, b) => (order.get(a.arn) ?? 0) - (order.get(b.arn) ?? 0));
  const index: UserIndex = { instanceArn, users, route: 'cloud-control', complete: users.length > 0 };
  if (users.length === 0) index.note = 'the AWS::Connect::User list returned nobody (its handler has listed nothing in some versions), so who holds what is unknown';
  return index;
}

/** Every user of an instance with their profiles (undefined when only the cheap route is allowed and it is not available). */
export async function loadUserIndex(ctx: RegionContext, instanceArn: string, options: UserLoadOptions = {}): Promise<UserIndex | undefined> {
  const searched = await searchUsers(ctx, instanceArn, undefined, options);
  if (searched !== undefined) return { instanceArn, users: searched, route: 'connect', complete: true };
  if (options.allowSlow === false) return undefined;
  return usersThroughCloudControl(ctx, instanceArn, options);
}

/** The holders of one profile, asked fresh (SearchUsers with a SecurityProfileId condition). */
export async function listHolders(ctx: RegionContext, profileArn: string, options: UserLoadOptions = {}): Promise<HolderList> {
  const instanceArn = profileArn.replace(/\/security-profile\/.*$/, '');
  const id = profileArn.split('/').pop() ?? '';
  const criteria: UserSearchCriteria = { StringCondition: { FieldName: 'SecurityProfileId', ComparisonType: 'EXACT', Value: id } };
  const searched = await searchUsers(ctx, instanceArn, criteria, options);
  if (searched !== undefined) return { profileArn, holders: searched, route: 'connect', complete: true };
  const index = await usersThroughCloudControl(ctx, instanceArn, options);
  const list: HolderList = { profileArn, holders: holdersIn(index, profileArn), route: index.route, complete: index.complete };
  if (index.note !== undefined) list.note = index.note;
  return list;
}
