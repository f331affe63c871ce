// The TUI against the emulator's strict defaults (shared/reference/real-aws-notes.md): profiles made in
// the console that Cloud Control refuses, instances that are not ACTIVE, and a save whose re-read
// differs from what was asked.
import { afterEach, describe, expect, it } from 'vitest';
import { settle } from '../helpers/typing.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { keys } from '../helpers/keys.js';
import { cleanupTui } from '../helpers/render-tui.js';
import { mutations, OPEN_LIST, selectProfile, sent } from './editing-helpers.js';
import { typeText } from '../helpers/typing.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { createNoteFeed } from '../../src/hooks/use-slow-down-notice.js';
import { renderSpexApp } from './render-app.js';

let backend: TestBackend | undefined;
afterEach(async () => {
  cleanupTui();
  await backend?.close();
  backend = undefined;
});

describe('a profile Cloud Control refuses', () => {
  it('is marked in the table, explained in the detail, and the editor says so when it opens', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, rows: 40, columns: 120 });
    const list = await tui.waitForFrame(/⊘ Supervisors \(EMEA\)/);
    expect(list).toMatch(/⊘ Billing & Collections/);
    expect(list).toMatch(/⊘ Retention Desk/);
    expect(list).not.toMatch(/⊘ Tier 1 Support/);

    await selectProfile(tui, 'EMEA');
    await tui.press(keys.enter);
    const detail = await settle(tui, 'Cloud Control cannot change this profile');
    expect(detail).toContain('Name "Supervisors (EMEA)" has "(", which Cloud Control refuses');
    expect(detail).toContain('Tag key "Cost Center" has " " (a space), which Cloud Control refuses');

    await tui.press('e');
    const editor = await settle(tui, 'so the save goes through the Connect API instead');
    expect(editor).toContain("⊘ Cloud Control refuses this profile's current values, so the save goes through the Connect API instead:");
    expect(editor).toContain('Name "Supervisors (EMEA)" has "("');
    expect(mutations(backend)).toHaveLength(0);
  });

  it('is edited and saved through the Connect API; the review shows those requests; a change made meanwhile is refused and offered for rebase', async () => {
    backend = await startTestBackend();
    const b = backend;
    const arn = demoProfileArn('Supervisors (EMEA)', b.instanceArn);
    const tui = renderSpexApp(b.spex, { initial: OPEN_LIST, rows: 40, columns: 120 });
    await selectProfile(tui, 'EMEA');
    await tui.press('e');
    await settle(tui, 'so the save goes through the Connect API instead');
    const editDescription = async (text: string) => {
      await tui.press(keys.tab);
      await settle(tui, 'Description');
      await tui.press('j', 'j', keys.enter);
      await typeText(tui, text);
      await tui.press(keys.enter);
      await tui.press('s');
    };
    await editDescription(' (2027)');
    await settle(tui, 'Sent through the Connect API, because Cloud Control refuses');
    await tui.press('p');
    const review = await settle(tui, 'Connect API requests, in order:');
    expect(review).toContain('UpdateSecurityProfile');
    expect(review).toContain('"Description": "Made in the console: EMEA floor supervisors (2027)"');
    expect(review).not.toContain('PatchDocument');
    // Someone else saves before we send.
    b.emulator.modifyProfile(b.region, arn, (m) => {
      m.Description = 'A colleague was quicker';
    });
    await tui.press('y');
    await settle(tui, 'Someone changed this profile on the server since you opened it. Nothing was overwritten.');
    const refused = await settle(tui, 'What changed there:');
    expect(refused).toContain('A colleague was quicker');
    expect(sent(b, 'UpdateSecurityProfile')).toHaveLength(0);
    // Rebased onto their version, reviewed again, sent.
    await tui.press('b');
    await settle(tui, 'Review the change');
    await tui.press('y');
    await settle(tui, '✓ Saved “Supervisors (EMEA)”');
    expect(sent(b, 'UpdateSecurityProfile')).toHaveLength(1);
    expect(sent(b, 'UpdateResource')).toHaveLength(0);
    expect(b.emulator.getModel(b.region, SECURITY_PROFILE_TYPE, arn)!.Description).toBe('Made in the console: EMEA floor supervisors (2027)');
  });
});

describe('the Connect API refused', () => {
  it('the list goes on with Cloud Control alone, and the status line says what that costs, once', async () => {
    backend = await startTestBackend();
    const notes = createNoteFeed();
    const spex = backend.makeSpex({ onConnectUnavailable: (region, reason) => notes.emit(`${region}: ${reason}`) });
    backend.emulator.failNext('ListSecurityProfiles', 1, { exception: 'AccessDeniedException', message: 'not authorized' });
    const tui = renderSpexApp(spex, { initial: OPEN_LIST, notes, rows: 30 });
    const frame = await tui.waitForFrame(/Connect API refused/);
    expect(frame).toContain('ℹ us-east-1: Connect API refused: Cloud Control alone, so names load one by one');
    // The rows on screen get their names from their details.
    await tui.waitForFrame(/Tier 2 Escalations/);
  });
});

describe('an instance that is not ACTIVE', () => {
  it('is listed with its status, and Enter says why it cannot be opened', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: { region: 'ca-central-1', skipRegionPicker: true }, columns: 120 });
    const picker = await tui.waitForFrame('acme-canada');
    expect(picker).toMatch(/acme-canada\s+\S+\s+CREATION_FAILED/);
    await tui.press(keys.enter);
    const frame = await tui.waitForFrame('Instance acme-canada is CREATION_FAILED: its creation failed, so it has no security profiles.');
    expect(frame).toContain('ca-central-1 › Instances');
    expect(backend.emulator.requests.filter((r) => r.operation === 'ListResources' && r.typeName === 'AWS::Connect::SecurityProfile')).toHaveLength(0);
  });
});
