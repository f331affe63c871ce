// Item 8: AWS's real limits. The emulator runs with --real-limits (Connect's 2 requests/s, burst 5, per
// API, account and region) and 100 profiles; `spex list --grants` needs every detail. Measured in the
// emulator's request log, not by timing alone: the cold run against what the rate allows, with zero
// throttling errors; the second run (nothing changed: no GetResource); the third after 5 profiles were
// changed by someone else (exactly 5); and two spex processes at once at --rate-share 0.5 each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { BENCH_REGION, extraFor, startRemoteEmulator } from './backend.js';
import { type BenchContext, childEnv, timeProcess } from './context.js';
import { type ItemResult, metric, round, single } from './stats.js';

const RATE = 2;
const BURST = 5;

export async function runLimits(ctx: BenchContext): Promise<ItemResult> {
  const result: ItemResult = { id: 'limits', title: '8. Under AWS’s real limits', status: 'ok', metrics: [], notes: [] };
  // Quick: the demo's profiles alone, and no second pair of processes (it checks the item runs, at AWS's pace).
  const wanted = ctx.quick ? 0 : 100;
  const emulator = await startRemoteEmulator({ profiles: extraFor(wanted), realLimits: true, listProperties: 'summary' });
  const cache = mkdtempSync(join(tmpdir(), 'spex-bench-cache-'));
  try {
    const { total } = emulator;
    const env = childEnv({ SPEX_CACHE_DIR: cache });
    const args = (extra: string[] = [], instance = emulator.instanceArn) => [ctx.spexBin, 'list', '--output', 'json', '--endpoint-url', emulator.url, '--region', BENCH_REGION, '--instance', instance, '--grants', 'BasicAgentAccess', '--rate-share', '1', ...extra];
    const gets = async () => (await emulator.requests()).filter((r) => r.operation === 'GetResource' && r.typeName === SECURITY_PROFILE_TYPE).length;
    const errors = async () => (await emulator.requests()).filter((r) => r.status >= 400).length;
    const runOnce = async (extra: string[] = [], instance?: string) => {
      const run = await timeProcess(process.execPath, args(extra, instance), { cwd: ctx.root, env, timeoutMs: 300_000 });
      if (run.code !== 0) throw new Error(`spex list --grants failed (${run.code}): ${run.stderr}`);
      return run.ms;
    };
    const limitMs = (n: number) => (Math.max(0, n - BURST) / RATE) * 1000;

    await emulator.clearRequests();
    const coldMs = await runOnce();
    const coldGets = await gets();
    const coldErrors = await errors();
    const coldLimit = limitMs(coldGets);
    result.metrics.push(
      metric(`cold, ${total} profiles: every detail read (${coldGets} GetResource; the rate allows ${round(coldLimit / 1000, 1)} s)`, 'ms', single(coldMs), {
        target: `≤ 1.1 × ${round(coldLimit / 1000, 1)} s + start-up, 0 throttling errors (had ${coldErrors})`,
        pass: (s) => s.median <= coldLimit * 1.1 + 1500 && coldErrors === 0,
      }),
    );

    await emulator.clearRequests();
    const warmMs = await runOnce();
    const warmGets = await gets();
    result.metrics.push(metric(`second run, nothing changed (${warmGets} GetResource)`, 'ms', single(warmMs), { target: '≤ 1 s, no GetResource', pass: (s) => s.median <= 1000 && warmGets === 0 }));

    if (ctx.quick) {
      result.notes.push('Quick run: the cold and the second run only.');
      result.details = { total, coldGets, coldErrors, warmGets };
      return result;
    }
    const changed = (await emulator.profileArns()).slice(0, 5);
    await emulator.modify(changed);
    await emulator.clearRequests();
    const fiveMs = await runOnce();
    const fiveGets = await gets();
    result.metrics.push(
      metric(`third run, 5 changed by someone else (${fiveGets} GetResource)`, 'ms', single(fiveMs), { target: '≤ 1 s + 5 ÷ 2 s, exactly 5 GetResource', pass: (s) => s.median <= 1000 + 2500 && fiveGets === 5 }),
    );

    // Two processes on the same account at once, each at half a share, both cold, on the account's
    // second instance (its budgets are the account's: the same ones).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await emulator.clearRequests();
    const half = ['--rate-share', '0.5', '--no-cache'];
    const t = performance.now();
    await Promise.all([runOnce(half, 'acme-sales'), runOnce(half, 'acme-sales')]);
    const bothMs = performance.now() - t;
    const bothErrors = await errors();
    result.metrics.push(metric(`two processes at --rate-share 0.5, cold (${await gets()} GetResource in all)`, 'ms', single(bothMs), { target: `0 throttling errors (had ${bothErrors})`, pass: () => bothErrors === 0 }));
    result.details = { total, coldGets, coldErrors, warmGets, fiveGets, bothErrors };
  } finally {
    rmSync(cache, { recursive: true, force: true });
    await emulator.close();
  }
  return result;
}
