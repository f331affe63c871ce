// An organisation's fleet opens with the first accounts its tree gives and grows while the rest is
// read (an OU of many accounts is many pages of 20, one after the other): the scan takes each account as
// it comes, in the tree's order, and a tree that fails halfway leaves a row saying so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOrgAccounts, plainSettings } from '../../src/aws/index.js';
import { DEFAULT_SETTINGS } from '../../src/config/settings.js';
import { scanProgressText } from '../../src/domain/fleet/fleet-row.js';
import { type FleetAccount, growingAccounts, scanFleet, type ScanProgress } from '../../src/fleet/fleet.js';
import { openOrgFleet } from '../../src/fleet/org.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';

let backend: TestBackend;
beforeAll(async () => {
  // 120 generated accounts in Retail: six pages of ListAccountsForParent, one after the other, each
  // after 30 ms; the management account's scan (three regions, two round trips) ends well before.
  backend = await startTestBackend({ orgAccounts: 120, latencyMs: 30 });
});
afterAll(async () => backend.close());

const connection = () => ({ credentials: { ...TEST_CREDENTIALS }, region: 'us-east-1', endpoint: backend.emulator.url, connectEndpoint: undefined, profile: undefined, regionSource: undefined });

describe('an organisation that grows while its tree is read', () => {
  it('opens before the tree is read, grows in the tree\'s order, and the scan takes every account', async () => {
    const base = plainSettings({ region: 'us-east-1', endpoint: backend.emulator.url, credentials: { ...TEST_CREDENTIALS } });
    const { members } = await listOrgAccounts(base);
    // The three regions the generated accounts' instances are spread over: every account has a row.
    const fleet = await openOrgFleet(connection(), { regions: ['us-east-1', 'us-west-2', 'eu-west-2'] }, { SPEX_CACHE_DIR: 'off' }, DEFAULT_SETTINGS, { rateShare: false });
    try {
      // Opened with the first accounts, the rest still to come.
      expect(fleet.growth?.complete()).toBe(false);
      expect(fleet.accounts.length).toBeGreaterThan(0);
      expect(fleet.accounts.length).toBeLessThan(members.length);
      const progress: ScanProgress[] = [];
      const rows = await scanFleet(fleet, { countProfiles: false, onAccount: (_, p) => progress.push(p) });
      expect(fleet.growth?.complete()).toBe(true);
      // Every account, in the order of the whole tree (as listed in one go).
      expect(fleet.accounts.map((a) => a.accountId)).toEqual(members.map((m) => m.id));
      expect(new Set(rows.map((r) => r.profile))).toEqual(new Set(members.map((m) => m.name)));
      expect(rows.find((r) => r.profile === 'retail-120')?.unit).toBe('Retail');
      // Told "of N+" while accounts were still being found, and the whole count at the end.
      expect(progress.some((p) => p.more === true && p.total < members.length)).toBe(true);
      expect(progress.at(-1)).toMatchObject({ done: members.length, total: members.length });
      expect(progress.at(-1)?.more).toBeUndefined();
      // As the fleet screen and `spex fleet` say it.
      expect(scanProgressText({ done: 3, total: 40, failed: 1, more: true })).toBe('3 of 40+ accounts, 1 failed');
      expect(scanProgressText({ done: 1, total: 1, failed: 0, more: true })).toBe('1 of 1+ accounts');
      expect(scanProgressText(progress.at(-1)!)).toMatch(new RegExp(`^${members.length} of ${members.length} accounts`));
    } finally {
      await fleet.close();
    }
  });

  it('--org-account keeps its accounts as their pages come; a filter that keeps none is still refused, naming what there is', async () => {
    const fleet = await openOrgFleet(connection(), { regions: ['us-east-1'], accounts: ['retail-04*'] }, { SPEX_CACHE_DIR: 'off' }, DEFAULT_SETTINGS, { rateShare: false });
    try {
      await fleet.growth?.done;
      expect(fleet.accounts.map((a) => a.profile)).toEqual(Array.from({ length: 10 }, (_, i) => `retail-04${i}`));
    } finally {
      await fleet.close();
    }
    await expect(openOrgFleet(connection() as never, { accounts: ['nobody-*'] }, { SPEX_CACHE_DIR: 'off' }, DEFAULT_SETTINGS, { rateShare: false })).rejects.toThrow(/--org-account nobody-\*: no account of the organisation matches/);
  });

  it('a tree that fails halfway: the accounts found are scanned, and one row says the rest could not be read', async () => {
    const base = await openOrgFleet(connection(), { regions: ['us-east-1'], accounts: ['acme', 'acme-platform'] }, { SPEX_CACHE_DIR: 'off' }, DEFAULT_SETTINGS, { rateShare: false });
    await base.growth?.done;
    const grown = growingAccounts<FleetAccount>();
    const [first, second] = base.accounts as FleetAccount[];
    grown.add([first!]);
    const scanned = scanFleet({ accounts: grown.accounts, growth: grown.growth, close: async () => undefined }, { countProfiles: false });
    setTimeout(() => {
      grown.add([second!]);
      grown.fail(new Error('TooManyRequestsException: Rate exceeded'));
    }, 20);
    try {
      const rows = await scanned;
      expect(rows.filter((r) => r.profile === 'acme').length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.profile === 'acme-platform').length).toBeGreaterThan(0);
      expect(rows.at(-1)).toMatchObject({ profile: '(organisation)', error: { message: expect.stringMatching(/^the rest of the organisation's accounts could not be read: TooManyRequestsException/) } });
    } finally {
      await base.close();
    }
  });

  it('a scan stopped while it waits for more accounts ends then, not when the tree does', async () => {
    const base = await openOrgFleet(connection(), { regions: ['us-east-1'], accounts: ['acme'] }, { SPEX_CACHE_DIR: 'off' }, DEFAULT_SETTINGS, { rateShare: false });
    await base.growth?.done;
    const grown = growingAccounts<FleetAccount>();
    grown.add(base.accounts);
    const controller = new AbortController();
    // The tree never ends here: only the stop can end the scan.
    const scanned = scanFleet({ accounts: grown.accounts, growth: grown.growth, close: async () => undefined }, { countProfiles: false, signal: controller.signal, onAccount: () => controller.abort() });
    try {
      const rows = await scanned;
      expect(grown.growth.complete()).toBe(false);
      expect(rows.every((r) => r.profile === 'acme')).toBe(true);
    } finally {
      await base.close();
    }
  });
});
