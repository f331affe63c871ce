// Every screen at 80×24 and 120×35, the two sizes a new user tried: the lines that are the point of a
// screen — its title, the status line (a notice wraps rather than being cut), the footer with `?` and the
// way back — are never cut with `…`, and no line is wider than the terminal. Against the demo.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetShell } from '../../src/app/fleet/fleet-shell.js';
import { ThemeProvider } from '../../src/components/theme.js';
import { type Demo, startDemo } from '../../src/demo.js';
import { keys } from '../helpers/keys.js';
import { cleanupTui, renderTui, type TuiHandle } from '../helpers/render-tui.js';
import { settle } from '../helpers/typing.js';
import { FIXED_NOW } from './render-app.js';

let demo: Demo;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spex-sizes-'));
  demo = await startDemo({ asyncDelayMs: 0, spex: { pollSchedule: { firstMs: 5, maxMs: 50 }, maxAttempts: 1 } });
});
afterAll(async () => {
  cleanupTui();
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The title (the first line under the breadcrumb) and the last two lines (status and footer). */
function essential(frame: string): string[] {
  const lines = frame.split('\n');
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  return [lines[2] ?? '', ...lines.slice(-2)];
}

function check(frame: string, where: string, columns: number): void {
  for (const line of frame.split('\n')) expect([...line].length, `${where}: a line wider than ${columns}: ${line}`).toBeLessThanOrEqual(columns);
  for (const line of essential(frame)) expect(line.trimEnd().endsWith('…'), `${where}: cut: ${line}`).toBe(false);
}

const SIZES = [
  { columns: 80, rows: 24 },
  { columns: 120, rows: 35 },
] as const;

describe.each(SIZES)('every screen at $columns×$rows', ({ columns, rows }) => {
  it('the title, the status line and the footer are whole on each screen', async () => {
    const tui: TuiHandle = renderTui(
      <ThemeProvider isColor={false}>
        <FleetShell fleet={demo.fleet()} initial={{}} now={() => FIXED_NOW} exportDir={dir} />
      </ThemeProvider>,
      { columns, rows },
    );
    const visit = async (where: string, keysToPress: string[], match: Parameters<TuiHandle['waitForFrame']>[0]): Promise<void> => {
      if (keysToPress.length > 0) await tui.press(...keysToPress);
      const frame = await settle(tui, match);
      check(frame, where, columns);
    };
    await visit('fleet', [], /ACTIVE instances? in 2 accounts/);
    await visit('drift', ['D'], /profiles drift from/);
    await visit('drift help', ['?'], /Keys|help/i);
    await visit('fleet again', [keys.escape, keys.escape], /ACTIVE instances? in 2 accounts/);
    await visit('profile table', [keys.enter], (f) => f.includes('Modified') && f.includes('Tier 2 Escalations'));
    await visit('marks', [' ', 'j', ' ', 'j', ' '], '3 marked');
    await visit('compare', ['='], /↔/);
    await visit('table help', [keys.escape, '?'], 'Keys — ');
    await visit('detail', [keys.escape, 'g', keys.enter], 'Description:');
    await visit('holders', ['u'], 'Who holds');
    await visit('explain', [keys.enter], /can do/);
    await visit('findings', [keys.escape, keys.escape, keys.escape, '!'], /Findings: \d+ high/);
    await visit('operations', [keys.escape, 'o'], 'Operations');
    await visit('export prompt', [keys.escape, 'X'], /Export \d+ profiles? of/);
    await visit('apply prompt', [keys.escape, 'A'], 'Apply a profiles file');
    await visit('editor', [keys.escape, 'e'], 'One change to');
    await visit('rename', [keys.escape, 'R'], 'Rename');
    await visit('every user', [keys.escape, ':'], 'Users of the instance');
    await visit('give a profile', [keys.enter, '+'], 'a security profile: which one?');
    await visit('export prompt again', [keys.escape, keys.escape, 'X'], /Export \d+ profiles? of/);
    await visit('a long notice', [keys.enter], /Exported \d+ profiles|Not exported|Could not export/);
    tui.unmount();
  });
});
