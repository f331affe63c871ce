// The fleet shell's reducer as a pure function: keys resolved against the state the previous key left.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DriftColumn } from '../../src/domain/fleet/drift.js';
import { type FleetRow, rowIdentity } from '../../src/domain/fleet/fleet-row.js';
import type { SecurityProfile } from '../../src/domain/profile/security-profile.js';
import type { KeyState } from '../../src/keys/key-spec.js';
import { type FleetState, type FleetWorld, fleetCursor, fleetMatrix, fleetModeOf, fleetReducer, initialFleetState, shownFleetRows } from '../../src/state/fleet-reducer.js';

const row = (profile: string, alias: string, region = 'us-east-1', status = 'ACTIVE'): FleetRow => ({
  profile,
  accountId: profile === 'acme' ? '123456789012' : '210987654321',
  region,
  instance: { arn: `arn:aws:connect:${region}:1:instance/${alias}`, id: alias, alias, status },
  production: alias.includes('prod'),
});
const ROWS = [row('acme', 'acme-support'), row('acme-platform', 'acme-dev', 'us-west-2'), row('acme-platform', 'acme-prod'), row('acme', 'acme-canada', 'ca-central-1', 'CREATION_FAILED')];
const profile = (name: string, permissions: string[]): SecurityProfile => ({ InstanceArn: 'x', SecurityProfileName: name, SecurityProfileArn: `arn:${name}`, Permissions: permissions });
// One column per ACTIVE row, in the rows' order (as useDriftColumns reads them).
const COLUMNS: DriftColumn[] = [
  { key: 'acme:acme-support', profiles: [profile('A', ['Users.View']), profile('B', ['Users.View'])], groups: [] },
  { key: 'acme-platform:acme-dev', profiles: [profile('A', ['Users.View']), profile('B', ['Users.View'])], groups: [] },
  { key: 'acme-platform:acme-prod', profiles: [profile('A', ['Users.View', 'Users.Edit'])], groups: [] },
] as DriftColumn[];
const world: FleetWorld = { rows: ROWS, isScanDone: true, columns: COLUMNS, unfinished: [], cellMax: 5, page: 3 };

const NONE: KeyState = {};
const keyOf = (k: string): [string, KeyState] =>
  k === '\r' ? ['', { return: true }] : k === 'esc' ? ['', { escape: true }] : k === 'down' ? ['', { downArrow: true }] : k === 'back' ? ['', { backspace: true }] : [k, NONE];
const press = (state: FleetState, ...keys: string[]): FleetState => keys.reduce((s, k) => {
  const [input, key] = keyOf(k);
  return fleetReducer(s, { type: 'fleet/key', input, key, world });
}, state);
const start = (over: Partial<FleetState> = {}): FleetState => ({ ...initialFleetState({ isReadOnly: false, unfinished: 0 }), ...over });

