// The editor's reducer: every key of the editor becomes one of these actions. Pure.
import { permissionCandidates } from '../../domain/permissions/permissions.js';
import { moveCursor } from '../motion.js';
import { burstOf } from '../../keys/burst.js';
import { keyToEditorAction } from './editor-key-action.js';
import { editText } from '../text-edit.js';
import { type EditorAction, type EditorInit, type EditorState, initialEditorState, type PermissionView } from './editor-state.js';
import { chooseGroup, clampFieldCursor, editRow, removeRow, submitField } from './field-actions.js';
import { fieldRows } from './field-rows.js';
import { applyAdd, applyCellToggle, applyGroupToggle, applyToggle, clampPermCursor, clearSearchKeepingRow, groupGrantCount, toggleFold } from './permission-actions.js';
import { GRID_COLUMNS } from '../../domain/permissions/permission-grid.js';
import { lookupPermission } from '../../domain/permissions/permissions.js';
import { activeSearch, permissionRows } from './permission-rows.js';

export type { EditorAction } from './editor-state.js';

/** `t` asks for a second `t` when it would grant more than this many permissions at once. */
const GROUP_GRANT_ASK = 5;

const VIEWS: readonly PermissionView[] = ['all', 'granted', 'changed'];
const VIEW_WORDS: Readonly<Record<PermissionView, string>> = {
  all: 'Showing every permission',
  granted: 'Showing only granted permissions',
  changed: 'Showing only changed permissions',
};

function firstPermissionRow(state: EditorState): number {
  const index = permissionRows(state).findIndex((r) => r.kind !== 'group');
  return Math.max(0, index);
}

function submitInput(state: EditorState): EditorState {
  const input = state.input;
  switch (input.kind) {
    case 'search':
      return { ...state, search: input.text.trim(), input: { kind: 'none' } };
    case 'add-permission': {
      const { state: next, done } = applyAdd(state, input.text, input.confirmUnknown);
      return done ? { ...next, input: { kind: 'none' } } : { ...next, input: { ...input, confirmUnknown: true } };
    }
    case 'field':
      return submitField(state, input);
    default:
      return state;
  }
}

/** Actions that are not the user's next key: they leave a pending `t` waiting. */
const NOT_A_KEY = new Set<EditorAction['type']>(['editor/key', 'editor/toggle-group', 'editor/set-context', 'editor/outgoing', 'editor/outgoing-done', 'editor/note']);

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const next = reduce(state, action);
  // A second `t` must follow the first: any other key forgets it.
  if (next.pendingGroupGrant !== undefined && !NOT_A_KEY.has(action.type)) {
    const { pendingGroupGrant: _pending, ...rest } = next;
    return rest;
  }
  return next;
}

