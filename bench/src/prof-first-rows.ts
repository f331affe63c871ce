// Profiling aid, not part of the suite: one complete-list run of item 3, with the gaps between
// ListResources calls as the emulator saw them. Bundle it like run.mjs does (with emulator-host.ts
// next to it), then `node --cpu-prof prof-first-rows.js [profiles]`.
import { BENCH_REGION, extraFor, startBackend } from './backend.js';
import { counterOf, KEYS, renderBenchTui } from './tui-driver.js';

const total = Number(process.argv[2] ?? 10_000);
const backend = await startBackend({ profiles: extraFor(total), latencyMs: 50 });
const tui = renderBenchTui({ spex: backend.spex, retries: backend.retries, initial: { region: BENCH_REGION, skipRegionPicker: true }, columns: 120, rows: 40 });
await tui.waitForFrame((f) => /›\s+acme-support/.test(f), 'the instance picker');
const t0 = performance.now();
tui.press(KEYS.enter);
await tui.waitForFrame((f) => counterOf(f) === `${backend.total}/${backend.total}`, 'complete', 120_000);
process.stderr.write(`complete in ${Math.round(performance.now() - t0)} ms\n`);
const lists = (await backend.emulator.requests()).filter((r) => r.operation === 'ListResources' && r.typeName === 'AWS::Connect::SecurityProfile');
const gaps = lists.slice(1).map((r, i) => r.startedAt - (lists[i]?.endedAt ?? 0));
const durations = lists.map((r) => r.endedAt - r.startedAt);
const avg = (a: number[]): number => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
process.stderr.write(`${lists.length} ListResources: ${avg(durations).toFixed(1)} ms each at the emulator, ${avg(gaps).toFixed(1)} ms between them\n`);
tui.unmount();
await backend.close();
process.exit(0);
