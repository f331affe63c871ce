// Promote: carrying profiles from one instance to others, maybe in other accounts and regions. Per
// target, a plan (profiles-plan.ts: create, update or unchanged, each change in console words with
// the exact request) and the id mapping: hierarchy groups by their path of names, applications by
// namespace (the same in every instance), flow modules by id (spex cannot read their names, so an id
// the target may not have is said). A group path the target lacks blocks that target until the user
// chooses: skip the field (and the hierarchy restriction it serves), or map it to one of the
// target's groups. Pure.
import { type FileProfile, groupPath, toFileProfile } from './profiles-file.js';
import { FILE_KIND, FILE_VERSION } from './profiles-file.js';
import { type PlanStep, planSteps } from './profiles-plan.js';
import type { HierarchyGroup, SecurityProfile } from './security-profile.js';
import { sanitizeLine } from './sanitize.js';
import { planCounts } from './profiles-plan.js';

/** A value of a source profile the target has no equivalent of. */
export interface Unmapped {
  profile: string;
  field: 'AllowedAccessControlHierarchyGroupId';
  /** The group's path in the source. */
  path: string;
  /** The target's groups, by path, to choose from. */
  candidates: readonly string[];
}

/** What the user chose for an unmapped group path (in every profile and target). */
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

function pathsOf(groups: readonly HierarchyGroup[]): string[] {
  return groups.map((g) => groupPath(g.id, groups) ?? g.id).sort();
}

export function promotePlan(source: readonly SecurityProfile[], sourceGroups: readonly HierarchyGroup[], target: PromoteTarget, choices: readonly MappingChoice[] = []): TargetPlan {
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
        blocked.push({ profile: profile.SecurityProfileName, field: 'AllowedAccessControlHierarchyGroupId', path: group.path, candidates: targetPaths });
        continue;
      } else {
        file.AllowedAccessControlHierarchyGroup = { path: targetPath };
        mapping.push({ profile: profile.SecurityProfileName, what: 'hierarchy group', from: `${group.path} (${group.id})`, to: `${targetPath} (${found.id})${choice ? ': chosen' : ''}` });
      }
    }
    for (const app of file.Applications ?? []) mapping.push({ profile: profile.SecurityProfileName, what: 'application', from: app.Namespace ?? '?', to: `${app.Namespace ?? '?'} (by namespace)` });
    for (const module of file.AllowedFlowModules ?? []) {
      mapping.push({ profile: profile.SecurityProfileName, what: 'flow module', from: module.FlowModuleId ?? '?', to: `${module.FlowModuleId ?? '?'} (the same id: check the target has this module)` });
    }
    profiles.push(file);
  }
  const { steps, problems } = planSteps({ kind: FILE_KIND, version: FILE_VERSION, profiles }, target.instanceArn, target.current, target.groups, false);
  return { key: target.key, instanceArn: target.instanceArn, steps, blocked, problems, mapping };
}

/** `--map "FROM=TO"` (a source group path = a target group path) or `--skip-unmapped`, as choices. */
export function parseMapping(values: readonly string[]): MappingChoice[] {
  return values.map((v) => {
    const at = v.indexOf('=');
    if (at <= 0) throw new RangeError(`--map takes SOURCE-PATH=TARGET-PATH (a hierarchy group's path of names on each side, e.g. "Americas/Support floor/Night shift=Americas/Support floor"), got '${v}'`);
    const to = v.slice(at + 1).trim();
    return to === '' ? { path: v.slice(0, at).trim(), action: 'skip' } : { path: v.slice(0, at).trim(), action: 'map', to };
  });
}

/** The plan of one target as text: its steps, the mapping, what blocks it. */
export function targetPlanText(plan: TargetPlan, production: boolean, options: { requests?: boolean; choose?: 'flags' | 'keys' } = {}): string {
  const out: string[] = [`${production ? '[PRODUCTION] ' : ''}${plan.key} (${plan.instanceArn})`];
  for (const step of plan.steps) {
    if (step.action === 'unchanged') {
      out.push(`  = “${sanitizeLine(step.name)}” unchanged`);
      continue;
    }
    out.push(`  ${step.action === 'create' ? '+ create' : step.action === 'delete' ? '− delete' : '~ update'} “${sanitizeLine(step.name)}”`);
    for (const change of step.changes) out.push(`      ${change}`);
    if (options.requests !== false) out.push(`      request: ${JSON.stringify(step.request)}`);
  }
  for (const m of plan.mapping) out.push(`  id mapping: “${sanitizeLine(m.profile)}” ${m.what} ${sanitizeLine(m.from)} → ${sanitizeLine(m.to)}`);
  for (const b of plan.blocked) {
    out.push(`  BLOCKED: “${sanitizeLine(b.profile)}” is restricted to the hierarchy group "${sanitizeLine(b.path)}", which ${plan.key} does not have.`);
    const has = b.candidates.length > 0 ? `the target has: ${b.candidates.map((c) => `"${c}"`).join(', ')}` : 'the target has no groups';
    if (options.choose === 'keys') out.push(`      choose: m maps it to one of the target's groups (${has}; m again for the next), s leaves the group and its restriction out`);
    else out.push(`      choose: --map "${b.path}=TARGET-PATH" (${has}), or --map "${b.path}=" / --skip-unmapped to leave the group and its restriction out`);
  }
  for (const p of plan.problems) out.push(`  cannot be planned: ${sanitizeLine(p)}`);
  const changing = plan.steps.filter((s) => s.action !== 'unchanged');
  out.push(`  ${plan.blocked.length > 0 ? 'blocked' : changing.length === 0 ? 'nothing to do: it matches' : planCounts(plan.steps)}`);
  return `${out.join('\n')}\n`;
}

