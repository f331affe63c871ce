import { describe, expect, it } from 'vitest';
import type { ConnectInstance } from '../../src/domain/profile/security-profile.js';
import type { KeyState } from '../../src/keys/keymap.js';
import { appReducer } from '../../src/state/app-reducer.js';
import { createInitialState, type AppState } from '../../src/state/app-state.js';
import type { Action } from '../../src/state/app-actions.js';
import { modeOf } from '../../src/state/selectors.js';
import { cloneTargetRows } from '../../src/state/session-reducer.js';

const INSTANCES: ConnectInstance[] = [
  { arn: 'arn:aws:connect:us-east-1:111122223333:instance/i-1', id: 'i-1', alias: 'acme-support', status: 'ACTIVE' },
  { arn: 'arn:aws:connect:us-east-1:111122223333:instance/i-2', id: 'i-2', alias: 'acme-sales', status: 'ACTIVE' },
];
const ARNS = Array.from({ length: 5 }, (_, i) => `${INSTANCES[0]!.arn}/security-profile/p${i}`);

const run = (state: AppState, ...actions: Action[]): AppState => actions.reduce(appReducer, state);
const key = (input: string, k: KeyState = {}): Action => ({ type: 'input/key', input, key: k });

function onList(readOnly = false): AppState {
  const start = createInitialState({ region: 'us-east-1', skipRegionPicker: true, instance: 'acme-support', readOnly });
  return run(start, { type: 'instances/loaded', items: INSTANCES }, { type: 'list/shown', arns: ARNS });
}

describe('opening a session', () => {
  it.each<[string, string, Partial<AppState['modal']>]>([
    ['e', 'edit', { kind: 'editor', target: { mode: 'edit', arn: ARNS[1]! }, isDirty: false }],
    ['n', 'new', { kind: 'editor', target: { mode: 'create' } }],
    ['c', 'clone here', { kind: 'editor', target: { mode: 'clone', sourceArn: ARNS[1]!, target: { region: 'us-east-1', instance: INSTANCES[0]! } } }],
    ['d', 'delete', { kind: 'delete', arn: ARNS[1]! }],
    ['o', 'operations', { kind: 'operations' }],
  ])('%s on the second row: %s', (input, _what, modal) => {
    const s = run(onList(), key('j'), key(input));
    expect(s.modal).toMatchObject(modal);
    expect(modeOf(s)).toBe('session');
  });

  it('e and d in the detail pane act on the profile shown', () => {
    const detail = run(onList(), key('j'), key('j'), key('', { return: true }));
    expect(run(detail, key('e')).modal).toMatchObject({ kind: 'editor', target: { mode: 'edit', arn: ARNS[2] } });
    expect(run(detail, key('d')).modal).toMatchObject({ kind: 'delete', arn: ARNS[2] });
  });

  it('read-only: e, n, c, C and d do nothing; o still opens the operations view', () => {
    const s = onList(true);
    for (const input of ['e', 'n', 'c', 'C', 'd']) expect(run(s, key(input)).modal.kind).toBe('none');
    // The reducer refuses too, whatever sends the action.
    expect(run(s, { type: 'session/edit' }, { type: 'session/delete' }, { type: 'session/new' }).modal.kind).toBe('none');
    expect(run(s, key('o')).modal.kind).toBe('operations');
  });
});

