// The promote session's state (app/fleet/promote-session.tsx): choose the targets, read, review the plan
// per target (a blocked group skipped with s or mapped with m), apply (a production target asks once
// more), progress, and the end. Keys are resolved with keys/fleet-keys.ts; the reads and the run are
// hooks/use-promotion.ts's, which report back here. Pure and exhaustive over every action.
import { type FleetRow, instanceKey, shownFleetRows } from '../domain/fleet/fleet-row.js';
import { type InstanceSide, type MappingChoice, promotePlan, type TargetPlan } from '../domain/fleet/promote.js';
import type { PromotionStep } from '../domain/fleet/promotion-journal.js';
import { FLEET_KEYMAP, type FleetMode } from '../keys/fleet-keys.js';
import type { KeyState } from '../keys/key-spec.js';
import type { PromoteRequest } from './fleet-reducer.js';
import { editFilter } from './filter.js';

export type PromoteStep =
  | { readonly kind: 'targets' }
  | { readonly kind: 'reading' }
  | { readonly kind: 'review' }
  | { readonly kind: 'applying' }
  | { readonly kind: 'done'; readonly lines: readonly string[] }
  | { readonly kind: 'error'; readonly message: string };

export interface PromoteRead {
  readonly source: InstanceSide;
  readonly targets: ReadonlyMap<string, InstanceSide>;
}

export interface PromoteState {
  readonly request: PromoteRequest;
  readonly step: PromoteStep;
  /** The targets chosen, by instance key. */
  readonly chosen: ReadonlySet<string>;
  readonly cursor: number;
  /** The targets' filter (`/`): words the account, OU, region or alias must hold. */
  readonly filter: string;
  readonly isFiltering: boolean;
  readonly scroll: number;
  readonly choices: readonly MappingChoice[];
  /** The target's groups offered for each blocked path (kept once it is mapped, for m to go on). */
  readonly candidatesOf: ReadonlyMap<string, readonly string[]>;
  readonly read: PromoteRead | undefined;
  readonly progress: readonly PromotionStep[];
  /** A production target: the first y arms, the second applies. */
  readonly isArmed: boolean;
  /** Set once: the session is over, with what the fleet's status line says. */
  readonly closed: { readonly summary: string | undefined } | undefined;
}

/** What the keys act on from outside the session: the instances it may promote to, and whether one is production. */
export interface PromoteWorld {
  readonly candidates: readonly FleetRow[];
  readonly isProduction: boolean;
}

export type PromoteAction =
  | { type: 'promote/key'; input: string; key: KeyState; world: PromoteWorld }
  | { type: 'promote/read'; read: PromoteRead }
  | { type: 'promote/progress'; steps: readonly PromotionStep[] }
  | { type: 'promote/done'; lines: readonly string[] }
  | { type: 'promote/failed'; message: string };

export function initialPromoteState(request: PromoteRequest): PromoteState {
  const { resume, targets } = request;
  return {
    request,
    step: resume !== undefined ? { kind: 'review' } : targets !== undefined && targets.length > 0 ? { kind: 'reading' } : { kind: 'targets' },
    chosen: new Set((targets ?? []).map(instanceKey)),
    cursor: 0,
    filter: '',
    isFiltering: false,
    scroll: 0,
    choices: [],
    candidatesOf: new Map(),
    read: undefined,
    progress: resume?.steps ?? [],
    isArmed: false,
    closed: undefined,
  };
}

/** The instances a promotion may go to: every ACTIVE one but the source. */
export function promoteCandidates(rows: readonly FleetRow[], source: FleetRow | undefined): FleetRow[] {
  return rows.filter((r) => r.instance !== undefined && (r.instance.status ?? 'ACTIVE') === 'ACTIVE' && r.instance.arn !== source?.instance?.arn);
}

/** Typing into the targets' filter: the keys every typed filter shares, and an arrow keeps it. */
function onFilterKey(state: PromoteState, command: string | undefined, text: string | undefined): PromoteState {
  if (command === 'cursor.up' || command === 'cursor.down') return { ...state, isFiltering: false };
  return editFilter(state, command, text) ?? state;
}

export const chosenTargets = (state: Pick<PromoteState, 'chosen'>, candidates: readonly FleetRow[]): FleetRow[] => candidates.filter((r) => state.chosen.has(instanceKey(r)));

/** The plan of one target from what was read of both sides. */
export function planFor(source: InstanceSide, key: string, instanceArn: string, target: InstanceSide, choices: readonly MappingChoice[]): TargetPlan {
  return promotePlan(source.profiles, source.groups, { key, instanceArn, current: target.profiles, groups: target.groups, modules: target.modules, agents: target.agents }, choices, source.modules, source.agents);
}

/** Each chosen target's plan, once both sides are read. */
export function promotePlans(state: Pick<PromoteState, 'read' | 'step' | 'choices' | 'chosen'>, candidates: readonly FleetRow[]): TargetPlan[] {
  const { read } = state;
  if (read === undefined || state.step.kind === 'targets' || state.step.kind === 'reading') return [];
  return chosenTargets(state, candidates).flatMap((row) => {
    const target = read.targets.get(instanceKey(row));
    return target === undefined ? [] : [planFor(read.source, instanceKey(row), row.instance!.arn, target, state.choices)];
  });
}

