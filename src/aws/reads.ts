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
import { ListContactFlowModulesCommand, type ListContactFlowModulesCommandOutput, ListSecurityProfilesCommand, type ListSecurityProfilesCommandOutput } from '@aws-sdk/client-connect';
import {
  type ConnectInstance,
  type FlowModuleName,
  HIERARCHY_GROUP_TYPE,
  type HierarchyGroup,
  INSTANCE_TYPE,
  type ProfileSummary,
  SECURITY_PROFILE_TYPE,
  type SecurityProfile,
} from '../domain/profile/security-profile.js';
import { readAllowedAIAgents, readThroughConnect } from './connect-reads.js';
import { type RegionContext, readOnlyError } from './context.js';
import { isSpexError } from '../domain/service/errors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
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

/**
 * The profiles of an instance, streamed page by page. Connect's ListSecurityProfiles gives every
 * profile's ARN, name and modification time, a page at a time: each page is shown as it arrives (the
 * first rows after one round trip), and no Cloud Control page is needed. Cloud Control's list (whose
 * items may carry the ARN alone, real-aws-notes "Listing") is the way when Connect is not used or
 * refuses (said once; names then load per row), and finishes a list Connect stopped partway through,
 * without repeating a row.
 */
export async function* listProfiles(ctx: RegionContext, instanceArn: string, options?: CallOptions): AsyncGenerator<ProfileSummary[]> {
  const shown = new Set<string>();
  try {
    for await (const page of connectSummaryPages(ctx, instanceArn, options?.signal)) {
      for (const s of page) {
        shown.add(s.arn);
        ctx.noteArn(s.arn);
      }
      yield page;
    }
    if (ctx.summarised.has(instanceArn)) return;
  } catch (error) {
    // A refusal was said (and Connect set aside) where it happened; any other failure: Cloud Control lists the rest.
    if (options?.signal?.aborted) throw error;
  }
  for await (const page of listPages(ctx, SECURITY_PROFILE_TYPE, { InstanceArn: instanceArn }, options)) {
    const rows = page.map(toProfileSummary).filter((row) => !shown.has(row.arn));
    for (const s of rows) ctx.noteArn(s.arn);
    if (rows.length > 0) yield rows;
  }
}

/** What working on Cloud Control alone costs, said once (the Connect API refused, or --cloudcontrol-only). */
export const CLOUD_CONTROL_ALONE_COSTS = 'Cloud Control alone, so names load one by one, holders are read one user at a time, and console-made profiles are read-only';

/**
 * The instance's flow modules (id → name) from Connect's ListContactFlowModules, or undefined when
 * Connect is not used or refuses it (then modules are compared by id). Never throws.
 */
export async function listFlowModules(ctx: RegionContext, instanceArn: string, options?: CallOptions): Promise<FlowModuleName[] | undefined> {
  const client = ctx.connectApi('ListContactFlowModules');
  const instanceId = /:instance\/([-a-zA-Z0-9]+)$/.exec(instanceArn)?.[1];
  if (client === undefined || instanceId === undefined) return undefined;
  const out: FlowModuleName[] = [];
  let nextToken: string | undefined;
  try {
    do {
      await ctx.spend('ListContactFlowModules', options?.signal);
      const page: ListContactFlowModulesCommandOutput = await client.send(
        new ListContactFlowModulesCommand({ InstanceId: instanceId, MaxResults: 100, ...(nextToken ? { NextToken: nextToken } : {}) }),
        { abortSignal: ctx.signalFor(options?.signal) },
      );
      for (const m of page.ContactFlowModulesSummaryList ?? []) if (m.Id && m.Name) out.push({ id: m.Id, name: sanitizeLine(m.Name) });
      nextToken = page.NextToken;
    } while (nextToken);
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'AccessDeniedException' || name === 'UnauthorizedException') ctx.denyConnectApi('ListContactFlowModules', 'Connect refused ListContactFlowModules: flow modules are compared by id');
    return undefined;
  }
  return out;
}

/**
 * Connect's summaries of an instance's profiles, page by page (none when Connect is not used). The
 * instance counts as summarised (its cached details can be checked against these times) only once the
 * last page is in. A refusal sets Connect aside for the run, said once; every failure ends the pages.
 */
