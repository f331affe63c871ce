// Least privilege for AI agents (Amazon Q in Connect), beside lint.ts's rules for people. Pure. The
// guidance followed:
// - Amazon Connect's security best practices: the permissions that edit users or security profiles let
//   their holder grant itself Admin; an AI agent acts unattended, so holding them is worse than for a user.
// - The admin guide, "Assigning security profile permissions to AI agents": an agent's profiles decide
//   which MCP tools it may call; give it the tools its job needs. For an MCP server the application's
//   permissions are tool identifiers (the AWS::Connect::SecurityProfile Application reference); a
//   wildcard ("*", or a name ending in "*") allows every tool of the server.
// - AllowedAIAgents (Agent-to-Agent authorization, the Connect API reference): a profile that allows
//   agents but that nobody holds opens a door nobody uses, and an allowed ARN spex cannot find may
//   name an agent that was deleted.
import type { SecurityProfile } from '../profile/security-profile.js';
import { sanitizeLine } from '../text/sanitize.js';
import type { AiAgentInfo } from './ai-agents.js';
import type { ConnectUser } from './holders.js';

export type AgentRuleId = 'agent-escalation' | 'agent-every-tool' | 'agent-allowance-unused';

/** A rule's evidence on one profile. */
export interface AgentEvidence {
  rule: AgentRuleId;
  profile: SecurityProfile;
  evidence: string[];
}

const isWildcard = (tool: string): boolean => tool === '*' || tool.endsWith('*');
const name = (a: AiAgentInfo): string => `“${sanitizeLine(a.name)}”`;

export function agentEvidence(profiles: readonly SecurityProfile[], agents: readonly AiAgentInfo[], users: readonly ConnectUser[] | undefined, escalation: readonly string[]): AgentEvidence[] {
  const out: AgentEvidence[] = [];
  for (const profile of profiles) {
    const arn = profile.SecurityProfileArn ?? '';
    const holding = agents.filter((a) => a.profileArns.includes(arn));
    if (holding.length > 0) {
      const found = escalation.filter((p) => profile.Permissions?.includes(p));
      if (found.length > 0) out.push({ rule: 'agent-escalation', profile, evidence: holding.map((a) => `AI agent ${name(a)} holds it: ${found.join(', ')}`) });
      const every = (profile.Applications ?? []).filter((app) => app.Type === 'MCP' && (app.ApplicationPermissions ?? []).some(isWildcard));
      if (every.length > 0) {
        out.push({
          rule: 'agent-every-tool',
          profile,
          evidence: holding.flatMap((a) => every.map((app) => `AI agent ${name(a)} may call every tool of ${sanitizeLine(app.Namespace ?? '?')} (${(app.ApplicationPermissions ?? []).filter(isWildcard).map(sanitizeLine).join(', ')}): list the tools it needs`)),
        });
      }
    }
    const allowed = profile.AllowedAIAgents ?? [];
    if (allowed.length === 0) continue;
    const evidence: string[] = [];
    const heldByUser = users?.some((u) => u.securityProfileArns.includes(arn));
    if (users !== undefined && !heldByUser && holding.length === 0) evidence.push(`allows ${allowed.length} AI agent${allowed.length === 1 ? '' : 's'}, but no user or AI agent holds the profile`);
    for (const a of allowed) if (!agents.some((x) => x.arn === a.Arn)) evidence.push(`allows ${sanitizeLine(String(a.Arn ?? '?'))}, which is no AI agent of this instance spex can find`);
    if (evidence.length > 0) out.push({ rule: 'agent-allowance-unused', profile, evidence });
  }
  return out;
}

/** Within a severity: the people's rules first, then the AI agents', each by name. */
export const byRule = (a: { rule: string }, b: { rule: string }): number => Number(a.rule.startsWith('agent-')) - Number(b.rule.startsWith('agent-')) || a.rule.localeCompare(b.rule);