/** What y would send: the steps not done (resuming), else every plan's changes. */
export function changingSteps(state: PromoteState, plans: readonly TargetPlan[]): readonly { action: string }[] {
  return state.request.resume !== undefined ? state.request.resume.steps.filter((s) => s.status !== 'done') : plans.flatMap((p) => p.steps).filter((s) => s.action !== 'unchanged');
}

export function promoteModeOf(step: PromoteStep, isFiltering = false): FleetMode | undefined {
  switch (step.kind) {
    case 'targets':
      return isFiltering ? 'fleet-filter' : 'promote-targets';
    case 'review':
      return 'promote-review';
    case 'done':
    case 'error':
      return 'promote-end';
    case 'reading':
    case 'applying':
      return undefined;
  }
}

export function promoteReducer(state: PromoteState, action: PromoteAction): PromoteState {
  switch (action.type) {
    case 'promote/key':
      return state.closed !== undefined ? state : onKey(state, action.input, action.key, action.world);
    case 'promote/read':
      return state.step.kind === 'reading' ? { ...state, read: action.read, step: { kind: 'review' } } : state;
    case 'promote/progress':
      return { ...state, progress: action.steps };
    case 'promote/done':
      return { ...state, step: { kind: 'done', lines: action.lines } };
    case 'promote/failed':
      return { ...state, step: { kind: 'error', message: action.message } };
  }
}

const close = (state: PromoteState, summary?: string): PromoteState => ({ ...state, closed: { summary } });

function onKey(state: PromoteState, input: string, key: KeyState, world: PromoteWorld): PromoteState {
  const mode = promoteModeOf(state.step, state.isFiltering);
  const resolved = mode === undefined ? undefined : FLEET_KEYMAP.resolve(mode, input, key);
  const command = resolved?.command;
  if (mode === 'fleet-filter') return onFilterKey(state, command, resolved?.text);
  if (command === undefined) return state;
  const { step } = state;
  if (step.kind === 'done' || step.kind === 'error') return command === 'promote.close' ? close(state, step.kind === 'done' ? step.lines[0] : step.message) : state;
  if (step.kind === 'targets') {
    const shown = shownFleetRows(world.candidates, state.filter);
    switch (command) {
      case 'app.back':
        return close(state);
      case 'cursor.up':
      case 'cursor.down':
        return { ...state, cursor: Math.max(0, Math.min(shown.length - 1, state.cursor + (command === 'cursor.down' ? 1 : -1))) };
      case 'fleet.filter':
        return { ...state, isFiltering: true };
      case 'promote.choose-shown': {
        // Every target shown; when each is chosen already, none of them.
        const keys = shown.map(instanceKey);
        const all = keys.every((k) => state.chosen.has(k));
        return { ...state, chosen: all ? new Set([...state.chosen].filter((k) => !keys.includes(k))) : new Set([...state.chosen, ...keys]) };
      }
      case 'promote.choose': {
        const at = shown[state.cursor];
        if (at === undefined) return state;
        const k = instanceKey(at);
        return { ...state, chosen: state.chosen.has(k) ? new Set([...state.chosen].filter((x) => x !== k)) : new Set([...state.chosen, k]) };
      }
      case 'promote.plan':
        return state.chosen.size > 0 ? { ...state, step: { kind: 'reading' } } : state;
      default:
        return state;
    }
  }
  // The review.
  const plans = promotePlans(state, world.candidates);
  const blocked = plans.flatMap((p) => p.blocked);
  const candidatesOf = new Map(state.candidatesOf);
  for (const b of blocked) candidatesOf.set(b.path, b.candidates);
  const changing = changingSteps(state, plans);
  switch (command) {
    case 'app.back':
      if (state.isArmed) return { ...state, isArmed: false };
      return state.request.resume !== undefined || state.request.targets !== undefined ? close(state) : { ...state, step: { kind: 'targets' } };
    case 'cursor.down':
      return { ...state, scroll: state.scroll + 1 };
    case 'cursor.up':
      return { ...state, scroll: Math.max(0, state.scroll - 1) };
    case 'promote.skip': {
      const first = blocked[0];
      return first === undefined ? state : { ...state, candidatesOf, choices: [...state.choices.filter((x) => x.path !== first.path), { path: first.path, action: 'skip' }] };
    }
    case 'promote.map': {
      // The first blocked path, else the one mapped last: to the target's next group.
      const mapped = [...state.choices].reverse().find((c) => c.action === 'map');
      const path = blocked[0]?.path ?? mapped?.path;
      const paths = path === undefined ? [] : (candidatesOf.get(path) ?? []);
      const now = state.choices.find((c) => c.path === path);
      const next = paths[((now?.action === 'map' ? paths.indexOf(now.to) : -1) + 1) % Math.max(1, paths.length)];
      if (path === undefined || next === undefined) return state;
      return { ...state, candidatesOf, choices: [...state.choices.filter((x) => x.path !== path), { path, action: 'map', to: next }] };
    }
    case 'promote.apply':
      if (blocked.length > 0) return state;
      if (changing.length === 0) return close(state, 'Every target already matches; nothing was sent.');
      // A production target asks once more.
      if (world.isProduction && !state.isArmed) return { ...state, isArmed: true };
      return { ...state, isArmed: false, step: { kind: 'applying' } };
    default:
      return state;
  }
}
