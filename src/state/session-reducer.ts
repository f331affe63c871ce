// The editing sessions' part of the reducer: which profile `e`, `c` and `d` act on, the clone
// target picker, what a save or delete changes in the list and the detail, and quitting with an
// unsaved draft. The sessions themselves (editor, delete guard, operations view) read their own keys.
// Pure.
import { CONNECT_REGIONS, type ConnectRegion, filterRegions } from '../domain/service/regions.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import { filterInstances } from './selectors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { ALL_USERS, type AppState, type Modal } from './app-state.js';
import type { AssignIntent } from './assign-reducer.js';
import type { Action } from './app-actions.js';
import { tableRows } from './layout.js';
import { cursorArn } from './list-reducer.js';
import { followCursor, moveCursor } from './motion.js';

export type SessionAction = Extract<Action, { type: `session/${string}` | `clone-target/${string}` | `quit/${string}` }>;

/** The profile a key acts on: the one open in the detail pane, else the row under the cursor. */
export function targetArn(state: AppState): string | undefined {
  if (state.screen.kind === 'detail') return state.screen.arn;
  if (state.screen.kind === 'list') return cursorArn(state.list);
  return undefined;
}

/** True while an editing session (not help, not the clone picker) takes the keys. */
export function isSessionOpen(modal: Modal): boolean {
  return modal.kind === 'editor' || modal.kind === 'delete' || modal.kind === 'operations' || modal.kind === 'apply-file' || modal.kind === 'export-file' || modal.kind === 'assign';
}

function open(state: AppState, modal: Modal): AppState {
  return { ...state, modal, notice: undefined };
}

function noProfile(state: AppState): AppState {
  return { ...state, notice: { tone: 'info', text: 'No profile here: move onto a row first' } };
}

type CloneTarget = Extract<Modal, { kind: 'clone-target' }>;

/** What the clone-target list shows: the region's instances or the regions, narrowed by the filter. */
export function cloneTargetRows(modal: CloneTarget): { instances: readonly ConnectInstance[]; regions: readonly ConnectRegion[] } {
  if (modal.step === 'regions') return { instances: [], regions: filterRegions(modal.filter) };
  return { instances: filterInstances(modal.items ?? [], modal.filter), regions: [] };
}

function cloneRowCount(modal: CloneTarget): number {
  const rows = cloneTargetRows(modal);
  return modal.step === 'regions' ? rows.regions.length : rows.instances.length;
}

function withCloneCursor(state: AppState, modal: CloneTarget, cursor: number): AppState {
  const count = cloneRowCount(modal);
  const height = tableRows(state.layout) - 1;
  return { ...state, modal: { ...modal, cursor, top: followCursor(cursor, modal.top, height, count) } };
}

