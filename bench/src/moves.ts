// Item 9: moving holders under AWS's real limits. The emulator runs with --real-limits (Connect's
// UpdateUserSecurityProfiles at 2 requests/s, burst 5; DescribeUser at 10/s) and the demo's acme-apac
// (about 600 users), spex pacing itself as against AWS (--rate-share 1). Set up in the store (no call):
// 300 users hold Queue Editors and every user Outbound Campaigns. The review of moving every user
// (--dry-run), cold then warm (the detail cache); then `spex move-holders` moves the 300 (quick: one
// site's dozen): its time against the rate's floor (users ÷ 2/s after the burst) with the guards' reads,
// and the throttling errors the emulator answered (none).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRemoteEmulator } from './backend.js';
import { type BenchContext, childEnv, timeProcess } from './context.js';
import { type ItemResult, metric, round, single } from './stats.js';

const RATE = 2;
const BURST = 5;
const REGION = 'ap-southeast-2';

export async function runMoves(ctx: BenchContext): Promise<ItemResult> {
  const result: ItemResult = { id: 'moves', title: '9. Moving holders under AWS’s real limits', status: 'ok', metrics: [], notes: [] };
  const emulator = await startRemoteEmulator({ realLimits: true });
  const scratch = mkdtempSync(join(tmpdir(), 'spex-bench-moves-'));
  try {
    const env = childEnv({ SPEX_CACHE_DIR: join(scratch, 'cache'), SPEX_STATE_DIR: join(scratch, 'state') });
    // Quick: the review of the site's move (every profile read at 2/s would take the quick run 40 s).
    const everyone = ctx.quick ? 0 : await emulator.give(REGION, 'acme-apac', 'Outbound Campaigns', 1000);
    const reviewed = ctx.quick ? 'Site 07 agents' : 'Outbound Campaigns';
    const given = ctx.quick ? 0 : await emulator.give(REGION, 'acme-apac', 'Queue Editors', 300);
    const from = ctx.quick ? 'Site 07 agents' : 'Queue Editors';
    const to = ctx.quick ? 'Site 08 agents' : 'Reporting Analysts';
    const args = (source: string, extra: string[]) => [ctx.spexBin, 'move-holders', '--from', source, '--to', to, '--instance', 'acme-apac', '--endpoint-url', emulator.url, '--region', REGION, '--output', 'json', '--rate-share', '1', ...extra];
    const review = async () => {
      const run = await timeProcess(process.execPath, args(reviewed, ['--dry-run']), { cwd: ctx.root, env, timeoutMs: 300_000 });
      if (run.code !== 2) throw new Error(`move-holders --dry-run exited ${run.code}: ${run.stderr}`);
      return { ms: run.ms, users: (JSON.parse(run.stdout) as { changes: unknown[] }).changes.length };
    };
    const cold = await review();
    const warm = await review();
    result.metrics.push(
      metric(`review of moving ${warm.users} holders (--dry-run), cold`, 'ms', single(cold.ms)),
      metric(`review of moving ${warm.users} holders (--dry-run), warm`, 'ms', single(warm.ms), { target: '≤ 1 s', pass: (s) => s.median <= 1000 }),
    );
    if (warm.users < everyone) result.notes.push(`${everyone} users were given Outbound Campaigns; the review planned ${warm.users}.`);
    if (!ctx.quick && given !== 300) result.notes.push(`Only ${given} users could be given Queue Editors.`);
    await emulator.clearRequests();
    const move = await timeProcess(process.execPath, args(from, ['--yes']), { cwd: ctx.root, env, timeoutMs: 900_000 });
    if (move.code !== 0) throw new Error(`move-holders exited ${move.code}: ${move.stderr}`);
    const requests = await emulator.requests();
    const writes = requests.filter((r) => r.operation === 'UpdateUserSecurityProfiles' && r.status === 200).length;
    // Every error the emulator answered (a throttle is a 429, or Connect's rate message through a handler).
    const throttled = requests.filter((r) => r.status >= 400).length;
    const floorMs = (Math.max(0, writes - BURST) / RATE) * 1000;
    result.metrics.push(
      metric(`move ${writes} holders (${writes} writes; the rate allows ${round(floorMs / 1000, 1)} s)`, 'ms', single(move.ms), {
        target: `≤ 1.1 × ${round(floorMs / 1000, 1)} s + 5 s (start-up, the review's reads, the re-read); 0 throttling errors (had ${throttled})`,
        pass: (s) => s.median <= floorMs * 1.1 + 5000 && throttled === 0,
      }),
    );
    const failed = requests.filter((r) => r.status >= 400).map((r) => `${r.operation} ${r.status} ${r.errorType ?? ''}`);
    if (failed.length > 0) result.notes.push(`Errors answered: ${failed.join(', ')}.`);
    result.details = { reviewed: warm.users, given, writes, throttled, floorMs, failed };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await emulator.close();
  }
  return result;
}
