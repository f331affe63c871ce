// Item 10: a profile's history under CloudTrail's real budget. The emulator runs with --real-limits
// (LookupEvents: 2 requests a second per account and region, 50 events a page) and CloudTrail holds 500
// writes in the account over the last 60 days, one in five to Tier 1 Support. `spex history` cold (a new
// cache: every page of every event name since 90 days ago), then warm (the events kept: only what is
// newer than the newest kept, one call per event name): each against the budget's floor for the calls
// it made, and the throttling errors the emulator answered (none).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRemoteEmulator } from './backend.js';
import { type BenchContext, childEnv, timeProcess } from './context.js';
import { type ItemResult, metric, round, single } from './stats.js';

/** CloudTrail LookupEvents: 2 a second per account and region (API reference); a burst of 2. */
const RATE = 2;
const BURST = 2;
const REGION = 'us-east-1';
const EVENTS = 500;

export async function runHistory(ctx: BenchContext): Promise<ItemResult> {
  const result: ItemResult = { id: 'history', title: '10. A profile’s history under CloudTrail’s budget', status: 'ok', metrics: [], notes: [] };
  // Quick (what npm test runs): the same looks without the budget, so they take a second, not ten.
  const emulator = await startRemoteEmulator({ realLimits: !ctx.quick, history: false });
  const scratch = mkdtempSync(join(tmpdir(), 'spex-bench-history-'));
  try {
    const env = childEnv({ SPEX_CACHE_DIR: join(scratch, 'cache'), SPEX_STATE_DIR: join(scratch, 'state'), AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench' });
    const held = await emulator.history(REGION, 'acme-support', 'Tier 1 Support', ctx.quick ? 100 : EVENTS, 60);
    const look = async (label: string) => {
      await emulator.clearRequests();
      const run = await timeProcess(process.execPath, [ctx.spexBin, 'history', 'Tier 1 Support', '--instance', 'acme-support', '--endpoint-url', emulator.url, '--region', REGION, '--output', 'json', '--rate-share', '1'], { cwd: ctx.root, env, timeoutMs: 120_000 });
      if (run.code !== 0) throw new Error(`spex history (${label}) exited ${run.code}: ${run.stderr}`);
      const requests = await emulator.requests();
      const lookups = requests.filter((r) => r.operation === 'LookupEvents').length;
      const throttled = requests.filter((r) => r.status >= 400).length;
      const floorMs = (Math.max(0, lookups - BURST) / RATE) * 1000;
      const entries = (JSON.parse(run.stdout) as { entries: unknown[] }).entries.length;
      return { ms: run.ms, lookups, throttled, floorMs, entries };
    };
    const cold = await look('cold');
    const warm = await look('warm');
    for (const [label, r] of [['cold', cold], ['warm', warm]] as const) {
      result.metrics.push(
        metric(`history of a profile, ${held} events in the account, ${label}: ${r.lookups} LookupEvents (the budget allows ${round(r.floorMs / 1000, 1)} s)`, 'ms', single(r.ms), {
          target: `≤ ${round(r.floorMs / 1000, 1)} s + 3 s (start-up, the profile and users read); 0 throttling errors (had ${r.throttled})`,
          pass: (s) => s.median <= r.floorMs + 3000 && r.throttled === 0,
        }),
      );
    }
    if (warm.entries !== cold.entries) result.notes.push(`The warm look listed ${warm.entries} changes, the cold ${cold.entries}.`);
    result.details = { held, cold, warm };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await emulator.close();
  }
  return result;
}