export function sessionReducer(state: AppState, action: SessionAction): AppState {
  const { modal } = state;
  const mutates = action.type === 'session/edit' || action.type === 'session/revert' || action.type === 'session/new' || action.type === 'session/clone' || action.type === 'session/delete' || action.type === 'session/apply-file' || (action.type === 'session/assign' && action.what !== 'what-if');
  // The keymap has no such keys in read-only mode; this is the second lock.
  if (mutates && state.readOnly) return state;
  switch (action.type) {
    case 'session/edit': {
      // With profiles marked in the table, e is one change to all of them.
      if (state.screen.kind === 'list' && state.list.marked.length >= 2) return open(state, { kind: 'assign', intent: { kind: 'bulk', profileArns: state.list.marked } });
      const arn = targetArn(state);
      return arn === undefined ? noProfile(state) : open(state, { kind: 'editor', target: { mode: 'edit', arn }, isDirty: false });
    }
    case 'session/revert': {
      // `R` on the history's kept version: the editor opens on that version, to review and save as an edit.
      const version = state.screen.kind === 'history' && state.screen.comparing === undefined ? state.screen.versions[state.screen.cursor] : undefined;
      if (state.screen.kind !== 'history' || version === undefined) return { ...state, notice: { tone: 'info', text: 'No kept version under › to go back to (spex keeps each version it reads)' } };
      return open(state, { kind: 'editor', target: { mode: 'edit', arn: state.screen.arn, revertTo: version }, isDirty: false });
    }
    case 'session/new':
      if (state.instance === undefined) return state;
      return open(state, { kind: 'editor', target: { mode: 'create' }, isDirty: false });
    case 'session/clone': {
      const arn = targetArn(state);
      if (arn === undefined) return noProfile(state);
      if (state.region === undefined || state.instance === undefined) return state;
      if (!action.isElsewhere) {
        return open(state, { kind: 'editor', target: { mode: 'clone', sourceArn: arn, target: { region: state.region, instance: state.instance } }, isDirty: false });
      }
      return open(state, { kind: 'clone-target', sourceArn: arn, region: state.region, items: undefined, cursor: 0, top: 0, step: 'instances', filter: '' });
    }
    case 'session/delete': {
      const arn = targetArn(state);
      return arn === undefined ? noProfile(state) : open(state, { kind: 'delete', arn });
    }
    case 'session/apply-file':
      return state.screen.kind === 'list' ? open(state, { kind: 'apply-file' }) : state;
    case 'session/assign':
      return assignOpened(state, action);
    case 'session/assigned': {
      const closed: AppState = { ...state, modal: { kind: 'none' }, prompt: { kind: 'none' } };
      if (!action.changed) return closed;
      // Something was sent: the profiles and who holds them are read again; the marks are spent.
      const screen = closed.screen.kind === 'holders' ? { ...closed.screen, marked: [] } : closed.screen;
      const list = { ...closed.list, reloadKey: closed.list.reloadKey + 1 };
      return { ...closed, screen, list, ...(action.summary !== undefined ? { notice: { tone: 'info' as const, text: action.summary } } : {}) };
    }
    case 'session/operations':
      return state.region === undefined ? state : open(state, { kind: 'operations' });
    case 'session/dirty':
      return modal.kind === 'editor' && modal.isDirty !== action.isDirty ? { ...state, modal: { ...modal, isDirty: action.isDirty } } : state;
    case 'session/close':
      return { ...state, modal: { kind: 'none' }, prompt: { kind: 'none' } };
    case 'session/saved': {
      const cleared = modal.kind === 'editor' ? { ...state, modal: { ...modal, isDirty: false } } : state;
      const instanceArn = action.arn?.replace(/\/security-profile\/.*$/, '');
      if (action.arn !== undefined && instanceArn !== undefined && instanceArn !== action.arn && state.instance !== undefined && instanceArn !== state.instance.arn) {
        // Cloned into another instance: where it went, and a key that goes there.
        const region = action.arn.split(':')[3] ?? '';
        const name = action.name ?? action.arn.split('/').pop() ?? '';
        const where = `${region} › ${sanitizeLine(action.where ?? instanceArn.split('/').pop() ?? '')}`;
        return { ...cleared, lastElsewhere: { arn: action.arn, region, instanceArn, name }, notice: { tone: 'info', text: `Created “${sanitizeLine(name)}” in ${where}: J goes there` } };
      }
      if (action.isNew) {
        // A new profile: the list is read again, and the cursor waits for the new row.
        const list = { ...cleared.list, reloadKey: cleared.list.reloadKey + 1, ...(action.arn === undefined ? {} : { selectArn: action.arn }) };
        return { ...cleared, list };
      }
      const { screen } = cleared;
      if (screen.kind === 'detail' && screen.arn === action.arn) return { ...cleared, screen: { ...screen, reloadKey: screen.reloadKey + 1 } };
      if (screen.kind === 'compare' && action.arn !== undefined && screen.arns.includes(action.arn)) return { ...cleared, screen: { ...screen, reloadKey: screen.reloadKey + 1 } };
      return cleared;
    }
    case 'session/deleted': {
      const screen = state.screen.kind === 'detail' && state.screen.arn === action.arn ? { kind: 'list' as const } : state.screen;
      const list = { ...state.list, marked: state.list.marked.filter((m) => m !== action.arn), reloadKey: state.list.reloadKey + 1 };
      return { ...state, screen, list, notice: { tone: 'info', text: `Deleted “${sanitizeLine(action.name)}” (${sanitizeLine(action.arn)})` } };
    }
    case 'clone-target/loaded': {
      if (modal.kind !== 'clone-target' || modal.region !== action.region || modal.items === action.items) return state;
      // The source's own instance is preselected: Enter alone clones next to it.
      const here = action.items.findIndex((i) => i.arn === state.instance?.arn);
      return withCloneCursor(state, { ...modal, items: action.items, top: 0 }, Math.max(0, here));
    }
    case 'clone-target/move':
      if (modal.kind !== 'clone-target') return state;
      return withCloneCursor(state, modal, moveCursor(modal.cursor, action.motion, cloneRowCount(modal), tableRows(state.layout) - 1));
    case 'clone-target/regions': {
      if (modal.kind !== 'clone-target') return state;
      // The region list opens on the region of the instances shown.
      const at = CONNECT_REGIONS.findIndex((r) => r.code === modal.region);
      return withCloneCursor(state, { ...modal, step: 'regions', filter: '', top: 0 }, Math.max(0, at));
    }
    case 'clone-target/back': {
      if (modal.kind !== 'clone-target') return state;
      if (modal.filter !== '') return withCloneCursor(state, { ...modal, filter: '', top: 0 }, 0);
      // From the regions, back to the instances; from the instances, the clone is cancelled.
      if (modal.step === 'regions') return withCloneCursor(state, { ...modal, step: 'instances', top: 0 }, Math.max(0, (modal.items ?? []).findIndex((i) => i.arn === state.instance?.arn)));
      return { ...state, modal: { kind: 'none' } };
    }
    case 'clone-target/filter-insert':
    case 'clone-target/filter-delete': {
      if (modal.kind !== 'clone-target') return state;
      const filter = action.type === 'clone-target/filter-insert' ? modal.filter + action.text : modal.filter.slice(0, -1);
      return withCloneCursor(state, { ...modal, filter, top: 0 }, 0);
    }
    case 'clone-target/choose': {
      if (modal.kind !== 'clone-target') return state;
      if (modal.step === 'regions') {
        const region = cloneTargetRows(modal).regions[modal.cursor];
        if (region === undefined) return state;
        return { ...state, modal: { ...modal, step: 'instances', region: region.code, items: region.code === modal.region ? modal.items : undefined, filter: '', cursor: 0, top: 0 } };
      }
      const instance = cloneTargetRows(modal).instances[modal.cursor];
      if (instance === undefined) return state;
      return open(state, { kind: 'editor', target: { mode: 'clone', sourceArn: modal.sourceArn, target: { region: modal.region, instance } }, isDirty: false });
    }
    case 'quit/confirm':
      return { ...state, isQuitting: true };
    case 'quit/cancel':
      return { ...state, prompt: { kind: 'none' } };
  }
}