describe('cloning elsewhere', () => {
  it('C opens the target picker with the current instance preselected; typing filters; Tab lists regions; Enter opens the editor', () => {
    let s = run(onList(), key('C', { shift: true }));
    expect(modeOf(s)).toBe('clone-target');
    s = run(s, { type: 'clone-target/loaded', region: 'us-east-1', items: [INSTANCES[1]!, INSTANCES[0]!] });
    expect(s.modal).toMatchObject({ kind: 'clone-target', cursor: 1 });
    // Tab: the regions, filtered by typing ("q" and "j" are letters here, not keys).
    s = run(s, key('', { tab: true }));
    expect(s.modal).toMatchObject({ kind: 'clone-target', step: 'regions', region: 'us-east-1' });
    s = run(s, key('o'), key('r'), key('e'), key('g'));
    expect(s.modal).toMatchObject({ filter: 'oreg', cursor: 0 });
    expect(cloneTargetRows(s.modal as never).regions.map((r) => r.code)).toEqual(['us-west-2']);
    s = run(s, key('', { return: true }));
    expect(s.modal).toMatchObject({ kind: 'clone-target', step: 'instances', region: 'us-west-2', items: undefined, filter: '' });
    expect(run(s, key('', { return: true })).modal.kind).toBe('clone-target');
    // Esc from the instances cancels; back to us-east-1 through the region list instead.
    s = run(s, key('', { tab: true }), key('v'), key('i'), key('r'), key('g'), key('', { return: true }));
    expect(s.modal).toMatchObject({ region: 'us-east-1' });
    s = run(s, { type: 'clone-target/loaded', region: 'us-east-1', items: INSTANCES });
    const alias = INSTANCES[1]!.alias!;
    for (const c of alias) s = run(s, key(c));
    expect(cloneTargetRows(s.modal as never).instances).toEqual([INSTANCES[1]]);
    s = run(s, key('', { return: true }));
    expect(s.modal).toMatchObject({ kind: 'editor', target: { mode: 'clone', sourceArn: ARNS[0], target: { region: 'us-east-1', instance: INSTANCES[1] } } });
  });

  it('Esc clears the filter first, then leaves the region list, then cancels', () => {
    let s = run(onList(), key('C', { shift: true }), { type: 'clone-target/loaded', region: 'us-east-1', items: INSTANCES }, key('', { tab: true }), key('e'), key('u'));
    s = run(s, key('', { escape: true }));
    expect(s.modal).toMatchObject({ step: 'regions', filter: '' });
    s = run(s, key('', { escape: true }));
    expect(s.modal).toMatchObject({ step: 'instances' });
    expect(run(s, key('', { escape: true })).modal.kind).toBe('none');
  });

  it('Esc cancels the picker', () => {
    const s = run(onList(), key('C', { shift: true }), key('', { escape: true }));
    expect(s.modal.kind).toBe('none');
    expect(s.screen.kind).toBe('list');
  });
});

describe('after a session', () => {
  it('a saved edit reloads the detail shown; a new profile reloads the list and gets the cursor', () => {
    const detail = run(onList(), key('', { return: true }), key('e'));
    const saved = run(detail, { type: 'session/dirty', isDirty: true }, { type: 'session/saved', arn: ARNS[0], isNew: false });
    expect(saved.screen).toMatchObject({ kind: 'detail', reloadKey: 1 });
    expect(saved.modal).toMatchObject({ kind: 'editor', isDirty: false });

    const created = run(onList(), key('n'), { type: 'session/saved', arn: 'new-arn', isNew: true }, { type: 'session/close' });
    expect(created.list.reloadKey).toBe(onList().list.reloadKey + 1);
    const listed = run(created, { type: 'list/shown', arns: [...ARNS.slice(0, 2), 'new-arn', ...ARNS.slice(2)] });
    expect(listed.list.cursor).toBe(2);
    expect(listed.list.selectArn).toBeUndefined();
  });

  it('a delete from the detail pane goes back to the list, unmarks the row and says what went', () => {
    const s = run(onList(), key(' '), key('', { return: true }), key('d'), { type: 'session/deleted', arn: ARNS[0]!, name: 'Night\u001b[2J shift' });
    expect(s.screen.kind).toBe('list');
    expect(s.list.marked).toEqual([]);
    expect(s.notice).toEqual({ tone: 'info', text: `Deleted “Night\uFFFD shift” (${ARNS[0]})` });
    expect(run(s, { type: 'session/close' }).modal.kind).toBe('none');
  });
});

describe('quitting', () => {
  it('quits at once without an unsaved draft', () => {
    expect(run(onList(), key('e'), { type: 'app/quit' }).isQuitting).toBe(true);
  });
  it('asks first with one; y quits, n and Esc stay, Ctrl-C at the question quits', () => {
    const dirty = run(onList(), key('e'), { type: 'session/dirty', isDirty: true });
    const asking = run(dirty, { type: 'app/quit' });
    expect(asking.isQuitting).toBe(false);
    expect(modeOf(asking)).toBe('quit-confirm');
    expect(run(asking, key('y')).isQuitting).toBe(true);
    expect(run(asking, key('c', { ctrl: true })).isQuitting).toBe(true);
    for (const stay of [key('n'), key('', { escape: true })]) {
      const stayed = run(asking, stay);
      expect(stayed.isQuitting).toBe(false);
      expect(stayed.prompt.kind).toBe('none');
      expect(stayed.modal.kind).toBe('editor');
    }
  });
  it('in a session only Ctrl-C is the shell’s: q is not looked up', () => {
    const s = run(onList(), key('e'));
    expect(run(s, key('q')).isQuitting).toBe(false);
    expect(run(s, key('c', { ctrl: true })).isQuitting).toBe(true);
  });
});
