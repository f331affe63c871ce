// The TUI against the emulator's strict defaults (shared/reference/real-aws-notes.md): profiles made in
// the console that Cloud Control refuses, instances that are not ACTIVE, and a save whose re-read
// differs from what was asked.
import { afterEach, describe, expect, it } from 'vitest';
import { settle } from '../helpers/typing.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { keys } from '../helpers/keys.js';
import { cleanupTui } from '../helpers/render-tui.js';
import { mutations, OPEN_LIST, selectProfile } from './editing-helpers.js';
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
    const editor = await settle(tui, 'so a save will be refused');
    expect(editor).toContain('⊘ Cloud Control cannot change this profile, so a save will be refused:');
    expect(editor).toContain('Name "Supervisors (EMEA)" has "("');
    expect(mutations(backend)).toHaveLength(0);
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
