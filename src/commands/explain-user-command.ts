// `spex explain-user <login|user-id> --instance I`: every permission a user has, which of their
// profiles grants it, the restrictions that really apply once their profiles combine, and the Views
// the console grants implicitly (domain/access/explain-user.ts). An AI agent the same way (explain-agent,
// or explain-user given an agent's name), with the MCP tools and flow modules its profiles allow.
import { SpexError } from '../domain/service/errors.js';
import { explainUser, explanationLines } from '../domain/access/explain-user.js';
import { rankSuggestions } from '../domain/permissions/permission-search.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { SecurityProfile } from '../domain/profile/security-profile.js';
import { UsageError } from '../io.js';
import { type CommandContext, str } from './context.js';
import { write } from './output.js';
import { createProgress } from './progress.js';
import { resolveInstance } from './resolve.js';
import { groupPath } from '../domain/as-code/profiles-file.js';
import { type AiAgentInfo, agentToolLines, agentTools } from '../domain/access/ai-agents.js';
import type { RegionService } from '../aws/types.js';

export async function explainAgentCommand(ctx: CommandContext): Promise<number> {
  return explainCommand(ctx, 'explain-agent');
}

export async function explainUserCommand(ctx: CommandContext): Promise<number> {
  return explainCommand(ctx, 'explain-user');
}

async function explainCommand(ctx: CommandContext, command: 'explain-user' | 'explain-agent'): Promise<number> {
  const wanted = ctx.positionals[0];
  if (!wanted) throw new UsageError(`${command} needs ${command === 'explain-agent' ? 'an AI agent: its name or ARN' : 'a user (their login or user id) or an AI agent (its name)'}, with --instance`);
  const service = await ctx.service();
  const instanceArn = await resolveInstance(service, str(ctx.values, 'instance'));
  // An AI agent, by name or ARN (explain-agent; explain-user when no user has that login).
  const agents = await service.listAiAgents(instanceArn).catch(() => undefined);
  const agent = agents?.find((a) => a.arn === wanted || a.name.toLowerCase() === wanted.toLowerCase());
  if (agent !== undefined || command === 'explain-agent') return explainAgent(ctx, service, instanceArn, wanted, agent, agents);
  let progress: ReturnType<typeof createProgress> | undefined;
  const index = await service
    .loadUsers(instanceArn, {
      allowSlow: true,
      onProgress: (done, total) => {
        progress ??= createProgress(ctx.io, 'users (AWS::Connect::User, one read each)', total);
        if (done > 0) progress.step();
      },
    })
    .finally(() => progress?.done());
  const lower = wanted.toLowerCase();
  const user = index.users.find((u) => u.username.toLowerCase() === lower || u.arn.split('/').pop() === wanted);
  if (!user) {
    const close = rankSuggestions(wanted, [...index.users.map((u) => u.username), ...(agents ?? []).map((a) => a.name)], 3);
    throw new SpexError({ kind: 'not-found', message: `No user '${sanitizeLine(wanted)}' in that instance${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}${index.complete ? '' : `; ${index.note ?? 'the user list could not be trusted'}`}.` });
  }
  // A profile that cannot be read is listed as missing in the explanation, not guessed at.
  const read = await Promise.all(user.securityProfileArns.map((arn) => service.getProfile(arn).then((p) => [arn, p] as const, () => undefined)));
  const profiles = new Map(read.filter((r): r is readonly [string, SecurityProfile] => r !== undefined));
  const groups = await service.listHierarchyGroups(instanceArn).catch(() => []);
  const groupName = (id: string): string | undefined => groupPath(id, groups);
  const explanation = explainUser(user, profiles);
  await write(ctx.io, ctx.output, explanation, () => `${explanationLines(explanation, groupName).map(sanitizeLine).join('\n')}\n`);
  return 0;
}

async function explainAgent(ctx: CommandContext, service: RegionService, instanceArn: string, wanted: string, agent: AiAgentInfo | undefined, agents: readonly AiAgentInfo[] | undefined): Promise<number> {
  if (agent === undefined) {
    if (agents === undefined) throw new SpexError({ kind: 'not-found', message: `The AI agents could not be read (Amazon Q in Connect: wisdom:ListAssistants, wisdom:ListAIAgents), so '${sanitizeLine(wanted)}' cannot be looked up.` });
    const close = rankSuggestions(wanted, agents.map((a) => a.name), 3);
    throw new SpexError({ kind: 'not-found', message: `No AI agent '${sanitizeLine(wanted)}' in that instance${close.length ? ` (did you mean ${close.join(', ')}?)` : agents.length === 0 ? ' (it has none)' : ''}.` });
  }
  const read = await Promise.all(agent.profileArns.map((arn) => service.getProfile(arn).then((p) => [arn, p] as const, () => undefined)));
  const profiles = new Map(read.filter((r): r is readonly [string, SecurityProfile] => r !== undefined));
  const [groups, modules] = await Promise.all([service.listHierarchyGroups(instanceArn).catch(() => []), service.listFlowModules(instanceArn).catch(() => undefined)]);
  const explanation = { ...explainUser({ arn: agent.arn, username: agent.name, securityProfileArns: agent.profileArns }, profiles), kind: 'AI agent', tools: agentTools([...profiles.values()]) };
  await write(ctx.io, ctx.output, explanation, () => {
    const [first = '', ...rest] = explanationLines(explanation, (id) => groupPath(id, groups));
    const lines = [`AI agent ${first}`, ...rest, ...agentToolLines(explanation.tools, (id) => modules?.find((m) => m.id === id)?.name)];
    return `${lines.map(sanitizeLine).join('\n')}\n`;
  });
  return 0;
}
