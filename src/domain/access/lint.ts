// Least-privilege checks over an instance's security profiles (`spex lint`): each rule is data (id,
// severity, a one-line why) plus a small pure function that returns the evidence, or nothing. Pure.
// The AI agents' rules are in agent-lint.ts. The guidance followed (real-aws-notes "What admins ask for"):
// - Amazon Connect's security best practices: anyone who can edit or create users or security
//   profiles can grant themselves Admin, so those permissions belong to Admin alone.
// - AWS's posture-assessment sample for Connect: it fails non-admin profiles holding admin-level
//   permissions, and warns above 80% of the security-profile quota.
// - The console's own rule: acting on a resource (Edit, Create, Remove…) needs its View.
// - The admin guide on tag-based access control: restrictions apply only to the resources listed in
//   TagRestrictedResources, so a holder who may create users or profiles without it steps around it; a
//   user holding several profiles gets their union, so an unrestricted one beside a restricted one lifts it.
import { cloudControlRefusals } from '../profile/cloud-control-safe.js';
import { impliedPermissions } from '../permissions/permission-rules.js';
import { lookupPermission } from '../permissions/permissions.js';
import { isBuiltInProfileName, type SecurityProfile } from '../profile/security-profile.js';
import type { ConnectUser } from './holders.js';
import { DEFAULT_PROFILE_QUOTA } from './quota.js';
import { agentEvidence, type AgentRuleId, byRule } from './agent-lint.js';
import type { AiAgentInfo } from './ai-agents.js';

export type Severity = 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

export type RuleId =
  | 'escalation'
  | 'view-missing'
  | 'tag-restriction-leak'
  | 'restricted-without-view'
  | 'empty'
  | 'duplicate'
  | 'unknown-permission'
  | 'quota'
  | 'multi-tag-restricted'
  | 'not-cloud-control-safe'
  | AgentRuleId;

export interface Rule {
  id: RuleId;
  severity: Severity;
  /** One line: why this matters. */
  why: string;
}

export const RULES: Readonly<Record<RuleId, Rule>> = {
  escalation: { id: 'escalation', severity: 'high', why: 'its holders can edit users or security profiles, and so grant themselves Admin' },
  'view-missing': { id: 'view-missing', severity: 'medium', why: 'it acts on a resource it cannot view; the console would have granted the View' },
  'tag-restriction-leak': { id: 'tag-restriction-leak', severity: 'medium', why: 'tag-based access control is set, but users and security profiles are not tag-restricted, so a holder can make a profile without the restriction' },
  'restricted-without-view': { id: 'restricted-without-view', severity: 'low', why: 'a resource is restricted that the profile cannot even view' },
  empty: { id: 'empty', severity: 'low', why: 'it grants nothing' },
  duplicate: { id: 'duplicate', severity: 'low', why: 'another profile grants exactly the same permissions' },
  'unknown-permission': { id: 'unknown-permission', severity: 'low', why: 'a permission name the catalogue does not know (a typo, or one newer than the catalogue)' },
  quota: { id: 'quota', severity: 'medium', why: 'the instance is above 80% of its security-profile quota' },
  'multi-tag-restricted': { id: 'multi-tag-restricted', severity: 'high', why: 'a user holds a tag-restricted profile beside another profile, and the union of what they allow lifts the restriction' },
  'not-cloud-control-safe': { id: 'not-cloud-control-safe', severity: 'low', why: 'values Cloud Control refuses: it cannot change this profile (only the Connect API can)' },
  'agent-escalation': { id: 'agent-escalation', severity: 'high', why: 'an AI agent holds it, and it can edit users or security profiles: an unattended agent could grant Admin' },
  'agent-every-tool': { id: 'agent-every-tool', severity: 'medium', why: 'an AI agent holds it, and it allows every tool of an MCP server where the tools the agent needs could be listed' },
  'agent-allowance-unused': { id: 'agent-allowance-unused', severity: 'low', why: 'it allows AI agents that nobody holding it can reach, or that spex cannot find' },
};

/** Permissions that let a holder raise their own privilege. */
export const ESCALATION_PERMISSIONS: readonly string[] = ['Users.Edit', 'Users.Create', 'Users.EditPermission', 'SecurityProfiles.Edit', 'SecurityProfiles.Create'];

