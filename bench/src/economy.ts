// Item 4: API economy, read from the emulator's request log: what it costs to show the first screen,
// to scroll down 200 rows one key at a time, and to come back up; the loader's concurrency cap; and
// whether any ARN was fetched twice.
import { BENCH_REGION, extraFor, type LoggedRequest, startBackend } from './backend.js';
import type { BenchContext } from './context.js';
import { type ItemResult, metric, single, waitUntil } from './stats.js';
import { counterOf, hasPendingRows, KEYS, renderBenchTui, tableNames } from './tui-driver.js';

const PAGE_SIZE = 25;
const ROWS = 30;

const gets = (log: readonly LoggedRequest[]): LoggedRequest[] => log.filter((r) => r.operation === 'GetResource');

export async function runEconomy(ctx: BenchContext): Promise<ItemResult> {
  const result: ItemResult = { id: 'economy', title: '4. API economy', status: 'ok', metrics: [], notes: [] };
  const wanted = ctx.quick ? 150 : 1000;
  const scroll = ctx.quick ? 20 : 200;
  const latencyMs = 10;
  // Names in the list (`summary`): with ARNs only, the name sort moves rows as their names arrive and
  // the cursor follows its profile, so "one row down per key" would not mean one row. What this item
  // measures is the loader's economy, which is the same either way.
  const backend = await startBackend({ profiles: extraFor(wanted), latencyMs, pageSize: PAGE_SIZE, listProperties: 'summary' });
  const { emulator, total } = backend;
  const tui = renderBenchTui({ spex: backend.spex, retries: backend.retries, initial: { region: BENCH_REGION, skipRegionPicker: true }, columns: 120, rows: ROWS });
  try {
    const loader = () => backend.loaders.at(-1);
    const idle = (): boolean => {
      const stats = loader()?.stats();
      return stats !== undefined && stats.inFlight === 0 && stats.queued === 0;
    };
    await tui.waitForFrame((f) => /›\s+acme-support/.test(f), 'the instance picker');
    await emulator.clearRequests();
    await emulator.resetStats();
    tui.press(KEYS.enter);
    const full = `${total}/${total}`;
    await tui.waitForFrame((f) => counterOf(f) === full && !hasPendingRows(f), 'the whole list with the first screen filled', 60_000);
    await tui.settle(50, idle);
    const firstScreen = new Set(tableNames(tui.frame()));
    const height = firstScreen.size;
    const first = await emulator.requests();
    const firstGets = gets(first);
    const firstLists = first.filter((r) => r.operation === 'ListResources').length;
    const pages = Math.ceil(total / PAGE_SIZE);
    const capFirst = await emulator.maxConcurrent('GetResource');

    // Down one row at a time, each key waiting for its frame (as a held key would, at the frame rate).
    const seen = new Set(firstScreen);
    const stopWatching = tui.watch((frame) => {
      for (const name of tableNames(frame)) seen.add(name);
    });
    await emulator.clearRequests();
    for (let i = 0; i < scroll; i++) {
      const before = tui.frameCount();
      tui.press(KEYS.down);
      await waitUntil(() => tui.frameCount() > before, `the frame after down #${i + 1}`, 5000);
    }
    await tui.settle(50, idle);
    stopWatching();
    const scrollGets = gets(await emulator.requests());
    const cameIntoView = seen.size - firstScreen.size;

    await emulator.clearRequests();
    for (let i = 0; i < scroll; i++) {
      const before = tui.frameCount();
      tui.press(KEYS.up);
      await waitUntil(() => tui.frameCount() > before, `the frame after up #${i + 1}`, 5000);
    }
    await tui.settle(50, idle);
    const backGets = gets(await emulator.requests());
    const atTop = tableNames(tui.frame())[0];

    const all = [...firstGets, ...scrollGets, ...backGets].map((r) => r.identifier);
    const duplicates = all.length - new Set(all).size;
    const cap = 2;
    const maxConcurrent = Math.max(capFirst, await emulator.maxConcurrent('GetResource'));
    const transient = firstGets.length - height;

    result.metrics.push(
      metric('first screen: ListResources', 'calls', single(firstLists), { target: `= ${pages} pages`, pass: (s) => s.median === pages }),
      metric(`first screen: GetResource (${height} rows visible)`, 'calls', single(firstGets.length), {
        target: `≤ ${height}`,
        pass: (s) => s.median <= height,
        ...(transient > 0 ? { note: `${transient} for rows visible only while the list was still streaming` } : {}),
      }),
      metric(`scroll down ${scroll} rows: GetResource`, 'calls', single(scrollGets.length), {
        target: `≤ ${cameIntoView} (rows that came into view)`,
        pass: (s) => s.median <= cameIntoView,
      }),
      metric(`back up ${scroll} rows: GetResource`, 'calls', single(backGets.length), { target: '0 (all cached)', pass: (s) => s.median === 0 }),
      metric('GetResource in flight at once (max)', 'count', single(maxConcurrent), { target: `≤ ${cap} (the cap)`, pass: (s) => s.median <= cap }),
      metric('ARNs fetched twice', 'count', single(duplicates), { target: '0', pass: (s) => s.median === 0 }),
    );
    result.notes.push(`${total} profiles, ${PAGE_SIZE} per page, names in the list, ${latencyMs} ms per call, ${ROWS}-line terminal; keys pressed one per frame.`);
    if (atTop === undefined) result.notes.push('warning: no rows on screen after scrolling back up');
    result.details = {
      total,
      height,
      firstScreen: { listResources: firstLists, getResource: firstGets.length, transient },
      scroll: { rows: scroll, cameIntoView, getResource: scrollGets.length },
      back: { getResource: backGets.length },
      maxConcurrentGetResource: maxConcurrent,
      duplicates,
      loaderStats: loader()?.stats(),
    };
    return result;
  } finally {
    tui.unmount();
    await backend.close();
  }
}
