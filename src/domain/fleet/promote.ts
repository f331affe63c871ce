// Promote: carrying profiles from one instance to others, maybe in other accounts and regions. Per
// target, a plan (profiles-plan.ts: create, update or unchanged, each change in console words with
// the exact request) and the id mapping: hierarchy groups by their path of names, applications by
// namespace (the same in every instance). A group path the target lacks blocks that target until the user
// chooses: skip the field (and the hierarchy restriction it serves), or map it to one of the
// target's groups. Pure.
import { quotaShortfall } from '../access/quota.js';
import { type FileProfile, groupPath, toFileProfile } from '../as-code/profiles-file.js';
import { FILE_KIND, FILE_VERSION } from '../as-code/profiles-file.js';
import { type PlanStep, planSteps } from '../as-code/profiles-plan.js';
import type { FlowModuleName, HierarchyGroup, SecurityProfile } from '../profile/security-profile.js';
import type { AiAgentInfo } from '../access/ai-agents.js';
import { inertJson, sanitizeLine, shellQuote } from '../text/sanitize.js';
import { planCounts } from '../as-code/profiles-plan.js';

/** A value of a source profile the target has no equivalent of. */
export interface Unmapped {
  profile: string;
  field: 'AllowedAccessControlHierarchyGroupId' | 'AllowedFlowModules' | 'AllowedAIAgents';
  /** The group's path (or the flow module's name) in the source. */
  path: string;
  /** The target's groups by path (or its flow modules by name), to choose from. */
  candidates: readonly string[];
}

/** What the user chose for an unmapped group path (in every profile and target). */
/** One instance as drift and promote compare it: the (named) profiles, hierarchy groups and flow modules. */
export interface InstanceSide {
  profiles: SecurityProfile[];
  groups: HierarchyGroup[];
  modules: FlowModuleName[] | undefined;
  /** The instance's AI agents (names and holdings), when Amazon Q in Connect gave them. */
  agents?: AiAgentInfo[] | undefined;
}

export type MappingChoice = { path: string; action: 'skip' } | { path: string; action: 'map'; to: string };

/** How one source value was carried to the target. */
export interface MappedValue {
  profile: string;
  what: string;
  from: string;
  to: string;
}

export interface PromoteTarget {
  key: string;
  instanceArn: string;
  current: readonly SecurityProfile[];
  groups: readonly HierarchyGroup[];
  /** The target's flow modules by name (undefined: unknown, modules keep their id). */
  modules?: readonly FlowModuleName[] | undefined;
  /** The target's AI agents by name (undefined: unknown, allowed agents keep their ARN). */
  agents?: readonly AiAgentInfo[] | undefined;
  /** How many profiles the target holds and its quota, when both are known: a plan past it is stopped. */
  held?: number | undefined;
  quota?: number | undefined;
}

export interface TargetPlan {
  key: string;
  instanceArn: string;
  steps: PlanStep[];
  /** Values to choose for before this target can be applied. */
  blocked: Unmapped[];
  /** What stops the plan otherwise (a profile the target would refuse). */
  problems: string[];
  mapping: MappedValue[];
}

/** The target's groups nearest the missing path first (the deepest path they share), then by name. */
export function nearestFirst(path: string, candidates: readonly string[]): string[] {
  const parts = path.split('/');
  const shared = (c: string): number => {
    const cp = c.split('/');
    let i = 0;
    while (i < cp.length && i < parts.length && cp[i] === parts[i]) i += 1;
    return i;
  };
  return [...candidates].sort((a, b) => shared(b) - shared(a) || a.localeCompare(b));
}

/** Mapping a missing group to one of its ancestors widens access: the ancestor holds more users. */
export function widensAccess(from: string, to: string): boolean {
  return from.startsWith(`${to}/`);
}

function pathsOf(groups: readonly HierarchyGroup[]): string[] {
  return groups.map((g) => groupPath(g.id, groups) ?? g.id).sort();
}

