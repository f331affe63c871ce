// The delete guard and tracking against the emulator: nothing is sent before the right name is typed.
import { describe, expect, it } from 'vitest';
import { DeleteSession } from '../../../src/app/sessions/delete-session.js';
import { SECURITY_PROFILE_TYPE } from '../../../src/domain/profile/security-profile.js';
import { createOperationLog } from '../../../src/state/operation-log.js';
import { demoProfileArn } from '../../../src/emulator/index.js';
import { keys } from '../../helpers/keys.js';
import { renderTui } from '../../helpers/render-tui.js';
import { backendPerTest } from '../../helpers/tui-backend.js';
import { settle, typeText, waitUntil } from '../../helpers/typing.js';

const backend = backendPerTest();

const deletes = () => backend.emulator.requests.filter((r) => r.operation === 'DeleteResource');
const exists = (arn: string) => backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, arn) !== undefined;

function open(name: string, guarded = false) {
  const arn = demoProfileArn(name, backend.instanceArn);
  const service = backend.spex.forRegion(backend.region);
  const events = { deleted: 0, closed: 0 };
  const log = createOperationLog();
  const tui = renderTui(
    <DeleteSession
      name={name}
      arn={arn}
      permissionCount={12}
      log={log}
      remove={(options) => service.deleteProfile(arn, options)}
      {...(guarded ? { holders: (options: { signal?: AbortSignal }) => service.listHolders(arn, options) } : {})}
      isActive
      onDeleted={() => events.deleted++}
      onClose={() => events.closed++}
    />,
    { columns: 120, rows: 30 },
  );
  return { tui, arn, events, log };
}

describe('DeleteSession', () => {
  it('refuses a wrong name inline and sends nothing; the right name deletes exactly that ARN', async () => {
    const { tui, arn, events, log } = open('Workforce Planning');
    const first = await settle(tui, 'Type the profile’s name to delete it');
    // The ARN is shown whole (wrapped inside the box).
    expect(first.replace(/[│\s]/g, '')).toContain(arn);
    expect(first).toContain('Permissions: 12');
    expect(first).not.toContain('WARNING');
    await tui.press(keys.enter);
    await settle(tui, 'Type the name to delete, or press Esc to cancel.');
    await typeText(tui, 'Workforce Plannin');
    await tui.press(keys.enter);
    await settle(tui, '“Workforce Plannin” is not the name: type Workforce Planning exactly (case matters). Nothing was sent.');
    expect(deletes()).toHaveLength(0);
    await typeText(tui, 'g');
    await tui.press(keys.enter);
    await settle(tui, '✓ Deleted “Workforce Planning”');
    await waitUntil(() => events.deleted === 1, 'onDeleted');
    expect(deletes()).toHaveLength(1);
    expect(deletes()[0]!.body.Identifier).toBe(arn);
    expect(exists(arn)).toBe(false);
    expect(log.list()).toHaveLength(1);
    expect(log.inFlight()).toEqual([]);
    await tui.press(keys.enter);
    await waitUntil(() => events.closed === 1, 'onClose');
  });

  it('Esc cancels and sends nothing', async () => {
    const { tui, events } = open('Workforce Planning');
    await settle(tui, 'Type the profile’s name');
    await typeText(tui, 'Work');
    await tui.press(keys.escape);
    await waitUntil(() => events.closed === 1, 'onClose');
    expect(deletes()).toHaveLength(0);
  });

  it('warns louder for a built-in profile, in words', async () => {
    const { tui } = open('Agent');
    const frame = await settle(tui, 'Type the profile’s name');
    expect(frame).toContain('WARNING: “Agent” is a built-in profile');
  });

  it('a delete refused because the profile is in use says why, and nothing is deleted', async () => {
    const { tui, arn } = open('Tier 1 Support');
    await settle(tui, 'Type the profile’s name');
    await typeText(tui, 'Tier 1 Support');
    await tui.press(keys.enter);
    const frame = await settle(tui, 'It did not work');
    // AWS's code (InvalidRequest) would mislead on its own: the sentence says what it means.
    expect(frame).toContain('handler error InvalidRequest');
    expect(frame).toMatch(/The profile is assigned to users, and Connect will not delete a profile that users hold/);
    expect(frame).not.toContain('Connect refused a value');
    expect(frame).toContain('r retry');
    expect(frame).not.toContain('e edit');
    expect(exists(arn)).toBe(true);
  });

  it('with the holders guard: a profile users hold is refused before anything is sent, naming ten and the count', async () => {
    const { tui, arn, events } = open('Tier 1 Support', true);
    const holders = backend.emulator.listModels(backend.region, 'AWS::Connect::User').filter((u) => (u.SecurityProfileArns as string[]).includes(arn));
    const frame = await settle(tui, 'Cannot delete “Tier 1 Support”: users hold it. Nothing was sent.');
    const flat = frame.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
    expect(flat).toContain(`Tier 1 Support is held by ${holders.length} users:`);
    expect(flat).toContain(`and ${holders.length - 10} more`);
    expect(flat).toContain('assign those users other profiles first');
    expect(frame).not.toContain('Type the profile’s name');
    await tui.press(keys.escape);
    await waitUntil(() => events.closed === 1, 'onClose');
    expect(deletes()).toHaveLength(0);
    expect(exists(arn)).toBe(true);
  });

  it('with the holders guard: nobody holds it → the name prompt as usual; the user list unknown → said, and Connect decides', async () => {
    const free = open('Workforce Planning', true);
    const frame = await settle(free.tui, 'Type the profile’s name');
    expect(frame).not.toContain('unknown');
    free.tui.unmount();
    backend.emulator.setFaults({ userList: 'empty' });
    backend.emulator.failNext('SearchUsers', 1, { exception: 'AccessDeniedException' });
    const unknown = open('Reporting Analysts', true);
    const said = await settle(unknown.tui, 'Type the profile’s name');
    expect(said.replace(/\s+/g, ' ')).toContain('Who holds it is unknown (the AWS::Connect::User list returned nobody');
    expect(deletes()).toHaveLength(0);
  });
});
