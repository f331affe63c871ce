import { describe, expect, it } from 'vitest';
import type { ConnectInstance } from '../../src/domain/profile/security-profile.js';
import type { KeyState } from '../../src/keys/keymap.js';
import { appReducer } from '../../src/state/app-reducer.js';
import { createInitialState, type AppState } from '../../src/state/app-state.js';
import type { Action } from '../../src/state/app-actions.js';
import { modeOf } from '../../src/state/selectors.js';

const INSTANCES: ConnectInstance[] = [
  { arn: 'arn:aws:connect:us-east-1:111122223333:instance/i-1', id: 'i-1', alias: 'acme-support', status: 'ACTIVE' },
  { arn: 'arn:aws:connect:us-east-1:111122223333:instance/i-2', id: 'i-2', alias: 'acme-sales', status: 'ACTIVE' },
];
const ARNS = Array.from({ length: 100 }, (_, i) => `${INSTANCES[0]!.arn}/security-profile/p${i}`);

const run = (state: AppState, ...actions: Action[]): AppState => actions.reduce(appReducer, state);
const key = (input: string, k: KeyState = {}): Action => ({ type: 'input/key', input, key: k });

/** A state on the list screen of acme-support with 100 rows, 24×80 (18 table rows). */
function onList(): AppState {
  const start = createInitialState({ region: 'us-east-1', skipRegionPicker: true, instance: 'acme-support' });
  return run(start, { type: 'instances/loaded', items: INSTANCES }, { type: 'list/shown', arns: ARNS });
}

describe('the region filter', () => {
  it('once typing has begun, q and ? are typed, not run; with an empty filter q quits', () => {
    const s = run(createInitialState({ region: 'eu-west-2' }), key('e'), key('u'), key('q'), key('?'));
    expect(s.regions.filter).toBe('euq?');
    expect(s.isQuitting).toBe(false);
    expect(s.modal.kind).toBe('none');
    expect(run(createInitialState({ region: 'eu-west-2' }), key('q')).isQuitting).toBe(true);
  });
});

describe('start', () => {
  it('opens the region picker with the configured region preselected', () => {
    const s = createInitialState({ region: 'eu-west-2' });
    expect(s.screen.kind).toBe('regions');
    expect(s.regions.cursor).toBe(9);
    expect(modeOf(s)).toBe('regions');
  });
  it('--region skips the picker; --instance opens the list once instances are known', () => {
    const s = createInitialState({ region: 'us-east-1', skipRegionPicker: true, instance: 'i-2' });
    expect(s.screen.kind).toBe('instances');
    const next = appReducer(s, { type: 'instances/loaded', items: INSTANCES });
    expect(next.screen.kind).toBe('list');
    expect(next.instance?.alias).toBe('acme-sales');
    expect(next.pendingInstance).toBeUndefined();
  });
  it('an unknown --instance leaves the picker up with a notice', () => {
    const s = createInitialState({ region: 'us-east-1', skipRegionPicker: true, instance: 'nope' });
    const next = appReducer(s, { type: 'instances/loaded', items: INSTANCES });
    expect(next.screen.kind).toBe('instances');
    expect(next.notice?.tone).toBe('error');
  });
  it('preselects the instance remembered from last time', () => {
    const s = createInitialState({ region: 'us-east-1', skipRegionPicker: true, rememberedInstanceArn: INSTANCES[1]!.arn });
    expect(appReducer(s, { type: 'instances/loaded', items: INSTANCES }).instances.cursor).toBe(1);
  });
});

describe('pickers', () => {
  it('filters regions by typing and opens the one under the cursor', () => {
    const s = run(createInitialState(), key('l'), key('o'), key('n'), key('', { return: true }));
    expect(s.region).toBe('eu-west-2');
    expect(s.screen.kind).toBe('instances');
  });
  it('Esc on instances goes back to the regions with the current one selected', () => {
    const s = run(createInitialState({ region: 'ca-central-1', skipRegionPicker: true }), key('', { escape: true }));
    expect(s.screen.kind).toBe('regions');
    expect(s.regions.cursor).toBe(7);
  });
  it('choosing another region forgets the instance and the list', () => {
    const s = run(onList(), { type: 'app/back' }, { type: 'app/back' }, key('', { downArrow: true }), key('', { return: true }));
    expect(s.region).toBe('us-west-2');
    expect(s.instance).toBeUndefined();
    expect(s.list.shown).toEqual([]);
  });
});

