// What each AWS call spex makes spends of AWS's budgets (real-aws-notes "Limits": per account and
// region, shared by every tool and person there): a Cloud Control call runs a handler that calls
// Connect APIs, each with its own budget; a Connect API call spends its own. Pure data.
import { HIERARCHY_GROUP_TYPE, INSTANCE_TYPE, SECURITY_PROFILE_TYPE, USER_TYPE } from '../profile/security-profile.js';

export interface Rate {
  rps: number;
  burst: number;
}

/** Connect's account defaults (burst 5 for the 2/s operations, admin guide), and Cloud Control's front door. */
export const API_RATES: Readonly<Record<string, Rate>> = {
  ListSecurityProfiles: { rps: 2, burst: 5 },
  DescribeSecurityProfile: { rps: 2, burst: 5 },
  ListSecurityProfilePermissions: { rps: 2, burst: 5 },
  CreateSecurityProfile: { rps: 2, burst: 5 },
  UpdateSecurityProfile: { rps: 2, burst: 5 },
  DeleteSecurityProfile: { rps: 2, burst: 5 },
  TagResource: { rps: 2, burst: 5 },
  UntagResource: { rps: 2, burst: 5 },
  ListUserHierarchyGroups: { rps: 2, burst: 5 },
  DescribeUserHierarchyGroup: { rps: 2, burst: 5 },
  SearchUsers: { rps: 2, burst: 5 },
  ListUsers: { rps: 10, burst: 10 },
  DescribeUser: { rps: 10, burst: 10 },
  // Not in the quota table; the family's default (the less kind reading, as emulator/connect-limits.ts).
  UpdateUserSecurityProfiles: { rps: 2, burst: 5 },
  ListInstances: { rps: 2, burst: 5 },
  ListContactFlowModules: { rps: 2, burst: 5 },
  DescribeInstance: { rps: 2, burst: 5 },
  // Not in the quota table either: the family's default (the less kind reading, as emulator/connect-limits.ts).
  ListSecurityProfileAIAgents: { rps: 2, burst: 5 },
  AssociateSecurityProfiles: { rps: 2, burst: 5 },
  DisassociateSecurityProfiles: { rps: 2, burst: 5 },
  ListEntitySecurityProfiles: { rps: 2, burst: 5 },
  // CloudTrail's API reference: LookupEvents, 2 requests a second per account and region.
  LookupEvents: { rps: 2, burst: 2 },
  // Amazon Q in Connect: no published rate spex has; the same default.
  ListAssistants: { rps: 2, burst: 5 },
  ListAIAgents: { rps: 2, burst: 5 },
  // Not documented; well above Connect's, so Connect's budgets are what a client meets first (inferred).
  CloudControl: { rps: 20, burst: 20 },
};

/**
 * The budgets one call spends: Cloud Control's front door, then the Connect APIs its handler calls (one
 * call each, as the handlers' permissions in the schema list them). The four reads of a profile
 * GetResource share one rate, so DescribeSecurityProfile stands for them.
 */
export function budgetsOf(operation: string, typeName: string | undefined): string[] {
  const cc = ['CloudControl'];
  switch (operation) {
    case 'ListResources':
      if (typeName === SECURITY_PROFILE_TYPE) return [...cc, 'ListSecurityProfiles'];
      if (typeName === HIERARCHY_GROUP_TYPE) return [...cc, 'ListUserHierarchyGroups'];
      if (typeName === USER_TYPE) return [...cc, 'ListUsers'];
      if (typeName === INSTANCE_TYPE) return [...cc, 'ListInstances'];
      return cc;
    case 'GetResource':
      if (typeName === SECURITY_PROFILE_TYPE) return [...cc, 'DescribeSecurityProfile', 'ListSecurityProfilePermissions'];
      if (typeName === HIERARCHY_GROUP_TYPE) return [...cc, 'DescribeUserHierarchyGroup'];
      if (typeName === USER_TYPE) return [...cc, 'DescribeUser'];
      if (typeName === INSTANCE_TYPE) return [...cc, 'DescribeInstance'];
      return cc;
    case 'CreateResource':
      return [...cc, 'CreateSecurityProfile'];
    case 'UpdateResource':
      return [...cc, 'UpdateSecurityProfile'];
    case 'DeleteResource':
      return [...cc, 'DeleteSecurityProfile'];
    default:
      // GetResourceRequestStatus, ListResourceRequests, CancelResourceRequest: Cloud Control alone.
      return cc;
  }
}

/** "about 30 s left at AWS's 2 requests/s" for `remaining` calls of an API. */
export function timeLeft(remaining: number, api = 'DescribeSecurityProfile', share = 1): string {
  const rps = (API_RATES[api]?.rps ?? 2) * share;
  const seconds = Math.ceil(remaining / rps);
  const shown = seconds >= 90 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
  return `about ${shown} left at AWS's ${Number(rps.toFixed(2))} requests/s`;
}
