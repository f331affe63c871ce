// Item 6: memory. A child process runs the TUI with 10,000 profiles listed and pages down until
// 1,000 details are loaded; its peak RSS (process.resourceUsage().maxRSS) is the figure.
import { fileURLToPath } from 'node:url';
import { extraFor, startRemoteEmulator } from './backend.js';
import { type BenchContext, timeProcess } from './context.js';
import type { MemoryReport } from './memory-child.js';
import { type ItemResult, metric } from './stats.js';

const TARGET_MB = 200;

export async function runMemory(ctx: BenchContext): Promise<ItemResult> {
  const result: ItemResult = { id: 'memory', title: '6. Memory', status: 'ok', metrics: [], notes: [] };
  const wanted = ctx.quick ? 150 : 10_000;
  const details = ctx.quick ? 30 : 1000;
  const runs = ctx.quick ? 1 : 3;
  const emulator = await startRemoteEmulator({ profiles: extraFor(wanted) });
  try {
    const child = fileURLToPath(new URL('./memory-child.js', import.meta.url));
    const reports: MemoryReport[] = [];
    for (let i = 0; i < runs; i++) {
      const env = { ...process.env };
      delete env.CI;
      const run = await timeProcess(process.execPath, [child, emulator.url, String(emulator.total), String(details)], { cwd: ctx.root, env, timeoutMs: 120_000 });
      if (run.code !== 0) throw new Error(`the memory child failed (${run.code}): ${run.stderr}`);
      const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as MemoryReport;
      ctx.log(`peak RSS ${Math.round(report.maxRssKb / 1024)} MB with ${report.listed} listed, ${report.detailsLoaded} details, in ${report.seconds.toFixed(1)} s`);
      reports.push(report);
    }
    const mb = (kb: number): number => kb / 1024;
    const loaded = Math.min(...reports.map((r) => r.detailsLoaded));
    result.metrics.push(
      metric(`peak RSS, ${emulator.total} listed + ${loaded} details`, 'MB', reports.map((r) => mb(r.maxRssKb)), {
        target: `≤ ${TARGET_MB} MB`,
        pass: (s) => s.median <= TARGET_MB,
      }),
      metric(`peak RSS once ${emulator.total} are listed, before details (context)`, 'MB', reports.map((r) => mb(r.listedMaxRssKb))),
      metric('heap used at the end (context)', 'MB', reports.map((r) => mb(r.heapUsedKb))),
      metric('peak RSS after start-up, before rendering (context)', 'MB', reports.map((r) => mb(r.baselineMaxRssKb))),
    );
    result.notes.push('Measured in a child process that renders the TUI in-process (as `spex` does) against an emulator in another process.');
    result.details = { reports };
    return result;
  } finally {
    await emulator.close();
  }
}
