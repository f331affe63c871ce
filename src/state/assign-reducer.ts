// The holders session's state (app/sessions/assign-session.tsx): what it was opened for (give a profile,
// take one away, move users, edit or try one user's set, rename, resume), then pick the profile (typed
// to filter) or tick a user's checklist or type the new name; the hook reads and plans ("reading"), the
// review (a production instance asks once more), the run with its progress (Esc stops after the request
// in flight) and the end. Keys are resolved with keys/assign-keys.ts; the reads and the run are
// hooks/use-assignment.ts's, which report back here. Pure and exhaustive over every action.
import { ASSIGN_KEYMAP, type AssignMode } from '../keys/assign-keys.js';
import type { KeyState } from '../keys/key-spec.js';
import { MAX_PROFILES_PER_USER, profileIdOf } from '../domain/access/assignments.js';
import type { NamedProfile } from '../domain/access/assignment-batch.js';
import { motionOfCommand, moveCursor, scrollPane } from './motion.js';

/** A bulk change's fields, in order (Tab goes from one to the next). */
export const BULK_FIELDS = ['Add permissions', 'Remove permissions', 'Set tags (key=value)', 'Remove tags (keys)'] as const;

/** What the session was opened for: users by ARN (the session finds them in the instance's users). */
export type AssignIntent =
  /** Give the marked users a profile, picked from the list. */
  | { readonly kind: 'add'; readonly userArns: readonly string[] }
  /** Take this profile away from the marked users. */
  | { readonly kind: 'remove'; readonly profileArn: string; readonly userArns: readonly string[] }
  /** Move users from this profile to one picked; `all`: every holder (read again); maybe delete it last. */
  | { readonly kind: 'move'; readonly profileArn: string; readonly userArns: readonly string[] | 'all'; readonly thenDelete: boolean }
  /** One user's whole set as a checklist; what-if: what they would gain and lose, never sent. */
  | { readonly kind: 'edit'; readonly userArn: string; readonly isWhatIf: boolean }
  /** A new name: a copy, every holder moved, the old deleted. */
  | { readonly kind: 'rename'; readonly profileArn: string }
  /** One change (permissions, tags) to many profiles (`e` with profiles marked). */
  | { readonly kind: 'bulk'; readonly profileArns: readonly string[] }
  /** An unfinished batch of this instance (by its journal's id). */
  | { readonly kind: 'resume'; readonly batchId: string };

export type AssignStep =
  | { readonly kind: 'form' }
  | { readonly kind: 'pick' }
  | { readonly kind: 'checklist' }
  | { readonly kind: 'name' }
  /** `read`: the profiles read so far for the review, of how many (each in AWS's budget). */
  | { readonly kind: 'reading'; readonly read?: { readonly done: number; readonly total: number } }
  /** `leftWithNone`: users the change would leave with no profile (blocked; `r` picks one to give them). */
  | { readonly kind: 'review'; readonly lines: readonly string[]; readonly left: number; readonly refusal: string | undefined; readonly leftWithNone?: number }
  | { readonly kind: 'running'; readonly what: string; readonly done: number; readonly total: number; readonly failed: readonly string[]; readonly isStopping: boolean }
  | { readonly kind: 'end'; readonly lines: readonly string[]; readonly isComplete: boolean }
  | { readonly kind: 'error'; readonly message: string };

export interface AssignState {
  readonly intent: AssignIntent;
  readonly step: AssignStep;
  /** The pick's and the checklist's filter, or the rename's new name. */
  readonly text: string;
  readonly cursor: number;
  /** A bulk change's fields (permissions to add, to remove, tags to set, tags to remove) and the one typed into. */
  readonly fields: readonly string[];
  readonly field: number;
  /** The checklist's profiles (ARNs) ticked; undefined until the user's set is known. */
  readonly checked: readonly string[] | undefined;
  /** The profile picked (add, move). */
  readonly chosen: string | undefined;
  readonly scroll: number;
  /** On production: the first y arms, the second sends. */
  readonly isArmed: boolean;
  /** `?`: the step's keys are shown instead of the step (any key closes them). */
  readonly isHelpOpen: boolean;
  /** What the shell's status line says after a run. */
  readonly summary: string | undefined;
  /** Set once: the session is over; `changed`: something was sent (the shell reads again). */
  readonly closed: { readonly summary: string | undefined; readonly changed: boolean } | undefined;
}

