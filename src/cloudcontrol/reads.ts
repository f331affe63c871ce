// The synchronous calls: lists (streamed page by page), one profile, and the request log.
import {
  CancelResourceRequestCommand,
  type CancelResourceRequestCommandOutput,
  GetResourceCommand,
  type GetResourceCommandOutput,
  GetResourceRequestStatusCommand,
  type GetResourceRequestStatusCommandOutput,
  ListResourceRequestsCommand,
  type ListResourceRequestsCommandOutput,
  ListResourcesCommand,
  type ListResourcesCommandOutput,
  type ResourceDescription,
} from '@aws-sdk/client-cloudcontrol';
import {
  type ConnectInstance,
  HIERARCHY_GROUP_TYPE,
  type HierarchyGroup,
  INSTANCE_TYPE,
  type ProfileSummary,
  SECURITY_PROFILE_TYPE,
  type SecurityProfile,
} from '../domain/security-profile.js';
import { type RegionContext, readOnlyError } from './context.js';
import { isTerminal, parseProfile, toHierarchyGroup, toInstance, toProfileSummary, toRequestStatus } from './parse.js';
import type { CallOptions, RequestFilter, RequestStatus } from './types.js';

/** Pages of ListResources; the same TypeName and ResourceModel go with every NextToken. */
export async function* listPages(
  ctx: RegionContext,
  typeName: string,
  resourceModel: Record<string, string> | undefined,
  options: CallOptions = {},
): AsyncGenerator<ResourceDescription[]> {
  const model = resourceModel ? JSON.stringify(resourceModel) : undefined;
  let nextToken: string | undefined;
  do {
    const out = await ctx.send<ListResourcesCommandOutput>(
      new ListResourcesCommand({ TypeName: typeName, ...(model ? { ResourceModel: model } : {}), ...(nextToken ? { NextToken: nextToken } : {}) }),
      { operation: 'ListResources', typeName, ...(resourceModel?.InstanceArn ? { identifier: resourceModel.InstanceArn } : {}) },
      options.signal,
    );
    yield out.ResourceDescriptions ?? [];
    nextToken = out.NextToken;
  } while (nextToken);
}

export async function listInstances(ctx: RegionContext, options?: CallOptions): Promise<ConnectInstance[]> {
  const all: ConnectInstance[] = [];
  for await (const page of listPages(ctx, INSTANCE_TYPE, undefined, options)) {
    for (const item of page) {
      const instance = toInstance(item);
      ctx.noteArn(instance.arn);
      all.push(instance);
    }
  }
  return all;
}

/**
 * The hierarchy groups of an instance, with their names. A list item may carry the ARN alone
 * (real-aws-notes "Listing"), so a group without a name is read with GetResource, a few at a time.
 */
export async function listHierarchyGroups(ctx: RegionContext, instanceArn: string, options?: CallOptions): Promise<HierarchyGroup[]> {
  const all: HierarchyGroup[] = [];
  for await (const page of listPages(ctx, HIERARCHY_GROUP_TYPE, { InstanceArn: instanceArn }, options)) {
    for (const item of page) all.push(toHierarchyGroup(item));
  }
  const unnamed = all.filter((g) => g.name === undefined);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < unnamed.length) {
      const group = unnamed[next++]!;
      const out = await ctx.send<GetResourceCommandOutput>(
        new GetResourceCommand({ TypeName: HIERARCHY_GROUP_TYPE, Identifier: group.arn }),
        { operation: 'GetResource', typeName: HIERARCHY_GROUP_TYPE, identifier: group.arn },
        options?.signal,
      );
      const read = toHierarchyGroup({ Identifier: group.arn, Properties: out.ResourceDescription?.Properties });
      if (read.name !== undefined) group.name = read.name;
      if (read.parentGroupArn !== undefined) group.parentGroupArn = read.parentGroupArn;
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.concurrency, unnamed.length) }, worker));
  return all;
}

