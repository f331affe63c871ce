// One region's RegionService: the reads, the mutations and the detail loaders, over one context.
import type { RegionContext } from './context.js';
import { createDetailLoader } from './detail-loader.js';
import { canSaveThroughConnect, createProfile, deleteProfile, trackRequest, updateProfile } from './mutations.js';
import { cancelRequest, getProfile, listHierarchyGroups, listInstances, listProfiles, listRequests } from './reads.js';
import type { DetailLoader, RegionService, UserLoadOptions } from './types.js';
import { listHolders, loadUserIndex } from './users.js';
import { timeLeft } from '../domain/rate-limits.js';

export function createRegionService(ctx: RegionContext): RegionService {
  return {
    region: ctx.region,
    readOnly: ctx.readOnly,
    listInstances: (options) => listInstances(ctx, options),
    listHierarchyGroups: (instanceArn, options) => listHierarchyGroups(ctx, instanceArn, options),
    listProfiles: (instanceArn, options) => listProfiles(ctx, instanceArn, options),
    getProfile: (arn, options) => getProfile(ctx, arn, options),
    createDetailLoader(options) {
      const loader: DetailLoader = createDetailLoader({
        concurrency: options?.concurrency ?? ctx.concurrency,
        fetch: (arn, callOptions) => getProfile(ctx, arn, callOptions),
        onDispose: () => ctx.loaders.delete(loader),
      });
      ctx.loaders.add(loader);
      return loader;
    },
    createProfile: (desired, options) => createProfile(ctx, desired, options),
    updateProfile: (arn, before, after, options) => updateProfile(ctx, arn, before, after, options),
    deleteProfile: (arn, options) => deleteProfile(ctx, arn, options),
    trackRequest: (requestToken, options) => trackRequest(ctx, requestToken, options),
    listRequests: (filter, options) => listRequests(ctx, filter, options),
    cancelRequest: (requestToken, options) => cancelRequest(ctx, requestToken, options),
    loadUsers: ((instanceArn: string, options?: UserLoadOptions) => loadUserIndex(ctx, instanceArn, options)) as RegionService['loadUsers'],
    listHolders: (profileArn, options) => listHolders(ctx, profileArn, options),
    canSaveThroughConnect: () => canSaveThroughConnect(ctx),
    timeLeft: (remaining) => (ctx.budget === undefined ? undefined : timeLeft(remaining, 'DescribeSecurityProfile', ctx.budget.share)),
    account: () => ctx.account(),
  };
}
