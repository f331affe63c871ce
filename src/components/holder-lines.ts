// Who holds a profile, as pane lines: the detail's "Held by" section (the first few) and the holders
// screen (all of them, filtered). Pure.
import { type AiAgentInfo, agentHoldersOf, agentLabel, isAgentArn } from '../domain/access/ai-agents.js';
import { padEnd } from '../domain/text/format.js';
import { type ConnectUser, fullName } from '../domain/access/holders.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { Remote } from '../state/remote.js';
import type { UserIndex } from '../domain/access/holders.js';
import { heading, type PaneLine } from './pane-lines.js';
import stringWidth from 'string-width';

export interface HolderNames {
  /** A profile's name by ARN (the other profiles a user holds). */
  profileName: (arn: string) => string | undefined;
  /** A hierarchy group's name by ARN. */
  groupName: (arn: string) => string | undefined;
  /** The instance's AI agents, once Amazon Q in Connect named them (holders beside the users). */
  agents?: readonly AiAgentInfo[] | undefined;
  /** A flow module's name by id, once read (the detail's flow modules). */
  flowModuleName?: ((id: string) => string | undefined) | undefined;
}

export interface HolderRow {
  username: string;
  name: string;
  group: string;
  others: string;
}

export function holderRow(user: ConnectUser, profileArn: string, names: HolderNames): HolderRow {
  const group = user.hierarchyGroupArn === undefined ? '—' : (names.groupName(user.hierarchyGroupArn) ?? user.hierarchyGroupArn.split('/').pop() ?? '—');
  const others = user.securityProfileArns.filter((a) => a !== profileArn).map((a) => names.profileName(a) ?? a.split('/').pop() ?? a);
  // An AI agent (holders.ts#agentAsHolder): "AI agent" where a login would be, its name as the name.
  const isAgent = isAgentArn(user.arn);
  return {
    username: isAgent ? 'AI agent' : sanitizeLine(user.username),
    name: sanitizeLine(isAgent ? (user.firstName ?? user.username) : fullName(user)),
    group: sanitizeLine(group),
    others: others.length === 0 ? '—' : sanitizeLine(others.join(', ')),
  };
}

/** Case-insensitive, every word somewhere in login, name, group or other profiles. */
export function matchesHolder(row: HolderRow, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const text = `${row.username} ${row.name} ${row.group} ${row.others}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

function widths(width: number): [number, number, number] {
  const login = Math.min(22, Math.max(10, Math.floor(width * 0.19)));
  const name = Math.min(22, Math.max(10, Math.floor(width * 0.19)));
  const group = Math.min(34, Math.max(10, Math.floor(width * 0.24)));
  return [login, name, group];
}

export function holderHeader(width: number): string {
  const [a, b, c] = widths(width);
  return `  ${padEnd('Login', a)} ${padEnd('Name', b)} ${padEnd('Hierarchy group', c)} Also holds`;
}

export function holderLine(row: HolderRow, width: number): PaneLine {
  const [a, b, c] = widths(width);
  // A group's path is cut from the left: its last names say where the user is ("…/Night shift").
  const group = stringWidth(row.group) > c ? `…${row.group.slice(-(c - 1))}` : row.group;
  return { text: `  ${padEnd(row.username, a)} ${padEnd(row.name, b)} ${padEnd(group, c)} ${row.others}` };
}

/** What to say while holders are not known: loading (with progress), unknown, or failed. */
export function holderStatus(remote: Remote<UserIndex>, progress: { done: number; total: number } | undefined): PaneLine | undefined {
  if (remote.status === 'loading' || remote.status === 'idle') {
    return { text: progress ? `  reading users ${progress.done}/${progress.total} (AWS::Connect::User, one read each)…` : '  reading users…', tone: 'muted' };
  }
  if (remote.status === 'error') return { text: `  could not read the users: ${sanitizeLine(remote.error.message)}`, tone: 'warning' };
  if (!remote.data.complete) return { text: `  unknown: ${sanitizeLine(remote.data.note ?? 'the user list cannot be trusted')}`, tone: 'warning' };
  return undefined;
}

/** The detail's "Held by" section: a heading, up to `limit` holders, and where to see the rest. */
export function heldByLines(
  profileArn: string,
  holders: readonly ConnectUser[] | undefined,
  status: PaneLine | undefined,
  names: HolderNames,
  width: number,
  limit = 10,
): PaneLine[] {
  const agents = aiAgentLines(profileArn, names.agents);
  if (holders === undefined) return [heading('Held by'), status ?? { text: '  (unknown)', tone: 'muted' }, ...agents];
  const lines: PaneLine[] = [heading(`Held by (${holders.length} user${holders.length === 1 ? '' : 's'})`)];
  if (holders.length === 0) return [...lines, { text: agents.length > 0 ? '  (no user holds this profile)' : '  (nobody: no user holds this profile)', tone: 'muted' }, ...agents];
  lines.push({ text: holderHeader(width), tone: 'muted' });
  for (const user of holders.slice(0, limit)) lines.push(holderLine(holderRow(user, profileArn, names), width));
  if (holders.length > limit) lines.push({ text: `  … and ${holders.length - limit} more: u lists them all`, tone: 'muted' });
  else lines.push({ text: '  u: the list on its own, filterable', tone: 'muted' });
  return [...lines, ...agents];
}

/** The AI agents that hold the profile, by name: nothing when none do or they are unknown. */
export function aiAgentLines(profileArn: string, agents: readonly AiAgentInfo[] | undefined): PaneLine[] {
  const holding = agentHoldersOf(agents, profileArn);
  if (holding.length === 0) return [];
  return [{ text: '' }, heading(`AI agents holding it (${holding.length})`), ...holding.map((a) => ({ text: `  ${agentLabel(a.arn, agents)}  ${sanitizeLine(a.arn.split('/').pop() ?? '')}` }))];
}
