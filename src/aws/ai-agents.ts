// The AI agents of an instance (Amazon Q in Connect) and the security profiles each holds: ListAssistants,
// ListAIAgents per assistant (qconnect), then Connect's ListEntitySecurityProfiles per agent (EntityType
// AI_AGENT; an agent the instance does not know is ResourceNotFoundException: it belongs to another
// instance). Each call waits on its own budget. AccessDenied or an unknown operation turns the reading
// off for the run, said once; then spex shows the agents it can no longer name as "not readable".
// Holding and letting go (AssociateSecurityProfiles / DisassociateSecurityProfiles) are here too.
import { AssociateSecurityProfilesCommand, DisassociateSecurityProfilesCommand, ListEntitySecurityProfilesCommand } from '@aws-sdk/client-connect';
import type { AiAgentInfo } from '../domain/access/ai-agents.js';
import type { RegionContext } from './context.js';
import { loadQConnect } from './client.js';
import { allPages } from './pages.js';

const REFUSED = new Set(['AccessDeniedException', 'UnknownOperationException', 'UnauthorizedException']);

/** The instance's AI agents with the profiles each holds, or undefined when spex may not read them. */
export async function readAiAgents(ctx: RegionContext, instanceArn: string, signal?: AbortSignal): Promise<AiAgentInfo[] | undefined> {
  const connect = ctx.connectApi('ListEntitySecurityProfiles');
  const q = ctx.connectApi('ListAIAgents') === undefined ? undefined : await ctx.qconnect();
  if (connect === undefined || q === undefined) return undefined;
  const { ListAssistantsCommand, ListAIAgentsCommand } = await loadQConnect();
  const instanceId = instanceArn.split('/').pop() ?? '';
  try {
    const assistants = await allPages(async (nextToken) => {
      await ctx.spend('ListAssistants', signal);
      const out = await q.send(new ListAssistantsCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) }), { abortSignal: ctx.signalFor(signal) });
      return { items: out.assistantSummaries, next: out.nextToken };
    });
    const agents: AiAgentInfo[] = [];
    for (const assistant of assistants) {
      const found = await allPages(async (nextToken) => {
        await ctx.spend('ListAIAgents', signal);
        const out = await q.send(new ListAIAgentsCommand({ assistantId: assistant.assistantId, maxResults: 100, ...(nextToken ? { nextToken } : {}) }), { abortSignal: ctx.signalFor(signal) });
        return { items: out.aiAgentSummaries, next: out.nextToken };
      });
      for (const agent of found) {
        if (!agent.aiAgentArn) continue;
        try {
          const held = await allPages(async (NextToken) => {
            await ctx.spend('ListEntitySecurityProfiles', signal);
            const out = await connect.send(new ListEntitySecurityProfilesCommand({ InstanceId: instanceId, EntityType: 'AI_AGENT', EntityArn: agent.aiAgentArn, MaxResults: 100, ...(NextToken ? { NextToken } : {}) }), { abortSignal: ctx.signalFor(signal) });
            return { items: out.SecurityProfiles, next: out.NextToken };
          });
          agents.push({ arn: agent.aiAgentArn, name: agent.name ?? agent.aiAgentArn, type: agent.type, profileArns: held.map((p) => `${instanceArn}/security-profile/${p.Id ?? ''}`) });
        } catch (error) {
          // Another instance's agent.
          if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
        }
      }
    }
    return agents;
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (!REFUSED.has(name)) throw error;
    ctx.denyConnectApi('ListAIAgents', `Amazon Q in Connect refused spex (${name}): AI agents are not listed as holders (wisdom:ListAssistants, wisdom:ListAIAgents and connect:ListEntitySecurityProfiles are needed)`);
    return undefined;
  }
}

/** The profiles (ARNs) one AI agent holds in the instance (ListEntitySecurityProfiles, page by page). */
export async function readAgentProfiles(ctx: RegionContext, instanceArn: string, agentArn: string, signal?: AbortSignal): Promise<string[]> {
  const connect = ctx.connectApi('ListEntitySecurityProfiles');
  if (connect === undefined) throw new Error(`ListEntitySecurityProfiles needs the Connect API, which ${ctx.connectUnavailable() ?? 'is off (--cloudcontrol-only)'}`);
  const held = await allPages(async (NextToken) => {
    await ctx.spend('ListEntitySecurityProfiles', signal);
    const out = await connect.send(new ListEntitySecurityProfilesCommand({ InstanceId: instanceArn.split('/').pop() ?? '', EntityType: 'AI_AGENT', EntityArn: agentArn, MaxResults: 100, ...(NextToken ? { NextToken } : {}) }), { abortSignal: ctx.signalFor(signal) });
    return { items: out.SecurityProfiles, next: out.NextToken };
  });
  return held.map((p) => `${instanceArn}/security-profile/${p.Id ?? ''}`);
}

/** Gives an AI agent profiles (AssociateSecurityProfiles) or takes them away (Disassociate…), 1–10 a call. */
export async function changeAiAgentProfiles(ctx: RegionContext, instanceArn: string, agentArn: string, change: 'add' | 'remove', profileArns: readonly string[], signal?: AbortSignal): Promise<void> {
  const operation = change === 'add' ? 'AssociateSecurityProfiles' : 'DisassociateSecurityProfiles';
  const client = ctx.connectApi(operation);
  if (client === undefined) throw new Error(`${operation} needs the Connect API, which ${ctx.connectUnavailable() ?? 'is off (--cloudcontrol-only)'}`);
  const input = { InstanceId: instanceArn.split('/').pop() ?? '', EntityType: 'AI_AGENT' as const, EntityArn: agentArn, SecurityProfiles: profileArns.map((arn) => ({ Id: arn.split('/').pop() ?? '' })) };
  for (let i = 0; i < input.SecurityProfiles.length; i += 10) {
    await ctx.spend(operation, signal);
    const part = { ...input, SecurityProfiles: input.SecurityProfiles.slice(i, i + 10) };
    await client.send(change === 'add' ? new AssociateSecurityProfilesCommand(part) : new DisassociateSecurityProfilesCommand(part), { abortSignal: ctx.signalFor(signal) });
  }
}
