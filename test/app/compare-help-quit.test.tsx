// Compare two marked profiles, the generated help, and every way of quitting.
import { afterEach, describe, expect, it } from 'vitest';
import { SECURITY_PROFILE_TYPE, type SecurityProfile } from '../../src/domain/profile/security-profile.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { keys } from '../helpers/keys.js';
import { cleanupTui } from '../helpers/render-tui.js';
import { settle } from '../helpers/typing.js';
import { OPEN_LIST, tempDrafts } from './editing-helpers.js';
import { renderSpexApp } from './render-app.js';

let backend: TestBackend | undefined;
afterEach(async () => {
  cleanupTui();
  await backend?.close();
  backend = undefined;
});

function profile(b: TestBackend, name: string): SecurityProfile {
  const all = b.emulator.listModels(b.region, SECURITY_PROFILE_TYPE) as unknown as SecurityProfile[];
  return all.find((p) => p.InstanceArn === b.instanceArn && p.SecurityProfileName === name)!;
}

describe('compare', () => {
  it('marks two profiles with space and shows their permissions side by side, differences on a key', async () => {
    backend = await startTestBackend();
    const agent = profile(backend, 'Agent');
    const manager = profile(backend, 'CallCenterManager');
    const onlyManager = manager.Permissions!.find((p) => !agent.Permissions!.includes(p))!;
    const shared = agent.Permissions!.find((p) => manager.Permissions!.includes(p))!;
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, rows: 40 });
    // The list gives ARNs only: wait until every name is in, so the rows are in their final order.
    await tui.waitForFrame((f) => f.includes('CallCenterManager') && !/names? not loaded yet/.test(f) && !/… [0-9a-f]{8}-/.test(f));

    await tui.press('=');
    await tui.waitForFrame('Mark two profiles with Space to compare them (0 marked)');
    await tui.press('j', ' ');
    await tui.waitForFrame(/›✓ Agent/);
    // Past AI Agent Builders and Billing & Collections.
    await tui.press('j', 'j', 'j', ' ');
    await tui.waitForFrame(/›✓ (! )?CallCenterManager/);
    await tui.press('=');
    let frame = await tui.waitForFrame('Agent ↔ CallCenterManager:');
    expect(frame).toContain('Compare Agent ↔ CallCenterManager');
    expect(frame).toMatch(new RegExp(`≠ .*${onlyManager.replace('.', '\\.')}\\s+✗ no\\s+✓ yes`));
    expect(frame).toMatch(new RegExp(`  ${shared.replace('.', '\\.')}\\s+✓ yes\\s+✓ yes`));

    await tui.press('t');
    frame = await tui.waitForFrame('differences only (t: all)');
    expect(frame).not.toMatch(new RegExp(`${shared.replace('.', '\\.')}\\s+✓ yes\\s+✓ yes`));
    await tui.press(keys.escape);
    await tui.waitForFrame(/✓ Agent/);
  });
});

