// The permission pane's rows: every catalogue permission grouped as the console groups them, then the
// names the catalogue does not know under "Other", narrowed by the view (all / granted / changed) and
// the search. Pure.
import { getCatalogue, lookupPermission, OTHER_GROUP, permissionLabel } from '../../domain/permissions/permissions.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { gridCells, gridResources } from '../../domain/permissions/permission-grid.js';
import type { EditorState, PermissionView } from './editor-state.js';

export type PermissionChange = 'added' | 'removed';

export interface GroupRow {
  kind: 'group';
  group: string;
  /** Granted permissions of the group in the draft. */
  granted: number;
  /** Permissions of the group (for Other: the unknown names on the draft or the saved profile). */
  total: number;
  /** True when the group is a catalogue group (the group toggle works on it). */
  isCatalogue: boolean;
}

export interface PermissionRow {
  kind: 'permission';
  name: string;
  group: string;
  /** The console's words, e.g. `Users · Edit`; unknown names as they are (sanitised). */
  label: string;
  isGranted: boolean;
  change?: PermissionChange;
  isKnown: boolean;
}

/** A grid row (the console's layout): one resource, a cell per column. */
export interface ResourceRow {
  kind: 'resource';
  resource: string;
  group: string;
  label: string;
  cells: ResourceCell[];
}

export interface ResourceCell {
  label: string;
  /** The permission of the cell; undefined for All and for an action the resource lacks. */
  name?: string;
  isAll?: boolean;
  /** For All: every permission of the row is granted. */
  isGranted: boolean;
  change?: PermissionChange;
  /** For All: the row's permissions. */
  names?: string[];
}

export type EditorRow = GroupRow | PermissionRow | ResourceRow;

export function grantedSet(state: Pick<EditorState, 'draft'>): Set<string> {
  return new Set(state.draft.Permissions ?? []);
}

