// The main path by keyboard, against the emulator: region → instance → list → detail → back.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { keys } from '../helpers/keys.js';
import { cleanupTui } from '../helpers/render-tui.js';
import { renderSpexApp } from './render-app.js';

let backend: TestBackend | undefined;
afterEach(async () => {
  cleanupTui();
  await backend?.close();
  backend = undefined;
});

describe('browsing', () => {
  it('goes region → instance → list → detail and back again', async () => {
    backend = await startTestBackend();
    const remembered: unknown[] = [];
    const tui = renderSpexApp(backend.spex, { initial: { region: 'us-east-1' }, onRemember: (v) => remembered.push(v) });

    await tui.waitForFrame('Select a region');
    await tui.waitForFrame(/us-east-1 .*2 instances/);
    expect(tui.frame()).toContain('› us-east-1');
    await tui.press(keys.enter);

    await tui.waitForFrame('acme-support');
    expect(tui.frame()).toContain('us-east-1 › Instances');
    await tui.press(keys.enter);

    const list = await tui.waitForFrame('Agent');
    expect(list).toContain('us-east-1 › acme-support › Security profiles');
    expect(list).toContain('sort: name');
    expect(list).toMatch(/Name\s+Description\s+Perms\s+Users\s+Tags\s+Modified/);
    expect(list).toContain('account 123456789012');

    await tui.press('j', keys.enter);
    const detail = await tui.waitForFrame('Permissions (');
    expect(detail).toContain('Security profiles › Agent');
    expect(detail).toContain('BasicAgentAccess');
    expect(detail).toContain('Contact Control Panel (CCP)');

    await tui.press('v');
    await tui.waitForFrame('"SecurityProfileName": "Agent"');
    await tui.press(keys.escape);
    await tui.waitForFrame((f) => f.includes('› ') && f.includes('Modified (UTC)'));
    // The cursor is still on Agent.
    expect(tui.frame()).toMatch(/›\s+Agent/);

    await tui.press(keys.escape);
    await tui.waitForFrame('us-east-1 › Instances');
    await tui.press(keys.escape);
    await tui.waitForFrame('Select a region');
    expect(remembered.at(-1)).toMatchObject({ region: 'us-east-1', instanceAlias: 'acme-support' });
  });

  it('shows the hierarchy group by its path of names next to its id', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: { region: 'us-east-1', skipRegionPicker: true, instance: 'acme-support' }, rows: 60 });
    await tui.waitForFrame('Team Leads');
    await tui.press('/');
    await tui.type('team leads');
    await tui.press(keys.enter, keys.enter);
    const frame = await tui.waitForFrame(/Hierarchy group: +Americas\/Support floor \(/);
    expect(frame).toContain('Hierarchy-restricted resources');
  });

  it('opens the list directly with --region and --instance (alias)', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: { region: 'us-east-1', skipRegionPicker: true, instance: 'acme-support' } });
    await tui.waitForFrame('Security profiles');
    await tui.waitForFrame('CallCenterManager');
  });

  it('says so when --instance names no instance, and shows the picker', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: { region: 'us-east-1', skipRegionPicker: true, instance: 'nope' } });
    const frame = await tui.waitForFrame("No instance 'nope'");
    expect(frame).toContain('acme-sales');
  });
});