describe('compare: every field, a third mark, and copying a difference', () => {
  it('with three marked, says compare takes the last two; lists the other fields; > copies the pointed difference into the right profile\'s editor', async () => {
    backend = await startTestBackend();
    const drafts = tempDrafts();
    const agent = profile(backend, 'Agent');
    const manager = profile(backend, 'CallCenterManager');
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, rows: 40, columns: 120, draftStore: drafts.store });
    await tui.waitForFrame((f) => f.includes('CallCenterManager') && !/names? not loaded yet/.test(f) && !/… [0-9a-f]{8}-/.test(f));
    // Admin, then Agent, then CallCenterManager: compare takes the last two, and says so.
    await tui.press(' ', 'j', ' ');
    await tui.waitForFrame(/›✓ Agent/);
    await tui.press('j', 'j', 'j', ' ');
    await tui.waitForFrame('3 marked — e: one change to all; =: compare the last two (“Agent” ↔ “CallCenterManager”)');
    await tui.press('=');
    let frame = await tui.waitForFrame('Agent ↔ CallCenterManager:');
    // The first difference is pointed at.
    const first = manager.Permissions!.find((p) => !agent.Permissions!.includes(p)) ?? agent.Permissions!.find((p) => !manager.Permissions!.includes(p))!;
    expect(frame).toMatch(/^› ≠ /m);
    await tui.press('t');
    frame = await tui.waitForFrame('differences only (t: all)');
    // Other fields, below the permissions: the descriptions differ, side by side.
    await tui.press(keys.end);
    const end = await tui.waitForFrame('Other fields');
    expect(end).toMatch(/≠ Description/);
    expect(end).toContain(agent.Description!.slice(0, 20));
    expect(end).toContain(manager.Description!.slice(0, 20));
    expect(end).not.toMatch(/≠ Name/);
    await tui.press(keys.home);
    frame = await tui.waitForFrame((f) => f.includes('› ≠') && !f.includes('Other fields'));
    const pointed = /^› ≠ .*?\s(\S+)\s+(✓ yes|✗ no)\s+(✓ yes|✗ no)/m.exec(frame);
    expect(pointed).not.toBeNull();
    const name = pointed![1]!;
    expect([agent.Permissions!.includes(name), manager.Permissions!.includes(name)]).toEqual([pointed![2] === '✓ yes', pointed![3] === '✓ yes']);
    expect(first).toBeDefined();
    await tui.press(']');
    await tui.waitForFrame((f) => !f.includes(`› ≠ `) || !new RegExp(`^› ≠ .*\\s${name.replace(/\./g, '\\.')}\\s`, 'm').test(f));
    await tui.press('[');
    await tui.waitForFrame(new RegExp(`^› ≠ .*\\s${name.replace(/\./g, '\\.')}\\s`, 'm'));
    await tui.press('>');
    const editor = await tui.waitForFrame((f) => f.includes('Edit CallCenterManager ·') && f.includes('as the left profile has it'));
    expect(editor).toContain('unsaved');
    // It opens on the permission it copied, and says so.
    expect(editor).toMatch(new RegExp(`^›.*${name.replace(/\./g, '\\.')}`, 'm'));
    expect(editor).toContain(`${agent.Permissions!.includes(name) ? 'Granted' : 'Withdrew'} ${name}, as the left profile has it`);
    expect(editor).toMatch(agent.Permissions!.includes(name) ? /\(\+\d+ −0\)/ : /\(\+0 −\d+\)/);
    try {
      // Leaving it and keeping the draft keeps it, as from e: on disk, marked ✎ in the table.
      await tui.press(keys.escape);
      await settle(tui, 'You have unsaved changes.');
      await tui.press('y');
      await tui.waitForFrame((f) => !f.includes('You have unsaved changes.'));
      const kept = await drafts.store.listDrafts();
      expect(kept.map((d) => d.key)).toContain(manager.SecurityProfileArn);
      expect(kept.find((d) => d.key === manager.SecurityProfileArn)!.draft.Permissions?.includes(name)).toBe(agent.Permissions!.includes(name));
      await tui.press(keys.escape);
      await tui.waitForFrame(/✎[ !]*CallCenterManager/);
    } finally {
      drafts.remove();
    }
  });
});

describe('help', () => {
  it('lists every key of the screen underneath, from the keymap, and closes with Esc', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, rows: 40 });
    await tui.waitForFrame('CallCenterManager');
    await tui.press('?');
    let frame = await tui.waitForFrame('Keys — Profile list');
    expect(frame).toContain('Sort by permission count');
    expect(frame).toContain('PgDn');
    await tui.press('G');
    frame = await tui.waitForFrame('Ctrl-C');
    await tui.press(keys.escape);
    await tui.waitForFrame('Modified (UTC)');
    await tui.press(keys.enter);
    await tui.waitForFrame('Permissions (');
    await tui.press('?');
    frame = await tui.waitForFrame('Keys — Profile detail');
    expect(frame).toContain('Toggle the raw JSON');
    await tui.press('?');
    await tui.waitForFrame('Permissions (');
  });
});

describe('help that wraps', () => {
  it('at 80 columns every help line wraps under its words, none is cut with …; g/G reach its end', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 80, rows: 24 });
    await tui.waitForFrame('CallCenterManager');
    await tui.press('?');
    const frame = await tui.waitForFrame('Keys — Profile list');
    const body = frame.split('\n').slice(2, -2);
    expect(body.some((l) => l.includes('…'))).toBe(false);
    expect(body.every((l) => l.length <= 80)).toBe(true);
    // The longest entry, the filter's, is there whole across its lines.
    await tui.press('G');
    const end = await tui.waitForFrame(/Ctrl-C/);
    expect(end).toMatch(/lines \d+–(\d+)\/\1/);
    await tui.press('g');
    const top = await tui.waitForFrame(/lines 1–/);
    const joined = top.split('\n').map((l) => l.trim()).join(' ');
    expect(joined).toContain('Filter (text; perm: a permission by API name, prefix or console words, e.g. perm:edit-users)');
  });
});

describe('quitting', () => {
  it('q quits from the list through the one exit site', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST });
    await tui.waitForFrame('CallCenterManager');
    await tui.press('q');
    await tui.waitUntilExit();
  });

  it('q typed into a filter is text, not quit', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST });
    await tui.waitForFrame('CallCenterManager');
    await tui.press('/', 'q');
    await tui.waitForFrame('/q▏');
    await tui.press(keys.ctrlC);
    await tui.waitUntilExit();
  });

  it('Ctrl-C quits from anywhere, even while a read is still in flight', async () => {
    backend = await startTestBackend({ latencyMs: 2000 });
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST });
    await tui.waitForFrame('Listing Connect instances');
    const started = Date.now();
    await tui.press(keys.ctrlC);
    await tui.waitUntilExit();
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
