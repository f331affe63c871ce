// Create and clone through the edit session (a container, so against the emulator).
import { describe, expect, it } from 'vitest';
import { EditSession } from '../../../src/app/sessions/edit-session.js';
import { SECURITY_PROFILE_TYPE, type SecurityProfile, type SecurityProfileDraft, toDraft } from '../../../src/domain/profile/security-profile.js';
import { demoInstanceArn, demoProfileArn } from '../../../src/emulator/index.js';
import type { TestBackend } from '../../helpers/emulator.js';
import { keys } from '../../helpers/keys.js';
import { renderTui } from '../../helpers/render-tui.js';
import { backendPerTest } from '../../helpers/tui-backend.js';
import { pressAndWaitForChange, settle, typeText, waitUntil } from '../../helpers/typing.js';

const backend = backendPerTest();

const creates = () => backend.emulator.requests.filter((r) => r.operation === 'CreateResource');
const named = (name: string) =>
  backend.emulator.listModels(backend.region, SECURITY_PROFILE_TYPE).filter((m) => m.SecurityProfileName === name) as unknown as SecurityProfile[];

function session(props: { mode: 'create' | 'clone'; initialDraft: SecurityProfileDraft; original?: SecurityProfile; flagged?: string[]; groups?: Awaited<ReturnType<ReturnType<TestBackend['spex']['forRegion']>['listHierarchyGroups']>> }) {
  const events = { saved: 0 };
  const service = backend.spex.forRegion(backend.region);
  const tui = renderTui(
    <EditSession
      mode={props.mode}
      original={props.original}
      initialDraft={props.initialDraft}
      existingNames={['Agent', 'Admin']}
      {...(props.flagged ? { flaggedFields: props.flagged } : {})}
      {...(props.groups ? { hierarchyGroups: props.groups } : {})}
      save={(draft, _base, options) => service.createProfile(draft, options)}
      isActive
      height={24}
      width={120}
      onSaved={() => events.saved++}
      onClose={() => undefined}
    />,
    { columns: 120, rows: 28 },
  );
  return { tui, events };
}

describe('create', () => {
  it('refuses an invalid name before sending, then creates the profile', async () => {
    const { tui, events } = session({ mode: 'create', initialDraft: { InstanceArn: backend.instanceArn, SecurityProfileName: '' } });
    await settle(tui, 'New profile (no name yet)');
    await tui.press(keys.enter);
    await settle(tui, 'Enter accept');
    await typeText(tui, 'Night/shift');
    await tui.waitForFrame('Name: may contain only letters, digits, spaces, _ @ and - (got "Night/shift")');
    await tui.press(keys.enter);
    await tui.press('s');
    await settle(tui, 'Fix first: Name: may contain only');
    expect(creates()).toHaveLength(0);
    await tui.press(keys.enter);
    await settle(tui, 'Enter accept');
    // Select-all is not a thing in a terminal: fix the one wrong character.
    await pressAndWaitForChange(tui, keys.backspace, 'shift'.length + 1);
    await typeText(tui, '-shift');
    await tui.press(keys.enter);
    await settle(tui, 'New profile Night-shift');
    await tui.press(keys.tab);
    await settle(tui, '[Permissions]');
    await tui.press('a');
    await settle(tui, 'Add permission:');
    await typeText(tui, 'BasicAgentAccess');
    await tui.press(keys.enter);
    await settle(tui, 'Granted');
    await tui.press('s');
    const review = await settle(tui, 'Review the new profile');
    expect(review).toContain('Create “Night-shift”');
    await tui.press('y');
    await settle(tui, '✓ Created “Night-shift”');
    await waitUntil(() => events.saved === 1, 'onSaved');
    expect(creates()).toHaveLength(1);
    expect(named('Night-shift')).toHaveLength(1);
    expect(named('Night-shift')[0]!.Permissions).toEqual(['BasicAgentAccess']);
  });
});

describe('clone', () => {
  it('copies a profile into another instance, asking for the hierarchy group again', async () => {
    const service = backend.spex.forRegion(backend.region);
    const source = await service.getProfile(demoProfileArn('Team Leads', backend.instanceArn));
    const target = demoInstanceArn('us-east-1', 'acme-sales');
    const groups = await service.listHierarchyGroups(target);
    expect(source.AllowedAccessControlHierarchyGroupId).toBeDefined();
    const draft = { ...toDraft(source), InstanceArn: target, SecurityProfileName: 'Team Leads copy' };
    const { tui } = session({ mode: 'clone', original: source, initialDraft: draft, flagged: ['AllowedAccessControlHierarchyGroupId'], groups });
    await settle(tui, 'Clone Team Leads copy');
    await tui.press('s');
    await settle(tui, 'Fix first: Access-control hierarchy group: holds ids from the source instance');
    await tui.press(keys.end);
    // Up from the last row: the allowed AI agents' two rows, the flow modules' two, the applications' two.
    await tui.press(keys.up, keys.up, keys.up, keys.up, keys.up, keys.up);
    await settle(tui, /› Access-control hierarchy group/);
    await tui.press(keys.enter);
    await settle(tui, 'Choose the access-control hierarchy group');
    await tui.press(keys.down);
    await tui.press(keys.enter);
    await settle(tui, (f) => f.includes(`(${groups[0]!.id})`) && !f.includes('Choose the'));
    await tui.press('s');
    const review = await settle(tui, 'Review the new profile');
    expect(review).toContain('Create “Team Leads copy”');
    await tui.press('y');
    await settle(tui, '✓ Created “Team Leads copy”');
    const copies = named('Team Leads copy').filter((m) => m.InstanceArn === target);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.AllowedAccessControlHierarchyGroupId).toBe(groups[0]!.id);
    expect(new Set(copies[0]!.Permissions)).toEqual(new Set(source.Permissions));
  });
});