/** The holders session, for what the key asked on what is on view: the marked users (else the one under ›), the user explained, the profile. */
function assignOpened(state: AppState, action: Extract<SessionAction, { type: 'session/assign' }>): AppState {
  const { screen, modal } = state;
  const say = (text: string): AppState => ({ ...state, notice: { tone: 'info', text } });
  const assign = (intent: AssignIntent): AppState => open(state, { kind: 'assign', intent });
  switch (action.what) {
    case 'resume':
      return action.batchId === undefined ? say('No unfinished batch in this instance') : assign({ kind: 'resume', batchId: action.batchId });
    case 'rename': {
      const arn = targetArn(state);
      return arn === undefined ? noProfile(state) : assign({ kind: 'rename', profileArn: arn });
    }
    case 'delete-move':
      return modal.kind === 'delete' ? assign({ kind: 'move', profileArn: modal.arn, userArns: 'all', thenDelete: true }) : state;
    case 'edit':
    case 'what-if': {
      const from = screen.kind === 'explain' ? screen.from : screen.kind === 'holders' ? screen : undefined;
      const user = from?.shown[from.cursor];
      return user === undefined ? say('No user here: move onto a row first') : assign({ kind: 'edit', userArn: user, isWhatIf: action.what === 'what-if' });
    }
    case 'add':
    case 'remove':
    case 'move': {
      if (screen.kind !== 'holders') return state;
      const users = screen.marked.length > 0 ? screen.marked : screen.shown.slice(screen.cursor, screen.cursor + 1);
      if (users.length === 0) return say('No user here: move onto a row first');
      if (action.what === 'add') return assign({ kind: 'add', userArns: users });
      if (screen.arn === ALL_USERS) return say(`${action.what === 'move' ? 'm moves' : '- takes away'} the holders of one profile: open them with u on the profile`);
      return assign(action.what === 'remove' ? { kind: 'remove', profileArn: screen.arn, userArns: users } : { kind: 'move', profileArn: screen.arn, userArns: users, thenDelete: false });
    }
  }
}

/** Quitting: straight away, unless an editor holds unsaved changes (then it asks first). */
export function quit(state: AppState): AppState {
  if (state.isQuitting) return state;
  if (state.prompt.kind === 'quit') return { ...state, isQuitting: true };
  if (state.modal.kind === 'editor' && state.modal.isDirty) return { ...state, prompt: { kind: 'quit' } };
  return { ...state, isQuitting: true };
}