async function* connectSummaryPages(ctx: RegionContext, instanceArn: string, signal?: AbortSignal): AsyncGenerator<ProfileSummary[]> {
  const client = ctx.connect();
  const instanceId = /:instance\/([-a-zA-Z0-9]+)$/.exec(instanceArn)?.[1];
  if (client === undefined || instanceId === undefined) return;
  // Until every summary is in, cached details of this instance are not taken as current.
  ctx.summarised.delete(instanceArn);
  const fetchPage = async (nextToken: string | undefined): Promise<ListSecurityProfilesCommandOutput> => {
    try {
      await ctx.spend('ListSecurityProfiles', signal);
      return await client.send(
        // The model's largest page (MaxResults 1..1000): the fewest round trips.
        new ListSecurityProfilesCommand({ InstanceId: instanceId, MaxResults: 1000, ...(nextToken ? { NextToken: nextToken } : {}) }),
        { abortSignal: ctx.signalFor(signal) },
      );
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'AccessDeniedException' || name === 'UnauthorizedException' || name === 'AccessDenied') {
        ctx.disableConnect(`Connect API refused: ${CLOUD_CONTROL_ALONE_COSTS}`);
      }
      throw error;
    }
  };
  let pending: Promise<ListSecurityProfilesCommandOutput> | undefined = fetchPage(undefined);
  while (pending !== undefined) {
    const out: ListSecurityProfilesCommandOutput = await pending;
    const nextToken = out.NextToken;
    // The next page is asked for while this one is shown (pages are sequential: each needs the last one's token).
    pending = nextToken ? fetchPage(nextToken) : undefined;
    // A caller that stops reading early leaves it unawaited: its failure is nobody's to report.
    pending?.catch(() => undefined);
    const page: ProfileSummary[] = [];
    for (const s of out.SecurityProfileSummaryList ?? []) {
      if (!s.Arn) continue;
      const summary: ProfileSummary = { arn: s.Arn, instanceArn };
      if (s.Name !== undefined) summary.name = s.Name;
      if (s.LastModifiedTime !== undefined) summary.lastModifiedTime = s.LastModifiedTime.getTime() / 1000;
      if (s.LastModifiedRegion !== undefined) summary.lastModifiedRegion = s.LastModifiedRegion;
      if (summary.lastModifiedTime !== undefined) ctx.summaryTimes.set(s.Arn, summary.lastModifiedTime);
      page.push(summary);
    }
    if (!nextToken) ctx.summarised.add(instanceArn);
    if (page.length > 0) yield page;
  }
}

export async function getProfile(ctx: RegionContext, arn: string, options?: CallOptions): Promise<SecurityProfile> {
  let profile: SecurityProfile;
  try {
    const out = await ctx.send<GetResourceCommandOutput>(
      new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: arn }),
      { operation: 'GetResource', typeName: SECURITY_PROFILE_TYPE, identifier: arn },
      options?.signal,
    );
    profile = parseProfile(out.ResourceDescription?.Properties);
  } catch (error) {
    // A read Cloud Control's handler refuses (the values the console stored break its schema) is
    // read through Connect's own API instead; any other failure, or Connect failing too, is the error.
    // Only a refusal of the model's values (real-aws-notes "Writes": "Model validation failed …"), not any failure.
    const refusesValues = isSpexError(error) && /model validation|failed validation/i.test(error.error.message);
    if (!refusesValues || ctx.connectApi('DescribeSecurityProfile') === undefined) throw error;
    profile = await readThroughConnect(ctx, arn, options?.signal).catch(() => {
      throw error;
    });
  }
  const allowed = await readAllowedAIAgents(ctx, profile.SecurityProfileArn ?? arn, options?.signal);
  if (allowed !== undefined) profile = { ...profile, AllowedAIAgents: allowed };
  ctx.noteArn(profile.SecurityProfileArn ?? arn);
  ctx.cache?.put(profile.SecurityProfileArn ? profile : { ...profile, SecurityProfileArn: arn });
  ctx.versions?.record(profile.SecurityProfileArn ? profile : { ...profile, SecurityProfileArn: arn });
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
