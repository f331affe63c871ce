// Drift between instances: profiles matched by name, each compared with the baseline instance's in
// console words (profile-diff.ts). Ids that mean the same thing count as the same: the instance ARN
// is left out, a hierarchy group is compared by its path of names ("Americas/Support floor") and a
// flow module by its name (when Connect gave the names) and an allowed AI agent by its name (when Amazon Q
// in Connect gave them), whatever their ids in each instance. Pure.
import { describeChanges, type ProfileChange } from '../profile/profile-diff.js';
import { groupPath } from '../as-code/profiles-file.js';
import type { FlowModuleName, HierarchyGroup, SecurityProfile } from '../profile/security-profile.js';
import type { AiAgentInfo } from '../access/ai-agents.js';

/** One instance's side of the matrix: its profiles by name once read, and its groups. */
export interface DriftColumn {
  /** `profile:alias`, as the user names the instance. */
  key: string;
  /** Undefined until read; a read that failed has `error`. */
  profiles?: readonly SecurityProfile[] | undefined;
  groups?: readonly HierarchyGroup[] | undefined;
  /** The instance's flow modules by name, when Connect gave them (else modules compare by id). */
  modules?: readonly FlowModuleName[] | undefined;
  /** The instance's AI agents by name, when Amazon Q in Connect gave them (else allowed agents compare by ARN). */
  agents?: readonly AiAgentInfo[] | undefined;
  error?: string | undefined;
  /** While it is read: details read of how many, and the time AWS's budgets still need. */
  progress?: { done: number; total: number; left?: string | undefined } | undefined;
}

export type DriftCell =
  | { state: 'same' }
  | { state: 'differs'; count: number; changes: readonly ProfileChange[] }
  /** The baseline has the profile, this instance not. */
  | { state: 'missing' }
  /** This instance has the profile, the baseline not. */
  | { state: 'extra' }
  /** Neither has it (the row is another instance's). */
  | { state: 'absent' }
  /** Not read yet (or the read failed). */
  | { state: 'unknown' };

export interface DriftMatrix {
  /** Profile names, sorted as the console sorts them. */
  names: string[];
  /** cells[row][column]. */
  cells: DriftCell[][];
  baseline: number;
}

/**
 * The profile as drift compares it: no ARN, times or instance, and the hierarchy group as its path
 * of names (the same group in two instances has two ids).
 */
export function comparableProfile(profile: SecurityProfile, groups: readonly HierarchyGroup[] = [], modules?: readonly FlowModuleName[], agents?: readonly AiAgentInfo[]): SecurityProfile {
  const { SecurityProfileArn: _arn, LastModifiedTime: _time, LastModifiedRegion: _region, ...rest } = profile;
  const out: SecurityProfile = { ...rest, InstanceArn: '' };
  const id = profile.AllowedAccessControlHierarchyGroupId;
  if (id !== undefined) out.AllowedAccessControlHierarchyGroupId = groupPath(id, groups) ?? id;
  // A flow module by its name, when the instance's names are known: two instances give it two ids.
  if (profile.AllowedFlowModules !== undefined && modules !== undefined) {
    out.AllowedFlowModules = profile.AllowedFlowModules.map((m) => {
      const name = modules.find((x) => x.id === m.FlowModuleId)?.name;
      return name === undefined ? m : { ...m, FlowModuleId: `“${name}”` };
    });
  }
  // An allowed AI agent by its name, likewise: the same agent in two instances has two ARNs.
  if (profile.AllowedAIAgents !== undefined && agents !== undefined) {
    out.AllowedAIAgents = profile.AllowedAIAgents.map((a) => {
      const name = agents.find((x) => x.arn === a.Arn)?.name;
      return name === undefined ? a : { ...a, Arn: `“${name}”` };
    });
  }
  return out;
}

type Side = Pick<DriftColumn, 'groups' | 'modules' | 'agents'>;

/** Each side as drift compares it: names only where both sides have them (a name against an id always differs). */
export function comparablePair(base: SecurityProfile, baseSide: Side | undefined, other: SecurityProfile, otherSide: Side | undefined): [SecurityProfile, SecurityProfile] {
  const named = baseSide?.modules !== undefined && otherSide?.modules !== undefined;
  const agents = baseSide?.agents !== undefined && otherSide?.agents !== undefined;
  return [
    comparableProfile(base, baseSide?.groups, named ? baseSide?.modules : undefined, agents ? baseSide?.agents : undefined),
    comparableProfile(other, otherSide?.groups, named ? otherSide?.modules : undefined, agents ? otherSide?.agents : undefined),
  ];
}

