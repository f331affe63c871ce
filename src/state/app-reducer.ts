// The app reducer: screens, modals and the actions that move between them. Each screen's details
// are in picker-reducer.ts and list-reducer.ts. Pure.
import { sanitizeLine } from '../domain/text/sanitize.js';
import { consoleUrlOf } from '../domain/service/aws-links.js';
import { burstOf } from '../keys/burst.js';
import { resolveCommand } from '../keys/keymap.js';
import type { AppState } from './app-state.js';
import type { Action } from './app-actions.js';
import { commandToAction } from './commands.js';
import { listReducer, moveList } from './list-reducer.js';
import { scrollPane } from './motion.js';
import { jumpElsewhere, pickerReducer } from './picker-reducer.js';
import { quit, sessionReducer } from './session-reducer.js';
import { findingTarget, helpLineCount, modeOf, scrollRoom, shownInstances } from './selectors.js';
import { holdersBack, holdersReducer } from './holders-reducer.js';
import { historyBack, historyReducer } from './history-reducer.js';

function back(state: AppState): AppState {
  if (state.modal.kind !== 'none' && state.modal.kind !== 'help') return { ...state, modal: { kind: 'none' } };
  switch (state.screen.kind) {
    case 'regions':
      return state.canLeave ? { ...state, isLeaving: true } : state;
    case 'instances':
      if (state.instances.filter !== '') return pickerReducer(state, { type: 'instances/filter-clear' });
      return pickerReducer(state, { type: 'regions/open' });
    case 'list':
      if (state.list.filter !== '') return listReducer(state, { type: 'list/filter-clear' });
      return { ...state, screen: { kind: 'instances' } };
    case 'detail':
    case 'compare':
    case 'findings':
      return { ...state, screen: { kind: 'list' } };
    case 'explain':
      return { ...state, screen: state.screen.from };
    case 'holders':
      return holdersBack(state, state.screen);
    case 'history':
      return historyBack(state, state.screen);
  }
}

