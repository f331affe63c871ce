// The holders screen (`u`): who holds a profile, with a row cursor, filterable. Pure.
import { ALL_USERS, type AppState, type Screen } from './app-state.js';
import type { Action } from './app-actions.js';
import { cursorArn } from './list-reducer.js';
import { moveCursor, scrollPane } from './motion.js';
import { scrollRoom } from './selectors.js';

export type HoldersScreen = Extract<Screen, { kind: 'holders' }>;
export type HoldersAction = Extract<Action, { type: `holders/${string}` }>;

export function holdersReducer(state: AppState, action: HoldersAction): AppState {
  if (action.type === 'holders/open-all') {
    // `:` then a login: every user of the instance, the filter already taking the keys.
    if (state.screen.kind !== 'list' && state.screen.kind !== 'detail') return state;
    const opened: HoldersScreen = { kind: 'holders', arn: ALL_USERS, scroll: 0, cursor: 0, lineCount: 0, filter: '', isFiltering: true, marked: [], shown: [], ...(state.screen.kind === 'detail' ? { returnTo: state.screen } : {}) };
    return { ...state, screen: opened };
  }
  if (action.type === 'holders/open') {
    const { screen } = state;
    const arn = screen.kind === 'detail' ? screen.arn : screen.kind === 'list' ? cursorArn(state.list) : undefined;
    if (arn === undefined) return state;
    const opened: HoldersScreen = { kind: 'holders', arn, scroll: 0, cursor: 0, lineCount: 0, filter: '', isFiltering: false, marked: [], shown: [], ...(screen.kind === 'detail' ? { returnTo: screen } : {}) };
    return { ...state, screen: opened };
  }
  const { screen } = state;
  if (screen.kind !== 'holders') return state;
  const set = (change: Partial<HoldersScreen>): AppState => ({ ...state, screen: { ...screen, ...change } });
  switch (action.type) {
    case 'holders/scroll': {
      // The keys move the row cursor; the view follows it.
      const room = scrollRoom(state);
      const cursor = moveCursor(screen.cursor, action.motion, screen.lineCount, room);
      return set({ cursor, scroll: following(screen.scroll, cursor, screen.lineCount, room) });
    }
    case 'holders/measured': {
      const shown = action.shown ?? screen.shown;
      if (screen.lineCount === action.lineCount && shown === screen.shown) return state;
      const cursor = Math.max(0, Math.min(screen.cursor, action.lineCount - 1));
      return set({ lineCount: action.lineCount, shown, cursor, scroll: following(screen.scroll, cursor, action.lineCount, scrollRoom(state)) });
    }
    case 'holders/toggle-mark': {
      // Space marks the user under › and moves on (as a file manager does), so Space Space marks two.
      const user = screen.shown[screen.cursor];
      if (user === undefined) return state;
      const marked = screen.marked.includes(user) ? screen.marked.filter((m) => m !== user) : [...screen.marked, user];
      const cursor = Math.min(screen.cursor + 1, Math.max(0, screen.shown.length - 1));
      return set({ marked, cursor, scroll: following(screen.scroll, cursor, screen.lineCount, scrollRoom(state)) });
    }
    case 'holders/mark-shown': {
      // Every user the filter shows; again (all already marked): those unmarked.
      const all = screen.shown.length > 0 && screen.shown.every((u) => screen.marked.includes(u));
      const marked = all ? screen.marked.filter((m) => !screen.shown.includes(m)) : [...new Set([...screen.marked, ...screen.shown])];
      return { ...set({ marked }), notice: { tone: 'info', text: all ? `Unmarked the ${screen.shown.length} users shown` : `Marked ${marked.length} user${marked.length === 1 ? '' : 's'}: + gives a profile${screen.arn === ALL_USERS ? '' : ', - takes this one away, m moves them'}` } };
    }
    case 'holders/filter-start':
      return set({ isFiltering: true });
    case 'holders/filter-insert':
      return set({ filter: screen.filter + action.text, scroll: 0, cursor: 0 });
    case 'holders/filter-delete':
      return set({ filter: [...screen.filter].slice(0, -1).join(''), scroll: 0, cursor: 0 });
    case 'holders/filter-accept':
      return set({ isFiltering: false });
    case 'holders/filter-clear':
      return set({ filter: '', isFiltering: false, scroll: 0, cursor: 0 });
  }
}

/** Esc on the holders screen: clear the filter, else the marks, else back where it was opened from. */
export function holdersBack(state: AppState, screen: HoldersScreen): AppState {
  if (screen.filter !== '') return holdersReducer(state, { type: 'holders/filter-clear' });
  if (screen.marked.length > 0) return { ...state, screen: { ...screen, marked: [] }, notice: { tone: 'info', text: 'Marks cleared' } };
  return { ...state, screen: screen.returnTo ?? { kind: 'list' } };
}

/** The window's top with the cursor's row in view. */
function following(scroll: number, cursor: number, lineCount: number, room: number): number {
  const top = Math.min(scroll, cursor);
  const shown = Math.max(top, cursor - Math.max(1, room) + 1);
  return scrollPane(shown, { kind: 'by', delta: 0 }, lineCount, room);
}
