// Item 5: keyboard latency at 1,000 and 10,000 profiles: from writing a key to stdin to the next
// frame Ink writes to stdout, for down, page down/up, a filter character (and backspace), opening a
// detail (and going back). Each key is pressed on a quiet app (no frame for 40 ms, no detail
// request in flight), so Ink's 30 fps frame throttle lets the frame out at once: this measures
// the work a key costs, not the throttle.
import { DETAIL_FRAME_MS } from '../../src/hooks/use-detail-loader.js';
import { BENCH_REGION, extraFor, startBackend } from './backend.js';
import type { BenchContext } from './context.js';
import { type ItemResult, metric, summarize } from './stats.js';
import { counterOf, hasPendingRows, KEYS, renderBareInk, renderBenchTui } from './tui-driver.js';

const QUIET_MS = 40;
/** Ink draws at most a frame per 33 ms and defers a render inside that window to its end. */
const INK_FRAME_MS = 34;
/**
 * After a detail arrives the app re-renders DETAIL_FRAME_MS later, and Ink may hold that render
 * back for up to a frame (written only if the screen changed): a key pressed before then would wait
 * for Ink's throttle, not for its own work.
 */
const AFTER_DETAIL_MS = DETAIL_FRAME_MS + INK_FRAME_MS + 10;
const FILTER_TEXT = 'generated profile 0';
const TARGET_MS = 16;

interface Samples {
  down: number[];
  page: number[];
  filterChar: number[];
  filterBackspace: number[];
  openDetail: number[];
  backToList: number[];
}

async function measureSize(ctx: BenchContext, wanted: number, presses: number): Promise<{ total: number; samples: Samples; inkOutput: Samples; bytes: Samples; filterBytes: { sameRows: number[]; newRows: number[] } }> {
  const backend = await startBackend({ profiles: extraFor(wanted) });
  const rows = 40;
  const tui = renderBenchTui({ spex: backend.spex, retries: backend.retries, initial: { region: BENCH_REGION, skipRegionPicker: true, instance: 'acme-support' }, columns: 120, rows });
  const samples: Samples = { down: [], page: [], filterChar: [], filterBackspace: [], openDetail: [], backToList: [] };
  const inkOutput: Samples = { down: [], page: [], filterChar: [], filterBackspace: [], openDetail: [], backToList: [] };
  const bytes: Samples = { down: [], page: [], filterChar: [], filterBackspace: [], openDetail: [], backToList: [] };
  const sameRows: number[] = [];
  const newRows: number[] = [];
  try {
    const full = `${backend.total}/${backend.total}`;
    await tui.waitForFrame((f) => counterOf(f) === full && !hasPendingRows(f), `the whole list (${full})`, 90_000);
    const idle = (): boolean => {
      const stats = backend.loaders.at(-1)?.stats();
      return stats !== undefined && stats.inFlight === 0 && stats.queued === 0 && performance.now() - backend.lastDetailChangeAt() >= AFTER_DETAIL_MS;
    };
    const quiet = (): Promise<void> => tui.settle(QUIET_MS, idle);
    const timed = async (kind: keyof Samples, key: string): Promise<void> => {
      await quiet();
      const before = counterOf(tui.frame());
      const { ms, inkMs, bytes: written } = await tui.timePress(key);
      samples[kind].push(ms);
      inkOutput[kind].push(inkMs);
      bytes[kind].push(written);
      // A filter character that leaves the same rows (the "per filter character") apart from
      // one that narrows the list, which must redraw the rows that changed.
      if (kind === 'filterChar') (counterOf(tui.frame()) === before ? sameRows : newRows).push(written);
    };
    const untimed = async (key: string, until: (frame: string) => boolean, what: string): Promise<void> => {
      await quiet();
      tui.press(key);
      await tui.waitForFrame(until, what, 10_000);
    };

    await quiet();
    for (let i = 0; i < presses; i++) await timed('down', KEYS.down);

    // Page down until near the end, then page up, and so on: every key moves the view.
    const pageRows = rows - 6;
    const pagesAvailable = Math.max(1, Math.floor(backend.total / pageRows) - 2);
    let direction: string = KEYS.pageDown;
    for (let i = 0, run = 0; i < presses; i++, run++) {
      if (run === pagesAvailable) {
        direction = direction === KEYS.pageDown ? KEYS.pageUp : KEYS.pageDown;
        run = 0;
      }
      await timed('page', direction);
    }

    await untimed('/', (f) => f.includes('/▏'), 'the filter line');
    let typed = 0;
    while (samples.filterChar.length < presses) {
      await timed('filterChar', FILTER_TEXT[typed] ?? 'g');
      typed++;
      // Each character narrows the list, each backspace widens it again.
      if (typed === FILTER_TEXT.length || samples.filterChar.length === presses) {
        for (; typed > 0; typed--) await timed('filterBackspace', KEYS.backspace);
      }
    }
    // Clear the filter and leave filter mode.
    await untimed(KEYS.escape, (f) => counterOf(f) === full && !f.includes('▏'), 'the list without a filter');

    for (let i = 0; i < presses; i++) {
      await timed('openDetail', KEYS.enter);
      if (!tui.frame().includes('Permissions (')) await tui.waitForFrame((f) => f.includes('Permissions ('), 'the detail screen', 10_000);
      await timed('backToList', KEYS.escape);
      await tui.waitForFrame((f) => f.includes('Modified'), 'the list again', 10_000);
      await untimed('j', () => true, 'a move');
    }
    ctx.log(`${backend.total} profiles: ${Object.values(samples).reduce((n, s) => n + s.length, 0)} keys timed`);
    return { total: backend.total, samples, inkOutput, bytes, filterBytes: { sameRows, newRows } };
  } finally {
    tui.unmount();
    await backend.close();
  }
}