/** A restricted resource (TagRestrictedResources / HierarchyRestrictedResources) → the View that sees it. */
export const RESOURCE_VIEWS: Readonly<Record<string, string>> = {
  User: 'Users.View',
  SecurityProfile: 'SecurityProfiles.View',
  RoutingProfile: 'RoutingPolicies.View',
  Queue: 'Queues.View',
  HoursOfOperation: 'HoursOfOperation.View',
  Prompt: 'Prompts.View',
  QuickConnect: 'TransferDestinations.View',
  ContactFlow: 'ContactFlows.View',
  ContactFlowModule: 'ContactFlowModules.View',
  AgentStatus: 'AgentStates.View',
  Hierarchy: 'AgentGrouping.View',
};

export interface Finding {
  rule: RuleId;
  severity: Severity;
  why: string;
  /** The profile the finding is about (its name), and its ARN when known. */
  profile: string;
  arn?: string;
  /** What was found: the permissions, restrictions, other profiles or users in question. */
  evidence: string[];
}

export interface LintInput {
  profiles: readonly SecurityProfile[];
  /** Who holds what, when known (for multi-tag-restricted). */
  users?: readonly ConnectUser[];
  /** The instance's AI agents and what they hold, when Amazon Q in Connect gave them (for the agent rules). */
  agents?: readonly AiAgentInfo[];
  /** The instance's security-profile quota, and where the number came from. */
  quota?: { limit: number; source: 'service-quotas' | 'default' };
}

export interface LintResult {
  findings: Finding[];
  /** What could not be checked, and why (no holders, the quota not readable…). */
  notes: string[];
}

const isAdmin = (p: SecurityProfile): boolean => p.SecurityProfileName === 'Admin' && isBuiltInProfileName(p.SecurityProfileName);
const isTagRestricted = (p: SecurityProfile): boolean => (p.AllowedAccessControlTags?.length ?? 0) > 0 && (p.TagRestrictedResources?.length ?? 0) > 0;

type ProfileCheck = (profile: SecurityProfile) => string[] | undefined;

/** The checks of one profile alone, by rule. */
const PROFILE_CHECKS: Readonly<Partial<Record<RuleId, ProfileCheck>>> = {
  escalation: (p) => {
    if (isAdmin(p)) return undefined;
    const found = ESCALATION_PERMISSIONS.filter((name) => p.Permissions?.includes(name));
    return found.length > 0 ? found : undefined;
  },
  'view-missing': (p) => {
    const granted = new Set(p.Permissions ?? []);
    const missing = [...granted].flatMap((name) => impliedPermissions(name).filter((view) => !granted.has(view)).map((view) => `${name} without ${view}`));
    return missing.length > 0 ? missing : undefined;
  },
  'tag-restriction-leak': (p) => {
    if ((p.AllowedAccessControlTags?.length ?? 0) === 0) return undefined;
    const restricted = new Set(p.TagRestrictedResources ?? []);
    const open = ['User', 'SecurityProfile'].filter((r) => !restricted.has(r));
    return open.length > 0 ? open.map((r) => `${r} is not in TagRestrictedResources`) : undefined;
  },
  'restricted-without-view': (p) => {
    const granted = new Set(p.Permissions ?? []);
    const out: string[] = [];
    for (const [field, list] of [
      ['TagRestrictedResources', p.TagRestrictedResources],
      ['HierarchyRestrictedResources', p.HierarchyRestrictedResources],
    ] as const) {
      for (const resource of list ?? []) {
        const view = RESOURCE_VIEWS[resource];
        if (view !== undefined && !granted.has(view)) out.push(`${field}: ${resource} (no ${view})`);
      }
    }
    return out.length > 0 ? out : undefined;
  },
  empty: (p) => ((p.Permissions?.length ?? 0) === 0 ? ['no permissions'] : undefined),
  'unknown-permission': (p) => {
    const unknown = (p.Permissions ?? []).filter((name) => lookupPermission(name) === undefined);
    return unknown.length > 0 ? unknown : undefined;
  },
  'not-cloud-control-safe': (p) => {
    const refusals = cloudControlRefusals(p);
    return refusals.length > 0 ? refusals.map((r) => r.message) : undefined;
  },
};

