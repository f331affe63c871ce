// One region's RegionService: the reads, the mutations and the detail loaders, over one context.
import { type RegionContext, readOnlyError } from './context.js';
import { createDetailLoader } from './detail-loader.js';
import { loadServiceQuotas, loadSts } from './client.js';
import { canSaveThroughConnect, createProfile, deleteProfile, trackRequest, updateProfile } from './mutations.js';
import { cancelRequest, getProfile, listFlowModules, listHierarchyGroups, listInstances, listProfiles, listRequests } from './reads.js';
import type { DetailLoader, RegionService, UserLoadOptions } from './types.js';
import { listHolders, loadUserIndex } from './users.js';
import { setUserProfileIds, userLogin, userProfileIds } from './user-writes.js';
import { timeLeft } from '../domain/service/rate-limits.js';
import { type AiAgentInfo, agentHoldersOf } from '../domain/access/ai-agents.js';
import { lookupWrites } from './history.js';
import { changeAiAgentProfiles, readAgentProfiles, readAiAgents } from './ai-agents.js';

/** Amazon Connect's "Security profiles per instance" in Service Quotas. */
const PROFILE_QUOTA_CODE = 'L-F325A715';
import type { SecurityProfile } from '../domain/profile/security-profile.js';

/**
 * A cached detail that may stand in for a GetResource: one whose LastModifiedTime matches Connect's
 * summary (unchanged since it was read); or, when this instance has no summaries (Cloud Control
 * alone), any cached one, to be revalidated in the background.
 */
function cachedDetail(ctx: RegionContext, arn: string): { profile: SecurityProfile; revalidate: boolean } | undefined {
  const hit = ctx.cache?.get(arn);
  if (hit === undefined) return undefined;
  const instanceArn = arn.replace(/\/security-profile\/.*$/, '');
  if (!ctx.summarised.has(instanceArn)) return { profile: hit.profile, revalidate: true };
  const t = ctx.summaryTimes.get(arn);
  if (t === undefined || hit.lastModifiedTime === undefined || Math.abs(hit.lastModifiedTime - t) > 0.0015) return undefined;
  return { profile: hit.profile, revalidate: false };
}

