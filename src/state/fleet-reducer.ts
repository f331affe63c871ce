// The fleet shell's state (app/fleet/fleet-shell.tsx): which view is up (the fleet, an instance, the
// drift matrix, a cell's difference, promote, help), the cursors, the filter, marks and notices. Keys
// are resolved with keys/fleet-keys.ts against the state the previous key left, so a burst ("/prod\r",
// "jj\r") acts as typed slowly. What the keys act on that hooks own (the scan's rows, the drift
// columns) comes with each key as `world`. Pure and exhaustive over every action.
import { editFilter } from './filter.js';
import { type DriftColumn, type DriftMatrix, driftMatrix, nextDriftingCell, onlyDrifting } from '../domain/fleet/drift.js';
import { activeFleetRows, type FleetRow, instanceKey, rowIdentity, shownFleetRows } from '../domain/fleet/fleet-row.js';

export { activeFleetRows, fleetRowMatches, shownFleetRows } from '../domain/fleet/fleet-row.js';
import type { Promotion } from '../domain/fleet/promotion-journal.js';
import { FLEET_KEYMAP, type FleetCommand, type FleetMode } from '../keys/fleet-keys.js';
import type { KeyState } from '../keys/key-spec.js';

export interface DriftCursor {
  readonly row: number;
  readonly col: number;
}

/** What a promotion starts from: profiles of a source by name (maybe with targets chosen), or a journal to resume. */
export interface PromoteRequest {
  readonly source?: FleetRow;
  readonly names?: readonly string[];
  readonly targets?: readonly FleetRow[];
  readonly resume?: Promotion;
}

export type FleetView =
  | { readonly kind: 'fleet' }
  | { readonly kind: 'instance'; readonly row: FleetRow }
  | { readonly kind: 'drift' }
  | { readonly kind: 'cell' }
  | { readonly kind: 'promote'; readonly request: PromoteRequest; readonly back: 'fleet' | 'drift' | 'instance'; readonly row?: FleetRow }
  | { readonly kind: 'help'; readonly back: 'fleet' | 'drift' };

/** Every view of the fleet shell at run time: a view added to the union only does not compile. */
export const FLEET_VIEW_KINDS = ['fleet', 'instance', 'drift', 'cell', 'promote', 'help'] as const satisfies readonly FleetView['kind'][];
export const ALL_FLEET_VIEWS_LISTED: [Exclude<FleetView['kind'], (typeof FLEET_VIEW_KINDS)[number]>] extends [never] ? true : never = true;

export interface FleetState {
  readonly view: FleetView;
  readonly cursor: number;
  /** The row the cursor was put on (`rowIdentity`): it stays there as the scan's rows arrive around it. */
  readonly cursorRow?: string | undefined;
  /** `/`: the rows whose profile, account, region, alias or status hold every word typed; D compares those. */
  readonly filter: string;
  readonly isFiltering: boolean;
  readonly cell: DriftCursor;
  readonly baseline: number;
  /** Marked cells, `row:col`. */
  readonly marked: ReadonlySet<string>;
  readonly isOnlyDrifting: boolean;
  readonly cellScroll: number;
  readonly notice: string | undefined;
  /** Bumped to scan the fleet again (r) and to read the drift columns again (r in the matrix, after a promotion). */
  readonly scanKey: number;
  readonly driftKey: number;
  /** q: the shell leaves through the one exit site. */
  readonly isQuitting: boolean;
  readonly isReadOnly: boolean;
}

/** What the keys act on that the hooks own, as of the last render. */
export interface FleetWorld {
  readonly rows: readonly FleetRow[];
  readonly isScanDone: boolean;
  readonly columns: readonly DriftColumn[];
  readonly unfinished: readonly Promotion[];
  /** The cell view: how far it scrolls, and a page. */
  readonly cellMax: number;
  readonly page: number;
}

