// Changing who holds which security profile: a plan of whole-set changes per user (Connect's
// UpdateUserSecurityProfiles replaces a user's whole set, 1–10 profiles, Connect API model), the users
// a change would leave with none or more than ten (blocked, with the reason), and what each change
// takes from and gives to its user in the console's words, grouped ("61 users lose nothing · 17 users
// lose Queues · Edit"), by the same union rules as explain-user. Pure.
import type { SecurityProfile } from '../profile/security-profile.js';
import { explainUser } from './explain-user.js';
import { ESCALATION_PERMISSIONS } from './lint.js';
import type { ConnectUser } from './holders.js';
import { isAgentArn } from './ai-agents.js';

/** Connect's bounds on a user's set (UpdateUserSecurityProfiles: SecurityProfileIds 1–10). */
export const MAX_PROFILES_PER_USER = 10;

export interface UserChange {
  userArn: string;
  login: string;
  /** The user's profiles (ARNs) when planned: the step is sent only if they still are. */
  before: string[];
  after: string[];
}

export interface BlockedUser {
  login: string;
  reason: string;
}

export interface AssignmentPlan {
  changes: UserChange[];
  /** Users the edit leaves as they are (they already hold what it adds and none of what it removes). */
  unchanged: string[];
  blocked: BlockedUser[];
}

export interface AssignmentEdit {
  /** Profiles (ARNs) to give. */
  add?: readonly string[];
  /** Profiles (ARNs) to take away. */
  remove?: readonly string[];
  /** Given to a user the edit would leave with none (instead of blocking them). */
  replacement?: string;
}

export const profileIdOf = (arn: string): string => arn.split('/').pop() ?? arn;

/** Whether two sets of profiles (ARNs or ids) are the same, by id. */
export function sameProfiles(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map(profileIdOf));
  const y = new Set(b.map(profileIdOf));
  return x.size === y.size && [...x].every((id) => y.has(id));
}

/** The edit applied to each user: a whole new set each, or why it cannot be. */
export function planAssignment(users: readonly ConnectUser[], edit: AssignmentEdit): AssignmentPlan {
  const remove = new Set((edit.remove ?? []).map(profileIdOf));
  const plan: AssignmentPlan = { changes: [], unchanged: [], blocked: [] };
  for (const user of users) {
    const before = [...user.securityProfileArns];
    const kept = before.filter((arn) => !remove.has(profileIdOf(arn)));
    const added = [...kept, ...(edit.add ?? []).filter((arn) => !kept.some((k) => profileIdOf(k) === profileIdOf(arn)))];
    const after = added.length === 0 && edit.replacement !== undefined ? [edit.replacement] : added;
    // An AI agent may hold none (Disassociate takes any); a user needs one (UpdateUserSecurityProfiles: 1–10).
    if (after.length === 0 && !isAgentArn(user.arn)) plan.blocked.push({ login: user.username, reason: 'would be left with no security profile (Connect needs at least one): pick one to move them to' });
    else if (after.length > MAX_PROFILES_PER_USER) plan.blocked.push({ login: user.username, reason: `would hold ${after.length} security profiles (Connect allows ${MAX_PROFILES_PER_USER})` });
    else if (sameProfiles(before, after)) plan.unchanged.push(user.username);
    else plan.changes.push({ userArn: user.arn, login: user.username, before, after });
  }
  return plan;
}

/** What one change does to its user: permissions lost and gained (with the console's implied Views), restrictions that start or stop applying. */
export interface ChangeReach {
  lose: string[];
  gain: string[];
  restricted: string[];
  unrestricted: string[];
  /** Lint's escalation rule, for the user: a non-Admin who can now grant themselves Admin (the permissions that let them). */
  escalation: string[];
}

export function changeReach(change: UserChange, profilesByArn: ReadonlyMap<string, SecurityProfile>): ChangeReach {
  const explain = (arns: string[]) => explainUser({ arn: change.userArn, username: change.login, securityProfileArns: arns }, profilesByArn);
  const was = explain(change.before);
  const now = explain(change.after);
  const labels = (e: typeof was) => new Map(e.permissions.map((p) => [p.name, p.label]));
  const before = labels(was);
  const after = labels(now);
  const applying = (e: typeof was) => new Set(e.restrictions.filter((r) => r.applies).map((r) => `${r.resource} by ${r.kind === 'tags' ? 'tags' : 'hierarchy'}`));
  const wasRestricted = applying(was);
  const nowRestricted = applying(now);
  const isAdmin = now.profiles.some((p) => p.name === 'Admin');
  const escalation = isAdmin ? [] : ESCALATION_PERMISSIONS.filter((name) => after.has(name) && !before.has(name));
  return {
    escalation,
    lose: [...before].filter(([name]) => !after.has(name)).map(([, label]) => label).sort(),
    gain: [...after].filter(([name]) => !before.has(name)).map(([, label]) => label).sort(),
    restricted: [...nowRestricted].filter((r) => !wasRestricted.has(r)).sort(),
    unrestricted: [...wasRestricted].filter((r) => !nowRestricted.has(r)).sort(),
  };
}

/** Users with the same reach together, the largest group first: one line each in the review. */
export function reachGroups(changes: readonly UserChange[], profilesByArn: ReadonlyMap<string, SecurityProfile>): { reach: ChangeReach; logins: string[] }[] {
  const groups = new Map<string, { reach: ChangeReach; logins: string[] }>();
  for (const change of changes) {
    const reach = changeReach(change, profilesByArn);
    const key = JSON.stringify(reach);
    const group = groups.get(key) ?? { reach, logins: [] };
    group.logins.push(change.login);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.logins.length - a.logins.length);
}

/** One group in words: "17 users: lose Queues · Edit; gain Queues · View". */
export function reachSentence(group: { reach: ChangeReach; logins: readonly string[] }): string {
  const { reach, logins } = group;
  const who = `${logins.length} user${logins.length === 1 ? '' : 's'}`;
  const some = (items: readonly string[]): string => (items.length > 8 ? `${items.slice(0, 8).join(', ')} and ${items.length - 8} more` : items.join(', '));
  const parts = [
    ...(reach.escalation.length > 0 ? [`⚠ can now grant themselves Admin (${reach.escalation.join(', ')}; spex lint: escalation)`] : []),
    ...(reach.lose.length > 0 ? [`lose ${some(reach.lose)}`] : []),
    ...(reach.gain.length > 0 ? [`gain ${some(reach.gain)}`] : []),
    ...(reach.restricted.length > 0 ? [`now restricted: ${reach.restricted.join(', ')}`] : []),
    ...(reach.unrestricted.length > 0 ? [`no longer restricted: ${reach.unrestricted.join(', ')}`] : []),
  ];
  return `${who}: ${parts.length > 0 ? parts.join('; ') : 'lose nothing, gain nothing'}`;
}
