// Least privilege in the TUI: the table marks profiles with a high finding (a glyph, and words on
// the status line), the detail has a Findings section, and `!` lists the instance's findings.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { keys } from '../helpers/keys.js';
import { settle, typeText } from '../helpers/typing.js';
import { backendPerTest } from '../helpers/tui-backend.js';
import { OPEN_LIST, selectProfile, sent, togglePermission } from './editing-helpers.js';
import { renderSpexApp } from './render-app.js';

const backend = backendPerTest();
const open = () => renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 34 });

describe('findings in the TUI', () => {
  it('marks CallCenterManager ! and says why; the detail lists its findings', async () => {
    const tui = open();
    await selectProfile(tui, 'CallCenterManager');
    const row = await settle(tui, /›\s+! CallCenterManager/);
    expect(row).toContain('ℹ ! high: grants Users.Edit, Users.Create, Users.EditPermission to a non-admin profile');
    await tui.press(keys.enter);
    const detail = await settle(tui, 'Findings (');
    expect(detail).toMatch(/! high · escalation: its holders can edit users or security profiles/);
  });

  it('one computation: a finding across profiles (multi-tag-restricted) shows alike in the detail, the table and !', async () => {
    const tui = open();
    await selectProfile(tui, 'Tier 1 Support');
    await tui.press(keys.enter);
    // The detail reads who holds what; the rule across profiles counts once holders are known.
    const detail = await tui.waitForFrame(/! high · multi-tag-restricted/, { timeoutMs: 10_000 });
    expect(detail).toMatch(/Findings \(\d+; ! on the list shows the instance's\)/);
    await tui.press(keys.escape);
    const row = await settle(tui, /›\s+! Tier 1 Support/);
    expect(row).toContain('! high: ');
    await tui.press('!');
    const all = await tui.waitForFrame((f) => /Findings: \d+ high/.test(f) && !f.includes('reading details'), { timeoutMs: 15_000 });
    expect(all).toMatch(/high\s+multi-tag-restricted\s+Tier 1 Support/);
  });

  it('! lists every finding of the instance once every detail is read, holders included', async () => {
    const tui = open();
    await tui.waitForFrame('Tier 2 Escalations');
    await tui.press('!');
    const frame = await tui.waitForFrame((f) => /Findings: \d+ high, \d+ medium, \d+ low in \d+ profiles \(/.test(f) && !f.includes('reading details'), { timeoutMs: 15_000 });
    expect(frame).toMatch(/high\s+escalation\s+CallCenterManager/);
    expect(frame).toMatch(/high\s+multi-tag-restricted/);
    expect(frame).not.toMatch(/escalation\s+Admin:/);
    await tui.press(keys.escape);
    await settle(tui, 'Modified (UTC)');
  });

  it('Enter opens the profile of the finding marked ›, the first from the top of the view', async () => {
    const tui = open();
    await tui.waitForFrame('Tier 2 Escalations');
    await tui.press('!');
    const frame = await tui.waitForFrame((f) => /Findings: \d+ high/.test(f) && !f.includes('reading details'), { timeoutMs: 15_000 });
    const marked = /› \S+\s+\S+\s+(.+?): /.exec(frame)?.[1];
    expect(marked, frame).toBeDefined();
    // The screen tells the shell which profile each line is about after the frame is drawn.
    await settle(tui, frame);
    await tui.press(keys.enter);
    const detail = await tui.waitForFrame('Permissions (');
    expect(detail).toContain(marked!);
  });
});

describe('what can this user do? (from the holders list)', () => {
  it('Enter on the holders screen explains the first user its filter lists: permissions by profile, restrictions as they combine', async () => {
    const users = backend.emulator.listModels(backend.region, 'AWS::Connect::User') as unknown as { Username: string; SecurityProfileArns: string[] }[];
    const profiles = backend.emulator.listModels(backend.region, 'AWS::Connect::SecurityProfile') as unknown as { SecurityProfileArn: string; SecurityProfileName: string }[];
    const arnOf = (name: string) => profiles.find((p) => p.SecurityProfileName === name)!.SecurityProfileArn;
    const who = users.find((u) => u.SecurityProfileArns.includes(arnOf('Supervisors (EMEA)')) && u.SecurityProfileArns.includes(arnOf('CallCenterManager')))!;
    const tui = open();
    await selectProfile(tui, 'EMEA');
    await tui.press('u');
    await settle(tui, 'Who holds Supervisors (EMEA)');
    await tui.press('/');
    await tui.type(who.Username);
    await tui.press(keys.enter);
    await settle(tui, (f) => f.includes(who.Username) && !f.includes('/▏'));
    await tui.press(keys.enter);
    const frame = await settle(tui, `What ${who.Username} can do`);
    expect(frame).toContain(`${who.Username} holds`);
    expect(frame).toMatch(/from .*CallCenterManager/);
    await tui.press('G');
    const end = await settle(tui, 'Restrictions, as they combine:');
    expect(end).toMatch(/User: NOT restricted — CallCenterManager shows it unrestricted/);
    await tui.press(keys.escape);
    await settle(tui, 'Who holds Supervisors (EMEA)');
  });
});

describe('the review warns before a risky save', () => {
  it('granting Users.Edit to Tier 2 Escalations: the review says its users could grant themselves Admin; nothing sent until y', async () => {
    const tui = open();
    await selectProfile(tui, 'Tier 2 Escalations');
    await tui.press('e');
    await settle(tui, 'Edit Tier 2 Escalations ·');
    await togglePermission(tui, 'Users.Edit');
    await tui.press('s');
    const review = await settle(tui, 'Review the change');
    expect(review.replace(/\s+/g, ' ')).toMatch(/⚠ high: grants Users\.Edit to a non-admin profile: its (\d+ users?|users) could then grant themselves Admin/);
    expect(sent(backend, 'UpdateResource')).toHaveLength(0);
  });
});

describe(': and a login', () => {
  it('lists every user of the instance with the filter taking keys; Enter explains the one typed', async () => {
    const users = backend.emulator.listModels(backend.region, 'AWS::Connect::User') as unknown as { Username: string; InstanceArn?: string; SecurityProfileArns: string[] }[];
    const who = users.find((u) => u.SecurityProfileArns.some((a) => a.startsWith(backend.instanceArn)))!;
    const tui = open();
    await tui.waitForFrame('Tier 2 Escalations');
    await tui.press(':');
    await settle(tui, /Users of the instance/);
    await tui.type(who.Username);
    await tui.press(keys.enter);
    await settle(tui, (f) => f.includes(`of`) && f.includes(who.Username) && !f.includes('▏'));
    await tui.press(keys.enter);
    const frame = await settle(tui, `What ${who.Username} can do`);
    expect(frame).toContain(`${who.Username} holds`);
    await tui.press(keys.escape);
    await settle(tui, /Users of the instance/);
  });
});

describe('X: export from the table', () => {
  it('asks where (a file named after the instance offered; Tab completes), writes the marked profiles (or all) there, never over an existing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spex-x-'));
    try {
      const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 160, rows: 34, exportDir: dir });
      await tui.waitForFrame((f) => f.includes('Workforce Planning') && !/names? not loaded yet/.test(f));
      await tui.press('X');
      const asked = await settle(tui, 'Export 18 profiles of acme-support to a spex profiles file');
      expect(asked).toContain(join(dir, 'acme-support-security-profiles.yaml'));
      // Node's warnings go to the stderr under the app: 18 loads on one signal must not provoke one.
      const warnings: string[] = [];
      const onWarning = (warning: Error): void => void warnings.push(warning.name);
      process.on('warning', onWarning);
      await tui.press(keys.enter);
      const first = await settle(tui, /Exported 18 profiles to \S+acme-support-security-profiles\.yaml/);
      process.off('warning', onWarning);
      expect(warnings).not.toContain('MaxListenersExceededWarning');
      expect(first).toContain('spex plan -f that file');
      const text = readFileSync(join(dir, 'acme-support-security-profiles.yaml'), 'utf8');
      expect(text).toContain('kind: spex/security-profiles');
      expect(text).toContain('- Users.View # Users · View');
      // Marked: only those; the first file stays, the new one gets the next name.
      await tui.press('j', ' ');
      await tui.press('X');
      await settle(tui, 'acme-support-security-profiles-2.yaml');
      await tui.press(keys.enter);
      await settle(tui, /Exported 1 profile to \S+acme-support-security-profiles-2\.yaml/);
      // A name typed over one that is there is refused, and nothing is written over it; Tab completes a name.
      await tui.press('X');
      await settle(tui, 'Export 1 profile');
      for (let i = 0; i < 200 && !/File: ▏|File:\s*$/m.test(tui.frame()); i++) await tui.press(keys.backspace);
      await typeText(tui, `${dir}/acme-support-security-profiles-`);
      await tui.press(keys.tab);
      await settle(tui, `${dir}/acme-support-security-profiles-2.yaml`);
      await tui.press(keys.enter);
      await settle(tui, /Not exported: .*already there/);
      expect(YAML.parse(readFileSync(join(dir, 'acme-support-security-profiles-2.yaml'), 'utf8')).profiles).toHaveLength(1);
      expect(YAML.parse(readFileSync(join(dir, 'acme-support-security-profiles.yaml'), 'utf8')).profiles).toHaveLength(18);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('A: apply a profiles file from the table', () => {
  it('a path that cannot be read keeps what was typed: Enter goes back to it to correct it', async () => {
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 140, rows: 34 });
    await tui.waitForFrame('Workforce Planning');
    await tui.press('A');
    await settle(tui, 'Apply a profiles file to acme-support');
    // Whatever was offered, then a path that is not there.
    for (let i = 0; i < 200 && !/File: ▏|File:\s*$/m.test(tui.frame()); i++) await tui.press(keys.backspace);
    await typeText(tui, '/nowhere/typo.yaml');
    await tui.press(keys.enter);
    await settle(tui, /✗ .*nowhere\/typo\.yaml/);
    await tui.press(keys.enter);
    const again = await settle(tui, 'Apply a profiles file to acme-support');
    expect(again).toContain('/nowhere/typo.yaml');
  });


  it('offers the last export, shows the plan in console words, applies it after y, and the list reads again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spex-a-'));
    try {
      const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 140, rows: 34, exportDir: dir });
      await tui.waitForFrame((f) => f.includes('Workforce Planning') && !/names? not loaded yet/.test(f));
      await tui.press('X');
      await settle(tui, 'Export 18 profiles of acme-support');
      await tui.press(keys.enter);
      await settle(tui, /Exported 18 profiles/);
      const path = join(dir, 'acme-support-security-profiles.yaml');
      const doc = YAML.parse(readFileSync(path, 'utf8')) as { profiles: { SecurityProfileName: string; Description?: string }[] };
      doc.profiles.find((p) => p.SecurityProfileName === 'Workforce Planning')!.Description = 'Edited in the file';
      writeFileSync(path, YAML.stringify(doc));
      await tui.press('A');
      const prompt = await settle(tui, 'Apply a profiles file to acme-support');
      expect(prompt).toContain(path);
      await tui.press(keys.enter);
      const review = await settle(tui, 'Review the plan (nothing has been sent yet)');
      expect(review).toContain('~ update “Workforce Planning”');
      expect(review).toContain('Description: "Forecasts, capacity plans and agent schedules" → "Edited in the file"');
      expect(sent(backend, 'UpdateResource')).toHaveLength(0);
      await tui.press('y');
      await settle(tui, 'Applied 1 change from the file');
      expect(sent(backend, 'UpdateResource')).toHaveLength(1);
      expect((backend.emulator.listModels(backend.region, 'AWS::Connect::SecurityProfile') as unknown as { SecurityProfileName: string; Description?: string }[]).find((p) => p.SecurityProfileName === 'Workforce Planning')!.Description).toBe('Edited in the file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
