// Item 7: a throttled instance. The emulator allows 2 calls a second (burst 2). First the instance
// is opened (list + first screen), then a `perm:` filter needs every profile's details. Measured:
// how long the filter takes against what the rate allows, and whether any throttling error reached
// the screen (a "✗" in a frame) or the detail cache, in either phase.
import { BENCH_REGION, extraFor, startBackend, type BenchBackend } from './backend.js';
import type { BenchContext } from './context.js';
import { type ItemResult, metric, round, single, waitUntil } from './stats.js';
import { type BenchTui, counterOf, hasPendingRows, KEYS, renderBenchTui } from './tui-driver.js';

const FILTER = 'perm:Users.Edit';
/** An error line (the app marks errors with ✗; its "slowing down" note is information, ℹ). */
const ERROR_TEXT = /✗/;
const NOTICE_TEXT = /ℹ.*throttl/i;
const LIST_STOPPED = 'Listing stopped';

/** Waits until the emulator has had no call for a bit over a second: its bucket is full again. */
async function refill(backend: BenchBackend): Promise<void> {
  for (;;) {
    const log = await backend.emulator.requests();
    const last = Math.max(0, ...log.map((r) => r.endedAt));
    if (Date.now() - last >= 1100) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Presses each key, waiting (briefly) for its frame. While the app shows its "slowing down" notice,
 * the status line hides the filter being typed, so a key may not change the frame at all.
 */
async function pressEach(tui: BenchTui, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    const count = tui.frameCount();
    tui.press(key);
    const until = performance.now() + 500;
    await waitUntil(() => tui.frameCount() > count || performance.now() > until, 'a frame', 1000);
  }
}

export async function runThrottled(ctx: BenchContext): Promise<ItemResult> {
  const result: ItemResult = { id: 'throttled', title: '7. Throttled instance', status: 'ok', metrics: [], notes: [] };
  const wanted = ctx.quick ? 10 : 60;
  const rps = ctx.quick ? 10 : 2;
  const backend = await startBackend({ profiles: extraFor(wanted), throttleRps: rps });
  const { emulator, total } = backend;
  // Spex's defaults (4 attempts, 2 details at once), as a user gets them.
  const tui = renderBenchTui({ spex: backend.spex, retries: backend.retries, initial: { region: BENCH_REGION, skipRegionPicker: true, instance: 'acme-support' }, columns: 120, rows: 14 });
  try {
    const loader = () => backend.loaders.at(-1);
    const idle = (): boolean => {
      const stats = loader()?.stats();
      return stats !== undefined && stats.inFlight === 0 && stats.queued === 0;
    };
    let errorFrames = 0;
    let noticeFrames = 0;
    let firstError: string | undefined;
    const stopErrors = tui.watch((frame) => {
      if (NOTICE_TEXT.test(frame)) noticeFrames++;
      if (!ERROR_TEXT.test(frame)) return;
      errorFrames++;
      firstError ??= frame.split('\n').find((l) => ERROR_TEXT.test(l))?.trim();
    });

    // Phase 1: open the instance. A list stopped by throttling is retried with `r`, as a user would.
    const full = `${total}/${total}`;
    // A stopped list: its counter is final (no "+") but short. (The error line itself can be hidden
    // behind the app's "slowing down" note.)
    const stopped = (frame: string): boolean => {
      const counter = counterOf(frame);
      return frame.includes(LIST_STOPPED) || (counter !== undefined && !counter.endsWith('+') && Number(counter.split('/')[1]) < total);
    };
    let listRetries = 0;
    const t1 = performance.now();
    for (;;) {
      await tui.waitForFrame((f) => (counterOf(f) === full && !hasPendingRows(f)) || stopped(f), 'the list or its error', 60_000);
      await tui.settle(50, idle, 60_000);
      if (!stopped(tui.frame()) || listRetries === 3) break;
      listRetries++;
      await refill(backend);
      await pressEach(tui, ['r']);
    }
    const openSeconds = (performance.now() - t1) / 1000;
    ctx.log(`instance open in ${openSeconds.toFixed(1)} s (${listRetries} reloads); counter ${counterOf(tui.frame()) ?? '?'}`);
    const openErrorFrames = errorFrames;
    const listComplete = counterOf(tui.frame()) === full;

    // Phase 2: the perm: filter, from a full bucket.
    await refill(backend);
    const arns = await emulator.profileArns();
    const settled = (): boolean =>
      arns.every((arn) => {
        const status = loader()?.get(arn)?.status;
        return status === 'loaded' || status === 'error';
      });
    const before = loader()?.stats().fetched ?? 0;
    await emulator.clearRequests();
    const openNoticeFrames = noticeFrames;
    errorFrames = 0;
    noticeFrames = 0;
    // The clock starts with the key that makes it a permission filter (the first after "perm:"),
    // when the prefetch can start; the rest of the typing overlaps the fetching.
    const prefix = FILTER.indexOf(':') + 1;
    await pressEach(tui, ['/', ...FILTER.slice(0, prefix)]);
    const t0 = performance.now();
    await pressEach(tui, [...FILTER.slice(prefix), KEYS.enter]);
    await waitUntil(() => settled() && idle(), 'every detail for the perm: filter', 150_000, () => tui.frame());
    const seconds = (performance.now() - t0) / 1000;
    ctx.log(`perm: filter details in ${seconds.toFixed(1)} s`);
    // The last frames (the filtered table) are drawn after the last detail arrives.
    await tui.settle(100);
    stopErrors();

    const log = await emulator.requests();
    const getCalls = log.filter((r) => r.operation === 'GetResource');
    const throttled = getCalls.filter((r) => r.errorType === 'ThrottlingException').length;
    const succeeded = getCalls.filter((r) => r.status === 200).length;
    // A failed cache entry is a "✗ details failed" row for the user.
    const failed = arns.filter((arn) => loader()?.get(arn)?.status === 'error').length;
    const missing = arns.filter((arn) => loader()?.get(arn)?.status !== 'loaded').length;
    const needed = Math.max(0, total - before);
    // What the rate allows: a full bucket (rps calls) at once, then rps calls a second.
    const allowed = Math.max(0, needed - rps) / rps;

    result.metrics.push(
      metric('opening the instance: frames showing a throttling error', 'count', single(openErrorFrames), { target: '0', pass: (s) => s.median === 0 }),
      metric(`perm: filter: ${needed} details fetched in`, 's', single(seconds), {
        target: `≤ ${round(allowed * 1.1, 2)} s (rate allows ${round(allowed, 2)} s)`,
        // Fast because details failed is no pass: the time counts only when every detail arrived.
        pass: (s) => s.median <= allowed * 1.1 && missing === 0,
        ...(missing > 0 ? { note: `${missing} details never arrived` } : {}),
      }),
      metric('perm: filter: frames showing a throttling error', 'count', single(errorFrames), { target: '0', pass: (s) => s.median === 0 }),
      metric('"slowing down" notices, open + filter (information, context)', 'count', single(openNoticeFrames + noticeFrames)),
      metric('profiles whose details failed / are missing', 'count', single(missing), { target: '0', pass: (s) => s.median === 0, note: `${failed} failed` }),
      metric('perm: filter: GetResource answered 429 (context)', 'calls', single(throttled)),
      metric('perm: filter: GetResource answered 200 (context)', 'calls', single(succeeded)),
    );
    if (firstError !== undefined) result.notes.push(`First error the user saw: "${firstError}"`);
    if (listRetries > 0) result.notes.push(`The list had to be reloaded with r ${listRetries} time(s)${listComplete ? '' : ' and was still incomplete'}.`);
    result.notes.push(
      ctx.quick
        ? `Quick run: ${total} profiles at ${rps} rps.`
        : `Scaled down from the issue's 300 profiles (about 150 s at 2 rps) to ${total} profiles at ${rps} rps, to fit the five-minute budget.`,
    );
    result.details = { total, rps, openSeconds, listRetries, listComplete, openErrorFrames, needed, seconds, allowedSeconds: allowed, throttled, succeeded, failed, missing, permErrorFrames: errorFrames, noticeFrames: openNoticeFrames + noticeFrames };
    return result;
  } finally {
    tui.unmount();
    await backend.close();
  }
}
