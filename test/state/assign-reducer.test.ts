// The holders session's pure state: what each key does at each step, before any I/O.
import { describe, expect, it } from 'vitest';
import { type AssignAction, type AssignIntent, assignReducer, type AssignState, type AssignWorld, initialAssignState, offered } from '../../src/state/assign-reducer.js';

const P = (name: string) => ({ arn: `arn:aws:connect:us-east-1:1:instance/i/security-profile/${name.toLowerCase()}`, name });
const profiles = [P('Admin'), P('Agent'), P('Team Leads'), P('Tier 1 Support')];
const world = (over: Partial<AssignWorld> = {}): AssignWorld => ({ profiles, isProduction: false, rows: 10, ...over });
const key = (input: string, k: Record<string, boolean> = {}, w = world()): AssignAction => ({ type: 'assign/key', input, key: k, world: w });
const run = (state: AssignState, ...actions: AssignAction[]): AssignState => actions.reduce(assignReducer, state);

describe('the holders session', () => {
  it('a move offers every profile but its source, narrowed by every typed word; Enter picks the one under ›', () => {
    const intent: AssignIntent = { kind: 'move', profileArn: P('Agent').arn, userArns: ['u1'], thenDelete: false };
    const start = initialAssignState(intent);
    expect(start.step.kind).toBe('pick');
    expect(offered(start, profiles).map((p) => p.name)).toEqual(['Admin', 'Team Leads', 'Tier 1 Support']);
    const typed = run(start, key('t'), key('i'), key('e'), key('r'));
    expect(offered(typed, profiles).map((p) => p.name)).toEqual(['Tier 1 Support']);
    const picked = run(typed, key('', { return: true }));
    expect(picked.step.kind).toBe('reading');
    expect(picked.chosen).toBe(P('Tier 1 Support').arn);
    // Esc clears the filter first, then closes without a change.
    expect(run(typed, key('', { escape: true })).text).toBe('');
    expect(run(start, key('', { escape: true })).closed).toEqual({ summary: undefined, changed: false });
  });

  it("a user's checklist starts from their set; a set of none or more than ten is refused in place; what-if never goes on", () => {
    const w = world({ userProfiles: [P('Agent').arn] });
    const edit = initialAssignState({ kind: 'edit', userArn: 'u1', isWhatIf: false });
    expect(edit.step.kind).toBe('checklist');
    // The cursor on Agent (second), Space drops it: none left; Enter does nothing.
    const none = run(edit, key('', { downArrow: true }, w), key(' ', {}, w));
    expect(none.checked).toEqual([]);
    expect(run(none, key('', { return: true }, w)).step.kind).toBe('checklist');
    const withAdmin = run(none, key('', { upArrow: true }, w), key(' ', {}, w));
    expect(withAdmin.checked).toEqual([P('Admin').arn]);
    expect(run(withAdmin, key('', { return: true }, w)).step.kind).toBe('reading');
    const whatIf = run(initialAssignState({ kind: 'edit', userArn: 'u1', isWhatIf: true }), key(' ', {}, w), key('', { return: true }, w));
    expect(whatIf.step.kind).toBe('checklist');
  });

  it('the review: y sends only with something left and nothing refused; production asks again, Esc disarms', () => {
    const reading = { ...initialAssignState({ kind: 'remove', profileArn: P('Agent').arn, userArns: ['u1'] }) };
    expect(reading.step.kind).toBe('reading');
    const review = run(reading, { type: 'assign/planned', lines: ['x'], left: 3, refusal: undefined });
    expect(run(review, key('y')).step).toEqual({ kind: 'running', what: 'x', done: 0, total: 3, failed: [], isStopping: false });
    const prod = world({ isProduction: true });
    const armed = run(review, key('y', {}, prod));
    expect(armed.isArmed).toBe(true);
    expect(armed.step.kind).toBe('review');
    expect(run(armed, key('', { escape: true }, prod)).isArmed).toBe(false);
    expect(run(armed, key('y', {}, prod)).step.kind).toBe('running');
    expect(run(reading, { type: 'assign/planned', lines: ['x'], left: 0, refusal: undefined }, key('y')).step.kind).toBe('review');
    expect(run(reading, { type: 'assign/planned', lines: ['x'], left: 3, refusal: 'cannot be deleted' }, key('y')).step.kind).toBe('review');
  });

  it('Esc while running asks to stop after the request in flight; the end closes with a change to read again', () => {
    const review = run(initialAssignState({ kind: 'resume', batchId: 'b' }), { type: 'assign/planned', lines: ['x'], left: 2, refusal: undefined });
    const running = run(review, key('y'), key('', { escape: true }));
    expect(running.step).toMatchObject({ kind: 'running', isStopping: true });
    const ended = run(running, { type: 'assign/done', lines: ['x', '1 of 2 users changed'], isComplete: false, summary: '1 of 2 users changed' });
    expect(run(ended, key('', { return: true })).closed).toEqual({ summary: '1 of 2 users changed', changed: true });
  });

  it("a rename's refused name: Enter goes back to the name as typed, Esc closes", () => {
    const named = run(initialAssignState({ kind: 'rename', profileArn: P('Agent').arn }), key('A'), key('('), key('', { return: true }));
    expect(named.step.kind).toBe('reading');
    const failed = run(named, { type: 'assign/failed', message: 'The new name: no parentheses' });
    const back = run(failed, key('', { return: true }));
    expect(back.step.kind).toBe('name');
    expect(back.text).toBe('A(');
    expect(run(failed, key('', { escape: true })).closed?.changed).toBe(false);
  });

  it('? on the review shows its keys; no other key acts while they are shown; ? or Esc closes them', () => {
    const review = run(initialAssignState({ kind: 'resume', batchId: 'b' }), { type: 'assign/planned', lines: ['x'], left: 2, refusal: undefined });
    const help = run(review, key('?'));
    expect(help.isHelpOpen).toBe(true);
    expect(run(help, key('y')).step.kind).toBe('review');
    expect(run(help, key('', { escape: true })).isHelpOpen).toBe(false);
    expect(run(help, key('?')).isHelpOpen).toBe(false);
    // Where letters are typed (the pick), ? is text.
    expect(run(initialAssignState({ kind: 'add', userArns: ['u'] }), key('?')).text).toBe('?');
  });
});