function finding(rule: RuleId, profile: SecurityProfile, evidence: string[]): Finding {
  const { severity, why } = RULES[rule];
  return { rule, severity, why, profile: profile.SecurityProfileName, ...(profile.SecurityProfileArn ? { arn: profile.SecurityProfileArn } : {}), evidence };
}

/** Every finding over an instance's profiles, most severe first, then by profile name. */
export function lintProfiles(input: LintInput): LintResult {
  const findings: Finding[] = [];
  const notes: string[] = [];
  for (const profile of input.profiles) {
    for (const [rule, check] of Object.entries(PROFILE_CHECKS) as [RuleId, ProfileCheck][]) {
      const evidence = check(profile);
      if (evidence !== undefined) findings.push(finding(rule, profile, evidence));
    }
  }
  findings.push(...duplicateFindings(input.profiles));
  // quota: the instance as a whole; reported on no profile in particular.
  const quota = input.quota ?? { limit: DEFAULT_PROFILE_QUOTA, source: 'default' as const };
  if (input.quota === undefined) notes.push(`quota: the default ${DEFAULT_PROFILE_QUOTA} profiles per instance is assumed (Service Quotas not read)`);
  if (input.profiles.length > 0.8 * quota.limit) {
    const { severity, why } = RULES.quota;
    findings.push({ rule: 'quota', severity, why, profile: '(the instance)', evidence: [`${input.profiles.length} of ${quota.limit} profiles (${Math.round((100 * input.profiles.length) / quota.limit)}%)${quota.source === 'default' ? ', the default quota' : ''}`] });
  }
  // multi-tag-restricted: per user, a tag-restricted profile beside any other.
  if (input.users === undefined) notes.push('multi-tag-restricted: who holds which profile is not known, so it was not checked');
  else findings.push(...multiTagFindings(input.profiles, input.users));
  // AI agents: what they hold, and what the profiles allow them (agent-lint.ts).
  if (input.agents === undefined) notes.push('agent rules: the AI agents could not be read (Amazon Q in Connect), so they were not checked');
  else for (const e of agentEvidence(input.profiles, input.agents, input.users, ESCALATION_PERMISSIONS)) findings.push(finding(e.rule, e.profile, e.evidence));
  const order = (s: Severity): number => SEVERITIES.indexOf(s);
  findings.sort((a, b) => order(a.severity) - order(b.severity) || a.profile.localeCompare(b.profile, 'en', { sensitivity: 'base', numeric: true }) || byRule(a, b));
  return { findings, notes };
}

/** The permission set of a profile as one key (order aside), kept per profile object. */
const setKeys = new WeakMap<SecurityProfile, string>();
function setKey(p: SecurityProfile): string {
  let key = setKeys.get(p);
  if (key === undefined) setKeys.set(p, (key = [...new Set(p.Permissions)].sort().join('\n')));
  return key;
}

/** duplicate: the same permission set (order aside) as another profile; both are named. */
function duplicateFindings(profiles: readonly SecurityProfile[]): Finding[] {
  const bySet = new Map<string, SecurityProfile[]>();
  for (const p of profiles) {
    if ((p.Permissions?.length ?? 0) === 0) continue;
    const key = setKey(p);
    bySet.set(key, [...(bySet.get(key) ?? []), p]);
  }
  const out: Finding[] = [];
  for (const same of bySet.values()) {
    if (same.length < 2) continue;
    for (const p of same) out.push(finding('duplicate', p, same.filter((o) => o !== p).map((o) => `same as ${o.SecurityProfileName}`)));
  }
  return out;
}

/** multi-tag-restricted: per user, a tag-restricted profile beside any other. */
function multiTagFindings(profiles: readonly SecurityProfile[], users: readonly ConnectUser[]): Finding[] {
  const byArn = new Map(profiles.map((p) => [p.SecurityProfileArn, p]));
  const perProfile = new Map<string, string[]>();
  for (const user of users) {
    const held = user.securityProfileArns.map((a) => byArn.get(a)).filter((p): p is SecurityProfile => p !== undefined);
    const restricted = held.filter(isTagRestricted);
    if (restricted.length === 0 || held.length < 2) continue;
    for (const p of restricted) {
      const others = held.filter((o) => o !== p).map((o) => `${o.SecurityProfileName}${isTagRestricted(o) ? ' (also tag-restricted)' : ' (unrestricted)'}`);
      const arn = p.SecurityProfileArn ?? p.SecurityProfileName;
      perProfile.set(arn, [...(perProfile.get(arn) ?? []), `${user.username} also holds ${others.join(', ')}`]);
    }
  }
  const out: Finding[] = [];
  for (const [arn, evidence] of perProfile) {
    const p = byArn.get(arn) ?? profiles.find((x) => x.SecurityProfileName === arn)!;
    out.push(finding('multi-tag-restricted', p, evidence));
  }
  return out;
}