export function promotePlan(source: readonly SecurityProfile[], sourceGroups: readonly HierarchyGroup[], target: PromoteTarget, choices: readonly MappingChoice[] = [], sourceModules?: readonly FlowModuleName[], sourceAgents?: readonly AiAgentInfo[]): TargetPlan {
  const targetPaths = pathsOf(target.groups);
  const blocked: Unmapped[] = [];
  const mapping: MappedValue[] = [];
  const profiles: FileProfile[] = [];
  for (const profile of source) {
    const file = toFileProfile(profile, sourceGroups);
    const group = file.AllowedAccessControlHierarchyGroup;
    if (group !== undefined) {
      const choice = choices.find((c) => c.path === group.path);
      const targetPath = choice?.action === 'map' ? choice.to : group.path;
      const found = target.groups.find((g) => groupPath(g.id, target.groups) === targetPath);
      if (choice?.action === 'skip') {
        delete file.AllowedAccessControlHierarchyGroup;
        delete file.HierarchyRestrictedResources;
        mapping.push({ profile: profile.SecurityProfileName, what: 'hierarchy group', from: group.path, to: '(left out, with its hierarchy restriction: skipped)' });
      } else if (found === undefined) {
        blocked.push({ profile: profile.SecurityProfileName, field: 'AllowedAccessControlHierarchyGroupId', path: group.path, candidates: nearestFirst(group.path, targetPaths) });
        continue;
      } else {
        file.AllowedAccessControlHierarchyGroup = { path: targetPath };
        const wider = choice !== undefined && widensAccess(group.path, targetPath) ? `; wider: "${targetPath}" includes every group under it, not only "${group.path}"` : '';
        mapping.push({ profile: profile.SecurityProfileName, what: 'hierarchy group', from: `${group.path} (${group.id})`, to: `${targetPath} (${found.id})${choice ? ': chosen' : ''}${wider}` });
      }
    }
    for (const app of file.Applications ?? []) mapping.push({ profile: profile.SecurityProfileName, what: 'application', from: app.Namespace ?? '?', to: `${app.Namespace ?? '?'} (by namespace)` });
    if (file.AllowedFlowModules !== undefined) {
      const mapped = mapFlowModules(profile.SecurityProfileName, file.AllowedFlowModules, sourceModules, target.modules, choices);
      mapping.push(...mapped.mapping);
      if (mapped.blocked.length > 0) {
        blocked.push(...mapped.blocked);
        continue;
      }
      file.AllowedFlowModules = mapped.modules;
    }
    if (file.AllowedAIAgents !== undefined) {
      const mapped = mapAiAgents(profile.SecurityProfileName, file.AllowedAIAgents, sourceAgents, target.agents, choices);
      mapping.push(...mapped.mapping);
      if (mapped.blocked.length > 0) {
        blocked.push(...mapped.blocked);
        continue;
      }
      file.AllowedAIAgents = mapped.agents;
    }
    profiles.push(file);
  }
  const { steps, problems } = planSteps({ kind: FILE_KIND, version: FILE_VERSION, profiles }, target.instanceArn, target.current, target.groups, false, { aiAgentName: (arn) => target.agents?.find((a) => a.arn === arn)?.name });
  if (target.held !== undefined && target.quota !== undefined) {
    const full = quotaShortfall(target.held, target.quota, steps.filter((s) => s.action === 'create').length, 0);
    if (full !== undefined) problems.push(full);
  }
  return { key: target.key, instanceArn: target.instanceArn, steps, blocked, problems, mapping };
}

/** A profile's flow modules carried by name to the target's ids; a name the target lacks is blocked. */
function mapFlowModules(
  profile: string,
  modules: NonNullable<SecurityProfile['AllowedFlowModules']>,
  sourceModules: readonly FlowModuleName[] | undefined,
  targetModules: readonly FlowModuleName[] | undefined,
  choices: readonly MappingChoice[],
): { modules: NonNullable<SecurityProfile['AllowedFlowModules']>; mapping: MappedValue[]; blocked: Unmapped[] } {
  const mapping: MappedValue[] = [];
  const blocked: Unmapped[] = [];
  const out: NonNullable<SecurityProfile['AllowedFlowModules']> = [];
  for (const module of modules) {
    const id = module.FlowModuleId ?? '?';
    const name = sourceModules?.find((m) => m.id === id)?.name;
    if (name === undefined || targetModules === undefined) {
      mapping.push({ profile, what: 'flow module', from: id, to: `${id} (the same id: spex could not read ${name === undefined ? "the source's" : "the target's"} module names; check the target has it)` });
      out.push(module);
      continue;
    }
    const choice = choices.find((c) => c.path === name);
    if (choice?.action === 'skip') {
      mapping.push({ profile, what: 'flow module', from: `“${name}”`, to: '(left out: skipped)' });
      continue;
    }
    const wanted = choice?.action === 'map' ? choice.to : name;
    const found = targetModules.find((m) => m.name === wanted);
    if (found === undefined) {
      blocked.push({ profile, field: 'AllowedFlowModules', path: name, candidates: targetModules.map((m) => m.name).sort() });
      continue;
    }
    mapping.push({ profile, what: 'flow module', from: `“${name}” (${id})`, to: `“${found.name}” (${found.id})${choice ? ': chosen' : ''}` });
    out.push({ ...module, FlowModuleId: found.id });
  }
  return { modules: out, mapping, blocked };
}

