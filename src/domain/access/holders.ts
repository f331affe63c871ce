// Who holds a profile: the users of an instance with their security profiles, and what a change to a
// profile means for them. Pure: no I/O.
import type { AiAgentInfo } from './ai-agents.js';
import { sanitizeLine } from '../text/sanitize.js';

/** A Connect user as spex needs it: who, where in the hierarchy, and which profiles (ARNs). */
export interface ConnectUser {
  arn: string;
  username: string;
  firstName?: string;
  lastName?: string;
  hierarchyGroupArn?: string;
  securityProfileArns: string[];
}

/** Where the users came from, and whether an empty answer can be trusted. */
export interface UserIndex {
  instanceArn: string;
  users: ConnectUser[];
  /** 'connect': SearchUsers; 'cloud-control': AWS::Connect::User list and reads. */
  route: 'connect' | 'cloud-control';
  /**
   * False when the answer cannot be taken as complete: the Cloud Control User list returned nobody
   * (its public handler has been a stub that lists nothing, real-aws-notes "Listing"). Nobody then
   * means "unknown", never "no holders".
   */
  complete: boolean;
  note?: string;
}

/** The holders of one profile, as the delete guard and `spex users` need them. */
export interface HolderList {
  profileArn: string;
  holders: ConnectUser[];
  route: UserIndex['route'];
  complete: boolean;
  note?: string;
  /** The AI agents that hold it too (Amazon Q in Connect), when spex could read them. */
  agents?: AiAgentInfo[];
}

/**
 * An AI agent as a holder in a batch of holder changes: its ARN, its name as the review shows it, the
 * profiles it holds (Associate/DisassociateSecurityProfiles change them; fleet/assignments.ts tells by the ARN).
 */
export function agentAsHolder(agent: AiAgentInfo): ConnectUser {
  return { arn: agent.arn, username: `AI agent “${agent.name}”`, firstName: agent.name, securityProfileArns: [...agent.profileArns] };
}

/** Every holder of a profile: its users, then its AI agents. */
export function holdersWithAgents(list: Pick<HolderList, 'holders' | 'agents'>): ConnectUser[] {
  return [...list.holders, ...(list.agents ?? []).map(agentAsHolder)];
}

/** Whether anyone holds it: a user, or an AI agent. */
export function isHeld(list: Pick<HolderList, 'holders' | 'agents'>): boolean {
  return list.holders.length > 0 || (list.agents?.length ?? 0) > 0;
}

export function holdersIn(index: Pick<UserIndex, 'users'>, profileArn: string): ConnectUser[] {
  return index.users.filter((u) => u.securityProfileArns.includes(profileArn));
}

/** Holder counts by profile ARN, from one index. */
export function holderCounts(index: { readonly users: readonly ConnectUser[] }): Map<string, number> {
  const counts = new Map<string, number>();
  for (const u of index.users) for (const arn of new Set(u.securityProfileArns)) counts.set(arn, (counts.get(arn) ?? 0) + 1);
  return counts;
}

export function fullName(user: Pick<ConnectUser, 'firstName' | 'lastName'>): string {
  return [user.firstName, user.lastName].filter((s) => s !== undefined && s !== '').join(' ');
}

/** "Nadia Khan (nadia.khan)". */
/** A user as one line of text: names and logins come from the server, so a line break in one cannot start a line of its own. */
export function userLabel(user: ConnectUser): string {
  const name = sanitizeLine(fullName(user));
  return name === '' ? sanitizeLine(user.username) : `${name} (${sanitizeLine(user.username)})`;
}

/** What the review needs to say whom a change reaches: the holders, and the other profiles' permissions as far as known. */
export type ReachInput =
  | { kind: 'known'; holders: readonly ConnectUser[]; permissionsOf: (arn: string) => ReadonlySet<string> | undefined }
  | { kind: 'unknown'; why: string };