function matchesSearch(search: string, name: string, label: string, group: string): boolean {
  if (search === '') return true;
  // Every word typed appears somewhere, in any order: "edit users" finds `Users · Edit`.
  const hay = `${name} ${label} ${group}`.toLowerCase();
  return search
    .toLowerCase()
    .split(/[^\p{L}\p{N}.]+/u)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

function inView(view: PermissionView, isGranted: boolean, change: PermissionChange | undefined): boolean {
  if (view === 'granted') return isGranted;
  if (view === 'changed') return change !== undefined;
  return true;
}

/** The search being typed wins over the accepted one, so the list narrows as the user types. */
export function activeSearch(state: Pick<EditorState, 'search' | 'input'>): string {
  return state.input.kind === 'search' ? state.input.text.trim() : state.search.trim();
}

type RowsInput = Pick<EditorState, 'draft' | 'baseline' | 'permView' | 'search' | 'input'> & Partial<Pick<EditorState, 'folded' | 'layout'>>;

function changeOf(name: string, granted: ReadonlySet<string>, was: ReadonlySet<string>): PermissionChange | undefined {
  const isGranted = granted.has(name);
  return isGranted && !was.has(name) ? 'added' : !isGranted && was.has(name) ? 'removed' : undefined;
}

/**
 * The rows of the permission pane: groups, each followed by its permissions (the list) or its
 * resources (the grid), narrowed by the view and the search. A folded group shows its title only,
 * unless a search is on (what is searched for is never hidden).
 */
export function permissionRows(state: RowsInput): EditorRow[] {
  return state.layout === 'grid' ? gridRows(state) : listRows(state);
}

function isFolded(state: RowsInput, group: string, search: string): boolean {
  return search === '' && (state.folded ?? []).includes(group);
}

function gridRows(state: RowsInput): EditorRow[] {
  const granted = grantedSet(state);
  const was = new Set(state.baseline.Permissions ?? []);
  const search = activeSearch(state);
  const rows: EditorRow[] = [];
  let group: { row: GroupRow; items: ResourceRow[] } | undefined;
  const flush = (): void => {
    if (group && group.items.length > 0) rows.push(group.row, ...(isFolded(state, group.row.group, search) ? [] : group.items));
  };
  for (const resource of gridResources()) {
    if (group?.row.group !== resource.group) {
      flush();
      const members = getCatalogue().find((g) => g.group === resource.group)?.permissions ?? [];
      group = { row: { kind: 'group', group: resource.group, granted: members.filter((p) => granted.has(p.name)).length, total: members.length, isCatalogue: true }, items: [] };
    }
    const shown = resource.names.some((name) => inView(state.permView, granted.has(name), changeOf(name, granted, was)) && matchesSearch(search, name, `${resource.label} ${permissionLabel(name)}`, resource.group));
    if (!shown) continue;
    const cells: ResourceCell[] = gridCells(resource).map((cell) => {
      if (cell.isAll) return { label: cell.label, isAll: true, isGranted: resource.names.every((n) => granted.has(n)), names: resource.names };
      if (cell.name === undefined) return { label: cell.label, isGranted: false };
      const change = changeOf(cell.name, granted, was);
      return { label: cell.label, name: cell.name, isGranted: granted.has(cell.name), ...(change ? { change } : {}) };
    });
    group.items.push({ kind: 'resource', resource: resource.resource, group: resource.group, label: resource.label, cells });
  }
  flush();
  // Names the catalogue does not know have no grid: they stay a list under Other.
  return [...rows, ...listRows(state, true)];
}

function listRows(state: RowsInput, otherOnly = false): EditorRow[] {
  const granted = grantedSet(state);
  const was = new Set(state.baseline.Permissions ?? []);
  const search = activeSearch(state);
  const rows: EditorRow[] = [];
  const pushGroup = (group: string, names: readonly string[], isCatalogue: boolean): void => {
    const items: PermissionRow[] = [];
    let grantedCount = 0;
    for (const name of names) {
      const isGranted = granted.has(name);
      if (isGranted) grantedCount++;
      const change: PermissionChange | undefined = isGranted && !was.has(name) ? 'added' : !isGranted && was.has(name) ? 'removed' : undefined;
      const label = isCatalogue ? permissionLabel(name) : sanitizeLine(name);
      if (!inView(state.permView, isGranted, change) || !matchesSearch(search, name, label, group)) continue;
      items.push({ kind: 'permission', name, group, label, isGranted, isKnown: isCatalogue, ...(change ? { change } : {}) });
    }
    if (items.length === 0) return;
    rows.push({ kind: 'group', group, granted: grantedCount, total: names.length, isCatalogue }, ...(isFolded(state, group, search) ? [] : items));
  };
  for (const { group, permissions } of otherOnly ? [] : getCatalogue()) {
    pushGroup(
      group,
      permissions.map((p) => p.name),
      true,
    );
  }
  const unknown = [...new Set([...granted, ...was])].filter((name) => lookupPermission(name) === undefined).sort();
  pushGroup(OTHER_GROUP, unknown, false);
  return rows;
}

/** The rows to draw: a window of `height` rows that keeps the cursor in view, centred where it can be. */
export function visibleWindow(count: number, cursor: number, height: number): { start: number; end: number } {
  const h = Math.max(1, height);
  if (count <= h) return { start: 0, end: count };
  const start = Math.min(Math.max(0, cursor - Math.floor(h / 2)), count - h);
  return { start, end: start + h };
}

/** Counts for the pane title: `42 granted · 3 added · 1 removed`. */
export function permissionCounts(state: Pick<EditorState, 'draft' | 'baseline'>): { granted: number; added: number; removed: number } {
  const now = grantedSet(state);
  const was = new Set(state.baseline.Permissions ?? []);
  let added = 0;
  let removed = 0;
  for (const n of now) if (!was.has(n)) added++;
  for (const n of was) if (!now.has(n)) removed++;
  return { granted: now.size, added, removed };
}