function reduce(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'editor/key': {
      const next = keyToEditorAction(state, action.input, action.key, action.pageSize);
      if (next) return editorReducer(state, next);
      const input = state.input;
      if (input.kind === 'search' || input.kind === 'add-permission' || input.kind === 'field') {
        // Typing is applied here, to the latest text: two keys before a re-render both count.
        const burst = [...action.input].some((c) => c === '\r' || c === '\t' || c === '\x7f' || c === '\b') ? burstOf(action.input, action.key) : undefined;
        if (burst === undefined) {
          const edited = editText({ text: input.text, cursor: input.cursor ?? input.text.length, ...(state.killed === undefined ? {} : { killed: state.killed }) }, action.input, action.key);
          if (!edited) return state;
          const changed = editorReducer(state, { type: 'editor/input-change', text: edited.text, cursor: edited.cursor });
          // What Ctrl-U/K/W cut is kept for Ctrl-Y, across fields, as a shell keeps it.
          return edited.killed === state.killed ? changed : { ...changed, ...(edited.killed === undefined ? {} : { killed: edited.killed }) };
        }
        return burst.reduce((s, k) => editorReducer(s, { ...action, ...k }), state);
      }
      const keys = burstOf(action.input, action.key);
      return keys ? keys.reduce((s, k) => editorReducer(s, { ...action, ...k }), state) : state;
    }
    case 'editor/outgoing':
      return { ...state, outgoing: action.outgoing };
    case 'editor/outgoing-done': {
      const { outgoing: _outgoing, ...rest } = state;
      return rest;
    }
    case 'editor/move': {
      if (state.pane === 'permissions') {
        const count = permissionRows(state).length;
        return { ...state, permCursor: moveCursor(state.permCursor, action.motion, count, action.pageSize) };
      }
      return { ...state, fieldCursor: moveCursor(state.fieldCursor, action.motion, fieldRows(state).length, action.pageSize) };
    }
    case 'editor/set-context':
      return {
        ...state,
        ...(action.hierarchyGroups ? { hierarchyGroups: action.hierarchyGroups } : {}),
        ...(action.aiAgents ? { aiAgents: action.aiAgents } : {}),
        ...(action.existingNames ? { existingNames: action.existingNames } : {}),
      };
    case 'editor/toggle-help':
      return { ...state, isHelpOpen: !state.isHelpOpen };
    case 'editor/switch-pane':
      return { ...state, pane: state.pane === 'permissions' ? 'fields' : 'permissions', note: undefined };
    case 'editor/toggle': {
      const row = permissionRows(state)[state.permCursor];
      if (!row) return state;
      // Space on a title folds it: granting a whole group is `t`, never a stray Space.
      if (row.kind === 'group') return toggleFold(state, row.group);
      if (row.kind === 'resource') return applyCellToggle(state, row, state.gridColumn);
      return applyToggle(state, row.name);
    }
    case 'editor/toggle-group': {
      const row = permissionRows(state)[state.permCursor];
      if (!row) return state;
      const wouldGrant = groupGrantCount(state, row.group);
      if (wouldGrant > GROUP_GRANT_ASK && state.pendingGroupGrant !== row.group) {
        return { ...state, pendingGroupGrant: row.group, note: { tone: 'warning', text: `t again grants all of ${row.group} (+${wouldGrant} permissions); any other key keeps the profile as it is` } };
      }
      const { pendingGroupGrant: _pending, ...rest } = state;
      return applyGroupToggle(rest, row.group);
    }
    case 'editor/column': {
      const row = permissionRows(state)[state.permCursor];
      const count = row?.kind === 'resource' ? row.cells.length : GRID_COLUMNS.length;
      return { ...state, gridColumn: Math.min(count - 1, Math.max(0, Math.min(state.gridColumn, count - 1) + action.delta)) };
    }
    case 'editor/toggle-layout': {
      const layout = state.layout === 'grid' ? 'list' : 'grid';
      const at = permissionRows(state)[state.permCursor];
      const next: EditorState = { ...state, layout, note: { tone: 'normal', text: layout === 'grid' ? 'Grid: a row per resource, ←/→ picks the column (m: back to the list)' : 'List: a row per permission (m: the grid)' } };
      // The cursor stays on the same resource (or its first permission), not on the same index.
      const rows = permissionRows(next);
      const resource = at?.kind === 'permission' ? lookupPermission(at.name)?.resource : at?.kind === 'resource' ? at.resource : undefined;
      const index = rows.findIndex((r) => (r.kind === 'resource' && r.resource === resource) || (r.kind === 'permission' && lookupPermission(r.name)?.resource === resource) || (at?.kind === 'group' && r.kind === 'group' && r.group === at.group));
      return clampPermCursor({ ...next, permCursor: index >= 0 ? index : 0 });
    }
    case 'editor/cycle-view': {
      const permView = VIEWS[(VIEWS.indexOf(state.permView) + 1) % VIEWS.length]!;
      return clampPermCursor({ ...state, permView, permCursor: 0, note: { tone: 'normal', text: VIEW_WORDS[permView] } });
    }
    case 'editor/search-start':
      return { ...state, input: { kind: 'search', text: state.search } };
    case 'editor/clear-search':
      return clearSearchKeepingRow(state, { note: undefined });
    case 'editor/add': {
      if (state.pane === 'permissions') return { ...state, input: { kind: 'add-permission', text: '', confirmUnknown: false } };
      const row = fieldRows(state)[state.fieldCursor];
      if (row && row.kind !== 'field') return { ...state, input: { kind: 'field', field: row.field, text: '' } };
      return { ...state, note: { tone: 'warning', text: 'a adds an item to a list field (Tags, resources, applications…)' } };
    }
    case 'editor/edit':
      return state.pane === 'fields' ? editRow(state) : state;
    case 'editor/remove':
      return state.pane === 'fields' ? removeRow(state) : state;
    case 'editor/input-change': {
      const input = state.input;
      const cursor = action.cursor ?? action.text.length;
      if (input.kind === 'search') {
        const next = { ...state, input: { ...input, text: action.text, cursor } };
        return { ...next, permCursor: activeSearch(next) === '' ? state.permCursor : firstPermissionRow(next) };
      }
      if (input.kind === 'add-permission') return { ...state, input: { kind: 'add-permission', text: action.text, cursor, confirmUnknown: false }, note: undefined };
      if (input.kind === 'field') {
        const { error: _error, ...rest } = input;
        return { ...state, input: { ...rest, text: action.text, cursor }, note: undefined };
      }
      return state;
    }
    case 'editor/input-submit':
      return clampFieldCursor(submitInput(state));
    case 'editor/input-complete': {
      // An allowed AI agent: Tab puts the first of the instance's agents whose name starts with what is typed.
      if (state.input.kind === 'field' && state.input.field === 'AllowedAIAgents') {
        const typed = state.input.text.trim().toLowerCase();
        const name = state.aiAgents.map((a) => a.name).find((n) => n.toLowerCase().startsWith(typed) && n.toLowerCase() !== typed);
        return name === undefined ? state : { ...state, input: { ...state.input, text: name, cursor: name.length } };
      }
      if (state.input.kind !== 'add-permission') return state;
      const typed = state.input.completing?.typed ?? state.input.text;
      const candidates = permissionCandidates(typed);
      if (candidates.length === 0) return state;
      const pick = ((state.input.completing?.pick ?? -1) + 1) % candidates.length;
      const text = candidates[pick]!;
      return { ...state, input: { ...state.input, text, cursor: text.length, confirmUnknown: false, completing: { typed, pick } } };
    }
    case 'editor/input-cancel': {
      if (state.input.kind === 'search') return clearSearchKeepingRow(state, { input: { kind: 'none' } });
      return { ...state, input: { kind: 'none' } };
    }
    case 'editor/pick-move': {
      if (state.input.kind !== 'pick-group') return state;
      const max = state.hierarchyGroups.length;
      return { ...state, input: { kind: 'pick-group', cursor: Math.min(max, Math.max(0, state.input.cursor + action.delta)) } };
    }
    case 'editor/pick-choose': {
      if (state.input.kind !== 'pick-group') return state;
      return chooseGroup(state, state.input.cursor);
    }
    case 'editor/replace-draft':
      return clampFieldCursor(clampPermCursor({ ...state, draft: action.draft, input: { kind: 'none' }, ...(action.note ? { note: action.note } : {}) }));
    case 'editor/review-refused':
      return { ...state, touched: [...new Set([...state.touched, ...action.fields])], note: { tone: 'error', text: action.reason } };
    case 'editor/note':
      return action.note === undefined ? { ...state, note: undefined } : { ...state, note: action.note };
    default: {
      const never: never = action;
      return never;
    }
  }
}

export function createEditorState(init: EditorInit): EditorState {
  const state = initialEditorState(init);
  if (init.focus === undefined) return state;
  // The row of the permission copied in, once the rows exist; the note says what happened.
  const index = permissionRows(state).findIndex((r) => (r.kind === 'permission' && r.name === init.focus!.permission) || (r.kind === 'resource' && r.cells.some((c) => c.name === init.focus!.permission)));
  return { ...state, ...(index >= 0 ? { permCursor: index } : {}), note: { tone: 'normal', text: init.focus.note } };
}
