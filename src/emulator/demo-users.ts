// Demo users (AWS::Connect::User models): a few hundred across the instances (and about 600 in
// acme-apac, for moves at scale), deterministic, so the
// profiles that are "in use" are in use because users really hold them. Most agents hold one
// profile; leads two or three; a user holds at most 10 (real-aws-notes "Limits").
import { seededRandom } from './faults.js';
import { stableUuid } from './demo-ids.js';
import type { InstanceState, Model, Store } from './store.js';

const FIRST = ['Ava', 'Ben', 'Chloe', 'Diego', 'Emma', 'Farah', 'Gabriel', 'Hana', 'Isaac', 'Jade', 'Kofi', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya',
  'Quinn', 'Rosa', 'Sami', 'Tara', 'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf', 'Zoe', 'Aiko', 'Bruno', 'Carmen', 'Dmitri', 'Elif', 'Finn', 'Grace',
  'Hugo', 'Ines', 'Jonas', 'Keira', 'Liam', 'Maya', 'Noah'];
const LAST = ['Adams', 'Bauer', 'Chen', 'Dubois', 'Evans', 'Fischer', 'García', 'Hughes', 'Ivanova', 'Johnson', 'Khan', 'López', 'Müller', 'Nakamura',
  'O’Brien', 'Patel', 'Quintero', 'Rossi', 'Schmidt', 'Tanaka', 'Usman', 'Varga', 'Wong', 'Xu', 'Yilmaz', 'Zhang', 'Andersen', 'Brown', 'Costa',
  'Diaz', 'Eriksen', 'Fernandes', 'Gupta', 'Hansen', 'Ito', 'Jensen', 'Kim', 'Larsen', 'Moreau', 'Novak'];

interface Role {
  count: number;
  /** Profile names the role holds; a name the instance lacks is skipped. */
  hold: (pick: () => number) => string[];
  group?: string;
}

/** acme-apac's 75 sites (demo-data.ts): about 600 users, so moving them takes minutes at --real-limits. */
const APAC_SITES = 75;
const site = (k: number): string => `Site ${String((k % APAC_SITES) + 1).padStart(2, '0')} agents`;

function apacRoles(): Role[] {
  let next = 0;
  return [
    // Agents of one site each, some also holding Agent.
    { count: 520, hold: (pick) => [site(next++), ...(pick() < 0.3 ? ['Agent'] : [])], group: 'Support floor' },
    // Floaters covering two or three sites.
    { count: 60, hold: (pick) => [site(next++), site(next++), ...(pick() < 0.5 ? [site(next++)] : []), 'Agent'], group: 'Support floor' },
    // Roving leads holding ten, Connect's most (real-aws-notes "Limits").
    { count: 10, hold: () => [...Array.from({ length: 9 }, () => site(next++)), 'Agent'], group: 'Night shift' },
  ];
}

function rolesFor(alias: string, big: boolean): Role[] {
  const emea = alias === 'acme-emea';
  if (alias === 'acme-apac') return [...apacRoles(), { count: 2, hold: () => ['Admin'], group: 'Americas' }];
  return [
    { count: 2, hold: () => ['Admin'], group: emea ? 'EMEA' : 'Americas' },
    { count: 3, hold: () => ['CallCenterManager'], group: emea ? 'EMEA' : 'Americas' },
    // Agents: one profile each, the built-in Agent or the instance's own front-line profile.
    { count: big ? 140 : 40, hold: (pick) => [pick() < 0.45 ? 'Tier 1 Support' : 'Agent'], group: emea ? 'EMEA' : 'Support floor' },
    // Leads: two or three.
    { count: big ? 8 : 3, hold: (pick) => ['Team Leads', 'Agent', ...(pick() < 0.5 ? ['Tier 1 Support'] : [])], group: emea ? 'EMEA' : 'Support floor' },
    { count: 3, hold: () => ['Compliance Auditors'], group: 'Americas' },
    { count: 4, hold: () => ['Supervisors (EMEA)', 'CallCenterManager'], group: 'EMEA' },
  ];
}