export async function* listProfiles(ctx: RegionContext, instanceArn: string, options?: CallOptions): AsyncGenerator<ProfileSummary[]> {
  for await (const page of listPages(ctx, SECURITY_PROFILE_TYPE, { InstanceArn: instanceArn }, options)) {
    const summaries = page.map(toProfileSummary);
    for (const s of summaries) ctx.noteArn(s.arn);
    yield summaries;
  }
}

export async function getProfile(ctx: RegionContext, arn: string, options?: CallOptions): Promise<SecurityProfile> {
  const out = await ctx.send<GetResourceCommandOutput>(
    new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: arn }),
    { operation: 'GetResource', typeName: SECURITY_PROFILE_TYPE, identifier: arn },
    options?.signal,
  );
  const profile = parseProfile(out.ResourceDescription?.Properties);
  ctx.noteArn(profile.SecurityProfileArn ?? arn);
  return profile;
}

export async function getRequestStatus(ctx: RegionContext, requestToken: string, signal?: AbortSignal): Promise<RequestStatus> {
  const out = await ctx.sendRaw<GetResourceRequestStatusCommandOutput>(new GetResourceRequestStatusCommand({ RequestToken: requestToken }), signal);
  return toRequestStatus(out.ProgressEvent);
}

/** Recent requests for security profiles, newest first. */
export async function listRequests(ctx: RegionContext, filter: RequestFilter = {}, options: CallOptions = {}, maxPages = 10): Promise<RequestStatus[]> {
  const all: RequestStatus[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const out = await ctx.send<ListResourceRequestsCommandOutput>(
      new ListResourceRequestsCommand({
        ResourceRequestStatusFilter: {
          ...(filter.operations ? { Operations: filter.operations } : {}),
          ...(filter.statuses ? { OperationStatuses: filter.statuses } : {}),
        },
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
      { operation: 'ListResourceRequests' },
      options.signal,
    );
    for (const event of out.ResourceRequestStatusSummaries ?? []) {
      if (event.TypeName !== undefined && event.TypeName !== SECURITY_PROFILE_TYPE) continue;
      if (event.RequestToken) all.push(toRequestStatus(event));
    }
    nextToken = out.NextToken;
  } while (nextToken && ++pages < maxPages);
  return all.sort((a, b) => (b.eventTime ?? 0) - (a.eventTime ?? 0));
}

/**
 * Asks Cloud Control to cancel a request. Only PENDING or IN_PROGRESS requests can be cancelled, and
 * AWS refuses any other with a 500 ConcurrentModificationException that the SDK would retry, so the
 * status is looked at first and an ended request is returned as it ended, with a note. A change
 * already handed to Connect may still apply (real-aws-notes "Writes"), and the note says so.
 */
export async function cancelRequest(ctx: RegionContext, requestToken: string, options: CallOptions = {}): Promise<RequestStatus> {
  if (ctx.readOnly) throw readOnlyError('cancelling a request');
  const current = await ctx
    .send<GetResourceRequestStatusCommandOutput>(new GetResourceRequestStatusCommand({ RequestToken: requestToken }), { operation: 'GetResourceRequestStatus', identifier: requestToken }, options.signal)
    .then((out) => toRequestStatus(out.ProgressEvent));
  if (isTerminal(current) || current.status === 'CANCEL_IN_PROGRESS') {
    return { ...current, note: current.status === 'CANCEL_IN_PROGRESS' ? 'A cancel is already under way.' : `The request had already ended (${current.status}); nothing to cancel.` };
  }
  const out = await ctx.send<CancelResourceRequestCommandOutput>(
    new CancelResourceRequestCommand({ RequestToken: requestToken }),
    { operation: 'CancelResourceRequest', identifier: requestToken },
    options.signal,
  );
  return { ...toRequestStatus(out.ProgressEvent), note: CANCEL_NOTE };
}

export const CANCEL_NOTE = 'Cancel requested. A change already under way at Amazon Connect may still apply; spex follows the request to its end and re-reads the profile.';
