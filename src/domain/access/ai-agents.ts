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

/** An AI agent's ARN (Amazon Q in Connect's `wisdom` service), as a batch's holder steps tell agents from users. */
export const isAgentArn = (arn: string): boolean => /^arn:[^:]+:wisdom:/.test(arn);

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

/** The tools an AI agent may call across its profiles: each MCP server (or application) with its tools, and the flow modules. */
export interface AgentTools {
  /** Amazon Connect's own tools its permissions open (the admin guide's table, by the human agent's permission). */
  builtIn: { tool: string; via: string[] }[];
  applications: { namespace: string; type: string; tools: string[]; grantedBy: string[] }[];
  flowModules: { id: string; grantedBy: string[] }[];
}

/**
 * The admin guide, "Assigning security profile permissions to AI agents": an AI agent's built-in tools
 * need the permission a human agent would ("the security profile permissions for built-in tools mirror
 * those used for employee access").
 */
const BUILT_IN_TOOLS: readonly { tool: string; needs: readonly string[] }[] = [
  { tool: 'Cases (create, update, search)', needs: ['Cases.View', 'Cases.Edit'] },
  { tool: 'Customer Profiles', needs: ['CustomerProfiles.View'] },
  { tool: 'Knowledge base (Retrieve)', needs: ['Wisdom.View'] },
];

export function agentTools(profiles: readonly SecurityProfile[]): AgentTools {
  const granted = new Set(profiles.flatMap((p) => p.Permissions ?? []));
  const builtIn = BUILT_IN_TOOLS.filter((t) => t.needs.every((n) => granted.has(n))).map((t) => ({ tool: t.tool, via: [...t.needs] }));
  const apps = new Map<string, { namespace: string; type: string; tools: Set<string>; grantedBy: Set<string> }>();
  const modules = new Map<string, Set<string>>();
  for (const p of profiles) {
    for (const app of p.Applications ?? []) {
      const key = `${app.Type ?? ''}|${app.Namespace ?? ''}`;
      const entry = apps.get(key) ?? { namespace: app.Namespace ?? '?', type: app.Type ?? 'THIRD_PARTY_APPLICATION', tools: new Set<string>(), grantedBy: new Set<string>() };
      for (const t of app.ApplicationPermissions ?? []) entry.tools.add(t);
      entry.grantedBy.add(p.SecurityProfileName);
      apps.set(key, entry);
    }
    for (const m of p.AllowedFlowModules ?? []) modules.set(m.FlowModuleId ?? '?', (modules.get(m.FlowModuleId ?? '?') ?? new Set()).add(p.SecurityProfileName));
  }
  return {
    builtIn,
    applications: [...apps.values()].map((a) => ({ namespace: a.namespace, type: a.type, tools: [...a.tools].sort(), grantedBy: [...a.grantedBy] })).sort((a, b) => a.namespace.localeCompare(b.namespace)),
    flowModules: [...modules].map(([id, by]) => ({ id, grantedBy: [...by] })),
  };
}

/** The tools as lines for people: "mcp.orders.acme.example (MCP server): every tool (*) — from AI Agent Builders". */
export function agentToolLines(tools: AgentTools, moduleName: (id: string) => string | undefined = () => undefined): string[] {
  const lines = ['', 'Tools and applications it may use:'];
  if (tools.builtIn.length === 0 && tools.applications.length === 0 && tools.flowModules.length === 0) lines.push('  none: its profiles allow no built-in tool, MCP server, application or flow module');
  for (const t of tools.builtIn) lines.push(`  ${t.tool} (built in): needs ${t.via.join(' and ')}, which its profiles grant`);
  for (const a of tools.applications) {
    const what = a.type === 'MCP' ? 'MCP server' : 'application';
    const list = a.tools.map((t) => (t === '*' || t.endsWith('*') ? `every tool (${t})` : t)).join(', ') || 'no tools';
    lines.push(`  ${sanitizeLine(a.namespace)} (${what}): ${sanitizeLine(list)} — from ${a.grantedBy.map(sanitizeLine).join(', ')}`);
  }
  for (const m of tools.flowModules) {
    const name = moduleName(m.id);
    lines.push(`  flow module ${name !== undefined ? `“${sanitizeLine(name)}” (${sanitizeLine(m.id)})` : sanitizeLine(m.id)} — from ${m.grantedBy.map(sanitizeLine).join(', ')}`);
  }
  return lines;
}
