// The app reducer: screens, modals and the actions that move between them. Each screen's details
// are in picker-reducer.ts and list-reducer.ts. Pure.
import { burstOf } from '../keys/burst.js';
import { resolveCommand } from '../keys/keymap.js';
import type { Action, AppState } from './app-state.js';
import { commandToAction } from './commands.js';
import { bodyHeight } from './layout.js';
import { listReducer, moveList } from './list-reducer.js';
import { scrollPane } from './motion.js';
import { pickerReducer } from './picker-reducer.js';
import { quit, sessionReducer, type SessionAction } from './session-reducer.js';
import { helpLineCount, modeOf } from './selectors.js';

/** Lines a scrolling pane (detail, compare, help) shows under its title line. */
export function paneHeight(state: AppState): number {
  return Math.max(1, bodyHeight(state.layout) - 1);
}

/** Lines that scroll in the pane on view (compare has a fixed column header too). */
export function scrollRoom(state: AppState): number {
  const fixed = state.modal.kind === 'none' && state.screen.kind === 'compare' ? 1 : 0;
  return Math.max(1, paneHeight(state) - fixed);
}

/** `lines 1–18/51` for the pane on view, when it has more lines than fit. */
export function panePosition(state: AppState): string | undefined {
  const room = scrollRoom(state);
  const { modal, screen } = state;
  const at =
    modal.kind === 'help'
      ? { scroll: modal.scroll, total: helpLineCount(modal.mode, state.readOnly) }
      : screen.kind === 'detail' || screen.kind === 'compare'
        ? { scroll: screen.scroll, total: screen.lineCount }
        : undefined;
  if (at === undefined || at.total <= room) return undefined;
  return `lines ${at.scroll + 1}–${Math.min(at.total, at.scroll + room)}/${at.total}`;
}

function back(state: AppState): AppState {
  if (state.modal.kind !== 'none' && state.modal.kind !== 'help') return { ...state, modal: { kind: 'none' } };
  switch (state.screen.kind) {
    case 'regions':
      return state;
    case 'instances':
      if (state.instances.filter !== '') return pickerReducer(state, { type: 'instances/filter-clear' });
      return pickerReducer(state, { type: 'regions/open' });
    case 'list':
      if (state.list.filter !== '') return listReducer(state, { type: 'list/filter-clear' });
      return { ...state, screen: { kind: 'instances' } };
    case 'detail':
    case 'compare':
      return { ...state, screen: { kind: 'list' } };
  }
}

export function appReducer(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'input/key': {
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
      const scroll = scrollPane(state.modal.scroll, action.motion, helpLineCount(state.modal.mode, state.readOnly), scrollRoom(state));
      return { ...state, modal: { ...state.modal, scroll } };
    }
    case 'detail/scroll':
    case 'compare/scroll': {
      const { screen } = state;
      if (screen.kind !== 'detail' && screen.kind !== 'compare') return state;
      const scroll = scrollPane(screen.scroll, action.motion, screen.lineCount, scrollRoom(state));
      return { ...state, screen: { ...screen, scroll } };
    }
    case 'detail/measured':
    case 'compare/measured': {
      const { screen } = state;
      if ((screen.kind !== 'detail' && screen.kind !== 'compare') || screen.lineCount === action.lineCount) return state;
      const scroll = scrollPane(screen.scroll, { kind: 'by', delta: 0 }, action.lineCount, scrollRoom(state));
      return { ...state, screen: { ...screen, lineCount: action.lineCount, scroll } };
    }
    case 'detail/toggle-raw':
      if (state.screen.kind !== 'detail') return state;
      return { ...state, screen: { ...state.screen, isRaw: !state.screen.isRaw, scroll: 0, lineCount: 0 } };
    case 'detail/reload':
      if (state.screen.kind !== 'detail') return state;
      return { ...state, screen: { ...state.screen, reloadKey: state.screen.reloadKey + 1 } };
    case 'compare/toggle-differences':
      if (state.screen.kind !== 'compare') return state;
      return {
        ...state,
        screen: { ...state.screen, isOnlyDifferences: !state.screen.isOnlyDifferences, scroll: 0, lineCount: 0 },
      };
    default:
      if (action.type.startsWith('session/') || action.type.startsWith('clone-target/') || action.type.startsWith('quit/')) {
        return sessionReducer(state, action as SessionAction);
      }
      if (action.type.startsWith('list/')) return listReducer(state, action as Extract<Action, { type: `list/${string}` }>);
      return pickerReducer(state, action as Extract<Action, { type: `regions/${string}` | `instances/${string}` }>);
  }
}
