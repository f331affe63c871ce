// An organisation on the fleet screen, through the SDK against the emulator's organisation (twelve
// generated retail accounts with an instance each): the scan's progress in accounts, each row's OU, the
// last scan shown at once on the next start while the fleet is scanned again, and the drift matrix's
// summary of a profile across the instances with n to the next one that drifts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FleetShell } from '../../src/app/fleet/fleet-shell.js';
import { ThemeProvider } from '../../src/components/theme.js';
import { DEFAULT_SETTINGS } from '../../src/config/settings.js';
import { openBackend } from '../../src/fleet/backend.js';
import type { Fleet } from '../../src/fleet/fleet.js';
import { TEST_CREDENTIALS } from '../helpers/emulator.js';
import { backendPerFile } from '../helpers/tui-backend.js';
import { keys } from '../helpers/keys.js';
import { cleanupTui, renderTui, type TuiHandle } from '../helpers/render-tui.js';
import { settle } from '../helpers/typing.js';
import { FIXED_NOW } from './render-app.js';

const file = backendPerFile({ orgAccounts: 12 }, 'spex-fleet-org-');

/** The Retail OU's accounts (and the management account) in three regions, remembered in the file's scratch folder's cache. */
async function orgFleet(): Promise<Fleet> {
  const env = { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, SPEX_CACHE_DIR: join(file.dir, 'cache') };
  const opened = openBackend({ org: true, orgUnit: 'Retail', endpointUrl: file.backend.emulator.url, region: 'us-east-1,us-west-2,eu-west-2' }, env, DEFAULT_SETTINGS, {});
  file.closeAfterTest(opened.close);
  return opened.fleet();
}

function open(fleet: Fleet): TuiHandle {
  return renderTui(
    <ThemeProvider isColor={false}>
      <FleetShell fleet={fleet} initial={{}} now={() => FIXED_NOW} journalDir={join(file.dir, 'promotions')} />
    </ThemeProvider>,
    { columns: 130, rows: 40 },
  );
}

describe('an organisation on the fleet screen', () => {
  it('says how far the scan is, shows each OU, and on the next start shows the last scan at once while it scans again', async () => {
    file.backend.emulator.setFaults({ latencyMs: 40 });
    const rowsOf = (frame: string): string[] => [...frame.matchAll(/^[›\s]\s(acme\S*|retail-\d+)\s+\S+\s+\S+\s+(\S+)\s+(\S+)/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    const first = open(await orgFleet());
    const scanning = await first.waitForFrame(/Scanning… \d+ of 12 accounts/, { timeoutMs: 10_000 });
    expect(scanning).toMatch(/Scanning… \d+ of 12 accounts/);
    // Whose credentials: the management account's caller, and the role it takes in each account.
    expect(scanning).toMatch(/^spex fleet as user\/\S+ in 123456789012, role OrganizationAccountAccessRole in each · \d+ accounts \(/m);
    // The cursor moved to a row while others still arrive: it stays on that row.
    await first.waitForFrame((f) => rowsOf(f).length >= 3, { timeoutMs: 10_000 });
    await first.press('j', 'j');
    const chosen = /^›\s(\S+)\s+\S+\s+\S+\s+(\S+)\s+(\S+)/m.exec(first.frame());
    expect(chosen).not.toBeNull();
    // Every frame while the scan runs, to check its rows' order against the end's.
    const during: string[] = [];
    const done = await first.waitForFrame((f) => (during.push(f), f.includes('ACTIVE instances in 12 accounts')), { timeoutMs: 20_000 });
    expect(done).toMatch(/Account\s+Id\s+OU\s+Region\s+Instance/);
    // The rows shown while it ran were already in the order of the end (the table does not reorder itself).
    const final = rowsOf(done);
    expect(done).toMatch(new RegExp(`^›\\s${chosen![1]}\\s+\\S+\\s+\\S+\\s+${chosen![2]}\\s+${chosen![3]}`, 'm'));
    expect(final.length).toBeGreaterThanOrEqual(12);
    for (const frame of during) {
      const at = rowsOf(frame).map((r) => final.indexOf(r));
      expect(at.filter((i) => i >= 0)).toEqual([...at.filter((i) => i >= 0)].sort((a, b) => a - b));
    }
    expect(done).toMatch(/retail-003\s+5\d{11}\s+Retail\s+us-east-1\s+retail-003/);
    cleanupTui();
    // The next start: every account slower to answer, the last scan's rows on view meanwhile.
    file.backend.emulator.setFaults({ latencyMs: 400 });
    const second = open(await orgFleet());
    const early = await second.waitForFrame(/retail-012/, { timeoutMs: 3_000 });
    expect(early).toMatch(/Scanning… \d+ of 12 accounts · the rest as the last scan saw them/);
    file.backend.emulator.setFaults({ latencyMs: 0 });
    await second.waitForFrame('ACTIVE instances in 12 accounts', { timeoutMs: 20_000 });
  }, 60_000);

  it("the drift matrix sums a profile up across the instances; n goes to the next instance where it drifts", async () => {
    const tui = open(await orgFleet());
    await tui.waitForFrame('ACTIVE instances in 12 accounts', { timeoutMs: 20_000 });
    await tui.press('D');
    await tui.waitForFrame((f) => f.includes('every instance read') && f.includes('Tier 1 Support'), { timeoutMs: 20_000 });
    for (let i = 0; i < 40 && !/› Tier 1 Support/.test(tui.frame()); i++) await tui.press('j');
    // The baseline is retail-001; retail-010 has one permission more.
    const row = await settle(tui, /Tier 1 Support: same in 10, differs in 1/);
    expect(row).toContain('Tier 1 Support: same in 10, differs in 1');
    await tui.press('n');
    await tui.press(keys.enter);
    await tui.waitForFrame(/“Tier 1 Support”: retail-001:retail-001 \(baseline\) ↔ retail-010:retail-010/);
  }, 60_000);
});
