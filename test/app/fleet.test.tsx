// The fleet in the TUI, over the demo's two accounts (one emulator; a 12-digit key selects the
// platform account) and an account whose credentials fail: the fleet screen's rows, the production
// marker and its second confirmation, the drift matrix and a cell's difference, promote with a
// blocked group chosen for by key, and an unfinished promotion resumed with R.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetShell } from '../../src/app/fleet/fleet-shell.js';
import { createSpex } from '../../src/aws/index.js';
import { ThemeProvider } from '../../src/components/theme.js';
import { type Demo, startDemo } from '../../src/demo.js';
import { promotePlan } from '../../src/domain/fleet/promote.js';
import { HIERARCHY_GROUP_TYPE, SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { DEMO_DEV_ONLY_PERMISSION, DEMO_PLATFORM_ACCOUNT_ID, instanceArnFor } from '../../src/emulator/index.js';
import type { Fleet } from '../../src/fleet/fleet.js';
import { fleetRegions } from '../../src/fleet/fleet.js';
import { newPromotion, saveJournal } from '../../src/fleet/promotion.js';
import { keys } from '../helpers/keys.js';
import { cleanupTui, renderTui, type TuiHandle } from '../helpers/render-tui.js';
import { settle } from '../helpers/typing.js';
import { FIXED_NOW } from './render-app.js';
import { togglePermission } from './editing-helpers.js';

const PROD = instanceArnFor('us-east-1', 'acme-prod', DEMO_PLATFORM_ACCOUNT_ID);
const DEV = instanceArnFor('us-west-2', 'acme-dev', DEMO_PLATFORM_ACCOUNT_ID);
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-2'];
let demo: Demo;
let dir: string;

beforeEach(async () => {
  demo = await startDemo({ asyncDelayMs: 0, spex: { pollSchedule: { firstMs: 5, maxMs: 50 }, maxAttempts: 1 } });
  dir = mkdtempSync(join(tmpdir(), 'spex-fleet-tui-'));
});
afterEach(async () => {
  cleanupTui();
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The demo's two accounts in three regions, and (with `broken`) a third whose credentials fail. */
function fleetOf(broken = false): Fleet {
  const whole = demo.fleet();
  const accounts = whole.accounts.map((a) => ({ ...a, regions: REGIONS }));
  if (broken) {
    const spex = createSpex({
      region: 'us-east-1',
      endpoint: demo.emulator.url,
      rateShare: false,
      maxAttempts: 1,
      credentials: async () => {
        throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
      },
    });
    accounts.push({ profile: 'expired', spex, regions: fleetRegions('us-east-1', REGIONS), production: [] });
  }
  return { accounts, close: async () => undefined };
}

function open(fleet = fleetOf(), rows = 35): TuiHandle {
  return renderTui(
    <ThemeProvider isColor={false}>
      <FleetShell fleet={fleet} initial={{}} now={() => FIXED_NOW} journalDir={join(dir, 'promotions')} />
    </ThemeProvider>,
    { columns: 120, rows },
  );
}

const mutations = () => demo.emulator.requests.filter((r) => ['CreateResource', 'UpdateResource', 'DeleteResource'].includes(r.operation));
const prodModel = (name: string) => demo.emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE, DEMO_PLATFORM_ACCOUNT_ID).find((m) => m.InstanceArn === PROD && m.SecurityProfileName === name);

/** Moves the fleet screen's cursor to the row of `alias`. */
async function toRow(tui: TuiHandle, alias: string): Promise<void> {
  for (let i = 0; i < 10 && !new RegExp(`›.*${alias}`).test(tui.frame()); i++) await tui.press('j');
  await settle(tui, new RegExp(`›.*${alias}`));
}

/** In the matrix: the baseline on acme-dev (the last column), the cursor on `name` × acme-prod. */
async function driftAt(tui: TuiHandle, name: string, shown = 'Tier 1 Support'): Promise<void> {
  await tui.press('D');
  await tui.waitForFrame((f) => f.includes('every instance read') && f.includes(shown), { timeoutMs: 10_000 });
  for (let i = 0; i < 4; i++) await tui.press('l');
  await tui.press('b');
  await settle(tui, /◆ baseline: acme-platform:acme-dev/);
  await tui.press('h');
  for (let i = 0; i < 40 && !new RegExp(`› ${name}`).test(tui.frame()); i++) await tui.press('j');
  await settle(tui, new RegExp(`› ${name}`));
}

describe('the fleet screen', () => {
  it('lists every account × region × instance, marks production, and gives a failing account its own row', async () => {
    const tui = open(fleetOf(true));
    const frame = await tui.waitForFrame((f) => f.includes('ACTIVE instances in 3 accounts'), { timeoutMs: 10_000 });
    expect(frame).toContain('fleet 3 accounts (acme, acme-platform, expired)');
    expect(frame).toMatch(/acme\s+123456789012\s+us-east-1\s+acme-support\s+18\s+ACTIVE/);
    expect(frame).toMatch(/acme-platform ⚠PROD\s+210987654321\s+us-east-1\s+acme-prod\s+8\s+ACTIVE/);
    expect(frame).toMatch(/acme-platform\s+210987654321\s+us-west-2\s+acme-dev\s+8\s+ACTIVE/);
    // The reason takes the columns the row has no values for, so it can be read.
    expect(frame).toMatch(/expired\s+—\s+\(every region\)\s+✗ No AWS credentials found/);
    // The failing account sent nothing; the others were each listed in every region asked for.
    expect(new Set(demo.emulator.requests.filter((r) => r.operation === 'ListResources' && r.typeName === 'AWS::Connect::Instance').map((r) => `${r.account} ${r.region}`)).size).toBe(6);
  });

  it('Enter opens an instance in its own account: the header names the account and marks production; Esc goes back up', async () => {
    const tui = open();
    await tui.waitForFrame('ACTIVE instances in 2 accounts');
    await toRow(tui, 'acme-prod');
    await tui.press(keys.enter);
    const list = await tui.waitForFrame('Fraud Investigators');
    expect(list).toMatch(/account 210987654321 \(acme-platform\)\s+⚠ PRODUCTION\s+instance acme-prod/);
    await tui.press(keys.escape);
    await settle(tui, 'us-east-1 › Instances');
    await tui.press(keys.escape);
    await settle(tui, /Region/);
    await tui.press(keys.escape);
    await settle(tui, 'ACTIVE instances in 2 accounts');
  });

  it('F goes straight back to the fleet from an instance\'s table or a profile (instead of Esc three times)', async () => {
    const tui = open();
    await tui.waitForFrame('ACTIVE instances in 2 accounts');
    await toRow(tui, 'acme-prod');
    await tui.press(keys.enter);
    await tui.waitForFrame('Fraud Investigators');
    await tui.press('F');
    await settle(tui, 'ACTIVE instances in 2 accounts');
    await tui.press(keys.enter);
    await tui.waitForFrame('Fraud Investigators');
    await tui.press(keys.enter);
    await tui.waitForFrame('Permissions (');
    await tui.press('F');
    await settle(tui, 'ACTIVE instances in 2 accounts');
  });

  it("the fleet's count of an instance follows what changed there while it was open", async () => {
    const fleet = fleetOf();
    const tui = open(fleet);
    await tui.waitForFrame('ACTIVE instances in 2 accounts');
    const countOf = (f: string) => Number(/acme-dev\s+(\d+)\s+ACTIVE/.exec(f)?.[1]);
    const before = countOf(tui.frame());
    await toRow(tui, 'acme-dev');
    await tui.press(keys.enter);
    await tui.waitForFrame('instance acme-dev');
    // A profile created in that instance meanwhile (as this session's editor would).
    const platform = fleet.accounts.find((a) => a.profile === 'acme-platform')!;
    const made = await platform.spex.forRegion('us-west-2').createProfile({ InstanceArn: DEV, SecurityProfileName: 'Counted Once', Permissions: ['BasicAgentAccess'] }).done;
    expect(made.ok).toBe(true);
    await tui.press('F');
    await settle(tui, (f) => countOf(f) === before + 1);
  });

  it('on production, a save asks once more: nothing is sent until the second y', async () => {
    const tui = open();
    await tui.waitForFrame('ACTIVE instances in 2 accounts');
    await toRow(tui, 'acme-prod');
    await tui.press(keys.enter);
    await tui.waitForFrame('Fraud Investigators');
    await tui.press('G');
    await settle(tui, /›\s+Tier 1 Support/);
    await tui.press('e');
    await settle(tui, 'Edit Tier 1 Support ·');
    await togglePermission(tui, 'QConnectAIAgents.View');
    await tui.press('s');
    await settle(tui, 'Review the change');
    demo.emulator.clearRequests();
    await tui.press('y');
    await settle(tui, '⚠ PRODUCTION (acme-platform:acme-prod): save this change? Press y again');
    expect(mutations()).toEqual([]);
    await tui.press('y');
    await tui.waitForFrame((f) => !f.includes('Review the change'), { timeoutMs: 10_000 });
    await tui.waitForFrame(() => mutations().length === 1, { timeoutMs: 10_000 });
    expect(mutations()[0]).toMatchObject({ operation: 'UpdateResource', account: DEMO_PLATFORM_ACCOUNT_ID });
  });
});

describe('the fleet filter', () => {
  it('/ narrows the rows by every word typed, and D compares only the instances shown', async () => {
    const tui = open();
    await tui.waitForFrame('ACTIVE instances in 2 accounts');
    await tui.press('/');
    await tui.type('platform');
    const filtered = await settle(tui, 'Filter: platform▏  (2 of 5; Enter keeps it, Esc clears)');
    expect(filtered).not.toContain('acme-support');
    await tui.press(keys.enter);
    await settle(tui, 'Filter: platform  (2 of 5; Esc clears, D compares these)');
    await tui.press('D');
    const matrix = await tui.waitForFrame((f) => f.includes('every instance read') && f.includes('Tier 1 Support'), { timeoutMs: 10_000 });
    expect(matrix).toMatch(/Profile\s+acme-prod\s+acme-dev\s*\n/);
    expect(matrix).not.toContain('acme-support');
    await tui.press(keys.escape);
    await tui.press(keys.escape);
    await settle(tui, /acme-support/);
  });

  it('the matrix cursor stays on a column that is there when the fleet is filtered to fewer instances', async () => {
    const tui = open();
    await tui.waitForFrame('ACTIVE instances in 2 accounts');
    await tui.press('D');
    await tui.waitForFrame((f) => f.includes('every instance read') && f.includes('Tier 1 Support'), { timeoutMs: 10_000 });
    // The cursor to the last of the columns, then back to the fleet and a filter that leaves two.
    for (let i = 0; i < 6; i++) await tui.press('l');
    await tui.press(keys.escape);
    await settle(tui, 'ACTIVE instances in 2 accounts');
    await tui.press('/');
    await tui.type('platform');
    await tui.press(keys.enter);
    await settle(tui, 'Filter: platform  (2 of 5; Esc clears, D compares these)');
    await tui.press('D');
    await tui.waitForFrame((f) => f.includes('every instance read') && f.includes('Tier 1 Support'), { timeoutMs: 10_000 });
    await tui.press(keys.enter);
    const cell = await tui.waitForFrame(/↔/);
    expect(cell).not.toContain('Not read yet');
    expect(cell).toMatch(/acme-platform:acme-(prod|dev) \(baseline\) ↔ acme-platform:acme-(prod|dev)/);
  });

  it("? shows each screen's own keys, titled with that screen: the fleet's, then the drift matrix's", async () => {
    const tui = open();
    await tui.waitForFrame('ACTIVE instances in 2 accounts');
    await tui.press('?');
    const fleetHelp = await settle(tui, 'Keys — Fleet');
    expect(fleetHelp).toMatch(/D\s+drift matrix/);
    // The promote session's keys are its own (its footer shows them step by step), not the fleet's.
    expect(fleetHelp).not.toMatch(/skip the blocked field|choose a target|promote:/);
    await tui.press(keys.escape);
    await tui.press('D');
    await tui.waitForFrame((f) => f.includes('every instance read'), { timeoutMs: 10_000 });
    await tui.press('?');
    const driftHelp = await settle(tui, 'Keys — Drift matrix');
    expect(driftHelp).toMatch(/b\s+baseline: this column/);
    expect(driftHelp).not.toMatch(/resume an unfinished promotion/);
  });

  it('keys faster than a re-render each see where the ones before left things: "/prod" then Enter Enter opens acme-prod', async () => {
    const tui = open();
    await tui.waitForFrame('ACTIVE instances in 2 accounts');
    tui.writeNow('/prod', '\r', '\r');
    const list = await tui.waitForFrame('Fraud Investigators');
    expect(list).toContain('instance acme-prod');
  });
});

describe('drift and promote in the TUI', () => {
  it('the matrix holds the drift of the data; Enter shows a cell in console words, side by side', async () => {
    const tui = open();
    await tui.waitForFrame('ACTIVE instances in 2 accounts');
    await driftAt(tui, 'Tier 1 Support');
    const frame = tui.frame();
    expect(frame).toMatch(/› Tier 1 Support\s+.*≠2/);
    expect(frame).toMatch(/Team Leads(\s+\S+){3}\s+=/);
    expect(frame).toMatch(/Night Leads(\s+\S+){3}\s+–/);
    expect(frame).toMatch(/Fraud Investigators(\s+\S+){3}\s+\+/);
    await tui.press(keys.enter);
    const cell = await settle(tui, '2 differences');
    expect(cell).toContain('“Tier 1 Support”: acme-platform:acme-dev (baseline) ↔ acme-platform:acme-prod');
    expect(cell).toContain(`− Contact Search · View (${DEMO_DEV_ONLY_PERMISSION})`);
    // The AI agents it allows, by name: the order assistant (two ARNs, one name) is the same on both sides.
    expect(cell).toContain('− allowed AI agent “Refund helper”');
    expect(cell).not.toContain('Order status assistant');
    expect(cell).toMatch(/Permission\s+API name\s+baseline\s+here/);
  });

  it('a long difference says where it is (lines x–y/N) and takes g/G and pages, as the other long views do', async () => {
    const tui = open(fleetOf(), 12);
    await tui.waitForFrame('ACTIVE instances in 2 accounts');
    await driftAt(tui, 'Tier 1 Support', 'Admin');
    await tui.press(keys.enter);
    const top = await settle(tui, /lines 1–\d+\/\d+/);
    const [, shown, total] = /lines 1–(\d+)\/(\d+)/.exec(top)!.map(Number);
    expect(total).toBeGreaterThan(shown!);
    await tui.press('G');
    await settle(tui, `lines ${total! - shown! + 1}–${total}/${total}`);
    await tui.press('j');
    await settle(tui, `lines ${total! - shown! + 1}–${total}/${total}`);
    await tui.press('g');
    await settle(tui, `lines 1–${shown}/${total}`);
  });

  it('P on a missing cell: the target is blocked by a group it lacks until m maps it; production asks twice; applied and read again', async () => {
    const tui = open();
    await tui.waitForFrame('ACTIVE instances in 2 accounts');
    await driftAt(tui, 'Night Leads');
    await tui.press(keys.space);
    await tui.press('P');
    const plan = await tui.waitForFrame('BLOCKED', { timeoutMs: 10_000 });
    expect(plan).toContain('is restricted to the hierarchy group "Americas/Support floor/Night shift"');
    expect(plan).toContain('1 value to choose for before anything can be sent.');
    await tui.press('y');
    expect(mutations()).toEqual([]);
    await tui.press('m');
    const mapped = await tui.waitForFrame('+ create “Night Leads”');
    expect(mapped).not.toContain('BLOCKED');
    await tui.press('y');
    await settle(tui, '⚠ PRODUCTION (acme-platform:acme-prod): apply 1 change?');
    expect(mutations()).toEqual([]);
    await tui.press('y');
    const done = await tui.waitForFrame('read again: it matches', { timeoutMs: 10_000 });
    expect(done).toContain('acme-platform:acme-prod: 1 applied');
    const groups = demo.emulator.listModels('us-east-1', HIERARCHY_GROUP_TYPE, DEMO_PLATFORM_ACCOUNT_ID).filter((g) => g.InstanceArn === PROD);
    const model = prodModel('Night Leads');
    // Mapped to the target's group nearest the missing path ("Americas/Support floor"): by the target's own id.
    const floor = groups.find((g) => g.Name === 'Support floor' && groups.some((p) => p.Name === 'Americas' && p.UserHierarchyGroupArn === g.ParentGroupArn));
    expect(model?.AllowedAccessControlHierarchyGroupId).toBe(String(floor?.UserHierarchyGroupArn).split('/').at(-1));
    expect(readdirSync(join(dir, 'promotions'))).toEqual([]);
  });

  it('P on an instance\'s list: the targets are chosen (production marked), planned, applied; Enter goes back to the list', async () => {
    const tui = open();
    await tui.waitForFrame('ACTIVE instances in 2 accounts');
    await toRow(tui, 'acme-dev');
    await tui.press(keys.enter);
    await tui.waitForFrame('Night Leads');
    await tui.press('G');
    await settle(tui, /›\s+Tier 1 Support/);
    await tui.press('P');
    const targets = await settle(tui, 'Choose the targets (Space), then Enter: “Tier 1 Support”');
    expect(targets).toMatch(/\[ \] acme-platform:acme-prod\s+us-east-1\s+210987654321\s+⚠ PRODUCTION/);
    for (let i = 0; i < 6 && !/› \[ \] acme-platform:acme-prod/.test(tui.frame()); i++) await tui.press('j');
    await tui.press(keys.space);
    await settle(tui, /› \[x\] acme-platform:acme-prod/);
    await tui.press(keys.enter);
    await tui.waitForFrame(`+ Contact Search · View (${DEMO_DEV_ONLY_PERMISSION})`, { timeoutMs: 10_000 });
    await tui.press('y');
    await settle(tui, '⚠ PRODUCTION (acme-platform:acme-prod): apply 1 change?');
    await tui.press('y');
    await tui.waitForFrame('read again: it matches', { timeoutMs: 10_000 });
    expect(prodModel('Tier 1 Support')?.Permissions).toContain(DEMO_DEV_ONLY_PERMISSION);
    await tui.press(keys.enter);
    await tui.waitForFrame(/acme-dev › Security profiles/);
  });

  it('R resumes an unfinished promotion with its client tokens', async () => {
    // A promotion stopped before its step was confirmed: its journal says "sent".
    const devArn = String(demo.emulator.listModels('us-west-2', SECURITY_PROFILE_TYPE, DEMO_PLATFORM_ACCOUNT_ID).find((m) => m.InstanceArn === DEV && m.SecurityProfileName === 'Tier 1 Support')!.SecurityProfileArn);
    const dev = await demo.fleet().accounts[1]!.spex.forRegion('us-west-2').getProfile(devArn);
    const prodService = demo.fleet().accounts[1]!.spex.forRegion('us-east-1');
    const current = [await prodService.getProfile(String(prodModel('Tier 1 Support')!.SecurityProfileArn))];
    const agents = await prodService.listAiAgents(PROD);
    const plan = promotePlan([dev], [], { key: 'acme-platform:acme-prod', instanceArn: PROD, current, groups: [], agents }, [], undefined, await demo.fleet().accounts[1]!.spex.forRegion('us-west-2').listAiAgents(DEV));
    const promotion = newPromotion({ key: 'acme-platform:acme-dev', profile: 'acme-platform', region: 'us-west-2', instanceArn: DEV }, ['Tier 1 Support'], [{ key: 'acme-platform:acme-prod', profile: 'acme-platform', region: 'us-east-1', instanceArn: PROD }], [plan]);
    promotion.steps[0]!.status = 'sent';
    saveJournal(join(dir, 'promotions'), promotion);
    const tui = open();
    await tui.waitForFrame('1 unfinished promotion (stopped before every step was confirmed): R resumes');
    await tui.press('R');
    // Settled first: a y typed before the review reads keys is not an answer.
    const review = await settle(tui, 'Resume the promotion of');
    expect(review).toContain('sent    acme-platform:acme-prod: update “Tier 1 Support”');
    await tui.press('y');
    // Production asks once more: the second y only once the question is on screen (a y before it is not an answer).
    await settle(tui, 'Press y again to send it');
    await tui.press('y');
    await tui.waitForFrame('read again: it matches', { timeoutMs: 10_000 });
    expect(mutations().map((r) => r.body.ClientToken)).toEqual([promotion.steps[0]!.clientToken]);
    expect(prodModel('Tier 1 Support')?.Permissions).toContain(DEMO_DEV_ONLY_PERMISSION);
  });
});
