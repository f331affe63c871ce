// Connect's own rate budgets behind the Cloud Control handlers (`--real-limits`). Every handler call
// spends one token of each Connect API it calls, per account and region, shared by everything in that
// account (real-aws-notes "Limits": 2 requests/s, burst 5, for the security-profile APIs). A handler
// that finds a budget empty fails the way the public Connect handlers do (real-aws-notes "Writes":
// Connect's ThrottlingException falls through to GeneralServiceException, inferred for profiles).
import { HIERARCHY_GROUP_TYPE, SECURITY_PROFILE_TYPE, USER_TYPE } from '../domain/profile/security-profile.js';

/** Connect API calls per handler action (the schema's handler permissions, one call each). */
const CALLS: Record<string, Record<string, readonly string[]>> = {
  [SECURITY_PROFILE_TYPE]: {
    list: ['ListSecurityProfiles'],
    read: ['DescribeSecurityProfile', 'ListSecurityProfileApplications', 'ListSecurityProfileFlowModules', 'ListSecurityProfilePermissions'],
    create: ['CreateSecurityProfile'],
    update: ['UpdateSecurityProfile'],
    delete: ['DeleteSecurityProfile'],
  },
  [HIERARCHY_GROUP_TYPE]: {
    list: ['ListUserHierarchyGroups'],
    read: ['DescribeUserHierarchyGroup'],
  },
  [USER_TYPE]: {
    list: ['ListUsers'],
    read: ['DescribeUser'],
  },
};

/** Requests a second and burst per Connect API (account defaults; unlisted APIs are not limited). */
export const CONNECT_RATES: Readonly<Record<string, { rps: number; burst: number }>> = {
  ListSecurityProfiles: { rps: 2, burst: 5 },
  DescribeSecurityProfile: { rps: 2, burst: 5 },
  ListSecurityProfilePermissions: { rps: 2, burst: 5 },
  // Not in the quota table; taken to share the family's default (the less kind reading).
  ListSecurityProfileApplications: { rps: 2, burst: 5 },
  ListSecurityProfileFlowModules: { rps: 2, burst: 5 },
  CreateSecurityProfile: { rps: 2, burst: 5 },
  UpdateSecurityProfile: { rps: 2, burst: 5 },
  DeleteSecurityProfile: { rps: 2, burst: 5 },
  ListUserHierarchyGroups: { rps: 2, burst: 5 },
  DescribeUserHierarchyGroup: { rps: 2, burst: 5 },
  ListUsers: { rps: 10, burst: 15 },
  DescribeUser: { rps: 10, burst: 15 },
  SearchUsers: { rps: 2, burst: 5 },
  SearchSecurityProfiles: { rps: 2, burst: 5 },
  UpdateUserSecurityProfiles: { rps: 2, burst: 5 },
  // Not in the quota table; the family's default (the less kind reading).
  TagResource: { rps: 2, burst: 5 },
  UntagResource: { rps: 2, burst: 5 },
  ListTagsForResource: { rps: 2, burst: 5 },
  ListContactFlowModules: { rps: 2, burst: 5 },
  // Not in the quota table; the family's default (the less kind reading).
  AssociateSecurityProfiles: { rps: 2, burst: 5 },
  DisassociateSecurityProfiles: { rps: 2, burst: 5 },
  ListEntitySecurityProfiles: { rps: 2, burst: 5 },
  ListSecurityProfileAIAgents: { rps: 2, burst: 5 },
  // Amazon Q in Connect: no published rate spex has; Connect's family default (the less kind reading).
  ListAssistants: { rps: 2, burst: 5 },
  ListAIAgents: { rps: 2, burst: 5 },
};

/**
 * Cloud Control's own front door under `--real-limits`. Its rate is not documented; it is well above
 * Connect's, so Connect's budgets are what a client meets first.
 */
export const CLOUD_CONTROL_REAL_RPS = 25;

export class ConnectBudgets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  enabled: boolean;

  constructor(
    enabled: boolean,
    private readonly now: () => number,
  ) {
    this.enabled = enabled;
  }

  /**
   * Spends one token of each API the handler action calls, in order. Returns the first API whose
   * budget is empty (the calls before it have spent theirs: the handler stops at the first that
   * fails), or undefined.
   */
  spend(account: string, region: string, typeName: string, action: string): string | undefined {
    return this.spendApis(account, region, CALLS[typeName]?.[action] ?? []);
  }

  /** Spends one token of a Connect API called directly (the Connect API beside Cloud Control): true when its budget is empty. */
  spendApi(account: string, region: string, api: string): boolean {
    return this.spendApis(account, region, [api]) !== undefined;
  }

  private spendApis(account: string, region: string, apis: readonly string[]): string | undefined {
    if (!this.enabled) return undefined;
    const now = this.now();
    for (const api of apis) {
      const rate = CONNECT_RATES[api];
      if (!rate) continue;
      const key = `${account}|${region}|${api}`;
      const bucket = this.buckets.get(key) ?? { tokens: rate.burst, at: now };
      bucket.tokens = Math.min(rate.burst, bucket.tokens + ((now - bucket.at) / 1000) * rate.rps);
      bucket.at = now;
      this.buckets.set(key, bucket);
      if (bucket.tokens < 1) return api;
      bucket.tokens -= 1;
    }
    return undefined;
  }

  reset(): void {
    this.buckets.clear();
  }
}

/** What Connect says when a budget is empty, as the handler passes it on. */
export function connectRateMessage(api: string, requestId: string): string {
  return `Rate exceeded (Service: Connect, Status Code: 429, Request ID: ${requestId}) calling ${api}`;
}