export function addDemoUsers(store: Store, instance: InstanceState, alias: string, big: boolean): void {
  const arn = String(instance.entry.model.Arn);
  const byName = new Map<string, string>();
  for (const { model } of instance.profiles.values()) byName.set(String(model.SecurityProfileName), String(model.SecurityProfileArn));
  const groupArn = (name: string): string => `${arn}/agent-group/${stableUuid(`${arn}/group/${name}`)}`;
  const random = seededRandom([...arn].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
  const taken = new Set<string>();
  let n = 0;
  for (const role of rolesFor(alias, big)) {
    for (let i = 0; i < role.count; i += 1) {
      const arns = [...new Set(role.hold(random))].map((name) => byName.get(name)).filter((a): a is string => a !== undefined);
      // A role whose profiles this instance lacks has no users here (the front-line agent falls back to Agent).
      if (arns.length === 0) {
        const agent = byName.get('Agent');
        if (!agent || role.group === 'EMEA' || role.count < 10) continue;
        arns.push(agent);
      }
      n += 1;
      const first = FIRST[Math.floor(random() * FIRST.length)] ?? 'Alex';
      const last = LAST[Math.floor(random() * LAST.length)] ?? 'Smith';
      const base = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
      let username = base;
      for (let k = 2; taken.has(username); k += 1) username = `${base}${k}`;
      taken.add(username);
      const model: Model = {
        UserArn: `${arn}/agent/${stableUuid(`${arn}/user/${n}`)}`,
        InstanceArn: arn,
        Username: username,
        IdentityInfo: { FirstName: first, LastName: last, Email: `${username}@acme.example` },
        PhoneConfig: { PhoneType: 'SOFT_PHONE', AutoAccept: false, AfterContactWorkTimeLimit: 0 },
        RoutingProfileArn: `${arn}/routing-profile/${stableUuid(`${arn}/routing-profile/basic`)}`,
        SecurityProfileArns: arns,
        Tags: [],
      };
      if (role.group) model.HierarchyGroupArn = groupArn(role.group);
      store.addUser(instance, model);
    }
  }
}

/** The AI agents of each demo instance that has some: each agent's name and the profiles it holds. */
const DEMO_AI_AGENTS: Record<string, readonly (readonly [string, readonly string[]])[]> = {
  // One holds a profile with the escalation permissions (CallCenterManager).
  'acme-support': [['Order status assistant', ['AI Agent Builders']], ['Supervisor copilot', ['CallCenterManager']]],
  // dev and prod drift: dev's order assistant also holds Team Leads, and only dev's refund helper holds a profile.
  'acme-dev': [['Order status assistant', ['Tier 1 Support', 'Team Leads']], ['Refund helper', ['Tier 1 Support']]],
  'acme-prod': [['Order status assistant', ['Tier 1 Support']], ['Refund helper', []]],
};

/** Which AI agents a profile allows (AllowedAIAgents, Agent-to-Agent), by profile and agent name. */
const DEMO_ALLOWED_AI_AGENTS: Record<string, Record<string, readonly string[]>> = {
  'acme-support': { 'Tier 1 Support': ['Order status assistant'] },
  'acme-dev': { 'Tier 1 Support': ['Order status assistant', 'Refund helper'] },
  'acme-prod': { 'Tier 1 Support': ['Order status assistant'] },
};

/**
 * Demo AI agents (Amazon Q in Connect) holding security profiles, and the profiles that allow them
 * (AllowedAIAgents, Type THIRD_PARTY). Agent models: { AIAgentArn, Name, SecurityProfileArns }.
 */
export function addDemoAiAgents(store: Store, instance: InstanceState, alias: string): void {
  const agents = DEMO_AI_AGENTS[alias];
  if (!agents) return;
  const arn = String(instance.entry.model.Arn);
  const [, , , region = 'us-east-1', account = '123456789012'] = arn.split(':');
  const assistant = stableUuid(`${arn}/assistant`);
  const byName = new Map([...instance.profiles.values()].map((e) => [String(e.model.SecurityProfileName), e.model]));
  const agentArns = new Map<string, string>();
  for (const [name, profiles] of agents) {
    const held = profiles.map((p) => byName.get(p)?.SecurityProfileArn).filter((a): a is string => typeof a === 'string');
    const agentArn = `arn:aws:wisdom:${region}:${account}:ai-agent/${assistant}/${stableUuid(`${arn}/ai-agent/${name}`)}`;
    agentArns.set(name, agentArn);
    store.addAiAgent(instance, { AIAgentArn: agentArn, Name: name, SecurityProfileArns: held });
  }
  for (const [profile, names] of Object.entries(DEMO_ALLOWED_AI_AGENTS[alias] ?? {})) {
    const model = byName.get(profile);
    if (model) model.AllowedAIAgents = names.map((n) => ({ Arn: agentArns.get(n), Type: 'THIRD_PARTY' }));
  }
}
