// The history screen (`h`): a profile's timeline, scrolled like a pane, with a › on a kept version
// (`]`/`[`), up to two marked (Space), `=` to set them (or the one under › and the profile now) side by
// side, and Esc from there back to the timeline. Pure.
import type { AppState, HistoryScreen } from './app-state.js';
import type { Action } from './app-actions.js';
import { cursorArn } from './list-reducer.js';
import { followCursor, scrollPane } from './motion.js';
import { scrollRoom } from './selectors.js';

export type HistoryAction = Extract<Action, { type: `history/${string}` }>;

const timeOf = (screen: HistoryScreen, index: number): number | undefined => screen.versions[index]?.LastModifiedTime;

export function historyReducer(state: AppState, action: HistoryAction): AppState {
  const { screen } = state;
  if (action.type === 'history/open') {
    const arn = screen.kind === 'detail' ? screen.arn : screen.kind === 'list' ? cursorArn(state.list) : undefined;
    if (arn === undefined) return state;
    const opened: HistoryScreen = { kind: 'history', arn, scroll: 0, lineCount: 0, versions: [], versionLines: [], cursor: 0, marked: [], reloadKey: 0, ...(screen.kind === 'detail' ? { returnTo: screen } : {}) };
    return { ...state, screen: opened };
  }
  if (screen.kind !== 'history') return state;
  const set = (change: Partial<HistoryScreen>): AppState => ({ ...state, screen: { ...screen, ...change } });
  const note = (text: string): AppState => ({ ...state, notice: { tone: 'info', text } });
  switch (action.type) {
    case 'history/scroll':
      return set({ scroll: scrollPane(screen.scroll, action.motion, screen.lineCount, scrollRoom(state)) });
    case 'history/measured': {
      const versions = action.versions ?? screen.versions;
      const versionLines = action.versionLines ?? screen.versionLines;
      if (screen.lineCount === action.lineCount && versions === screen.versions && versionLines === screen.versionLines) return state;
      const cursor = Math.max(0, Math.min(screen.cursor, versions.length - 1));
      return set({ lineCount: action.lineCount, versions, versionLines, cursor, scroll: scrollPane(screen.scroll, { kind: 'by', delta: 0 }, action.lineCount, scrollRoom(state)) });
    }
    case 'history/next-version': {
      if (screen.comparing !== undefined) return state;
      if (screen.versions.length === 0) return note('spex keeps no version of this profile yet (it keeps each version it reads)');
      const cursor = Math.max(0, Math.min(screen.versions.length - 1, screen.cursor + action.delta));
      // The version under › comes into view (with its change's lines around it).
      const scroll = followCursor(screen.versionLines[cursor] ?? 0, screen.scroll, scrollRoom(state), screen.lineCount);
      return set({ cursor, scroll });
    }
    case 'history/toggle-mark': {
      const time = timeOf(screen, screen.cursor);
      if (time === undefined || screen.comparing !== undefined) return state;
      const marked = screen.marked.includes(time) ? screen.marked.filter((t) => t !== time) : [...screen.marked, time].slice(-2);
      return set({ marked });
    }
    case 'history/compare': {
      if (screen.comparing !== undefined) return state;
      const [a, b] = screen.marked;
      if (a !== undefined && b !== undefined) return set({ comparing: a < b ? [a, b] : [b, a], scroll: 0, lineCount: 0 });
      const time = timeOf(screen, screen.cursor);
      if (time === undefined) return note('No kept version to compare: spex keeps each version it reads');
      return set({ comparing: [time, 'now'], scroll: 0, lineCount: 0 });
    }
    case 'history/reload':
      return set({ reloadKey: screen.reloadKey + 1 });
  }
  return state;
}

/** Esc: from a comparison back to the timeline, else to where `h` was pressed. */
export function historyBack(state: AppState, screen: HistoryScreen): AppState {
  if (screen.comparing !== undefined) {
    const { comparing: _c, ...timeline } = screen;
    return { ...state, screen: { ...timeline, scroll: 0, lineCount: 0 } };
  }
  return { ...state, screen: screen.returnTo ?? { kind: 'list' } };
}