export function appReducer(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'input/key': {
      // Once a region filter is being typed, every printable key is part of it ("eu" then "q" must
      // not quit): q and ? run their commands only while the filter is empty.
      if (modeOf(state) === 'regions' && state.regions.filter !== '' && !action.key.ctrl && !action.key.meta && /^[\x20-\x7e]$/.test(action.input)) {
        return appReducer(state, { type: 'regions/filter-insert', text: action.input });
      }
      const resolved = resolveCommand(modeOf(state), action.input, action.key, { readOnly: state.readOnly });
      if (resolved === undefined) {
        // Keys typed faster than they are read arrive as one string ("j " or "/abc"): one at a time,
        // each in the mode the previous one left.
        const burst = burstOf(action.input, action.key);
        return burst === undefined ? state : burst.reduce((s, k) => appReducer(s, { type: 'input/key', ...k }), state);
      }
      return appReducer(state, { type: 'input/command', command: resolved.command, ...(resolved.text === undefined ? {} : { text: resolved.text }) });
    }
    case 'input/command': {
      const next = commandToAction(state, action.command, action.text);
      if (next === undefined) return state;
      // A key press dismisses the last notice, unless the action shows a new one.
      const base = state.notice === undefined ? state : { ...state, notice: undefined };
      return appReducer(base, next);
    }
    case 'layout/resized': {
      const resized = { ...state, layout: action.layout };
      // Re-clamp the table window to the new height.
      return moveList(resized, { kind: 'by', delta: 0 });
    }
    case 'app/quit':
      return quit(state);
    case 'app/back':
      return back(state);
    case 'notice/show':
      return { ...state, notice: action.notice };
    case 'notice/clear':
      return { ...state, notice: undefined };
    case 'help/open':
      return { ...state, modal: { kind: 'help', mode: modeOf(state), scroll: 0 } };
    case 'help/close':
      return { ...state, modal: { kind: 'none' } };
    case 'help/scroll': {
      if (state.modal.kind !== 'help') return state;
      const scroll = scrollPane(state.modal.scroll, action.motion, helpLineCount(state.modal.mode, state.readOnly, state.layout.columns), scrollRoom(state));
      return { ...state, modal: { ...state.modal, scroll } };
    }
    case 'explain/open':
      return state.screen.kind === 'holders' ? { ...state, screen: { kind: 'explain', from: { ...state.screen, isFiltering: false }, scroll: 0, lineCount: 0 } } : state;
    case 'findings/open':
      return state.screen.kind === 'list' ? { ...state, screen: { kind: 'findings', scroll: 0, lineCount: 0 } } : state;
    case 'detail/scroll':
    case 'explain/scroll':
    case 'findings/scroll':
    case 'compare/scroll': {
      const { screen } = state;
      if (screen.kind !== 'detail' && screen.kind !== 'compare' && screen.kind !== 'findings' && screen.kind !== 'explain') return state;
      const scroll = scrollPane(screen.scroll, action.motion, screen.lineCount, scrollRoom(state));
      return { ...state, screen: { ...screen, scroll } };
    }
    case 'findings/open-profile': {
      // The finding at (or first below) the top of the view: its profile's detail.
      const { screen } = state;
      if (screen.kind !== 'findings') return state;
      // An Enter faster than the screen's first measure: it opens once the findings are measured.
      if (screen.targets === undefined) return { ...state, screen: { ...screen, openWhenMeasured: true } };
      const arn = findingTarget(screen);
      if (arn === undefined) return { ...state, notice: { tone: 'info', text: 'No finding about a profile from here down (scroll to one)' } };
      return { ...state, screen: { kind: 'detail', arn, scroll: 0, lineCount: 0, isRaw: false, reloadKey: 0 } };
    }
    case 'detail/measured':
    case 'explain/measured':
    case 'findings/measured':
    case 'compare/measured': {
      const { screen } = state;
      if (action.type === 'compare/measured' && screen.kind === 'compare' && action.differences !== undefined && action.differences !== screen.differences) {
        const diffCursor = Math.min(screen.diffCursor, Math.max(0, action.differences.length - 1));
        return appReducer({ ...state, screen: { ...screen, differences: action.differences, diffCursor } }, { type: 'compare/measured', lineCount: action.lineCount });
      }
      if (action.type === 'findings/measured' && screen.kind === 'findings' && action.targets !== undefined && action.targets !== screen.targets) {
        const { openWhenMeasured, ...rest } = screen;
        const measured = appReducer({ ...state, screen: { ...rest, targets: action.targets } }, { type: 'findings/measured', lineCount: action.lineCount });
        return openWhenMeasured ? appReducer(measured, { type: 'findings/open-profile' }) : measured;
      }
      if ((screen.kind !== 'detail' && screen.kind !== 'compare' && screen.kind !== 'findings' && screen.kind !== 'explain') || screen.lineCount === action.lineCount) return state;
      const scroll = scrollPane(screen.scroll, { kind: 'by', delta: 0 }, action.lineCount, scrollRoom(state));
      return { ...state, screen: { ...screen, lineCount: action.lineCount, scroll } };
    }
    case 'detail/toggle-raw':
      if (state.screen.kind !== 'detail') return state;
      return { ...state, screen: { ...state.screen, isRaw: !state.screen.isRaw, scroll: 0, lineCount: 0 } };
    case 'export/start': {
      if (state.screen.kind !== 'list' || state.list.shown.length === 0) return state;
      const arns = state.list.marked.length > 0 ? state.list.marked : state.list.shown;
      return { ...state, modal: { kind: 'export-file', arns }, notice: undefined };
    }
    case 'review/start':
      if (state.instance === undefined) return state;
      return { ...state, reviewRequest: { id: (state.reviewRequest?.id ?? 0) + 1 }, notice: { tone: 'info', text: 'Taking the access review: every profile, user and AI agent…' } };
    case 'export/write': {
      if (state.modal.kind !== 'export-file') return state;
      return { ...state, modal: { kind: 'none' }, exportRequest: { arns: state.modal.arns, path: action.path, id: (state.exportRequest?.id ?? 0) + 1 } };
    }
    case 'jump/elsewhere':
      return jumpElsewhere(state);
    case 'app/leave':
      // Straight back to the fleet screen; outside a fleet there is none to go back to, said so.
      return state.canLeave ? { ...state, isLeaving: true } : { ...state, notice: { tone: 'info', text: 'No fleet here: spex shows a fleet when it is started with several AWS profiles (--profile a,b or a fleet in config.json)' } };
    case 'clipboard/copy': {
      const { screen } = state;
      const arn =
        screen.kind === 'list' ? state.list.shown[state.list.cursor]
        : screen.kind === 'detail' ? screen.arn
        : screen.kind === 'instances' ? shownInstances(state)[state.instances.cursor]?.arn
        : undefined;
      if (arn === undefined) return { ...state, notice: { tone: 'info', text: 'Nothing under the cursor to copy' } };
      const url = consoleUrlOf(arn);
      if (action.which === 'console' && url === undefined) return { ...state, notice: { tone: 'error', text: 'No console page is known for this ARN' } };
      const what = action.which === 'arn' ? 'ARN' : 'console URL';
      const text = action.which === 'arn' ? arn : url!;
      const said = action.which === 'arn' ? `ARN copied to the clipboard (OSC 52, where the terminal allows it): ${arn.split('/').pop()}` : `Copied: ${text}`;
      return { ...state, clipboardRequest: { text, what, id: (state.clipboardRequest?.id ?? 0) + 1 }, notice: { tone: 'info', text: said } };
    }
    case 'promote/start': {
      if (state.screen.kind !== 'list' || state.list.shown.length === 0) return state;
      if (state.readOnly) return { ...state, notice: { text: 'spex runs with --read-only: promote refused', tone: 'error' } };
      const current = state.list.shown[state.list.cursor];
      const arns = state.list.marked.length > 0 ? state.list.marked : current === undefined ? [] : [current];
      return { ...state, promoteRequest: { arns, id: (state.promoteRequest?.id ?? 0) + 1 } };
    }
    case 'drafts/loaded':
      return { ...state, draftKeys: action.keys };
    case 'batches/found': {
      const { batch } = action;
      if (batch === undefined) return state.unfinishedBatch === undefined ? state : { ...state, unfinishedBatch: undefined };
      // Said when it is new (an instance opened, a run stopped), not again on every read.
      const isNew = state.unfinishedBatch?.id !== batch.id;
      const text = `B resumes: ${sanitizeLine(batch.what)} (stopped at ${batch.done} of ${batch.total})`;
      return { ...state, unfinishedBatch: batch, ...(isNew ? { notice: { tone: 'info' as const, text } } : {}) };
    }
    case 'drafts/next': {
      // The next row (after the cursor, wrapping) with a draft: the cursor goes there and its editor
      // opens, where the restore prompt says what the draft changes.
      const { shown, cursor } = state.list;
      const order = [...shown.slice(cursor + 1), ...shown.slice(0, cursor + 1)];
      const arn = order.find((a) => state.draftKeys.includes(a));
      if (arn === undefined) {
        const elsewhere = state.draftKeys.length;
        return { ...state, notice: { tone: 'info', text: elsewhere > 0 ? `No profile listed here has an unsaved draft (${elsewhere} elsewhere: new profiles, or other instances)` : 'No unsaved drafts' } };
      }
      const moved = moveList(state, { kind: 'by', delta: shown.indexOf(arn) - cursor });
      return state.readOnly ? moved : sessionReducer(moved, { type: 'session/edit' });
    }
    case 'detail/toggle-layout':
      return { ...state, permLayout: state.permLayout === 'grid' ? 'list' : 'grid' };
    case 'detail/reload':
      if (state.screen.kind !== 'detail') return state;
      return { ...state, screen: { ...state.screen, reloadKey: state.screen.reloadKey + 1 } };
    case 'compare/next-difference': {
      const { screen } = state;
      if (screen.kind !== 'compare' || screen.differences.length === 0) return state;
      const diffCursor = Math.min(screen.differences.length - 1, Math.max(0, screen.diffCursor + action.delta));
      // The pane scrolls so the difference is in view, a few lines below the top.
      const line = screen.differences[diffCursor]!.line;
      const room = scrollRoom(state);
      const scroll = line < screen.scroll || line >= screen.scroll + room ? scrollPane(0, { kind: 'by', delta: Math.max(0, line - 3) }, screen.lineCount, room) : screen.scroll;
      return { ...state, screen: { ...screen, diffCursor, scroll } };
    }
    case 'compare/copy': {
      const { screen } = state;
      if (screen.kind !== 'compare' || state.readOnly) return state;
      const difference = screen.differences[screen.diffCursor];
      if (difference === undefined) return { ...state, notice: { tone: 'info', text: 'No permission differs between the two profiles' } };
      // Into the left profile: make it match the right on this permission; and the other way round.
      const arn = action.into === 'left' ? screen.arns[0] : screen.arns[1];
      const grant = action.into === 'left' ? !difference.inLeft : difference.inLeft;
      const seed = grant ? { add: [difference.name], remove: [] } : { add: [], remove: [difference.name] };
      // The editor opens on that permission and says what was copied (nothing is sent before a review).
      const focus = { permission: difference.name, note: `${grant ? 'Granted' : 'Withdrew'} ${difference.name}, as the ${action.into === 'left' ? 'right' : 'left'} profile has it: review with s, or undo with Space` };
      return { ...state, modal: { kind: 'editor', target: { mode: 'edit', arn, seed, focus }, isDirty: true }, notice: undefined };
    }
    case 'compare/toggle-differences':
      if (state.screen.kind !== 'compare') return state;
      return {
        ...state,
        screen: { ...state.screen, isOnlyDifferences: !state.screen.isOnlyDifferences, scroll: 0, lineCount: 0, diffCursor: 0 },
      };
    case 'session/edit':
    case 'session/new':
    case 'session/clone':
    case 'session/delete':
    case 'session/operations':
    case 'session/apply-file':
    case 'session/assign':
    case 'session/assigned':
    case 'session/dirty':
    case 'session/close':
    case 'session/saved':
    case 'session/deleted':
    case 'clone-target/loaded':
    case 'clone-target/move':
    case 'clone-target/regions':
    case 'clone-target/back':
    case 'clone-target/filter-insert':
    case 'clone-target/filter-delete':
    case 'clone-target/choose':
    case 'quit/confirm':
    case 'quit/cancel':
    case 'session/revert':
      return sessionReducer(state, action);
    case 'history/open': case 'history/scroll': case 'history/measured': case 'history/next-version': case 'history/toggle-mark': case 'history/compare': case 'history/reload':
      return historyReducer(state, action);
    case 'holders/open':
    case 'holders/open-all':
    case 'holders/scroll':
    case 'holders/measured':
    case 'holders/filter-start':
    case 'holders/filter-insert':
    case 'holders/filter-delete':
    case 'holders/filter-accept':
    case 'holders/filter-clear':
    case 'holders/toggle-mark':
    case 'holders/mark-shown':
      return holdersReducer(state, action);
    case 'list/shown':
    case 'list/move':
    case 'list/filter-start':
    case 'list/filter-insert':
    case 'list/filter-delete':
    case 'list/filter-accept':
    case 'list/filter-clear':
    case 'list/sort':
    case 'list/toggle-mark':
    case 'list/refresh':
    case 'list/open':
    case 'list/compare':
      return listReducer(state, action);
    case 'regions/move':
    case 'regions/filter-insert':
    case 'regions/filter-delete':
    case 'regions/filter-clear':
    case 'regions/select':
    case 'regions/open':
    case 'instances/loaded':
    case 'instances/move':
    case 'instances/filter-start':
    case 'instances/filter-insert':
    case 'instances/filter-delete':
    case 'instances/filter-accept':
    case 'instances/filter-clear':
    case 'instances/select':
    case 'instances/refresh':
      return pickerReducer(state, action);
    default: {
      // Every action is handled above: a new one that is not fails to compile here.
      const unhandled: never = action;
      return unhandled;
    }
  }
}