/** What one permission change means for the profile's holders. */
export interface PermissionReach {
  permission: string;
  change: 'adds' | 'removes';
  /** Holders the change reaches. */
  users: number;
  /**
   * adds: holders who did not have it from another profile (newly gain it);
   * removes: holders who have it from no other profile (really lose it).
   */
  sole: number;
}

export interface ChangeReach {
  holders: number;
  permissions: PermissionReach[];
  /** Other profiles the holders hold whose permissions are not known yet: the `sole` numbers count them as not granting. */
  unknownProfiles: string[];
}

/**
 * How a permission change reaches the holders of a profile: for each added or removed permission, how
 * many holders it reaches and how many of them have it from no other profile they hold.
 */
export function changeReach(
  profileArn: string,
  change: { added: readonly string[]; removed: readonly string[] },
  holders: readonly ConnectUser[],
  permissionsOf: (arn: string) => ReadonlySet<string> | undefined,
): ChangeReach {
  const unknown = new Set<string>();
  const others = holders.map((u) => {
    const granted = new Set<string>();
    for (const arn of u.securityProfileArns) {
      if (arn === profileArn) continue;
      const perms = permissionsOf(arn);
      if (perms === undefined) unknown.add(arn);
      else for (const p of perms) granted.add(p);
    }
    return granted;
  });
  const reach = (permission: string, kind: PermissionReach['change']): PermissionReach => ({
    permission,
    change: kind,
    users: holders.length,
    sole: others.filter((granted) => !granted.has(permission)).length,
  });
  return {
    holders: holders.length,
    permissions: [...change.removed.map((p) => reach(p, 'removes')), ...change.added.map((p) => reach(p, 'adds'))],
    unknownProfiles: [...unknown],
  };
}

/** "removes Queues.Edit from 37 users; 34 of them have it from no other profile". */
export function reachSentence(r: PermissionReach): string {
  // Per permission, who loses (or gains) it and who keeps having it from another profile:
  // "Queues.Purge: 3 of the 7 holders lose it; 4 have it from another profile".
  const verb = r.change === 'removes' ? 'lose' : 'gain';
  const moved = r.sole;
  const others = r.users - r.sole;
  const head =
    moved === r.users
      ? r.users === 1
        ? `its 1 holder ${verb}s it`
        : `all ${r.users} holders ${verb} it`
      : `${moved} of the ${r.users} holders ${verb}${moved === 1 ? 's' : ''} it`;
  const rest = others === 0 ? '' : `; ${others} ${others === 1 ? 'has' : 'have'} it ${r.change === 'removes' ? 'from another profile' : 'already, from another profile'}`;
  return `${r.permission}: ${head}${rest}`;
}

/** The delete guard's sentence: who holds it (up to ten) and what to do. */
export function holdersRefusal(profileName: string, holders: readonly ConnectUser[], limit = 10, agents: readonly AiAgentInfo[] = []): string {
  const shown = [...holders.slice(0, limit).map(userLabel), ...agents.map((a) => `AI agent “${sanitizeLine(a.name)}”`)];
  const more = holders.length > limit ? ` and ${holders.length - limit} more` : '';
  const counts = [
    ...(holders.length > 0 ? [`${holders.length} user${holders.length === 1 ? '' : 's'}`] : []),
    ...(agents.length > 0 ? [`${agents.length} AI agent${agents.length === 1 ? '' : 's'}`] : []),
  ].join(' and ');
  const them = holders.length + agents.length === 1 ? (holders.length === 1 ? 'that user' : 'that AI agent') : agents.length === 0 ? 'those users' : 'them';
  const where = agents.length > 0 ? 'spex users shows the users; the detail names the AI agents' : 'spex users shows them all';
  return `${sanitizeLine(profileName)} is held by ${counts}: ${shown.join(', ')}${more}. Connect refuses to delete a profile in use: assign ${them} other profiles first (${where}).`;
}
