// What the permission keys do to the draft: toggle one (with the console's implications), toggle a
// group, add one by name. Each returns the next state with a note saying what happened, or why not.
// Pure.
import { toggleAll, toggleGroup, toggleWithImplications, type ToggleResult } from '../../domain/permissions/permission-rules.js';
import { lookupPermission, matchPermissionTerm, MAX_PERMISSIONS, permissionLabel, permissionTermMessage } from '../../domain/permissions/permissions.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import type { SecurityProfileDraft } from '../../domain/profile/security-profile.js';
import type { EditorNote, EditorState } from './editor-state.js';
import { type EditorRow, grantedSet, permissionRows, type ResourceRow } from './permission-rows.js';
import { getCatalogue } from '../../domain/permissions/permissions.js';

/** The draft with `result` applied, keeping the order of what was already there. */
function withPermissions(state: EditorState, result: ToggleResult): SecurityProfileDraft {
  const before = state.draft.Permissions ?? [];
  const next = [...before.filter((p) => result.granted.has(p)), ...result.added.filter((p) => !before.includes(p))];
  const draft: SecurityProfileDraft = { ...state.draft, Permissions: next };
  // An emptied list on a profile that never had one is left out, so "no change" stays no change.
  if (next.length === 0 && state.baseline.Permissions === undefined) delete draft.Permissions;
  return draft;
}

const label = (name: string): string => (lookupPermission(name) ? permissionLabel(name) : sanitizeLine(name));

function limitNote(state: EditorState, result: ToggleResult): EditorNote {
  const now = grantedSet(state).size;
  return {
    tone: 'error',
    text: `A profile holds at most ${MAX_PERMISSIONS} permissions: it has ${now}, and this would add ${result.added.length}. Withdraw some first.`,
  };
}

function describeToggle(result: ToggleResult, name: string): EditorNote {
  const alsoAdded = result.added.filter((n) => n !== name);
  const alsoRemoved = result.removed.filter((n) => n !== name);
  if (result.added.includes(name)) {
    const extra = alsoAdded.length > 0 ? `; also granted ${alsoAdded.map(label).join(', ')} (acting on it needs seeing it)` : '';
    return { tone: 'normal', text: `Granted ${label(name)}${extra}` };
  }
  const extra = alsoRemoved.length > 0 ? `; also withdrew ${alsoRemoved.map(label).join(', ')} (they need it)` : '';
  return { tone: 'normal', text: `Withdrew ${label(name)}${extra}` };
}

/** Keeps the cursor on a real row after the rows changed (a withdrawn row can leave "only granted"). */
export function clampPermCursor(state: EditorState): EditorState {
  const count = permissionRows(state).length;
  const permCursor = Math.min(state.permCursor, Math.max(0, count - 1));
  return permCursor === state.permCursor ? state : { ...state, permCursor };
}

export function applyToggle(state: EditorState, name: string): EditorState {
  const result = toggleWithImplications(grantedSet(state), name);
  if (result.granted.size > MAX_PERMISSIONS && result.added.length > 0) return { ...state, note: limitNote(state, result) };
  return clampPermCursor({ ...state, draft: withPermissions(state, result), note: describeToggle(result, name) });
}

export function applyGroupToggle(state: EditorState, group: string): EditorState {
  const result = toggleGroup(grantedSet(state), group);
  if (result.added.length === 0 && result.removed.length === 0) {
    return { ...state, note: { tone: 'warning', text: `${group}: the group toggle works on catalogue groups; toggle these one by one` } };
  }
  if (result.granted.size > MAX_PERMISSIONS) return { ...state, note: limitNote(state, result) };
  const text = result.added.length > 0 ? `Granted all of ${group} (+${result.added.length})` : `Withdrew all of ${group} (−${result.removed.length})`;
  return clampPermCursor({ ...state, draft: withPermissions(state, result), note: { tone: 'normal', text } });
}

/**
 * Adds a typed name. A catalogue name (in any case, by a prefix or by the console's words, as long as it
 * names one permission) is granted with its implications; several matches are listed to Tab through. A name the
 * catalogue does not know needs a second Enter (`confirmed`), because it is usually a typo; it is then
 * kept under "Other". Returns the state and whether the input should close.
 */
