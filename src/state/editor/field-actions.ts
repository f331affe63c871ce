// What the fields pane's keys do to the draft: edit a field or a list item, remove an item or clear a
// field, accept what was typed, choose a hierarchy group. Each returns the next state, with a note
// saying what happened or why not. Pure.
import type { EditorInput, EditorState } from './editor-state.js';
import { formatItem as formatItemText, itemsOf, parseItem, withItem, withoutItem } from './field-items.js';
import { FIELD_LABELS, fieldRows, isListField, withText } from './field-rows.js';

function visit(state: EditorState, field: string): EditorState {
  return state.touched.includes(field) ? state : { ...state, touched: [...state.touched, field] };
}

/** Marks a field as visited; an edit of a flagged field (clone) counts as choosing it again. */
function touch(state: EditorState, field: string): EditorState {
  const flagged = state.flagged.includes(field) ? state.flagged.filter((f) => f !== field) : state.flagged;
  return state.touched.includes(field) && flagged === state.flagged ? state : { ...state, flagged, touched: state.touched.includes(field) ? state.touched : [...state.touched, field] };
}

export function clampFieldCursor(state: EditorState): EditorState {
  const count = fieldRows(state).length;
  return { ...state, fieldCursor: Math.min(state.fieldCursor, Math.max(0, count - 1)) };
}

export function editRow(state: EditorState): EditorState {
  const row = fieldRows(state)[state.fieldCursor];
  if (!row) return state;
  switch (row.kind) {
    case 'field': {
      if (row.locked) return { ...state, note: { tone: 'warning', text: `${row.label} is ${row.locked}` } };
      if (row.field === 'AllowedAccessControlHierarchyGroupId' && state.hierarchyGroups.length > 0) {
        const current = state.hierarchyGroups.findIndex((g) => g.id === state.draft.AllowedAccessControlHierarchyGroupId);
        return { ...state, input: { kind: 'pick-group', cursor: current + 1 } };
      }
      if (row.field === 'SecurityProfileName' || row.field === 'Description' || row.field === 'AllowedAccessControlHierarchyGroupId') {
        return { ...state, input: { kind: 'field', field: row.field, text: String(state.draft[row.field] ?? '') } };
      }
      return state;
    }
    case 'item':
      return { ...state, input: { kind: 'field', field: row.field, index: row.index, text: formatFor(state, row.field, row.index) } };
    case 'list':
    case 'add':
      return { ...state, input: { kind: 'field', field: row.field, text: '' } };
  }
}

function formatFor(state: EditorState, field: Parameters<typeof itemsOf>[1], index: number): string {
  const item = itemsOf(state.draft, field)[index];
  return item === undefined ? '' : formatItemText(field, item);
}

export function removeRow(state: EditorState): EditorState {
  const row = fieldRows(state)[state.fieldCursor];
  if (!row) return state;
  if (row.kind === 'item') {
    return clampFieldCursor(visit({ ...state, draft: withoutItem(state.draft, row.field, row.index), note: { tone: 'normal', text: `Removed from ${FIELD_LABELS[row.field]}: ${row.text}` } }, row.field));
  }
  if (row.kind === 'field') {
    if (row.locked) return { ...state, note: { tone: 'warning', text: `${row.label} is ${row.locked}` } };
    if (row.field === 'SecurityProfileName') return { ...state, note: { tone: 'warning', text: 'A profile needs a name: press Enter to change it' } };
    if (row.field === 'Description' || row.field === 'AllowedAccessControlHierarchyGroupId') {
      return touch({ ...state, draft: withText(state.draft, row.field, ''), note: { tone: 'normal', text: `Cleared ${row.label}` } }, row.field);
    }
  }
  return { ...state, note: { tone: 'warning', text: 'd removes an item: move onto the item first' } };
}

/** Enter on a field being typed: the item or text goes into the draft, or the input shows why not. */
export function submitField(state: EditorState, input: Extract<EditorInput, { kind: 'field' }>): EditorState {
  if (isListField(input.field)) {
    const existing = input.index === undefined ? undefined : itemsOf(state.draft, input.field)[input.index];
    const parsed = parseItem(input.field, input.text, existing, state.aiAgents);
    if (!parsed.ok) return { ...state, input: { ...input, error: parsed.error } };
    const draft = withItem(state.draft, input.field, input.index, parsed.value);
    return touch({ ...state, draft, input: { kind: 'none' }, note: undefined }, input.field);
  }
  return touch({ ...state, draft: withText(state.draft, input.field, input.text.trim()), input: { kind: 'none' }, note: undefined }, input.field);
}

/** The group picker's choice: row 0 is "(none)", then the instance's groups. */
export function chooseGroup(state: EditorState, cursor: number): EditorState {
  const group = state.hierarchyGroups[cursor - 1];
  const draft = withText(state.draft, 'AllowedAccessControlHierarchyGroupId', group?.id ?? '');
  return touch({ ...state, draft, input: { kind: 'none' }, note: undefined }, 'AllowedAccessControlHierarchyGroupId');
}