export type FleetAction =
  | { type: 'fleet/key'; input: string; key: KeyState; world: FleetWorld }
  | { type: 'fleet/notice'; text: string | undefined }
  /** The drift columns or rows changed: cursor, baseline and marks stay within them. */
  | { type: 'fleet/clamp'; lastRow: number; lastCol: number }
  | { type: 'fleet/instance-left' }
  | { type: 'fleet/promote'; request: PromoteRequest; back: 'fleet' | 'drift' | 'instance'; row?: FleetRow }
  | { type: 'fleet/promote-closed'; summary: string | undefined };

export function initialFleetState(options: { isReadOnly: boolean; unfinished: number }): FleetState {
  const { unfinished } = options;
  return {
    view: { kind: 'fleet' },
    cursor: 0,
    filter: '',
    isFiltering: false,
    cell: { row: 0, col: 0 },
    baseline: 0,
    marked: new Set(),
    isOnlyDrifting: false,
    cellScroll: 0,
    notice: unfinished > 0 ? `${unfinished} unfinished promotion${unfinished === 1 ? '' : 's'} (stopped before every step was confirmed): R resumes` : undefined,
    scanKey: 0,
    driftKey: 0,
    isQuitting: false,
    isReadOnly: options.isReadOnly,
  };
}

/** Whether the drift matrix is on view or under what is (its columns stay read). */
export function isDriftView(view: FleetView): boolean {
  return view.kind === 'drift' || view.kind === 'cell' || (view.kind === 'promote' && view.back === 'drift') || (view.kind === 'help' && view.back === 'drift');
}

/** The matrix of the columns read, against the baseline, maybe only the drifting rows. */
export function fleetMatrix(columns: readonly DriftColumn[], state: Pick<FleetState, 'baseline' | 'isOnlyDrifting'>): { whole: DriftMatrix; matrix: DriftMatrix } {
  const whole = driftMatrix(columns, Math.min(state.baseline, Math.max(0, columns.length - 1)));
  return { whole, matrix: state.isOnlyDrifting ? onlyDrifting(whole) : whole };
}

/** Where the keyboard is. */
export function fleetModeOf(state: FleetState): FleetMode | undefined {
  switch (state.view.kind) {
    case 'fleet':
      return state.isFiltering ? 'fleet-filter' : 'fleet';
    case 'drift':
      return 'drift';
    case 'cell':
      return 'cell';
    case 'help':
      return 'fleet-help';
    case 'instance':
    case 'promote':
      // The instance's app and the promote session read their own keys.
      return undefined;
  }
}

const clampTo = (n: number, last: number): number => Math.max(0, Math.min(last, n));
/** Where the cursor is among `rows` as shown: on the row it was put on, while that row is there (rows arrive around it). */
export function fleetCursor(state: FleetState, rows: readonly FleetRow[]): number {
  const at = state.cursorRow === undefined ? -1 : shownFleetRows(rows, state.filter).findIndex((r) => rowIdentity(r) === state.cursorRow);
  return at < 0 ? state.cursor : at;
}

export function fleetReducer(state: FleetState, action: FleetAction): FleetState {
  switch (action.type) {
    case 'fleet/key': {
      const base = { ...state, cursor: fleetCursor(state, action.world.rows) }; // from where the rows that arrived put it
      const next = onKey(base, action.input, action.key, action.world);
      if (next.cursor === base.cursor && next.filter === base.filter) return next;
      const row = shownFleetRows(action.world.rows, next.filter)[next.cursor];
      return { ...next, cursorRow: row === undefined ? undefined : rowIdentity(row) };
    }
    case 'fleet/notice':
      return { ...state, notice: action.text };
    case 'fleet/clamp': {
      const { lastRow, lastCol } = action;
      const cell = state.cell.col > lastCol || state.cell.row > lastRow ? { row: Math.min(state.cell.row, lastRow), col: Math.min(state.cell.col, lastCol) } : state.cell;
      const kept = [...state.marked].filter((id) => Number(id.split(':')[0]) <= lastRow && Number(id.split(':')[1]) <= lastCol);
      const marked = kept.length === state.marked.size ? state.marked : new Set(kept);
      const baseline = Math.min(state.baseline, lastCol);
      return cell === state.cell && marked === state.marked && baseline === state.baseline ? state : { ...state, cell, marked, baseline };
    }
    case 'fleet/instance-left':
      return { ...state, view: { kind: 'fleet' } };
    case 'fleet/promote':
      return { ...state, view: { kind: 'promote', request: action.request, back: action.back, ...(action.row ? { row: action.row } : {}) } };
    case 'fleet/promote-closed': {
      if (state.view.kind !== 'promote') return state;
      const { back, row } = state.view;
      const view: FleetView = back === 'instance' && row ? { kind: 'instance', row } : { kind: back === 'drift' ? 'drift' : 'fleet' };
      // After a promotion, the matrix is read again: it shows what the targets hold now.
      return { ...state, view, ...(action.summary !== undefined ? { notice: action.summary, driftKey: state.driftKey + 1 } : {}) };
    }
  }
}

