// Profiling aid, not part of the suite: loads a list, then CPU-profiles only the key presses
// (node:inspector), writing prof-keys.cpuprofile. Usage: node prof-keys.js [profiles] [key] [presses]
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { BENCH_REGION, extraFor, startBackend } from './backend.js';
import { counterOf, hasPendingRows, KEYS, renderBenchTui } from './tui-driver.js';

const total = Number(process.argv[2] ?? 10_000);
const keyName = (process.argv[3] ?? 'down') as keyof typeof KEYS;
const presses = Number(process.argv[4] ?? 200);
const backend = await startBackend({ profiles: extraFor(total) });
const tui = renderBenchTui({ spex: backend.spex, retries: backend.retries, initial: { region: BENCH_REGION, skipRegionPicker: true, instance: 'acme-support' }, columns: 120, rows: 40 });
const full = `${backend.total}/${backend.total}`;
await tui.waitForFrame((f) => counterOf(f) === full && !hasPendingRows(f), 'the list', 120_000);
const idle = (): boolean => {
  const stats = backend.loaders.at(-1)?.stats();
  return stats !== undefined && stats.inFlight === 0 && stats.queued === 0 && performance.now() - backend.lastDetailChangeAt() >= 60;
};
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const times: number[] = [];
for (let i = 0; i < presses; i++) {
  await tui.settle(40, idle);
  times.push((await tui.timePress(KEYS[keyName] ?? keyName)).ms);
}
const { profile } = await session.post('Profiler.stop');
writeFileSync('prof-keys.cpuprofile', JSON.stringify(profile));
times.sort((a, b) => a - b);
process.stderr.write(`${keyName} ×${presses}: p50 ${times[Math.floor(presses / 2)]?.toFixed(1)} ms, p95 ${times[Math.floor(presses * 0.95)]?.toFixed(1)} ms\n`);
tui.unmount();
await backend.close();
process.exit(0);
