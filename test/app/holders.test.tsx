// Who holds a profile, in the TUI against the emulator: the Users column, "Held by" in the detail and
// the holders screen (`u`, filterable), by SearchUsers and, on Cloud Control alone, by
// AWS::Connect::User reads that start only once a screen needs them.
import { afterEach, describe, expect, it } from 'vitest';
import { USER_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { keys } from '../helpers/keys.js';
import { cleanupTui } from '../helpers/render-tui.js';
import { settle } from '../helpers/typing.js';
import { OPEN_LIST, selectProfile, togglePermission } from './editing-helpers.js';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { renderSpexApp } from './render-app.js';

let backend: TestBackend | undefined;
afterEach(async () => {
  cleanupTui();
  await backend?.close();
  backend = undefined;
});

const holders = (b: TestBackend, name: string) =>
  b.emulator.listModels(b.region, USER_TYPE).filter((u) => (u.SecurityProfileArns as string[]).includes(demoProfileArn(name, b.instanceArn)));
const usersColumn = (frame: string, name: string) => new RegExp(`${name.replace(/[()]/g, '\\$&')}\\s.*?\\s(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\d{4}-`).exec(frame)?.[2];

describe('holders in the TUI', () => {
  it('the Users column counts the holders of every row from one SearchUsers; u lists them, / filters, Esc goes back', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 30 });
    const frame = await tui.waitForFrame((f) => usersColumn(f, 'Tier 1 Support') !== undefined && usersColumn(f, 'Agent') !== undefined);
    for (const name of ['Agent', 'Tier 1 Support', 'Team Leads', 'QualityAnalyst', 'Admin']) expect(usersColumn(frame, name)).toBe(String(holders(backend, name).length));
    expect(backend.emulator.requests.filter((r) => r.operation === 'SearchUsers')).toHaveLength(1);

    // To Team Leads, then u.
    await tui.press('/', ...'Team Leads', keys.enter);
    await tui.waitForFrame(/›\s+Team Leads/);
    await tui.press('u');
    const all = await settle(tui, 'Who holds Team Leads — 8 users');
    for (const u of holders(backend, 'Team Leads')) expect(all).toContain(String(u.Username));
    expect(all).toMatch(/Login\s+Name\s+Hierarchy group\s+Also holds/);
    // Group names come with the instance's hierarchy groups, read once.
    await tui.waitForFrame('Support floor');
    const withTier1 = holders(backend, 'Team Leads').filter((u) => (u.SecurityProfileArns as string[]).includes(demoProfileArn('Tier 1 Support', backend!.instanceArn)));
    await tui.press('/', ...'tier');
    const filtered = await settle(tui, `${withTier1.length} of 8 users`);
    for (const u of withTier1) expect(filtered).toContain(String(u.Username));
    await tui.press(keys.enter, keys.escape);
    await settle(tui, 'Who holds Team Leads — 8 users');
    // A row cursor: › on the first user; j moves it, and Enter explains the user under it.
    const listed = (await settle(tui, 'Who holds Team Leads — 8 users')).split('\n').filter((l) => /^[› ] \S+\.\S+/.test(l)).map((l) => l.slice(2).split(/\s+/)[0]!);
    expect(listed).toHaveLength(8);
    await tui.waitForFrame(new RegExp(`› ${listed[0]!.replace('.', '\\.')}`));
    await tui.press('j');
    await tui.waitForFrame(new RegExp(`› ${listed[1]!.replace('.', '\\.')}`));
    await tui.press(keys.enter);
    await tui.waitForFrame(`What ${listed[1]!} can do`);
    await tui.press(keys.escape);
    await settle(tui, 'Who holds Team Leads — 8 users');
    await tui.press(keys.escape);
    await settle(tui, 'Modified (UTC)');
  });

  it('on Cloud Control alone: the table does not read every user; opening a profile does, with progress, and shows Held by', async () => {
    backend = await startTestBackend({ spex: { cloudControlOnly: true }, listProperties: 'summary' });
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 30 });
    await tui.waitForFrame(/›\s+Admin/);
    await settle(tui, 'Modified (UTC)');
    const userReads = () => backend!.emulator.requests.filter((r) => r.typeName === USER_TYPE);
    expect(userReads()).toHaveLength(0);
    await tui.press(keys.enter);
    await tui.waitForFrame('Admin (v: raw JSON)');
    await settle(tui, 'Held by:        2 users (below; u lists them all)');
    await tui.press('G');
    const frame = await tui.waitForFrame('Held by (2 users)');
    for (const u of holders(backend, 'Admin')) expect(frame).toContain(String(u.Username));
    expect(userReads().filter((r) => r.operation === 'GetResource').length).toBe(backend.emulator.listModels(backend.region, USER_TYPE).filter((u) => u.InstanceArn === backend!.instanceArn).length);
    expect(backend.emulator.requests.filter((r) => r.operation === 'SearchUsers')).toHaveLength(0);
    // Back in the table the counts are there now, without reading again.
    const reads = userReads().length;
    await tui.press(keys.escape);
    const table = await tui.waitForFrame((f) => usersColumn(f, 'Agent') !== undefined);
    expect(usersColumn(table, 'Agent')).toBe(String(holders(backend, 'Agent').length));
    expect(userReads()).toHaveLength(reads);
  });

  it('the review says whom a permission change reaches, numbers checked against the data', async () => {
    backend = await startTestBackend();
    const b = backend;
    const arn = demoProfileArn('Team Leads', b.instanceArn);
    const perms = (profileArn: string) => new Set((b.emulator.getModel(b.region, SECURITY_PROFILE_TYPE, profileArn)!.Permissions as string[]) ?? []);
    const held = holders(b, 'Team Leads');
    const mine = perms(arn);
    // A permission Team Leads grants: who keeps it from another profile they hold?
    const removed = [...mine].sort()[0]!;
    const sole = held.filter((u) => !(u.SecurityProfileArns as string[]).some((a) => a !== arn && perms(a).has(removed))).length;
    const tui = renderSpexApp(b.spex, { initial: OPEN_LIST, columns: 140, rows: 40 });
    await selectProfile(tui, 'Team Leads');
    await tui.press('e');
    await settle(tui, 'Edit Team Leads ·');
    await togglePermission(tui, removed);
    await tui.press('s');
    const others = held.length - sole;
    const head = sole === held.length ? `all ${held.length} holders lose it` : `${sole} of the ${held.length} holders lose${sole === 1 ? 's' : ''} it`;
    const review = await settle(tui, `${removed}: ${head}${others === 0 ? '' : `; ${others} ${others === 1 ? 'has' : 'have'} it from another profile`}`);
    expect(review).toContain(`Who it reaches (${held.length} users hold this profile):`);
    expect(review).not.toContain('still loading');
    expect(b.emulator.requests.filter((r) => r.operation === 'UpdateResource')).toHaveLength(0);
  });
});
