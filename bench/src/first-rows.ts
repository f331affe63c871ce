// Item 3: time to first rows. 50 ms injected per call, at 100, 1,000 and 10,000 profiles: from Enter on the instance
// picker to the first frame with named rows, and to the frame whose counter shows the whole list.
import { BENCH_REGION, type BenchBackend, extraFor, startBackend } from './backend.js';
import type { BenchContext } from './context.js';
import { type ItemResult, metric, round, summarize } from './stats.js';
import { counterOf, KEYS, renderBenchTui, tableNames } from './tui-driver.js';

const LATENCY_MS = 50;
const PAGE_SIZE = 25;

interface Run {
  firstRows: number;
  complete?: number;
}

/** A frame with at least one table row whose name is known (not the "… id" placeholder). */
function hasNamedRows(frame: string): boolean {
  return tableNames(frame).some((name) => name !== '' && !name.startsWith('…'));
}

async function oneRun(backend: BenchBackend, toComplete: boolean): Promise<Run> {
  const tui = renderBenchTui({ spex: backend.spex, retries: backend.retries, initial: { region: BENCH_REGION, skipRegionPicker: true }, columns: 120, rows: 40 });
  try {
    await tui.waitForFrame((f) => /›\s+acme-support/.test(f), 'the instance picker');
    // Past Ink's frame throttle (30 fps), so the next frame is drawn as soon as it is ready.
    await tui.settle(40);
    let firstRowsAt: number | undefined;
    let completeAt: number | undefined;
    const full = `${backend.total}/${backend.total}`;
    const stop = tui.watch((frame, at) => {
      if (firstRowsAt === undefined && hasNamedRows(frame)) firstRowsAt = at;
      if (completeAt === undefined && counterOf(frame) === full) completeAt = at;
    });
    const t0 = performance.now();
    tui.press(KEYS.enter);
    await tui.waitForFrame(() => firstRowsAt !== undefined, 'the first named rows', 10_000);
    if (toComplete) await tui.waitForFrame(() => completeAt !== undefined, `the counter ${full}`, 120_000);
    stop();
    return { firstRows: (firstRowsAt ?? Number.NaN) - t0, ...(toComplete ? { complete: (completeAt ?? Number.NaN) - t0 } : {}) };
  } finally {
    tui.unmount();
  }
}

/** One list round trip through spex's own client (its first page: one ListSecurityProfiles call). */
async function roundTrip(backend: BenchBackend): Promise<number> {
  const service = backend.spex.forRegion(BENCH_REGION);
  const t0 = performance.now();
  for await (const page of service.listProfiles(backend.instanceArn)) {
    if (page.length === 0) throw new Error('empty first page');
    break;
  }
  return performance.now() - t0;
}

/** Connect's ListSecurityProfiles page (MaxResults 1000, the model's largest): the calls a list needs. */
const CONNECT_PAGE = 1000;

export async function runFirstRows(ctx: BenchContext): Promise<ItemResult> {
  const result: ItemResult = { id: 'first-rows', title: '3. Time to first rows (50 ms latency)', status: 'ok', metrics: [], notes: [] };
  const sizes = ctx.quick ? [150] : [100, 1_000, 10_000];
  const details: Record<string, unknown>[] = [];
  for (const wanted of sizes) {
    const completeRuns = ctx.quick ? 1 : 3;
    const firstOnlyRuns = ctx.quick ? 1 : 6;
    const backend = await startBackend({ profiles: extraFor(wanted), latencyMs: LATENCY_MS, pageSize: PAGE_SIZE });
    try {
      const trips: number[] = [];
      for (let i = 0; i < (ctx.quick ? 3 : 9); i++) trips.push(await roundTrip(backend));
      const trip = summarize(trips.slice(1)).median;
      const firstRows: number[] = [];
      const complete: number[] = [];
      for (let i = 0; i < firstOnlyRuns; i++) firstRows.push((await oneRun(backend, false)).firstRows);
      for (let i = 0; i < completeRuns; i++) {
        const run = await oneRun(backend, true);
        ctx.log(`complete list of ${backend.total} in ${Math.round(run.complete ?? 0)} ms`);
        firstRows.push(run.firstRows);
        if (run.complete !== undefined) complete.push(run.complete);
      }
      const calls = Math.ceil(backend.total / CONNECT_PAGE);
      // Pages are sequential (each needs the last one's token): the floor is the calls × one round trip
      // as measured beside it (a page of 1,000 takes the server longer than the injected latency alone).
      const ideal = calls * trip;
      result.metrics.push(metric(`one list round trip, ${backend.total} profiles (context)`, 'ms', trips.slice(1)));
      result.metrics.push(
        metric(`Enter → first named rows (${backend.total} profiles)`, 'ms', firstRows, {
          // One round trip as measured beside it, plus 100 ms for spex and a frame.
          target: `≤ ${round(trip + 100)} ms`,
          pass: (x) => x.median <= trip + 100,
          note: `${round(summarize(firstRows).median - trip)} ms above one measured round trip`,
        }),
      );
      result.metrics.push(
        metric(`Enter → complete list (${backend.total} profiles, ${calls} call${calls === 1 ? '' : 's'})`, 'ms', complete, {
          target: `≤ ${round(ideal * 1.1 + 100)} ms`,
          // 1.1 × the calls × a measured round trip, and one frame's 100 ms (a list of one call is one round trip).
          pass: (x) => x.median <= ideal * 1.1 + 100,
          note: `${round(summarize(complete).median / (calls * LATENCY_MS), 2)}× the calls × the injected ${LATENCY_MS} ms`,
        }),
      );
      details.push({ total: backend.total, calls, latencyMs: LATENCY_MS, roundTripMs: trip, firstRowsMs: firstRows, completeMs: complete });
    } finally {
      await backend.close();
    }
  }
  result.notes.push(`Names come from Connect's ListSecurityProfiles, ${CONNECT_PAGE} a page, shown as each page arrives; no Cloud Control page is needed. ${LATENCY_MS} ms ± 10% per call; the emulator runs in a process of its own.`);
  result.details = { sizes: details };
  return result;
}