/** What turns the baseline's profile into the other's, in console words. */
export function driftChanges(base: SecurityProfile, baseSide: Side, other: SecurityProfile, otherSide: Side): ProfileChange[] {
  return describeChanges(...comparablePair(base, baseSide, other, otherSide));
}

const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });

export function driftMatrix(columns: readonly DriftColumn[], baseline: number, only?: readonly string[]): DriftMatrix {
  const names = new Set<string>();
  for (const c of columns) for (const p of c.profiles ?? []) names.add(p.SecurityProfileName);
  for (const n of only ?? []) names.add(n);
  const sorted = [...names].filter((n) => only === undefined || only.length === 0 || only.includes(n)).sort(byName);
  const base = columns[baseline];
  const find = (c: DriftColumn | undefined, name: string): SecurityProfile | undefined => c?.profiles?.find((p) => p.SecurityProfileName === name);
  const cells = sorted.map((name) => {
    const mine = find(base, name);
    return columns.map((column, i): DriftCell => {
      if (column.profiles === undefined) return { state: 'unknown' };
      const theirs = find(column, name);
      if (i === baseline) return theirs === undefined ? { state: 'absent' } : { state: 'same' };
      if (base?.profiles === undefined) return { state: 'unknown' };
      if (mine === undefined) return theirs === undefined ? { state: 'absent' } : { state: 'extra' };
      if (theirs === undefined) return { state: 'missing' };
      const changes = driftChanges(mine, base, theirs, column);
      return changes.length === 0 ? { state: 'same' } : { state: 'differs', count: changes.length, changes };
    });
  });
  return { names: sorted, cells, baseline };
}

/** The cell as the matrix prints it: `=`, `≠N`, `–`, `+`, ` ` or `?`. */
export function cellText(cell: DriftCell): string {
  switch (cell.state) {
    case 'same':
      return '=';
    case 'differs':
      return `≠${cell.count}`;
    case 'missing':
      return '–';
    case 'extra':
      return '+';
    case 'absent':
      return '·';
    default:
      return '?';
  }
}

export const DRIFT_LEGEND = '= same as the baseline · ≠N differs in N permissions or fields · – missing here · + only here, not in the baseline · · in neither · ? not loaded yet';

/** How many profiles drift anywhere (a cell other than same or absent, outside the baseline). */
export function driftCount(matrix: DriftMatrix): number {
  return onlyDrifting(matrix).names.length;
}

/** A cell that drifts from the baseline: it differs, lacks the profile, or has it alone. */
const isDrifting = (cell: DriftCell): boolean => cell.state === 'differs' || cell.state === 'missing' || cell.state === 'extra';

/** Only the profiles that drift somewhere (the baseline's column aside), for the matrix's `f`. */
export function onlyDrifting(matrix: DriftMatrix): DriftMatrix {
  const keep = matrix.cells.map((row) => row.some((c, i) => i !== matrix.baseline && isDrifting(c)));
  return { ...matrix, names: matrix.names.filter((_, i) => keep[i]), cells: matrix.cells.filter((_, i) => keep[i]) };
}

export interface DriftRowSummary {
  same: number;
  differs: number;
  missing: number;
  extra: number;
  unknown: number;
}

/** One profile across the instances (the baseline's own column aside): how many are the same, differ, lack it… */
export function rowSummary(matrix: DriftMatrix, row: number): DriftRowSummary {
  const out: DriftRowSummary = { same: 0, differs: 0, missing: 0, extra: 0, unknown: 0 };
  (matrix.cells[row] ?? []).forEach((cell, i) => {
    if (i === matrix.baseline || cell.state === 'absent') return;
    out[cell.state] += 1;
  });
  return out;
}

/** "same in 180, differs in 15, missing in 5": a row at a glance, however many instances. */
export function rowSummaryText(s: DriftRowSummary): string {
  const parts = [`same in ${s.same}`, s.differs > 0 ? `differs in ${s.differs}` : '', s.missing > 0 ? `missing in ${s.missing}` : '', s.extra > 0 ? `only in ${s.extra} (not the baseline)` : '', s.unknown > 0 ? `${s.unknown} not read yet` : ''];
  return parts.filter((p) => p !== '').join(', ');
}

/** The next cell of the row after `col` (wrapping) that differs from the baseline, lacks the profile or has it alone; undefined when none. */
export function nextDriftingCell(matrix: DriftMatrix, row: number, col: number): number | undefined {
  const cells = matrix.cells[row] ?? [];
  for (let step = 1; step <= cells.length; step += 1) {
    const i = (col + step) % cells.length;
    if (i !== matrix.baseline && isDrifting(cells[i]!)) return i;
  }
  return undefined;
}