function onKey(state: FleetState, input: string, key: KeyState, world: FleetWorld): FleetState {
  const mode = fleetModeOf(state);
  if (mode === undefined) return state;
  const resolved = FLEET_KEYMAP.resolve(mode, input, key, { readOnly: state.isReadOnly });
  if (resolved === undefined) return state;
  const { command } = resolved;
  const view = state.view;
  if (mode === 'fleet-help') return view.kind === 'help' ? { ...state, view: { kind: view.back } } : state;
  if (mode === 'fleet-filter') return onFilterKey(state, command, resolved.text, world);
  if (mode === 'cell') return { ...state, ...(command === 'app.back' ? { view: { kind: 'drift' } } : { cellScroll: scrolled(state.cellScroll, command, world.page, world.cellMax) }) };
  // The fleet and the matrix: a key clears what the status line said.
  const calm: FleetState = { ...state, notice: undefined };
  if (command === 'app.quit') return { ...calm, isQuitting: true };
  if (command === 'app.help') return { ...calm, view: { kind: 'help', back: mode === 'drift' ? 'drift' : 'fleet' } };
  return mode === 'fleet' ? onFleetKey(calm, command, world) : onDriftKey(calm, command, world);
}

function onFilterKey(state: FleetState, command: FleetCommand, text: string | undefined, world: FleetWorld): FleetState {
  // An arrow keeps the filter and moves among what it shows.
  if (command === 'cursor.up' || command === 'cursor.down') {
    const last = shownFleetRows(world.rows, state.filter).length - 1;
    return { ...state, isFiltering: false, cursor: clampTo(state.cursor + (command === 'cursor.down' ? 1 : -1), last) };
  }
  return editFilter(state, command, text) ?? state;
}

function onFleetKey(state: FleetState, command: FleetCommand, world: FleetWorld): FleetState {
  // What the filter shows now, not at the last render (a burst may have typed it).
  const shown = shownFleetRows(world.rows, state.filter);
  switch (command) {
    case 'fleet.filter':
      return { ...state, isFiltering: true };
    case 'app.back':
      return state.filter === '' ? state : { ...state, filter: '', cursor: 0 };
    case 'cursor.up':
    case 'cursor.down':
    case 'cursor.page-up':
    case 'cursor.page-down':
    case 'cursor.first':
    case 'cursor.last':
      return { ...state, cursor: scrolled(state.cursor, command, world.page, Math.max(0, shown.length - 1)) };
    case 'fleet.rescan':
      return { ...state, scanKey: state.scanKey + 1 };
    case 'fleet.drift': {
      if (!world.isScanDone) return { ...state, notice: 'The scan is still running: D once every account has answered' };
      if (activeFleetRows(shown).length < 2) return { ...state, notice: `Drift needs two ACTIVE instances or more${state.filter ? ' among those the filter shows' : ''}` };
      return { ...state, view: { kind: 'drift' } };
    }
    case 'fleet.resume': {
      const first = world.unfinished[0];
      if (first === undefined) return { ...state, notice: 'No unfinished promotion' };
      return { ...state, view: { kind: 'promote', request: { resume: first }, back: 'fleet' } };
    }
    case 'fleet.open': {
      const row = shown[state.cursor];
      if (row?.instance === undefined) return { ...state, notice: row?.error ? `${row.profile}: ${row.error.message}` : 'Nothing to open' };
      if ((row.instance.status ?? 'ACTIVE') !== 'ACTIVE') return { ...state, notice: `${instanceKey(row)} is ${row.instance.status}: only an ACTIVE instance can be opened` };
      return { ...state, view: { kind: 'instance', row } };
    }
    default:
      return state;
  }
}