describe('fleet reducer', () => {
  it("the cursor stays on the row it was put on as the scan's rows arrive around it, under the filter; a row gone leaves it where it is", () => {
    const [support, dev, prod, canada] = ROWS as [FleetRow, FleetRow, FleetRow, FleetRow];
    // Not put anywhere yet: the cursor stays at the top whatever arrives.
    expect(fleetCursor(start(), [prod, support])).toBe(0);
    // Put on acme-dev (the second row of the world's), then two rows arrive before it.
    const on = press(start(), 'down');
    expect(on.cursorRow).toBe(rowIdentity(dev));
    expect(fleetCursor(on, [prod, support, canada, dev])).toBe(3);
    // The next key moves from there: ↑ goes to the row above acme-dev as the rows are now.
    const up = fleetReducer(on, { type: 'fleet/key', input: '', key: { upArrow: true }, world: { ...world, rows: [prod, support, canada, dev] } });
    expect(up.cursorRow).toBe(rowIdentity(canada));
    // Filtered to the platform's rows, acme-dev is the second shown.
    expect(fleetCursor({ ...on, filter: 'platform' }, [support, prod, canada, dev])).toBe(1);
    // A row that is gone (a rescan): the cursor stays where it is.
    expect(fleetCursor(on, [prod, support])).toBe(1);
  });

  it('G and g go to the last and first row; PgDn and PgUp a page at a time, within the rows', () => {
    const pageDown: [string, KeyState] = ['', { pageDown: true }];
    const s = fleetReducer(start(), { type: 'fleet/key', input: pageDown[0], key: pageDown[1], world });
    expect(s.cursor).toBe(3); // a page is 3 rows here; there are 4
    expect(fleetReducer(s, { type: 'fleet/key', input: pageDown[0], key: pageDown[1], world }).cursor).toBe(3);
    expect(press(start(), 'G').cursor).toBe(3);
    expect(press(start(), 'G', 'g').cursor).toBe(0);
  });

  it("n in the matrix goes to the next instance where the profile under the cursor drifts", () => {
    // A differs in acme-prod (the third column); the baseline is the first.
    const s = press(start(), 'D', 'n');
    expect(s.cell).toEqual({ row: 0, col: 2 });
    // B is the same where it is, and missing in acme-prod: n goes there too.
    expect(press(start(), 'D', 'j', 'n').cell).toEqual({ row: 1, col: 2 });
  });

  it.each([
    { keys: ['/', 'p', 'r', 'o', 'd', '\r', '\r'], view: 'instance', note: 'a burst types the filter, keeps it and opens what it shows' },
    { keys: ['j', 'j', '\r'], view: 'instance', note: 'the cursor moves before Enter reads it' },
    { keys: ['D'], view: 'drift', note: 'D with two ACTIVE instances or more' },
    { keys: ['D', '?'], view: 'help', note: "the matrix's own help" },
    { keys: ['D', '?', 'esc'], view: 'drift', note: 'help goes back where it came from' },
    { keys: ['D', '\r'], view: 'cell', note: 'Enter shows the cell' },
    { keys: ['D', '\r', 'esc'], view: 'drift', note: 'Esc leaves the cell' },
    { keys: ['R'], view: 'fleet', note: 'R with nothing to resume stays, saying so' },
  ])('$note', ({ keys, view }) => {
    expect(press(start(), ...keys).view.kind).toBe(view);
  });

  it('the filter: typed, erased, cleared; an unbound letter is text while typing', () => {
    let s = press(start(), '/', 'd', 'e', 'v', 'x', 'back');
    expect(s.filter).toBe('dev');
    expect(fleetModeOf(s)).toBe('fleet-filter');
    expect(shownFleetRows(world.rows, s.filter).map((r) => r.instance?.alias)).toEqual(['acme-dev']);
    s = press(s, 'esc');
    expect([s.filter, s.isFiltering]).toEqual(['', false]);
  });

  it('D refuses while the scan runs or with fewer than two ACTIVE instances, and says why', () => {
    const running = fleetReducer(start(), { type: 'fleet/key', input: 'D', key: NONE, world: { ...world, isScanDone: false } });
    expect(running.view.kind).toBe('fleet');
    expect(running.notice).toContain('still running');
    const one = press(start(), '/', 'c', 'a', 'n', 'a', 'd', 'a', '\r', 'D');
    expect(one.notice).toContain('Drift needs two ACTIVE instances or more among those the filter shows');
  });

  it('opening a row that is not ACTIVE says why and stays', () => {
    const s = press(start(), '/', 'c', 'a', 'n', 'a', 'd', 'a', '\r', '\r');
    expect(s.view.kind).toBe('fleet');
    expect(s.notice).toContain('only an ACTIVE instance can be opened');
  });

  it('q quits through the one exit site (a state flag), from the fleet and the matrix', () => {
    expect(press(start(), 'q').isQuitting).toBe(true);
    expect(press(start(), 'D', 'q').isQuitting).toBe(true);
    expect(press(start(), '/', 'q').isQuitting).toBe(false);
  });

  it('read-only: P and R are not keys at all', () => {
    const ro = start({ isReadOnly: true });
    expect(press(ro, 'D', 'P').view.kind).toBe('drift');
    expect(press(start(), 'D', 'P').view.kind).toBe('promote');
  });

  it('P in the matrix promotes the baseline profile to the marked columns', () => {
    const s = press(start(), 'D', 'l', 'l', ' ', 'P');
    expect(s.view.kind).toBe('promote');
    if (s.view.kind !== 'promote') return;
    expect(s.view.request.names).toEqual(['A']);
    expect(s.view.request.targets?.map((r) => r.instance?.alias)).toEqual(['acme-prod']);
    expect(s.view.back).toBe('drift');
  });

  it('clamps the cell, the baseline and the marks to the columns and rows there are', () => {
    const s = { ...start(), cell: { row: 4, col: 3 }, baseline: 3, marked: new Set(['0:1', '4:3']) };
    const clamped = fleetReducer(s, { type: 'fleet/clamp', lastRow: 1, lastCol: 1 });
    expect(clamped.cell).toEqual({ row: 1, col: 1 });
    expect(clamped.baseline).toBe(1);
    expect([...clamped.marked]).toEqual(['0:1']);
    expect(fleetReducer(clamped, { type: 'fleet/clamp', lastRow: 1, lastCol: 1 })).toBe(clamped);
  });

  it('a finished promotion goes back where it came from and reads the matrix again', () => {
    const s = press(start(), 'D', 'l', 'P');
    const closed = fleetReducer(s, { type: 'fleet/promote-closed', summary: 'done' });
    expect(closed.view.kind).toBe('drift');
    expect(closed.driftKey).toBe(s.driftKey + 1);
    expect(closed.notice).toBe('done');
  });

  it('f shows only the drifting profiles and drops the marks (they were rows)', () => {
    const s = press(start(), 'D', ' ', 'f');
    expect(s.marked.size).toBe(0);
    expect(fleetMatrix(COLUMNS, s).matrix.names).toEqual(fleetMatrix(COLUMNS, s).matrix.names.filter((n) => n === 'A' || n === 'B'));
  });

  it('any sequence of keys leaves the cursors within what there is (fast-check)', () => {
    const keys = fc.constantFrom('j', 'k', 'h', 'l', 'D', '\r', 'esc', '/', 'a', 'back', 'f', ' ', 'b', 'G', 'g', '?', 'r', 'down');
    fc.assert(
      fc.property(fc.array(keys, { maxLength: 40 }), (typed) => {
        const s = press(start(), ...typed);
        const shown = shownFleetRows(world.rows, s.filter);
        expect(s.cursor).toBeGreaterThanOrEqual(0);
        expect(s.cursor).toBeLessThanOrEqual(Math.max(0, shown.length - 1));
        const { matrix } = fleetMatrix(COLUMNS, s);
        expect(s.cell.col).toBeLessThanOrEqual(COLUMNS.length - 1);
        expect(s.cell.row).toBeLessThanOrEqual(Math.max(0, matrix.names.length - 1));
        expect(s.cellScroll).toBeLessThanOrEqual(world.cellMax);
      }),
      { numRuns: 300 },
    );
  });
});
