// The profile table's part of the reducer: cursor, window, filter, sort, marks. Pure.
import type { AppState, ListView, SortKey } from './app-state.js';
import type { Action } from './app-actions.js';
import { tableRows } from './layout.js';
import { followCursor, moveCursor, type Motion } from './motion.js';

type ListAction = Extract<Action, { type: `list/${string}` }>;

function withCursor(state: AppState, list: ListView, cursor: number): ListView {
  const height = tableRows(state.layout);
  return { ...list, cursor, top: followCursor(cursor, list.top, height, list.shown.length) };
}

function setFilter(state: AppState, filter: string): ListView {
  // A new filter starts at the first match.
  return { ...state.list, filter, cursor: 0, top: 0 };
}

function nextSort(current: ListView['sort'], key: SortKey): ListView['sort'] {
  if (current.key === key) return { key, isDescending: !current.isDescending };
  // Newest first and most permissions first are the useful defaults; names go A→Z.
  return { key, isDescending: key !== 'name' };
}

/** The ARN under the cursor, if any. */
export function cursorArn(list: ListView): string | undefined {
  return list.shown[list.cursor];
}

export function moveList(state: AppState, motion: Motion): AppState {
  const { list } = state;
  const height = tableRows(state.layout);
  const cursor = moveCursor(list.cursor, motion, list.shown.length, height);
  // A page key turns the page: the window moves with the cursor, as in a pager.
  const top = motion.kind === 'page' ? Math.max(0, list.top + motion.direction * height) : list.top;
  return { ...state, list: withCursor(state, { ...list, top }, cursor) };
}

export function listReducer(state: AppState, action: ListAction): AppState {
  const { list } = state;
  switch (action.type) {
    case 'list/shown': {
      // A profile just created gets the cursor as soon as it is listed.
      const wanted = list.selectArn === undefined ? -1 : action.arns.indexOf(list.selectArn);
      if (wanted >= 0) {
        const { selectArn: _done, ...rest } = list;
        return { ...state, list: withCursor(state, { ...rest, shown: action.arns }, wanted) };
      }
      // Keep the selected profile selected while pages stream in or the order changes.
      const selected = list.cursor > 0 ? cursorArn(list) : undefined;
      const found = selected === undefined ? -1 : action.arns.indexOf(selected);
      const cursor = found >= 0 ? found : Math.min(list.cursor, Math.max(0, action.arns.length - 1));
      const next: ListView = { ...list, shown: action.arns };
      return { ...state, list: withCursor(state, next, cursor) };
    }
    case 'list/move':
      return moveList(state, action.motion);
    case 'list/filter-start':
      return { ...state, list: { ...list, isFiltering: true } };
    case 'list/filter-insert':
      return { ...state, list: setFilter(state, list.filter + action.text) };
    case 'list/filter-delete':
      return { ...state, list: setFilter(state, list.filter.slice(0, -1)) };
    case 'list/filter-accept':
      return { ...state, list: { ...list, isFiltering: false } };
    case 'list/filter-clear': {
      // Back to every row, still on the profile the filter found.
      const arn = list.filter !== '' ? cursorArn(list) : undefined;
      return { ...state, list: { ...setFilter(state, ''), isFiltering: false, ...(arn !== undefined ? { selectArn: arn } : {}) } };
    }
    case 'list/sort':
      return { ...state, list: { ...list, sort: nextSort(list.sort, action.key) } };
    case 'list/toggle-mark': {
      const arn = cursorArn(list);
      if (arn === undefined) return state;
      // As many as wanted: compare takes the last two, e changes them all at once, X and P take them all.
      const marked = list.marked.includes(arn) ? list.marked.filter((m) => m !== arn) : [...list.marked, arn];
      return { ...state, list: { ...list, marked } };
    }
    case 'list/refresh': {
      // The rows come again from the start: the cursor goes back to the same profile once it is listed.
      const arn = cursorArn(list);
      return { ...state, list: { ...list, reloadKey: list.reloadKey + 1, ...(arn !== undefined ? { selectArn: arn } : {}) }, notice: undefined };
    }
    case 'list/open': {
      const arn = cursorArn(list);
      if (arn === undefined) return state;
      return { ...state, screen: { kind: 'detail', arn, scroll: 0, lineCount: 0, isRaw: false, reloadKey: 0 } };
    }
    case 'list/compare': {
      const [a, b] = list.marked.slice(-2);
      if (a === undefined || b === undefined) {
        return {
          ...state,
          notice: { tone: 'info', text: `Mark two profiles with Space to compare them (${list.marked.length} marked)` },
        };
      }
      return { ...state, screen: { kind: 'compare', arns: [a, b], scroll: 0, lineCount: 0, isOnlyDifferences: false, diffCursor: 0, differences: [], reloadKey: 0 } };
    }
  }
}