/**
 * Each profile's findings, as `spex lint` and the `!` screen find them: its own rules, and the ones
 * across profiles (a duplicate; a tag-restricted profile held beside another, once holders are known).
 * The one computation behind the table's `!`, the status line and the detail's Findings.
 */
export function findingsByArn(profiles: readonly SecurityProfile[], users: readonly ConnectUser[] | undefined, agents?: readonly AiAgentInfo[]): ReadonlyMap<string, readonly Finding[]> {
  const out = new Map<string, Finding[]>();
  const add = (arn: string | undefined, f: Finding): void => {
    if (arn === undefined) return;
    const list = out.get(arn);
    if (list) list.push(f);
    else out.set(arn, [f]);
  };
  for (const p of profiles) for (const f of profileFindings(p)) add(p.SecurityProfileArn, f);
  for (const f of [...duplicateFindings(profiles), ...(users === undefined ? [] : multiTagFindings(profiles, users))]) add(f.arn, f);
  for (const e of agents === undefined ? [] : agentEvidence(profiles, agents, users, ESCALATION_PERMISSIONS)) add(e.profile.SecurityProfileArn, finding(e.rule, e.profile, e.evidence));
  const order = (sev: Severity): number => SEVERITIES.indexOf(sev);
  for (const list of out.values()) list.sort((a, b) => order(a.severity) - order(b.severity) || byRule(a, b));
  return out;
}

/** True when a finding at or above `failOn` exists (`spex lint` exits 1 then). */
export function failsAt(findings: readonly Finding[], failOn: Severity): boolean {
  return findings.some((f) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf(failOn));
}

/** The findings a change creates and resolves, profile-level rules only (what one edit decides). */
export function findingChanges(before: SecurityProfile | undefined, after: SecurityProfile): { created: Finding[]; resolved: Finding[]; already: Finding[] } {
  const of = (p: SecurityProfile | undefined): Finding[] => {
    // One profile alone: the instance-wide rules (duplicate, quota, holders) are not this edit's doing.
    return p === undefined ? [] : profileFindings(p);
  };
  const key = (f: Finding): string => `${f.rule}\n${f.evidence.join('\n')}`;
  const was = of(before);
  const now = of(after);
  const wasKeys = new Set(was.map(key));
  const wasRules = new Set(was.map((f) => f.rule));
  const nowRules = new Set(now.map((f) => f.rule));
  const created = now.filter((f) => !wasKeys.has(key(f)) && (!wasRules.has(f.rule) || f.rule === 'escalation'));
  return {
    created,
    resolved: was.filter((f) => !nowRules.has(f.rule)),
    // What the profile had before the change and still has: said apart, not as this change's doing.
    already: now.filter((f) => !created.includes(f)),
  };
}

/** A finding in one sentence, with what it means for the holders when their number is known. */
export function findingSentence(f: Finding, holders?: number): string {
  if (f.rule === 'escalation') {
    const who = holders === undefined ? 'its users' : holders === 1 ? 'its 1 user' : `its ${holders} users`;
    return `grants ${f.evidence.join(', ')} to a non-admin profile: ${who} could then grant themselves Admin`;
  }
  return `${f.rule}: ${f.why} (${f.evidence.join('; ')})`;
}

const profileFindingsCache = new WeakMap<SecurityProfile, Finding[]>();

/** The findings of one profile on its own (the instance-wide rules need every profile: `!`). Cached per model. */
export function profileFindings(profile: SecurityProfile): Finding[] {
  const cached = profileFindingsCache.get(profile);
  if (cached) return cached;
  const found = lintProfiles({ profiles: [profile], users: [], quota: { limit: Number.POSITIVE_INFINITY, source: 'service-quotas' } }).findings;
  profileFindingsCache.set(profile, found);
  return found;
}