export function applyAdd(state: EditorState, typed: string, confirmed: boolean): { state: EditorState; done: boolean } {
  const text = typed.trim();
  if (text === '') return { state, done: true };
  const match = matchPermissionTerm(text);
  if (match.kind === 'many') {
    return { state: { ...state, note: { tone: 'warning', text: `${sanitizeLine(permissionTermMessage(text, match))}. Tab goes through them.` } }, done: false };
  }
  const name = match.kind === 'none' ? text : match.names[0]!;
  if (grantedSet(state).has(name)) return { state: moveTo({ ...state, note: { tone: 'normal', text: `${label(name)} is already granted` } }, name), done: true };
  if (!lookupPermission(name) && !confirmed) {
    const suggestions = match.suggestions;
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}? Tab goes through them.` : '';
    return { state: { ...state, note: { tone: 'warning', text: `${sanitizeLine(text)} is not in the catalogue.${hint} Enter again adds it as typed, under Other.` } }, done: false };
  }
  if (name.length > 128) return { state: { ...state, note: { tone: 'error', text: 'A permission name has at most 128 characters' } }, done: false };
  const next = applyToggle(state, name);
  return { state: moveTo(next, name), done: true };
}

/** Puts the cursor on the row of `name` when it is listed. */
function moveTo(state: EditorState, name: string): EditorState {
  const index = permissionRows(state).findIndex((r) => r.kind === 'permission' && r.name === name);
  return index < 0 ? state : { ...state, permCursor: index };
}

/** Folds a group to its title, or unfolds it. */
export function toggleFold(state: EditorState, group: string): EditorState {
  const folded = state.folded.includes(group) ? state.folded.filter((g) => g !== group) : [...state.folded, group];
  return clampPermCursor({ ...state, folded, note: { tone: 'normal', text: `${group} ${folded.includes(group) ? 'folded' : 'unfolded'} (Space again ${folded.includes(group) ? 'unfolds' : 'folds'} it; t grants the whole group)` } });
}

/** How many permissions `t` on the group would grant (0 when it would withdraw them all). */
export function groupGrantCount(state: EditorState, group: string): number {
  const granted = grantedSet(state);
  const members = getCatalogue().find((g) => g.group === group)?.permissions ?? [];
  return members.filter((p) => !granted.has(p.name)).length;
}

/** Space on a grid cell: its permission (with implications), All for the row, or why not. */
export function applyCellToggle(state: EditorState, row: ResourceRow, column: number): EditorState {
  const cell = row.cells[Math.min(column, row.cells.length - 1)];
  if (!cell) return state;
  if (cell.isAll) {
    const result = toggleAll(grantedSet(state), cell.names ?? []);
    if (result.granted.size > MAX_PERMISSIONS) return { ...state, note: limitNote(state, result) };
    const text = result.added.length > 0 ? `Granted all of ${row.label} (+${result.added.length})` : `Withdrew all of ${row.label} (−${result.removed.length})`;
    return clampPermCursor({ ...state, draft: withPermissions(state, result), note: { tone: 'normal', text } });
  }
  if (cell.name === undefined) return { ...state, note: { tone: 'warning', text: `${row.label} has no ${cell.label} permission` } };
  return applyToggle(state, cell.name);
}

/** A row's identity across views (the search on or off): its kind and what it stands for. */
function rowKey(row: EditorRow): string {
  return row.kind === 'permission' ? `p:${row.name}` : row.kind === 'resource' ? `r:${row.resource}` : `g:${row.group}`;
}

/** Clears the search and keeps the cursor on the row it was on (now among every row), where that row is shown. */
export function clearSearchKeepingRow(state: EditorState, extra: Partial<EditorState> = {}): EditorState {
  const here = permissionRows(state)[state.permCursor];
  const cleared: EditorState = { ...state, search: '', ...extra };
  const index = here === undefined ? -1 : permissionRows(cleared).findIndex((r) => rowKey(r) === rowKey(here));
  return clampPermCursor(index >= 0 ? { ...cleared, permCursor: index } : cleared);
}