describe('list', () => {
  it('moves the cursor and the window', () => {
    let s = run(onList(), key('j'), key('j'));
    expect(s.list.cursor).toBe(2);
    s = run(s, key('', { pageDown: true }));
    expect(s.list.cursor).toBe(20);
    expect(s.list.top).toBe(18);
    s = run(s, key('G', { shift: true }));
    expect(s.list).toMatchObject({ cursor: 99, top: 82 });
    s = run(s, key('g'));
    expect(s.list).toMatchObject({ cursor: 0, top: 0 });
    s = run(s, key('k'));
    expect(s.list.cursor).toBe(0);
  });

  it('a move does not copy the shown rows', () => {
    const s = onList();
    expect(run(s, key('j')).list.shown).toBe(s.list.shown);
  });

  it('keeps the selected profile selected when the order changes', () => {
    const s = run(onList(), key('j'), key('j'), key('j'));
    const reversed = [...ARNS].reverse();
    const next = appReducer(s, { type: 'list/shown', arns: reversed });
    expect(next.list.shown[next.list.cursor]).toBe(ARNS[3]);
  });

  it('filter mode takes the keys: typing, backspace, Enter keeps, Esc clears', () => {
    let s = run(onList(), key('/'));
    expect(modeOf(s)).toBe('filter');
    s = run(s, key('q'), key('x'), key('', { delete: true }));
    expect(s.list.filter).toBe('q');
    expect(s.isQuitting).toBe(false);
    s = run(s, key('', { return: true }));
    expect(modeOf(s)).toBe('list');
    expect(s.list.filter).toBe('q');
    // Esc on the list clears a filter before it goes back.
    s = run(s, key('', { escape: true }));
    expect(s.list.filter).toBe('');
    expect(s.screen.kind).toBe('list');
    s = run(s, key('', { escape: true }));
    expect(s.screen.kind).toBe('instances');
  });

  it('sorts, the same key reversing', () => {
    let s = run(onList(), key('#'));
    expect(s.list.sort).toEqual({ key: 'permissions', isDescending: true });
    s = run(s, key('#'));
    expect(s.list.sort).toEqual({ key: 'permissions', isDescending: false });
    s = run(s, key('N', { shift: true }));
    expect(s.list.sort).toEqual({ key: 'name', isDescending: false });
    s = run(s, key('N', { shift: true }));
    expect(s.list.sort).toEqual({ key: 'name', isDescending: true });
  });

  it('marks as many as wanted; compare takes the last two; e with two or more marked is one change to all', () => {
    let s = run(onList(), key('='));
    expect(s.screen.kind).toBe('list');
    expect(s.notice?.text).toContain('0 marked');
    s = run(s, key(' '), key('j'), key(' '), key('j'), key(' '));
    expect(s.notice).toBeUndefined();
    expect(s.list.marked).toEqual([ARNS[0], ARNS[1], ARNS[2]]);
    expect(run(s, key('e')).modal).toEqual({ kind: 'assign', intent: { kind: 'bulk', profileArns: [ARNS[0], ARNS[1], ARNS[2]] } });
    s = run(s, key(' '));
    expect(s.list.marked).toEqual([ARNS[0], ARNS[1]]);
    s = run(s, key('k'), key('k'), key(' '), key('k'), key(' '));
    expect(s.list.marked).toEqual([ARNS[1], ARNS[0]]);
    s = run(s, key('='));
    expect(s.screen).toMatchObject({ kind: 'compare', arns: [ARNS[1], ARNS[0]] });
    s = run(s, key('t'));
    expect(s.screen).toMatchObject({ isOnlyDifferences: true });
    expect(run(s, key('', { escape: true })).screen.kind).toBe('list');
  });

  it('refresh bumps the reload key', () => {
    expect(run(onList(), key('r')).list.reloadKey).toBe(onList().list.reloadKey + 1);
  });
});

describe('detail', () => {
  it('opens the row under the cursor, scrolls within its length, toggles raw, goes back', () => {
    let s = run(onList(), key('j'), key('', { return: true }));
    expect(s.screen).toMatchObject({ kind: 'detail', arn: ARNS[1], scroll: 0 });
    s = run(s, { type: 'detail/measured', lineCount: 40 }, key('G', { shift: true }));
    // 24 rows: body 19, pane 18 lines under the title.
    expect(s.screen).toMatchObject({ scroll: 22 });
    s = run(s, key('v'));
    expect(s.screen).toMatchObject({ isRaw: true, scroll: 0 });
    s = run(s, key('r'));
    expect(s.screen).toMatchObject({ reloadKey: 1 });
    s = run(s, key('', { escape: true }));
    expect(s.screen.kind).toBe('list');
    expect(s.list.cursor).toBe(1);
  });
});

describe('help and quitting', () => {
  it('opens help for the current mode and closes it with ? or Esc', () => {
    let s = run(onList(), key('?'));
    expect(s.modal).toEqual({ kind: 'help', mode: 'list', scroll: 0 });
    expect(modeOf(s)).toBe('help');
    s = run(s, key('?'));
    expect(s.modal.kind).toBe('none');
  });
  it('q and Ctrl-C quit; a quit is only requested once', () => {
    expect(run(onList(), key('q')).isQuitting).toBe(true);
    const s = run(onList(), key('/'), key('c', { ctrl: true }));
    expect(s.isQuitting).toBe(true);
    expect(appReducer(s, { type: 'app/quit' })).toBe(s);
  });
  it('a resize re-clamps the window', () => {
    const s = run(onList(), key('G', { shift: true }), { type: 'layout/resized', layout: { columns: 80, rows: 50 } });
    expect(s.list.top).toBe(100 - 44);
  });
});

describe('keys arriving together', () => {
  it('runs each character in the mode the previous one left', () => {
    let s = run(onList(), key('j '));
    expect(s.list.cursor).toBe(1);
    expect(s.list.marked).toEqual([ARNS[1]]);
    s = run(s, key('/ab'));
    expect(modeOf(s)).toBe('filter');
    expect(s.list.filter).toBe('ab');
    // Pasted into a text field: inserted whole.
    s = run(s, key('perm:X'));
    expect(s.list.filter).toBe('abperm:X');
  });

  it('keeps Enter, Tab and Backspace that arrive inside a burst', () => {
    const s = run(onList(), key('jj\r'));
    expect(s.list.cursor).toBe(2);
    expect(s.screen.kind).toBe('detail');
    const filtered = run(onList(), key('/abc\x7f'));
    expect(filtered.list.filter).toBe('ab');
  });
});
