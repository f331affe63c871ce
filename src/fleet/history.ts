// A profile's history read in full, for `spex history` and the TUI's `h`: the CloudTrail writes of the
// last days (the service keeps what it fetched, so a second look asks only for what is newer), the
// logins of the Connect users they name (the instance's users, then DescribeUser for the admin
// website's ids the list lacks: "no such user" is told as emergency access or a deleted user), and the
// versions spex keeps of the profile, to mark the changes known in full.
import type { RegionService } from '../aws/types.js';
import { consoleUserIds, type HistoryEntry, profileHistory } from '../domain/access/history.js';
import type { SecurityProfile } from '../domain/profile/security-profile.js';

export interface ProfileHistory {
  entries: HistoryEntry[];
  /** The versions spex keeps of the profile, oldest first. */
  versions: SecurityProfile[];
  /** Connect user ids DescribeUser was asked about (at most MAX_LOOKUPS a look). */
  looked: number;
}

/** DescribeUser calls a look may spend on the admin website's ids (10 a second: a few seconds at most). */
const MAX_LOOKUPS = 25;

export async function readProfileHistory(service: RegionService, profile: { arn: string; name: string }, days: number, options: { signal?: AbortSignal } = {}): Promise<ProfileHistory> {
  const instanceArn = profile.arn.replace(/\/security-profile\/.*$/, '');
  const [records, index] = await Promise.all([
    service.lookupWrites({ since: Date.now() - days * 86_400_000, ...(options.signal ? { signal: options.signal } : {}) }),
    service.loadUsers(instanceArn).catch(() => undefined),
  ]);
  const logins = new Map<string, string | null>((index?.users ?? []).map((u) => [u.arn.split('/').pop() ?? u.arn, u.username]));
  const unknown = consoleUserIds(records, profile).filter((id) => !logins.has(id));
  for (const id of unknown.slice(0, MAX_LOOKUPS)) {
    const login = await service.userLogin(instanceArn, id, options).catch(() => undefined);
    if (login !== undefined) logins.set(id, login);
  }
  const versions = service.profileVersions(profile.arn);
  return { entries: profileHistory(records, profile, (id) => logins.get(id), versions), versions, looked: Math.min(unknown.length, MAX_LOOKUPS) };
}
