// Item 6's measured process: the TUI with every profile listed, paged down until `details` profiles
// have their details loaded; prints its peak RSS as JSON on stdout. The emulator runs elsewhere.
import type { DetailLoader } from '../../src/aws/types.js';
import { BENCH_REGION, benchSpex, instrumentSpex } from './backend.js';
import { waitUntil } from './stats.js';
import { counterOf, hasPendingRows, KEYS, renderBenchTui } from './tui-driver.js';

export interface MemoryReport {
  baselineMaxRssKb: number;
  /** Peak RSS once the list is complete, before any paging. */
  listedMaxRssKb: number;
  /** process.memoryUsage() once the list is complete, in KB (where the RSS goes). */
  listedUsageKb: Record<string, number>;
  maxRssKb: number;
  rssKb: number;
  heapUsedKb: number;
  listed: number;
  detailsLoaded: number;
  seconds: number;
}

async function main(): Promise<void> {
  const [url = '', totalText = '0', detailsText = '0'] = process.argv.slice(2);
  const total = Number(totalText);
  const wanted = Number(detailsText);
  const baselineMaxRssKb = process.resourceUsage().maxRSS;
  const started = performance.now();
  const loaders: DetailLoader[] = [];
  const raw = benchSpex(url);
  const spex = instrumentSpex(raw, loaders);
  const tui = renderBenchTui({ spex, initial: { region: BENCH_REGION, skipRegionPicker: true, instance: 'acme-support' }, columns: 120, rows: 50 });
  const loader = (): DetailLoader | undefined => loaders.at(-1);
  const idle = (): boolean => {
    const stats = loader()?.stats();
    return stats !== undefined && stats.inFlight === 0 && stats.queued === 0;
  };
  await tui.waitForFrame((f) => counterOf(f) === `${total}/${total}` && !hasPendingRows(f), 'the whole list', 120_000);
  const listedMaxRssKb = process.resourceUsage().maxRSS;
  const listedUsageKb = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1024)]));
  // Page down, one screen at a time, until enough details are in (the viewport decides what loads).
  while ((loader()?.stats().fetched ?? 0) < wanted) {
    const before = tui.frameCount();
    tui.press(KEYS.pageDown);
    await waitUntil(() => tui.frameCount() > before, 'the next page', 10_000);
    await tui.settle(20, () => idle() && !hasPendingRows(tui.frame()), 30_000);
  }
  const usage = process.memoryUsage();
  const report: MemoryReport = {
    baselineMaxRssKb,
    listedMaxRssKb,
    listedUsageKb,
    maxRssKb: process.resourceUsage().maxRSS,
    rssKb: Math.round(usage.rss / 1024),
    heapUsedKb: Math.round(usage.heapUsed / 1024),
    listed: total,
    detailsLoaded: loader()?.stats().fetched ?? 0,
    seconds: (performance.now() - started) / 1000,
  };
  tui.unmount();
  raw.close();
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
