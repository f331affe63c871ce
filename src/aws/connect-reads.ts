// Reading a profile through the Connect API where Cloud Control's read fails (a handler refusing the
// values the console stored, real-aws-notes "Writes"): DescribeSecurityProfile for the base fields,
// then ListSecurityProfilePermissions, …Applications and …FlowModules page by page (real-aws-notes:
// Describe carries none of them), within the same budgets as every other Connect call; and the one field
// Cloud Control cannot carry at all, AllowedAIAgents, for every profile.
import {
  DescribeSecurityProfileCommand,
  ListSecurityProfileAIAgentsCommand,
  ListSecurityProfileApplicationsCommand,
  ListSecurityProfileFlowModulesCommand,
  ListSecurityProfilePermissionsCommand,
} from '@aws-sdk/client-connect';
import type { SecurityProfile } from '../domain/profile/security-profile.js';
import type { RegionContext } from './context.js';

type Paged = { NextToken?: string | undefined } & Record<string, unknown>;
const tagList = (map: Record<string, string> | undefined) => Object.entries(map ?? {}).map(([Key, Value]) => ({ Key, Value }));

function reader(ctx: RegionContext, arn: string, api: string, signal?: AbortSignal) {
  const client = ctx.connectApi(api);
  const instanceId = /:instance\/([^/]+)/.exec(arn)?.[1];
  if (client === undefined || instanceId === undefined) throw new Error('the Connect API is not available');
  const ids = { InstanceId: instanceId, SecurityProfileId: arn.split('/').pop() ?? '' };
  const call = async <T>(operation: string, command: object): Promise<T> => {
    await ctx.spend(operation, signal);
    return (await client.send(command as DescribeSecurityProfileCommand, { abortSignal: ctx.signalFor(signal) })) as T;
  };
  const all = async <T>(operation: string, make: (token: string | undefined) => object, field: string): Promise<T[]> => {
    const out: T[] = [];
    let token: string | undefined;
    do {
      const page = await call<Paged>(operation, make(token));
      out.push(...((page[field] as T[] | undefined) ?? []));
      token = page.NextToken;
    } while (token);
    return out;
  };
  const page = (token: string | undefined) => ({ ...ids, MaxResults: 1000, ...(token ? { NextToken: token } : {}) });
  return { call, all, ids, page };
}

/**
 * A profile's AllowedAIAgents (ListSecurityProfileAIAgents, page by page): the field Cloud Control cannot
 * carry. Undefined when the Connect API is off or refused this call (then said once, and the field is
 * shown as not read).
 */
export async function readAllowedAIAgents(ctx: RegionContext, arn: string, signal?: AbortSignal): Promise<SecurityProfile['AllowedAIAgents']> {
  if (ctx.connectApi('ListSecurityProfileAIAgents') === undefined) return undefined;
  const { all, page } = reader(ctx, arn, 'ListSecurityProfileAIAgents', signal);
  try {
    const agents = await all<{ Arn?: string; Type?: string }>('ListSecurityProfileAIAgents', (t) => new ListSecurityProfileAIAgentsCommand(page(t)), 'AllowedAIAgents');
    return agents.map((a) => ({ ...(a.Arn !== undefined ? { Arn: a.Arn } : {}), ...(a.Type !== undefined ? { Type: a.Type } : {}) }));
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (name === 'AccessDeniedException' || name === 'UnknownOperationException') {
      ctx.denyConnectApi('ListSecurityProfileAIAgents', `connect:ListSecurityProfileAIAgents was refused (${name}): profiles' allowed AI agents are not shown`);
      return undefined;
    }
    // Stopped by the caller: the read stops too.
    if (signal?.aborted || name === 'AbortError') throw error;
    // Anything else (throttled past the retries, a 5xx): the profile is still read, this field "not read"
    // this time; a draft that does not carry it leaves it alone (patch.ts#connectOnlyChanges).
    return undefined;
  }
}

export async function readThroughConnect(ctx: RegionContext, arn: string, signal?: AbortSignal): Promise<SecurityProfile> {
  const { call, all, ids, page } = reader(ctx, arn, 'DescribeSecurityProfile', signal);
  const described = (await call<{ SecurityProfile?: Record<string, unknown> }>('DescribeSecurityProfile', new DescribeSecurityProfileCommand(ids))).SecurityProfile ?? {};
  const permissions = await all<string>('ListSecurityProfilePermissions', (t) => new ListSecurityProfilePermissionsCommand(page(t)), 'Permissions');
  const applications = await all<NonNullable<SecurityProfile['Applications']>[number]>('ListSecurityProfileApplications', (t) => new ListSecurityProfileApplicationsCommand(page(t)), 'Applications');
  const modules = await all<NonNullable<SecurityProfile['AllowedFlowModules']>[number]>('ListSecurityProfileFlowModules', (t) => new ListSecurityProfileFlowModulesCommand(page(t)), 'AllowedFlowModules');
  const d = described as {
    Arn?: string; SecurityProfileName?: string; Description?: string; Tags?: Record<string, string>; AllowedAccessControlTags?: Record<string, string>;
    TagRestrictedResources?: string[]; HierarchyRestrictedResources?: string[]; AllowedAccessControlHierarchyGroupId?: string;
    GranularAccessControlConfiguration?: SecurityProfile['GranularAccessControlConfiguration']; LastModifiedTime?: Date; LastModifiedRegion?: string;
  };
  const profile: SecurityProfile = {
    InstanceArn: arn.replace(/\/security-profile\/.*$/, ''),
    SecurityProfileArn: d.Arn ?? arn,
    SecurityProfileName: d.SecurityProfileName ?? '',
    ...(d.Description !== undefined ? { Description: d.Description } : {}),
    Permissions: permissions,
    Tags: tagList(d.Tags),
    AllowedAccessControlTags: tagList(d.AllowedAccessControlTags),
    TagRestrictedResources: d.TagRestrictedResources ?? [],
    HierarchyRestrictedResources: d.HierarchyRestrictedResources ?? [],
    ...(d.AllowedAccessControlHierarchyGroupId ? { AllowedAccessControlHierarchyGroupId: d.AllowedAccessControlHierarchyGroupId } : {}),
    Applications: applications,
    AllowedFlowModules: modules,
    ...(d.GranularAccessControlConfiguration ? { GranularAccessControlConfiguration: d.GranularAccessControlConfiguration } : {}),
    ...(d.LastModifiedTime ? { LastModifiedTime: d.LastModifiedTime.getTime() / 1000 } : {}),
    ...(d.LastModifiedRegion ? { LastModifiedRegion: d.LastModifiedRegion } : {}),
  };
  return profile;
}
