// AI agents (Amazon Q in Connect) as holders of security profiles and as what a profile allows
// (AllowedAIAgents). Pure: names, counts and the words spex shows them in.
import type { AllowedAIAgent, SecurityProfile } from '../profile/security-profile.js';
import { sanitizeLine } from '../text/sanitize.js';

/** One AI agent of an instance: its ARN, its name (server text) and the profiles it holds there. */
export interface AiAgentInfo {
  arn: string;
  name: string;
  type?: string | undefined;
  profileArns: string[];
}

/** The AI agents that hold a profile. */
export function agentHoldersOf(agents: readonly AiAgentInfo[] | undefined, profileArn: string): AiAgentInfo[] {
  return (agents ?? []).filter((a) => a.profileArns.includes(profileArn));
}

/** `“Order status assistant”`, or the ARN's last part when the name cannot be read (said so). */
export function agentLabel(arn: string | undefined, agents: readonly AiAgentInfo[] | undefined): string {
  const found = agents?.find((a) => a.arn === arn);
  if (found) return `“${sanitizeLine(found.name)}”`;
  return `${sanitizeLine(String(arn ?? '?').split('/').pop() ?? '?')} (name not readable)`;
}

/** A profile's allowed AI agents in words: names where spex could read them. */
export function allowedAgentsText(profile: Pick<SecurityProfile, 'AllowedAIAgents'>, agents: readonly AiAgentInfo[] | undefined): string[] {
  return (profile.AllowedAIAgents ?? []).map((a: AllowedAIAgent) => `${agentLabel(a.Arn, agents)}${a.Type && a.Type !== 'THIRD_PARTY' ? ` [${sanitizeLine(a.Type)}]` : ''}`);
}

/** "75 · 2 AI" for a holders column: users, and AI agents when there are any. */
export function holdersCell(users: number | undefined, agents: number): string {
  const u = users === undefined ? '…' : String(users);
  return agents > 0 ? `${u} · ${agents} AI` : u;
}