/** What the keys act on from outside: the instance's profiles (sorted by name), the user's set, production, the room. */
export interface AssignWorld {
  readonly profiles: readonly NamedProfile[];
  /** The checklist user's profiles as the instance's users say (the checklist starts from them). */
  readonly userProfiles?: readonly string[];
  readonly isProduction: boolean;
  readonly rows: number;
}

export type AssignAction =
  | { type: 'assign/key'; input: string; key: KeyState; world: AssignWorld }
  | { type: 'assign/reading'; done: number; total: number }
  | { type: 'assign/planned'; lines: readonly string[]; left: number; refusal: string | undefined; leftWithNone?: number }
  | { type: 'assign/progress'; done: number; total: number; failed: readonly string[] }
  | { type: 'assign/done'; lines: readonly string[]; isComplete: boolean; summary: string }
  | { type: 'assign/failed'; message: string };

export function initialAssignState(intent: AssignIntent): AssignState {
  const step: AssignStep = intent.kind === 'bulk' ? { kind: 'form' } : intent.kind === 'add' || intent.kind === 'move' ? { kind: 'pick' } : intent.kind === 'edit' ? { kind: 'checklist' } : intent.kind === 'rename' ? { kind: 'name' } : { kind: 'reading' };
  return { intent, step, text: '', fields: BULK_FIELDS.map(() => ''), field: 0, cursor: 0, checked: undefined, chosen: undefined, scroll: 0, isArmed: false, isHelpOpen: false, summary: undefined, closed: undefined };
}

export function assignModeOf(step: AssignStep): AssignMode {
  switch (step.kind) {
    case 'form':
      return 'assign-form';
    case 'pick':
      return 'assign-pick';
    case 'checklist':
      return 'assign-checklist';
    case 'name':
      return 'assign-name';
    case 'review':
      return 'assign-review';
    case 'running':
      return 'assign-running';
    case 'end':
      return 'assign-end';
    case 'error':
      return 'assign-error';
    case 'reading':
      return 'assign-wait';
  }
}

/** The profiles the pick or the checklist offers: matching the filter (every word, in any order); a move never offers its own source. */
export function offered(state: Pick<AssignState, 'intent' | 'text'>, profiles: readonly NamedProfile[]): NamedProfile[] {
  const words = state.text.toLowerCase().split(/\s+/).filter(Boolean);
  const source = state.intent.kind === 'move' || state.intent.kind === 'remove' ? state.intent.profileArn : undefined;
  return profiles.filter((p) => p.arn !== source && words.every((w) => (p.name ?? p.arn).toLowerCase().includes(w)));
}

/** The checklist's set: as ticked, else the user's own. */
export const checkedOf = (state: Pick<AssignState, 'checked'>, world: Pick<AssignWorld, 'userProfiles'>): readonly string[] => state.checked ?? world.userProfiles ?? [];

/** Why the checklist's set cannot be sent (Connect: 1–10 profiles), or undefined. */
export function checklistIssue(set: readonly string[]): string | undefined {
  if (set.length === 0) return 'a user needs at least one security profile';
  if (set.length > MAX_PROFILES_PER_USER) return `a user holds at most ${MAX_PROFILES_PER_USER} security profiles (${set.length} ticked)`;
  return undefined;
}

export function assignReducer(state: AssignState, action: AssignAction): AssignState {
  switch (action.type) {
    case 'assign/key':
      return onKey(state, action);
    case 'assign/reading':
      return state.step.kind === 'reading' ? { ...state, step: { kind: 'reading', read: { done: action.done, total: action.total } } } : state;
    case 'assign/planned':
      return state.step.kind === 'reading' ? { ...state, step: { kind: 'review', lines: action.lines, left: action.left, refusal: action.refusal, ...(action.leftWithNone ? { leftWithNone: action.leftWithNone } : {}) }, scroll: 0, isArmed: false } : state;
    case 'assign/progress':
      return state.step.kind === 'running' ? { ...state, step: { ...state.step, done: action.done, total: action.total, failed: action.failed } } : state;
    case 'assign/done':
      return { ...state, step: { kind: 'end', lines: action.lines, isComplete: action.isComplete }, scroll: 0, summary: action.summary };
    case 'assign/failed':
      return { ...state, step: { kind: 'error', message: action.message } };
  }
}

