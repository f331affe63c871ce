// Acting on holders in the TUI, against the emulator through the SDK: marks on the holders screen,
// give / take away / move, one user's checklist and what-if, rename (R), a held profile's delete with a
// move first, the concurrent-change guard, production's second y, and a run that did not finish
// resumed with B — each checked in the emulator's data and its request log.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { USER_TYPE } from '../../src/domain/profile/security-profile.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { keys } from '../helpers/keys.js';
import { cleanupTui, type TuiHandle } from '../helpers/render-tui.js';
import { settle } from '../helpers/typing.js';
import { arnOf, OPEN_LIST, profilesNamed } from './editing-helpers.js';
import { renderSpexApp } from './render-app.js';

let backend: TestBackend | undefined;
let dir: string | undefined;
afterEach(async () => {
  cleanupTui();
  await backend?.close();
  backend = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

type User = { UserArn: string; InstanceArn: string; Username: string; SecurityProfileArns: string[] };
const users = (b: TestBackend): User[] => (b.emulator.listModels(b.region, USER_TYPE) as unknown as User[]).filter((u) => u.InstanceArn === b.instanceArn);
const holdersOf = (b: TestBackend, name: string): User[] => users(b).filter((u) => u.SecurityProfileArns.includes(arnOf(b, name)));
const user = (b: TestBackend, login: string): User => users(b).find((u) => u.Username === login)!;
const writes = (b: TestBackend) => b.emulator.requests.filter((r) => r.operation === 'UpdateUserSecurityProfiles');

/** The profile table filtered to one profile, the filter kept (the table's keys work again). */
async function filterTo(tui: TuiHandle, name: string): Promise<void> {
  await tui.waitForFrame('Tier 2 Escalations');
  await tui.press('/', ...name, keys.enter);
  await settle(tui, (f) => new RegExp(`›\\s+${name}`).test(f) && f.includes('Enter open'));
}

/** The holders screen of a profile, every row listed. */
async function openHolders(tui: TuiHandle, name: string, count: number): Promise<string[]> {
  await filterTo(tui, name);
  await tui.press('u');
  const frame = await settle(tui, `Who holds ${name} — ${count} user`);
  await settle(tui, /Americas/);
  return frame.split('\n').filter((l) => /^[› ][● ]\S+\.\S+/.test(l)).map((l) => l.slice(2).split(/\s+/)[0]!);
}

describe('acting on holders in the TUI', () => {
  it('Space marks users; m moves the marked ones to a profile picked by typing; one review, then every change is in the data', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 40 });
    const listed = await openHolders(tui, 'Team Leads', 8);
    await tui.press(' ', ' ', ' ');
    await settle(tui, '3 marked');
    const [a, b, c] = listed;
    await tui.press('m');
    await settle(tui, 'Move 3 users of “Team Leads” to which profile?');
    await tui.press(...'night');
    await settle(tui, /›\s+Supervisors - Night Shift/);
    await tui.press(keys.enter);
    const review = await settle(tui, 'Review — nothing has been sent yet');
    expect(review).toContain('move 3 holders of “Team Leads” to “Supervisors - Night Shift”');
    expect(review).toMatch(/3 users to change/);
    expect(writes(backend)).toHaveLength(0);
    await tui.press('y');
    const done = await settle(tui, '3 of 3 users changed and read again.');
    expect(done).toContain('Done');
    for (const login of [a!, b!, c!]) {
      const held = user(backend, login).SecurityProfileArns;
      expect(held).toContain(arnOf(backend, 'Supervisors - Night Shift'));
      expect(held).not.toContain(arnOf(backend, 'Team Leads'));
    }
    expect(holdersOf(backend, 'Team Leads')).toHaveLength(5);
    expect(writes(backend)).toHaveLength(3);
    // Enter closes; the holders screen is read again and the marks are spent.
    await tui.press(keys.enter);
    const after = await settle(tui, 'Who holds Team Leads — 5 users');
    expect(after).not.toContain('marked');
    expect(after).toContain('3 of 3 users changed and read again.');
  });

  it('* marks every user the filter shows; - takes this profile away, and a user it would leave with none is blocked and skipped', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 40 });
    const agents = holdersOf(backend, 'Agent');
    await openHolders(tui, 'Agent', agents.length);
    // Those with a filter word in common: the Agent holders who also hold Team Leads, and one who holds Agent alone.
    const leads = agents.filter((u) => u.SecurityProfileArns.includes(arnOf(backend!, 'Team Leads')));
    const alone = agents.find((u) => u.SecurityProfileArns.length === 1)!;
    expect(leads.length).toBeGreaterThan(1);
    await tui.press('/', ...'team leads', keys.enter);
    await settle(tui, `${leads.length} of ${agents.length} users`);
    await tui.press('*');
    await settle(tui, `${leads.length} marked`);
    await tui.press('/', ...'x'.repeat(0), keys.escape);
    await settle(tui, `Who holds Agent — ${agents.length} users · ${leads.length} marked`);
    // Now the one who holds Agent alone, marked too (filter to them, Space).
    await tui.press('/', ...alone.Username, keys.enter);
    await settle(tui, `1 of ${agents.length} users`);
    await tui.press(' ');
    await settle(tui, `${leads.length + 1} marked`);
    await tui.press('-');
    const review = await settle(tui, 'Review — nothing has been sent yet');
    expect(review).toContain(`✗ ${alone.Username}: would be left with no security profile`);
    expect(review).toContain(`${leads.length} users to change`);
    await tui.press('y');
    await settle(tui, `${leads.length} of ${leads.length} users changed and read again, 1 blocked (skipped).`);
    for (const u of leads) expect(user(backend, u.Username).SecurityProfileArns).not.toContain(arnOf(backend, 'Agent'));
    expect(user(backend, alone.Username).SecurityProfileArns).toEqual([arnOf(backend, 'Agent')]);
  });

  it('r on that review picks a profile for the users it would leave with none: they get it instead of being skipped', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 40 });
    const agents = holdersOf(backend, 'Agent');
    const alone = agents.find((u) => u.SecurityProfileArns.length === 1)!;
    await openHolders(tui, 'Agent', agents.length);
    await tui.press('/', ...alone.Username, keys.enter);
    await settle(tui, `1 of ${agents.length} users`);
    await tui.press('-');
    await settle(tui, 'r: pick a profile for the 1 user left with none');
    await tui.press('r');
    await settle(tui, 'Users left with no profile once “Agent” is taken away get which one?');
    await tui.press(...'reporting');
    await settle(tui, /›\s+Reporting Analysts/);
    await tui.press(keys.enter);
    const review = await settle(tui, '(those left with none get “Reporting Analysts”)');
    expect(review).toContain(`${alone.Username}: Agent → Reporting Analysts`);
    expect(review).not.toContain('left with none, instead of skipping them');
    await tui.press('y');
    await settle(tui, '1 of 1 user changed and read again.');
    expect(user(backend, alone.Username).SecurityProfileArns).toEqual([arnOf(backend, 'Reporting Analysts')]);
  });

  it("e edits one user's set as a checklist (1–10, what they would lose shown live); w only tries it", async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 40 });
    const [first] = await openHolders(tui, 'Team Leads', 8);
    const before = [...user(backend, first!).SecurityProfileArns];
    // What if: Admin ticked shows what they would gain; nothing is sent, Enter does nothing.
    await tui.press('w');
    await settle(tui, `What if ${first!} held these profiles? (nothing is sent)`);
    await tui.press(...'admin');
    await settle(tui, /› \[ \] Admin/);
    await tui.press(' ');
    await settle(tui, /If so, they would gain AI agents · Create/);
    await tui.press(keys.enter);
    await tui.press(keys.escape, keys.escape);
    await settle(tui, `Who holds Team Leads — 8 users`);
    expect(writes(backend)).toHaveLength(0);
    // Edit: drop every profile → refused in place; tick Tier 1 Support → the review → sent.
    await tui.press('e');
    await settle(tui, `${first!}'s security profiles (1–10)`);
    await tui.press(...'team');
    await settle(tui, /› \[x\] Team Leads/);
    await tui.press(' ');
    await settle(tui, /› \[ \] Team Leads/);
    await tui.press(keys.escape, ...'agent');
    await settle(tui, /› \[x\] Agent/);
    await tui.press(' ');
    await settle(tui, '✗ a user needs at least one security profile');
    await tui.press(keys.enter);
    await settle(tui, '✗ a user needs at least one security profile');
    await tui.press(' ', keys.escape, ...'tier');
    await settle(tui, /› \[ \] Tier 1 Support/);
    await tui.press(' ');
    await settle(tui, /If so, they would lose [^]*; gain/);
    await tui.press(keys.enter);
    const review = await settle(tui, 'Review — nothing has been sent yet');
    expect(review).toMatch(new RegExp(`${first!.replace('.', '\\.')}: .*Team Leads.* → .*Tier 1 Support`));
    await tui.press('y');
    await settle(tui, '1 of 1 user changed and read again.');
    const now = user(backend, first!).SecurityProfileArns;
    expect(now.sort()).toEqual([...before.filter((a) => a !== arnOf(backend!, 'Team Leads')), arnOf(backend, 'Tier 1 Support')].sort());
  });

  it('R renames: a copy under the new name, every holder moved to it, the old one deleted — after a production instance asks again', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 40, productionOf: () => 'prod:acme-support' });
    const holders = holdersOf(backend, 'Team Leads').map((u) => u.Username);
    const permissions = profilesNamed(backend, 'Team Leads').find((p) => p.InstanceArn === backend!.instanceArn)!.Permissions;
    await filterTo(tui, 'Team Leads');
    // A name Connect refuses is said before anything is read or sent.
    await tui.press('R');
    await settle(tui, 'Rename “Team Leads”');
    await tui.press(...'Leads (new)', keys.enter);
    await settle(tui, /The new name: .*/);
    await tui.press(keys.enter);
    await settle(tui, 'Rename “Team Leads”');
    await tui.press(keys.escape);
    await tui.press('R');
    await settle(tui, 'New name:');
    await tui.press(...'Shift Leads', keys.enter);
    const review = await settle(tui, 'Review — nothing has been sent yet');
    expect(review).toContain('first “Shift Leads” is created');
    expect(review).toContain(`${holders.length} users: lose nothing, gain nothing`);
    expect(review).toContain('then “Team Leads” is deleted, last');
    await tui.press('y');
    await settle(tui, 'PRODUCTION (prod:acme-support)');
    expect(profilesNamed(backend, 'Shift Leads')).toHaveLength(0);
    await tui.press('y');
    await settle(tui, `${holders.length} of ${holders.length} users changed and read again; “Team Leads” deleted.`);
    const copy = profilesNamed(backend, 'Shift Leads')[0]!;
    expect(copy.Permissions!.sort()).toEqual([...permissions!].sort());
    expect(profilesNamed(backend, 'Team Leads').filter((p) => p.InstanceArn === backend!.instanceArn)).toHaveLength(0);
    for (const login of holders) expect(user(backend, login).SecurityProfileArns).toContain(copy.SecurityProfileArn);
  });

  it("d on a held profile offers m: the holders are moved, then it is deleted; a user changed meanwhile is refused and the delete not sent", async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 40 });
    const holders = holdersOf(backend, 'Compliance Auditors');
    await filterTo(tui, 'Compliance Auditors');
    await tui.press('d');
    await settle(tui, 'm: move them to another profile, then delete “Compliance Auditors”');
    await tui.press('m');
    await settle(tui, /Move every holder of “Compliance Auditors” to which profile\?/);
    await tui.press(...'reporting', keys.enter);
    await settle(tui, 'then “Compliance Auditors” is deleted, last, and only if every holder was moved');
    // Someone else changes one of them after the review.
    const changed = holders[0]!;
    await backend.spex.forRegion(backend.region).setUserProfileIds(backend.instanceArn, changed.UserArn.split('/').pop()!, [arnOf(backend, 'Agent').split('/').pop()!]);
    await tui.press('y');
    const end = await settle(tui, /Ended — not everything is in effect/);
    expect(end).toContain(`${changed.Username} was changed by someone else since the plan`);
    expect(end).toContain('“Compliance Auditors” was not deleted: 1 user was not moved');
    expect(profilesNamed(backend, 'Compliance Auditors').filter((p) => p.InstanceArn === backend!.instanceArn)).toHaveLength(1);
    expect(user(backend, changed.Username).SecurityProfileArns).toEqual([arnOf(backend, 'Agent')]);
    for (const u of holders.slice(1)) expect(user(backend, u.Username).SecurityProfileArns).toEqual([arnOf(backend, 'Reporting Analysts')]);
  });

  it('a run whose writes were not confirmed is journalled; B reviews and resumes it without sending a step twice', async () => {
    backend = await startTestBackend();
    dir = mkdtempSync(join(tmpdir(), 'spex-batches-'));
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 40, batchDir: dir });
    await openHolders(tui, 'Team Leads', 8);
    await tui.press('*');
    await settle(tui, '8 marked');
    await tui.press('m', ...'workforce', keys.enter);
    await settle(tui, 'Review — nothing has been sent yet');
    // The first writes fail in a way that may still apply: they stay "sent" in the journal.
    backend.emulator.failNext('UpdateUserSecurityProfiles', 3, { exception: 'InternalServiceException' });
    await tui.press('y');
    const ended = await settle(tui, /Ended — not everything is in effect/);
    expect(ended).toContain('3 not sent or not confirmed');
    expect(ended.replace(/\s+/g, ' ')).toContain('AWS failed (InternalServiceException, HTTP 500) during UpdateUserSecurityProfiles');
    expect(readdirSync(dir)).toHaveLength(1);
    await tui.press(keys.enter);
    await settle(tui, 'B resumes: move 8 holders of “Team Leads” to “Workforce Planning” (stopped at 5 of 8)');
    const sentBefore = writes(backend).length;
    const doneBefore = users(backend).filter((u) => u.SecurityProfileArns.includes(arnOf(backend!, 'Workforce Planning'))).length;
    await tui.press('B');
    const review = await settle(tui, `An unfinished run: ${doneBefore} of 8 users done`);
    expect(review).toContain('move 8 holders of “Team Leads” to “Workforce Planning”');
    await tui.press('y');
    await settle(tui, '8 of 8 users changed and read again.');
    // Only the users not yet moved were written again.
    expect(writes(backend).length - sentBefore).toBe(8 - doneBefore);
    expect(holdersOf(backend, 'Team Leads')).toHaveLength(0);
    expect(readdirSync(dir)).toHaveLength(0);
  });

  it('e with profiles marked makes one change to all of them: a term that names no permission is said in place; the review lists each change, its reach and the unchanged', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 40 });
    await tui.waitForFrame((f) => f.includes('Tier 2 Escalations') && /Agent\s.*\s75\s/.test(f));
    // Admin, Agent, AI Agent Builders: three marks (compare would take the last two).
    await tui.press(' ', 'j', ' ', 'j', ' ');
    await settle(tui, '3 marked — e: one change to all');
    await tui.press('e');
    await settle(tui, 'One change to 3 profiles: “Admin”, “Agent”, “AI Agent Builders”');
    await tui.press(...'no such permission', keys.enter);
    await settle(tui, /Could not go on[^]*Add: /);
    await tui.press(keys.enter);
    await settle(tui, /› Add permissions\s+no such permission/);
    for (let i = 0; i < 'no such permission'.length; i++) await tui.press(keys.backspace);
    await tui.press(...'ContactLensPostContactSummary.View', keys.tab, keys.tab, ...'team=cx');
    await settle(tui, /› Set tags \(key=value\)\s+team=cx/);
    await tui.press(keys.enter);
    const review = await settle(tui, 'Review — nothing has been sent yet');
    expect(review).toContain('Update 3 profiles:');
    expect(review).toContain('“Agent” — reaches 75 users');
    expect(review).toContain('+ Conversational analytics - post-contact summary · View (ContactLensPostContactSummary.View)');
    await tui.press('y');
    await settle(tui, '3 of 3 profiles updated.');
    for (const name of ['Admin', 'Agent', 'AI Agent Builders']) {
      const p = profilesNamed(backend, name).find((x) => x.InstanceArn === backend!.instanceArn)!;
      expect(p.Permissions, name).toContain('ContactLensPostContactSummary.View');
      expect(p.Tags, name).toContainEqual({ Key: 'team', Value: 'cx' });
    }
    // The operations view lists the three saves as part of the change, with their instance.
    await tui.press(keys.enter);
    await settle(tui, '3 of 3 profiles updated.');
    await tui.press('o');
    const ops = await settle(tui, /▸.*Save “Agent”.*acme-support/);
    expect(ops).toMatch(/▸.*Save “Admin”/);
    expect(ops).toContain('▸ part of an apply, a promotion or a batch');
    await tui.press(keys.escape);
    await settle(tui, 'Modified (UTC)');
    // The same change again does nothing: every one is listed as unchanged and y sends nothing.
    const sent = backend.emulator.requests.filter((r) => r.operation === 'UpdateResource').length;
    await tui.press('e');
    await settle(tui, 'One change to 3 profiles');
    await tui.press(...'ContactLensPostContactSummary.View', keys.tab, keys.tab, ...'team=cx', keys.enter);
    const again = await settle(tui, 'Unchanged (the change does nothing to them): Admin, Agent, AI Agent Builders');
    expect(again).toContain('Nothing to send.');
    await tui.press('y', keys.escape);
    await settle(tui, 'Modified (UTC)');
    expect(backend.emulator.requests.filter((r) => r.operation === 'UpdateResource').length).toBe(sent);
  });
});
