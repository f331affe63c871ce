// The holders screen (`u`): who holds a profile, scrollable and filterable. Pure.
import type { AppState, Screen } from './app-state.js';
import type { Action } from './app-actions.js';
import { cursorArn } from './list-reducer.js';
import { scrollPane } from './motion.js';
import { scrollRoom } from './selectors.js';

export type HoldersScreen = Extract<Screen, { kind: 'holders' }>;
export type HoldersAction = Extract<Action, { type: `holders/${string}` }>;

export function holdersReducer(state: AppState, action: HoldersAction): AppState {
  if (action.type === 'holders/open-all') {
    // `:` then a login: every user of the instance, the filter already taking the keys.
    if (state.screen.kind !== 'list' && state.screen.kind !== 'detail') return state;
    const opened: HoldersScreen = { kind: 'holders', arn: '*', scroll: 0, lineCount: 0, filter: '', isFiltering: true, ...(state.screen.kind === 'detail' ? { returnTo: state.screen } : {}) };
    return { ...state, screen: opened };
  }
  if (action.type === 'holders/open') {
    const { screen } = state;
    const arn = screen.kind === 'detail' ? screen.arn : screen.kind === 'list' ? cursorArn(state.list) : undefined;
    if (arn === undefined) return state;
    const opened: HoldersScreen = { kind: 'holders', arn, scroll: 0, lineCount: 0, filter: '', isFiltering: false, ...(screen.kind === 'detail' ? { returnTo: screen } : {}) };
    return { ...state, screen: opened };
  }
  const { screen } = state;
  if (screen.kind !== 'holders') return state;
  const set = (change: Partial<HoldersScreen>): AppState => ({ ...state, screen: { ...screen, ...change } });
  switch (action.type) {
    case 'holders/scroll':
      return set({ scroll: scrollPane(screen.scroll, action.motion, screen.lineCount, scrollRoom(state)) });
    case 'holders/measured':
      if (screen.lineCount === action.lineCount) return state;
      return set({ lineCount: action.lineCount, scroll: scrollPane(screen.scroll, { kind: 'by', delta: 0 }, action.lineCount, scrollRoom(state)) });
    case 'holders/filter-start':
      return set({ isFiltering: true });
    case 'holders/filter-insert':
      return set({ filter: screen.filter + action.text, scroll: 0 });
    case 'holders/filter-delete':
      return set({ filter: [...screen.filter].slice(0, -1).join(''), scroll: 0 });
    case 'holders/filter-accept':
      return set({ isFiltering: false });
    case 'holders/filter-clear':
      return set({ filter: '', isFiltering: false, scroll: 0 });
  }
}

/** Esc on the holders screen: clear the filter, else back where it was opened from. */
export function holdersBack(state: AppState, screen: HoldersScreen): AppState {
  if (screen.filter !== '') return holdersReducer(state, { type: 'holders/filter-clear' });
  return { ...state, screen: screen.returnTo ?? { kind: 'list' } };
}