export function createRegionService(ctx: RegionContext): RegionService {
  const agents = new Map<string, Promise<AiAgentInfo[] | undefined>>();
  /** The instance's AI agents, read once and kept (`fresh`: read again); a failed or unreadable answer is asked again next time. */
  const agentsOf = (instanceArn: string, options?: { signal?: AbortSignal | undefined; fresh?: boolean | undefined }): Promise<AiAgentInfo[] | undefined> => {
    let pending = options?.fresh ? undefined : agents.get(instanceArn);
    if (pending === undefined) {
      const read = readAiAgents(ctx, instanceArn, options?.signal);
      agents.set(instanceArn, read);
      const forget = (): void => void (agents.get(instanceArn) === read && agents.delete(instanceArn));
      read.then((list) => list === undefined && forget(), forget);
      pending = read;
    }
    return pending;
  };
  return {
    region: ctx.region,
    readOnly: ctx.readOnly,
    listInstances: (options) => listInstances(ctx, options),
    listHierarchyGroups: (instanceArn, options) => listHierarchyGroups(ctx, instanceArn, options),
    listFlowModules: (instanceArn, options) => listFlowModules(ctx, instanceArn, options),
    listProfiles: (instanceArn, options) => listProfiles(ctx, instanceArn, options),
    listAiAgents: (instanceArn, options) => agentsOf(instanceArn, options),
    profileVersions: (arn) => ctx.versions?.versions(arn) ?? [],
    async lookupWrites(options) {
      const client = await ctx.cloudtrail();
      if (client === undefined) throw new Error('CloudTrail is not available');
      const account = ctx.account();
      const kept = account === undefined ? [] : (ctx.history?.read(account, ctx.region) ?? []);
      // What was fetched before is kept: only what is newer is asked for, with 15 minutes of overlap, as
      // CloudTrail delivers events minutes late (an event that happened before the last look but arrived after it).
      const newest = kept[0]?.time;
      const since = newest === undefined ? options?.since : Math.max(options?.since ?? 0, newest - 15 * 60_000);
      const fetched = await lookupWrites(ctx, client, since, options?.signal);
      if (account !== undefined) ctx.history?.add(account, ctx.region, fetched);
      const byId = new Map([...kept, ...fetched].map((r) => [r.id, r]));
      return [...byId.values()].filter((r) => options?.since === undefined || r.time >= options.since).sort((a, b) => b.time - a.time);
    },
    async callerArn(options) {
      const pending = ctx.sts();
      if (pending === undefined) return undefined;
      try {
        const [client, { GetCallerIdentityCommand }] = await Promise.all([pending, loadSts()]);
        return (await client.send(new GetCallerIdentityCommand({}), { abortSignal: ctx.signalFor(options?.signal) })).Arn;
      } catch {
        // Denied or unreachable: the review says "unknown" rather than failing.
        return undefined;
      }
    },
    aiAgentProfileArns: (instanceArn, agentArn, options) => readAgentProfiles(ctx, instanceArn, agentArn, options?.signal),
    changeAiAgentProfiles: async (instanceArn, agentArn, change, profileArns, options) => {
      if (ctx.readOnly) throw readOnlyError(change === 'add' ? 'AssociateSecurityProfiles' : 'DisassociateSecurityProfiles');
      agents.delete(instanceArn);
      await changeAiAgentProfiles(ctx, instanceArn, agentArn, change, profileArns, options?.signal);
    },
    getProfile: (arn, options) => getProfile(ctx, arn, options),
    createDetailLoader(options) {
      const unconfirmed = new Set<string>();
      const loader: DetailLoader = createDetailLoader({
        concurrency: options?.concurrency ?? ctx.concurrency,
        fetch: (arn, callOptions) => {
          const cached = cachedDetail(ctx, arn);
          if (cached === undefined) return getProfile(ctx, arn, callOptions);
          if (cached.revalidate) {
            // No summaries to check it against: shown at once, marked as possibly stale, and read
            // again in the background; the answer (changed or not) takes the mark away.
            unconfirmed.add(arn);
            void getProfile(ctx, arn).then(
              (fresh) => {
                unconfirmed.delete(arn);
                loader.prime(arn, JSON.stringify(fresh) !== JSON.stringify(cached.profile) ? fresh : cached.profile);
              },
              () => undefined,
            );
          }
          return Promise.resolve(cached.profile);
        },
        onDispose: () => ctx.loaders.delete(loader),
      });
      loader.isUnconfirmed = (arn) => unconfirmed.has(arn);
      ctx.loaders.add(loader);
      return loader;
    },
    createProfile: (desired, options) => createProfile(ctx, desired, options),
    updateProfile: (arn, before, after, options) => updateProfile(ctx, arn, before, after, options),
    deleteProfile: (arn, options) => {
      const op = deleteProfile(ctx, arn, options);
      void op.done.then((outcome) => outcome.ok && ctx.cache?.remove(arn));
      return op;
    },
    trackRequest: (requestToken, options) => trackRequest(ctx, requestToken, options),
    listRequests: (filter, options) => listRequests(ctx, filter, options),
    cancelRequest: (requestToken, options) => cancelRequest(ctx, requestToken, options),
    loadUsers: ((instanceArn: string, options?: UserLoadOptions) => loadUserIndex(ctx, instanceArn, options)) as RegionService['loadUsers'],
    listHolders: async (profileArn, options) => {
      // The users (SearchUsers) and the AI agents, as read once a run (a change through spex reads them again).
      const instanceArn = profileArn.replace(/\/security-profile\/.*$/, '');
      const [list, all] = await Promise.all([listHolders(ctx, profileArn, options), agentsOf(instanceArn, options).catch(() => undefined)]);
      const holding = agentHoldersOf(all, profileArn);
      return holding.length > 0 ? { ...list, agents: holding } : list;
    },
    userProfileIds: (instanceArn, userId, options) => userProfileIds(ctx, instanceArn, userId, options),
    userLogin: (instanceArn, userId, options) => userLogin(ctx, instanceArn, userId, options),
    setUserProfileIds: async (instanceArn, userId, profileIds, options) => {
      if (ctx.readOnly) throw readOnlyError('UpdateUserSecurityProfiles');
      return setUserProfileIds(ctx, instanceArn, userId, profileIds, options);
    },
    async profileQuota(options) {
      const pending = ctx.quotas();
      if (pending === undefined) return undefined;
      try {
        const [client, { GetServiceQuotaCommand }] = await Promise.all([pending, loadServiceQuotas()]);
        const out = await client.send(new GetServiceQuotaCommand({ ServiceCode: 'connect', QuotaCode: PROFILE_QUOTA_CODE }), { abortSignal: ctx.signalFor(options?.signal) });
        const value = out.Quota?.Value;
        return typeof value === 'number' && value > 0 ? value : undefined;
      } catch {
        // Denied or unreachable: the default is used, and `spex lint` says so.
        return undefined;
      }
    },
    canSaveThroughConnect: () => canSaveThroughConnect(ctx),
    timeLeft: (remaining) => (ctx.budget === undefined ? undefined : timeLeft(remaining, 'DescribeSecurityProfile', ctx.budget.share)),
    account: () => ctx.account(),
  };
}