function onKey(state: AssignState, action: Extract<AssignAction, { type: 'assign/key' }>): AssignState {
  const { world } = action;
  const { step } = state;
  // The keys shown: `?` or Esc closes them, and nothing else happens meanwhile.
  if (state.isHelpOpen) return action.key.escape === true || action.input === '?' ? { ...state, isHelpOpen: false } : state;
  const resolved = ASSIGN_KEYMAP.resolve(assignModeOf(step), action.input, action.key);
  if (resolved === undefined) return state;
  if (resolved.command === 'assign.help') return { ...state, isHelpOpen: true };
  const { command } = resolved;
  const motion = motionOfCommand(command);
  const close = (changed: boolean): AssignState => ({ ...state, closed: { summary: changed ? state.summary : undefined, changed } });
  switch (step.kind) {
    case 'pick':
    case 'checklist': {
      const rows = offered(state, world.profiles);
      if (motion !== undefined) return { ...state, cursor: moveCursor(state.cursor, motion, rows.length, world.rows) };
      if (command === 'assign.type') return { ...state, text: state.text + (resolved.text ?? ''), cursor: 0 };
      if (command === 'assign.erase') return { ...state, text: [...state.text].slice(0, -1).join(''), cursor: 0 };
      if (command === 'assign.back') return state.text !== '' ? { ...state, text: '', cursor: 0 } : close(false);
      const row = rows[state.cursor];
      if (command === 'assign.choose') return row === undefined ? state : { ...state, chosen: row.arn, step: { kind: 'reading' } };
      if (command === 'assign.toggle') {
        if (row === undefined) return state;
        const set = checkedOf(state, world);
        const has = set.some((a) => profileIdOf(a) === profileIdOf(row.arn));
        return { ...state, checked: has ? set.filter((a) => profileIdOf(a) !== profileIdOf(row.arn)) : [...set, row.arn] };
      }
      if (command === 'assign.review') {
        const isWhatIf = state.intent.kind === 'edit' && state.intent.isWhatIf;
        const set = checkedOf(state, world);
        return isWhatIf || checklistIssue(set) !== undefined ? state : { ...state, checked: set, step: { kind: 'reading' } };
      }
      return state;
    }
    case 'form': {
      const typed = (text: string): AssignState => ({ ...state, fields: state.fields.map((f, i) => (i === state.field ? text : f)) });
      const current = state.fields[state.field] ?? '';
      if (command === 'assign.type') return typed(current + (resolved.text ?? ''));
      if (command === 'assign.erase') return typed([...current].slice(0, -1).join(''));
      if (command === 'assign.next-field') return { ...state, field: (state.field + 1) % state.fields.length };
      if (command === 'assign.back') return close(false);
      if (command === 'assign.choose') return state.fields.every((f) => f.trim() === '') ? state : { ...state, step: { kind: 'reading' } };
      return state;
    }
    case 'name':
      if (command === 'assign.type') return { ...state, text: state.text + (resolved.text ?? '') };
      if (command === 'assign.erase') return { ...state, text: [...state.text].slice(0, -1).join('') };
      if (command === 'assign.back') return close(false);
      if (command === 'assign.choose') return state.text.trim() === '' ? state : { ...state, step: { kind: 'reading' } };
      return state;
    case 'review':
      if (motion !== undefined) return { ...state, scroll: scrollPane(state.scroll, motion, step.lines.length, world.rows) };
      if (command === 'assign.back') return state.isArmed ? { ...state, isArmed: false } : close(false);
      // Taking a profile away from users who hold nothing else: pick what they get instead (the pick, then a new review).
      if (command === 'assign.replace') return state.intent.kind === 'remove' && (step.leftWithNone ?? 0) > 0 ? { ...state, step: { kind: 'pick' }, text: '', cursor: 0 } : state;
      if (command === 'assign.apply') {
        if (step.left === 0 || step.refusal !== undefined) return state;
        if (world.isProduction && !state.isArmed) return { ...state, isArmed: true };
        return { ...state, isArmed: false, step: { kind: 'running', what: step.lines[0] ?? '', done: 0, total: step.left, failed: [], isStopping: false } };
      }
      return state;
    case 'running':
      return command === 'assign.stop' ? { ...state, step: { ...step, isStopping: true } } : state;
    case 'error':
      // A refused name or a failed read: Enter goes back to what was typed or picked, to correct it.
      if (command === 'assign.correct') return initialAssignState(state.intent).step.kind === 'reading' ? close(false) : { ...state, step: initialAssignState(state.intent).step };
      return command === 'assign.close' ? close(false) : state;
    case 'end':
      if (motion !== undefined && step.kind === 'end') return { ...state, scroll: scrollPane(state.scroll, motion, step.lines.length, world.rows) };
      // After a run, the shell reads the users and profiles again (even a partial run changed some).
      return command === 'assign.close' ? close(true) : state;
    case 'reading':
      return command === 'assign.back' ? close(false) : state;
  }
}