function onDriftKey(state: FleetState, command: FleetCommand, world: FleetWorld): FleetState {
  const { matrix } = fleetMatrix(world.columns, state);
  const lastRow = matrix.names.length - 1;
  const lastCol = world.columns.length - 1;
  const { cell } = state;
  switch (command) {
    case 'app.back':
      return { ...state, view: { kind: 'fleet' } };
    case 'cursor.up':
    case 'cursor.down':
      return { ...state, cell: { ...cell, row: clampTo(cell.row + (command === 'cursor.down' ? 1 : -1), lastRow) } };
    case 'cursor.left':
    case 'cursor.right':
      return { ...state, cell: { ...cell, col: clampTo(cell.col + (command === 'cursor.right' ? 1 : -1), lastCol) } };
    case 'drift.next': {
      const next = nextDriftingCell(matrix, cell.row, cell.col);
      return next === undefined ? { ...state, notice: `${matrix.names[cell.row] ?? 'This profile'} is the same everywhere it was read` } : { ...state, cell: { ...cell, col: next } };
    }
    case 'drift.baseline':
      return { ...state, baseline: cell.col };
    case 'drift.only':
      // Rows change: the marks (by row) would point at other profiles.
      return { ...state, isOnlyDrifting: !state.isOnlyDrifting, marked: new Set(), cell: { ...cell, row: 0 } };
    case 'drift.reread':
      return { ...state, driftKey: state.driftKey + 1 };
    case 'drift.mark': {
      const id = `${cell.row}:${cell.col}`;
      return { ...state, marked: state.marked.has(id) ? new Set([...state.marked].filter((x) => x !== id)) : new Set([...state.marked, id]) };
    }
    case 'drift.open':
      return lastRow < 0 ? state : { ...state, cellScroll: 0, view: { kind: 'cell' } };
    case 'drift.promote': {
      const driftRows = activeFleetRows(shownFleetRows(world.rows, state.filter));
      const cells: [number, number][] = state.marked.size > 0 ? [...state.marked].map((id) => id.split(':').map(Number) as [number, number]) : [[cell.row, cell.col]];
      const targets = [...new Set(cells.map(([, c]) => c).filter((c) => c !== matrix.baseline))].map((c) => driftRows[c]).filter((r): r is FleetRow => r !== undefined);
      const names = [...new Set(cells.map(([r]) => matrix.names[r]).filter((n): n is string => n !== undefined && matrix.cells[matrix.names.indexOf(n)]?.[matrix.baseline]?.state === 'same'))];
      const source = driftRows[matrix.baseline];
      if (names.length === 0 || source === undefined) return { ...state, notice: 'P promotes from the baseline: mark cells of profiles the baseline has (◆ column)' };
      return { ...state, view: { kind: 'promote', request: { source, names, ...(targets.length > 0 ? { targets } : {}) }, back: 'drift' } };
    }
    default:
      return state;
  }
}

/** The same scrolling keys as the other long views (g/G, pages), within what there is (0…max). */
function scrolled(at: number, command: FleetCommand, page: number, max: number): number {
  const from = Math.min(max, at);
  switch (command) {
    case 'cursor.down':
      return Math.min(max, from + 1);
    case 'cursor.up':
      return Math.max(0, from - 1);
    case 'cursor.page-down':
      return Math.min(max, from + page);
    case 'cursor.page-up':
      return Math.max(0, from - page);
    case 'cursor.last':
      return max;
    case 'cursor.first':
      return 0;
    default:
      return at;
  }
}
