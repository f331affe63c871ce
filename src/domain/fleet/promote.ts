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
      const mapped = mapByName(FLOW_MODULES, profile.SecurityProfileName, file.AllowedFlowModules, sourceModules, target.modules, choices);
      mapping.push(...mapped.mapping);
      if (mapped.blocked.length > 0) {
        blocked.push(...mapped.blocked);
        continue;
      }
      file.AllowedFlowModules = mapped.items;
    }
    if (file.AllowedAIAgents !== undefined) {
      const mapped = mapByName(AI_AGENTS, profile.SecurityProfileName, file.AllowedAIAgents, agentNames(sourceAgents), agentNames(target.agents), choices);
      mapping.push(...mapped.mapping);
      if (mapped.blocked.length > 0) {
        blocked.push(...mapped.blocked);
        continue;
      }
      file.AllowedAIAgents = mapped.items;
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

/** How one kind of instance-bound id is carried by name: flow modules (by id) and allowed AI agents (by ARN). */
interface ByName<T> {
  field: 'AllowedFlowModules' | 'AllowedAIAgents';
  what: string;
  idOf: (item: T) => string;
  withId: (item: T, id: string) => T;
  /** Why the id is kept as it is when names are missing ("module names", "AI agents"). */
  unnamed: { kept: string; names: string; check: string };
  /** How a target's id is shown beside its name. */
  short: (id: string) => string;
  /** Whether the mapping line shows the source's id too. */
  showSourceId: boolean;
}

const FLOW_MODULES: ByName<NonNullable<SecurityProfile['AllowedFlowModules']>[number]> = {
  field: 'AllowedFlowModules',
  what: 'flow module',
  idOf: (m) => m.FlowModuleId ?? '?',
  withId: (m, id) => ({ ...m, FlowModuleId: id }),
  unnamed: { kept: 'id', names: 'module names', check: 'check the target has it' },
  short: (id) => id,
  showSourceId: true,
};

const AI_AGENTS: ByName<NonNullable<SecurityProfile['AllowedAIAgents']>[number]> = {
  field: 'AllowedAIAgents',
  what: 'allowed AI agent',
  idOf: (a) => a.Arn ?? '?',
  withId: (a, arn) => ({ ...a, Arn: arn }),
  unnamed: { kept: 'ARN', names: 'AI agents', check: 'check the target can reach it' },
  short: (arn) => arn.split('/').pop() ?? arn,
  showSourceId: false,
};

/** A profile's instance-bound values carried by name to the target's ids; a name the target lacks is blocked until chosen. */
function mapByName<T>(
  kind: ByName<T>,
  profile: string,
  items: readonly T[],
  source: readonly { id: string; name: string }[] | undefined,
  target: readonly { id: string; name: string }[] | undefined,
  choices: readonly MappingChoice[],
): { items: T[]; mapping: MappedValue[]; blocked: Unmapped[] } {
  const mapping: MappedValue[] = [];
  const blocked: Unmapped[] = [];
  const out: T[] = [];
  const what = kind.what;
  for (const item of items) {
    const id = kind.idOf(item);
    const name = source?.find((m) => m.id === id)?.name;
    if (name === undefined || target === undefined) {
      mapping.push({ profile, what, from: id, to: `${id} (the same ${kind.unnamed.kept}: spex could not read ${name === undefined ? "the source's" : "the target's"} ${kind.unnamed.names}; ${kind.unnamed.check})` });
      out.push(item);
      continue;
    }
    const choice = choices.find((c) => c.path === name);
    if (choice?.action === 'skip') {
      mapping.push({ profile, what, from: `“${name}”`, to: '(left out: skipped)' });
      continue;
    }
    const wanted = choice?.action === 'map' ? choice.to : name;
    const found = target.find((m) => m.name === wanted);
    if (found === undefined) {
      blocked.push({ profile, field: kind.field, path: name, candidates: target.map((m) => m.name).sort() });
      continue;
    }
    mapping.push({ profile, what, from: kind.showSourceId ? `“${name}” (${id})` : `“${name}”`, to: `“${found.name}” (${kind.short(found.id)})${choice ? ': chosen' : ''}` });
    out.push(kind.withId(item, found.id));
  }
  return { items: out, mapping, blocked };
}

/** AI agents as the by-name mapping takes them. */
const agentNames = (agents: readonly AiAgentInfo[] | undefined): { id: string; name: string }[] | undefined => agents?.map((a) => ({ id: a.arn, name: a.name }));

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

