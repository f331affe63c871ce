// y and Y: the ARN, or the console URL of its instance, of what is under the cursor goes to the
// terminal's clipboard (OSC 52) and the status line says so; the text travels base64, inert.
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { osc52 } from '../../src/app/terminal.js';
import { consoleUrlOf } from '../../src/domain/service/aws-links.js';
import type { ConnectInstance } from '../../src/domain/profile/security-profile.js';
import { ClipboardContext, useClipboard } from '../../src/hooks/use-clipboard.js';
import { appReducer } from '../../src/state/app-reducer.js';
import { type AppState, createInitialState } from '../../src/state/app-state.js';
import type { Action } from '../../src/state/app-actions.js';

const INSTANCES: ConnectInstance[] = [{ arn: 'arn:aws:connect:eu-west-2:111122223333:instance/i-1', id: 'i-1', alias: 'acme-support', status: 'ACTIVE' }];
const ARNS = ['a', 'b', 'c'].map((p) => `${INSTANCES[0]!.arn}/security-profile/${p}`);
const run = (state: AppState, ...actions: Action[]): AppState => actions.reduce(appReducer, state);
const key = (input: string): Action => ({ type: 'input/key', input, key: {} });
const onList = (): AppState => run(createInitialState({ region: 'eu-west-2', skipRegionPicker: true, instance: 'acme-support' }), { type: 'instances/loaded', items: INSTANCES }, { type: 'list/shown', arns: ARNS });

describe('J after C', () => {
  const OTHER = 'arn:aws:connect:us-west-2:111122223333:instance/i-9';
  const NEW = `${OTHER}/security-profile/cloned`;
  it('a clone into another instance says where it went; J goes there, region and all, the cursor waiting for its row', () => {
    const saved = run(onList(), { type: 'session/saved', arn: NEW, isNew: false, name: 'Night Desk', where: 'acme-dev' });
    expect(saved.notice?.text).toBe('Created “Night Desk” in us-west-2 › acme-dev: J goes there');
    const jumped = run(saved, key('J'));
    expect(jumped).toMatchObject({ region: 'us-west-2', pendingInstance: OTHER, screen: { kind: 'instances' } });
    const arrived = run(jumped, { type: 'instances/loaded', items: [{ arn: OTHER, id: 'i-9', alias: 'acme-dev', status: 'ACTIVE' }] });
    expect(arrived.screen.kind).toBe('list');
    expect(arrived.instance?.arn).toBe(OTHER);
    expect(arrived.list.selectArn).toBe(NEW);
  });
  it('without a clone elsewhere, J says so', () => {
    expect(run(onList(), key('J')).notice?.text).toMatch(/^Nothing was cloned into another instance/);
  });
});

describe('Enter on the findings', () => {
  it('opens the first finding about a profile from the top; an Enter before the first measure waits for it', () => {
    const findings = run(onList(), key('!'));
    expect(findings.screen.kind).toBe('findings');
    const early = run(findings, { type: 'input/key', input: '', key: { return: true } });
    expect(early.screen.kind).toBe('findings');
    const measured = run(early, { type: 'findings/measured', lineCount: 3, targets: [undefined, ARNS[2], ARNS[2]] });
    expect(measured.screen).toMatchObject({ kind: 'detail', arn: ARNS[2] });
  });
});

describe('F', () => {
  it('outside a fleet there is no fleet to go back to: said so, nothing else changes', () => {
    const s = run(onList(), key('F'));
    expect(s.isLeaving).toBe(false);
    expect(s.notice?.text).toMatch(/^No fleet here/);
    expect(s.screen.kind).toBe('list');
  });
  it('in a fleet it leaves the instance for the fleet screen at once', () => {
    const inFleet = run(createInitialState({ region: 'eu-west-2', skipRegionPicker: true, instance: 'acme-support', canLeave: true }), { type: 'instances/loaded', items: INSTANCES }, { type: 'list/shown', arns: ARNS });
    expect(run(inFleet, key('F')).isLeaving).toBe(true);
  });
});

describe('y and Y', () => {
  it('y on the table copies the ARN under the cursor, and says so', () => {
    const s = run(onList(), key('j'), key('y'));
    expect(s.clipboardRequest).toMatchObject({ text: ARNS[1], what: 'ARN' });
    expect(s.notice?.text).toMatch(/^ARN copied to the clipboard \(OSC 52, where the terminal allows it\): b$/);
  });

  it("Y copies the console URL of the profile's instance and shows it; on the instance picker, the instance's", () => {
    const s = run(onList(), key('Y'));
    expect(s.clipboardRequest?.text).toBe('https://eu-west-2.console.aws.amazon.com/connect/v2/app/instances/i-1');
    expect(s.notice?.text).toContain(s.clipboardRequest!.text);
    const picker = run(createInitialState({ region: 'eu-west-2', skipRegionPicker: true }), { type: 'instances/loaded', items: INSTANCES }, key('y'));
    expect(picker.clipboardRequest?.text).toBe(INSTANCES[0]!.arn);
  });

  it('each press is a new request (the same ARN twice is copied twice)', () => {
    const once = run(onList(), key('y'));
    expect(run(once, key('y')).clipboardRequest!.id).toBe(once.clipboardRequest!.id + 1);
  });

  it('console URLs follow the partition; other ARNs have none', () => {
    expect(consoleUrlOf('arn:aws-us-gov:connect:us-gov-west-1:111122223333:instance/x/security-profile/y')).toBe('https://us-gov-west-1.console.amazonaws-us-gov.com/connect/v2/app/instances/x');
    expect(consoleUrlOf('arn:aws:iam::111122223333:role/x')).toBeUndefined();
  });

  it('OSC 52 carries the text base64-encoded, controls dropped: nothing in it reaches the terminal as a sequence', () => {
    const sequence = osc52('arn:aws:connect:x\u001b]0;pwned\u0007');
    expect(sequence).toMatch(/^\u001b\]52;c;[A-Za-z0-9+/=]+\u0007$/);
    expect(Buffer.from(sequence.slice(7, -1), 'base64').toString('utf8')).toBe('arn:aws:connect:x]0;pwned');
  });

  it('the hook hands each request to the writer the mount provides, once', async () => {
    const written: string[] = [];
    const Probe = ({ request }: { request: { text: string; id: number } | undefined }) => {
      useClipboard(request);
      return <Text>probe</Text>;
    };
    const view = (request: { text: string; id: number } | undefined) => (
      <ClipboardContext.Provider value={(t) => written.push(t)}>
        <Probe request={request} />
      </ClipboardContext.Provider>
    );
    const tui = render(view(undefined));
    tui.rerender(view({ text: ARNS[0]!, id: 1 }));
    tui.rerender(view({ text: ARNS[0]!, id: 1 }));
    tui.rerender(view({ text: ARNS[0]!, id: 2 }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toEqual([ARNS[0], ARNS[0]]);
    tui.unmount();
  });
});
