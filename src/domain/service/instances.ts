// What an instance's status allows. real-aws-notes "Listing": instances that are not ACTIVE are
// listed too (source); only an ACTIVE one has profiles to read.
import { sanitizeLine } from '../text/sanitize.js';
import type { ConnectInstance } from '../profile/security-profile.js';

/** Why the instance cannot be opened, or undefined when it can. */
export function instanceClosedReason(instance: ConnectInstance): string | undefined {
  if (instance.status === undefined || instance.status === 'ACTIVE') return undefined;
  const name = sanitizeLine(instance.alias ?? instance.id);
  const why: Record<string, string> = {
    CREATION_FAILED: 'its creation failed, so it has no security profiles',
    CREATION_IN_PROGRESS: 'it is still being created; try again when it is ACTIVE',
  };
  return `Instance ${name} is ${sanitizeLine(instance.status)}: ${why[instance.status] ?? 'only an ACTIVE instance can be opened'}.`;
}
