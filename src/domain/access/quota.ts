// The security-profile quota of an instance (Service Quotas L-F325A715) and a plan that would pass it.

/**
 * A plan that would take the instance past its security-profile quota, in words ("the instance holds 98 of
 * its 100 profiles; the plan creates 4 and deletes 1, so it would hold 101"), or undefined when it fits.
 */
export function quotaShortfall(held: number, quota: number, creates: number, deletes: number, assumed = false): string | undefined {
  const after = held + creates - deletes;
  if (creates === 0 || after <= quota) return undefined;
  const of = `${quota}${assumed ? ' (AWS\'s default; Service Quotas not read)' : ''}`;
  return `the instance holds ${held} of its ${of} security profiles; the plan creates ${creates}${deletes > 0 ? ` and deletes ${deletes}` : ''}, so it would hold ${after}. Delete profiles nobody holds, or raise the quota (Service Quotas, Amazon Connect, L-F325A715)`;
}

/** The default quota of security profiles per instance (L-F325A715). */
export const DEFAULT_PROFILE_QUOTA = 100;