/** A profile's allowed AI agents carried by name to the target's ARNs; a name the target lacks is blocked. */
function mapAiAgents(
  profile: string,
  allowed: NonNullable<SecurityProfile['AllowedAIAgents']>,
  sourceAgents: readonly AiAgentInfo[] | undefined,
  targetAgents: readonly AiAgentInfo[] | undefined,
  choices: readonly MappingChoice[],
): { agents: NonNullable<SecurityProfile['AllowedAIAgents']>; mapping: MappedValue[]; blocked: Unmapped[] } {
  const mapping: MappedValue[] = [];
  const blocked: Unmapped[] = [];
  const out: NonNullable<SecurityProfile['AllowedAIAgents']> = [];
  for (const agent of allowed) {
    const arn = agent.Arn ?? '?';
    const name = sourceAgents?.find((a) => a.arn === arn)?.name;
    if (name === undefined || targetAgents === undefined) {
      mapping.push({ profile, what: 'allowed AI agent', from: arn, to: `${arn} (the same ARN: spex could not read ${name === undefined ? "the source's" : "the target's"} AI agents; check the target can reach it)` });
      out.push(agent);
      continue;
    }
    const choice = choices.find((c) => c.path === name);
    if (choice?.action === 'skip') {
      mapping.push({ profile, what: 'allowed AI agent', from: `“${name}”`, to: '(left out: skipped)' });
      continue;
    }
    const wanted = choice?.action === 'map' ? choice.to : name;
    const found = targetAgents.find((a) => a.name === wanted);
    if (found === undefined) {
      blocked.push({ profile, field: 'AllowedAIAgents', path: name, candidates: targetAgents.map((a) => a.name).sort() });
      continue;
    }
    mapping.push({ profile, what: 'allowed AI agent', from: `“${name}”`, to: `“${found.name}” (${found.arn.split('/').pop() ?? found.arn})${choice ? ': chosen' : ''}` });
    out.push({ ...agent, Arn: found.arn });
  }
  return { agents: out, mapping, blocked };
}

/** `--map "FROM=TO"` (a source group path = a target group path, or module name = name) or `--skip-unmapped`, as choices. */
export function parseMapping(values: readonly string[]): MappingChoice[] {
  return values.map((v) => {
    const at = v.indexOf('=');
    if (at <= 0) throw new RangeError(`--map takes SOURCE-PATH=TARGET-PATH (a hierarchy group's path of names on each side, e.g. "Americas/Support floor/Night shift=Americas/Support floor"), got '${v}'`);
    const to = v.slice(at + 1).trim();
    return to === '' ? { path: v.slice(0, at).trim(), action: 'skip' } : { path: v.slice(0, at).trim(), action: 'map', to };
  });
}

/** How a blocked value is said, by field. */
const BLOCKED_WORDS: Readonly<Record<Unmapped['field'], { is: string; one: string; out: string }>> = {
  AllowedAccessControlHierarchyGroupId: { is: 'is restricted to the hierarchy group', one: 'groups', out: 'the group and its restriction out' },
  AllowedFlowModules: { is: 'allows the flow module', one: 'flow modules', out: 'the module out' },
  AllowedAIAgents: { is: 'allows the AI agent', one: 'AI agents', out: 'the AI agent out' },
};

/** The plan of one target as text: its steps, the mapping, what blocks it. */
export function targetPlanText(plan: TargetPlan, production: boolean, options: { requests?: boolean; choose?: 'flags' | 'keys' } = {}): string {
  const out: string[] = [`${production ? '[PRODUCTION] ' : ''}${sanitizeLine(plan.key)} (${sanitizeLine(plan.instanceArn)})`];
  for (const step of plan.steps) {
    if (step.action === 'unchanged') {
      out.push(`  = “${sanitizeLine(step.name)}” unchanged`);
      continue;
    }
    out.push(`  ${step.action === 'create' ? '+ create' : step.action === 'delete' ? '− delete' : '~ update'} “${sanitizeLine(step.name)}”`);
    for (const change of step.changes) out.push(`      ${change}`);
    if (options.requests !== false) out.push(`      request: ${inertJson(step.request)}`);
  }
  for (const m of plan.mapping) out.push(`  id mapping: “${sanitizeLine(m.profile)}” ${m.what} ${sanitizeLine(m.from)} → ${sanitizeLine(m.to)}`);
  for (const b of plan.blocked) {
    const kind = BLOCKED_WORDS[b.field];
    out.push(`  BLOCKED: “${sanitizeLine(b.profile)}” ${kind.is} "${sanitizeLine(b.path)}", which ${sanitizeLine(plan.key)} does not have.`);
    const has = b.candidates.length > 0 ? `the target has: ${b.candidates.map((c) => `"${sanitizeLine(c)}"`).join(', ')}` : `the target has no ${kind.one}`;
    if (options.choose === 'keys') out.push(`      choose: m maps it to one of the target's ${kind.one} (${has}; m again for the next), s leaves ${kind.out}`);
    // Meant to be pasted into a shell: each --map value is one single-quoted word, so nothing in a group name runs.
    else out.push(`      choose: --map ${shellQuote(`${b.path}=${b.field === 'AllowedAccessControlHierarchyGroupId' ? 'TARGET-PATH' : 'TARGET-NAME'}`)} (${has}), or --map ${shellQuote(`${b.path}=`)} / --skip-unmapped to leave ${kind.out}`);
  }
  for (const p of plan.problems) out.push(`  cannot be planned: ${sanitizeLine(p)}`);
  const changing = plan.steps.filter((s) => s.action !== 'unchanged');
  out.push(`  ${plan.blocked.length > 0 ? 'blocked' : changing.length === 0 ? 'nothing to do: it matches' : planCounts(plan.steps)}`);
  return `${out.join('\n')}\n`;
}

