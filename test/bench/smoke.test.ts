// A tiny run of `npm run bench` (few iterations, small sizes) so a broken bench shows up in
// `npm test`. Targets are not asserted here: small sizes on a busy machine say nothing about them.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'spex-bench-smoke-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Metric {
  name: string;
  summary: { n: number; median: number };
  pass?: boolean;
}
interface Item {
  id: string;
  status: string;
  metrics: Metric[];
  notes: string[];
}

describe('bench (quick run)', () => {
  it('runs every item and writes results with a median for each metric', async () => {
    const out = join(scratch, 'results.json');
    // dist/ is built by the global setup; the bench bundles itself into the scratch directory.
    const { stdout } = await run(process.execPath, ['bench/run.mjs', '--quick', '--no-build', '--out', out, '--bundle-dir', join(scratch, 'out')], {
      timeout: 110_000,
      maxBuffer: 10 * 1024 * 1024,
    });
    const report = JSON.parse(readFileSync(out, 'utf8')) as { quick: boolean; items: Item[] };
    expect(report.quick).toBe(true);
    expect(report.items.map((i) => i.id)).toEqual(['startup', 'headless', 'first-rows', 'economy', 'keys', 'memory', 'throttled', 'limits', 'moves', 'history', 'org']);
    for (const item of report.items) {
      expect(item.status, `${item.id}: ${item.notes.join(' ')}`).toBe('ok');
      expect(item.metrics.length, item.id).toBeGreaterThan(0);
      for (const m of item.metrics) {
        expect(Number.isFinite(m.summary.median), `${item.id} / ${m.name}`).toBe(true);
        expect(m.summary.n, `${item.id} / ${m.name}`).toBeGreaterThan(0);
      }
    }
    // The economy and throttling checks are counts, not timings: they hold at any size.
    const economy = report.items.find((i) => i.id === 'economy')!;
    expect(economy.metrics.find((m) => m.name === 'ARNs fetched twice')?.pass).toBe(true);
    expect(economy.metrics.find((m) => m.name.startsWith('GetResource in flight'))?.pass).toBe(true);
    expect(stdout).toMatch(/Metric\s+Median\s+Spread\s+Target\s+Result/);
    expect(stdout).toContain('7. Throttled instance');
  }, 120_000);
});