/** ↓ in a bare Ink app drawing a frame of the same size: the floor spex's latency is held against. */
async function measureBareInk(presses: number, columns: number, rows: number): Promise<{ ms: number[]; bytes: number[] }> {
  const tui = renderBareInk(10_000, columns, rows);
  const ms: number[] = [];
  const bytes: number[] = [];
  try {
    await tui.waitForFrame((f) => f.includes('row 00000'), 'the bare Ink frame', 10_000);
    for (let i = 0; i < presses; i++) {
      await tui.settle(QUIET_MS);
      const t = await tui.timePress(KEYS.down);
      ms.push(t.ms);
      bytes.push(t.bytes);
    }
    return { ms, bytes };
  } finally {
    tui.unmount();
  }
}

export async function runKeys(ctx: BenchContext): Promise<ItemResult> {
  const result: ItemResult = { id: 'keys', title: '5. Keyboard latency (key → frame)', status: 'ok', metrics: [], notes: [] };
  const sizes = ctx.quick ? [100] : [100, 1000, 10_000];
  const presses = ctx.quick ? 5 : 50;
  const details: Record<string, unknown> = {};
  // The same 120×40 terminal and renderer, measured in this run (the machine's state today).
  const bare = await measureBareInk(presses, 120, 40);
  const bareP95 = summarize(bare.ms).p95;
  result.metrics.push(metric('bare Ink frame, ↓ (context)', 'ms', bare.ms, { spread: 'p95', note: `${Math.round(summarize(bare.bytes).median)} B a frame through spex's frame diff` }));
  details.bareInk = { samples: bare.ms, bytes: bare.bytes };
  for (const size of sizes) {
    const { total, samples, inkOutput, bytes, filterBytes } = await measureSize(ctx, size, presses);
    const isTargetSize = total >= 10_000;
    const add = (name: string, kind: keyof Samples): void => {
      const ink = summarize(inkOutput[kind]).median;
      result.metrics.push(
        metric(`${name} @ ${total}`, 'ms', samples[kind], {
          spread: 'p95',
          ...(isTargetSize ? { target: `p95 ≤ ${TARGET_MS} ms`, pass: (s) => s.p95 <= TARGET_MS } : {}),
          note: `Ink output stage ${ink.toFixed(1)} ms (median)`,
        }),
      );
    };
    add('down', 'down');
    add('page down/up', 'page');
    add('filter character', 'filterChar');
    add('filter backspace', 'filterBackspace');
    add('open detail (Enter)', 'openDetail');
    add('back to list (Esc)', 'backToList');
    result.metrics.push(metric(`Ink's output stage, all keys @ ${total} (context)`, 'ms', Object.values(inkOutput).flat(), { spread: 'p95' }));
    // Against the bare Ink frame: every key's p95 over the bare ↓ p95.
    const ratios = (Object.keys(samples) as (keyof Samples)[]).map((k) => summarize(samples[k]).p95 / bareP95);
    result.metrics.push(
      metric(`worst key p95 ÷ bare Ink p95 @ ${total}`, 'x', [Math.max(...ratios)], { target: '≤ 1.5×', pass: (s) => s.median <= 1.5, note: `bare Ink p95 ${bareP95.toFixed(1)} ms` }),
    );
    result.metrics.push(metric(`bytes per cursor move @ ${total}`, 'B', bytes.down, { target: '≤ 500 B', pass: (s) => s.median <= 500 }));
    if (filterBytes.sameRows.length > 0) {
      result.metrics.push(metric(`bytes per filter character, same rows @ ${total}`, 'B', filterBytes.sameRows, { target: '≤ 800 B', pass: (s) => s.median <= 800 }));
    }
    if (filterBytes.newRows.length > 0) {
      result.metrics.push(metric(`bytes per filter character that changes the rows @ ${total} (context)`, 'B', filterBytes.newRows, { note: 'the rows that changed are written; a full redraw is about 4,800 B' }));
    }
    const all = Object.values(samples).flat();
    const s = summarize(all);
    details[String(total)] = { presses: all.length, p50: s.median, p95: s.p95, inkOutput: summarize(Object.values(inkOutput).flat()), samples, inkOutputSamples: inkOutput };
  }
  result.notes.push(
    `Ink's own renderer (debug off, 30 fps throttle) into a fake 120×40 terminal; each key pressed after ${QUIET_MS} ms without a frame, with no detail request in flight and ${AFTER_DETAIL_MS} ms after the last detail arrived (so no render is being held back by the throttle), so the throttle's leading edge applies. A key pressed inside a frame's 33 ms waits for the throttle as well (up to 33 ms).`,
    'A lone Esc is held by Ink for one event-loop turn (to tell it from an escape sequence): part of "back to list".',
  );
  result.details = details;
  return result;
}
