// `npm run bench`: builds dist/, bundles the bench (bench/src, TypeScript) with esbuild, runs each
// item in its own node process, prints a table and writes bench/results.json.
//   node bench/run.mjs [--quick] [--only startup,keys] [--no-build] [--out FILE] [--bundle-dir DIR]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { bundleOptions, root } from '../scripts/bundle-options.mjs';
import { formatTable } from './table.mjs';

const ITEMS = ['startup', 'headless', 'first-rows', 'economy', 'keys', 'memory', 'throttled', 'limits', 'moves', 'history', 'org'];
/** Per item, generous: a stuck item must not hold the whole run past the five-minute budget by much. */
const ITEM_TIMEOUT_MS = 150_000;
/** Moving a few hundred users at AWS's 2 writes a second takes minutes by design. */
const LONG_ITEMS = { moves: 600_000 };

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    only: { type: 'string' },
    'no-build': { type: 'boolean' },
    out: { type: 'string' },
    'bundle-dir': { type: 'string' },
  },
});
const quick = values.quick === true;
const only = values.only ? values.only.split(',').map((s) => s.trim()) : ITEMS;
for (const name of only) if (!ITEMS.includes(name)) throw new Error(`unknown item '${name}' (items: ${ITEMS.join(', ')})`);
const outFile = values.out ?? join(root, 'bench', 'results.json');
const bundleDir = values['bundle-dir'] ?? join(root, 'bench', '.out');
const started = performance.now();

if (values['no-build'] !== true) {
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

rmSync(bundleDir, { recursive: true, force: true });
mkdirSync(bundleDir, { recursive: true });
// A private copy of the built spex (dist/ is self-contained): a test run elsewhere that rebuilds
// dist/ meanwhile cannot pull it from under the timings.
// (Another test run may be rebuilding dist/ this very moment: give it a few seconds.)
for (let waited = 0; !existsSync(join(root, 'dist', 'cli.js')); waited += 200) {
  if (waited >= 20_000) throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` (or drop --no-build)');
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const spexCopy = join(bundleDir, 'spex');
cpSync(join(root, 'dist'), join(spexCopy, 'dist'), { recursive: true });
cpSync(join(root, 'bin'), join(spexCopy, 'bin'), { recursive: true });
const spexBin = join(spexCopy, 'bin', 'spex.js');
// As scripts/build.mjs bundles spex, so the bench runs the same code the same way.
await build(
  bundleOptions({
    entryPoints: { main: 'bench/src/main.ts', 'memory-child': 'bench/src/memory-child.ts', 'emulator-host': 'bench/src/emulator-host.ts' },
    outdir: bundleDir,
  }),
);

function runItem(name, resultFile) {
  return new Promise((resolve) => {
    const env = { ...process.env };
    // Ink renders differently under CI; the bench measures what a user's terminal gets.
    delete env.CI;
    const args = ['--enable-source-maps', join(bundleDir, 'main.js'), name, '--root', root, '--spex', spexBin, '--result', resultFile, ...(quick ? ['--quick'] : [])];
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    const limit = LONG_ITEMS[name] ?? ITEM_TIMEOUT_MS;
    const timer = setTimeout(() => child.kill('SIGKILL'), limit);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(code === 0 ? null : `exited with ${signal ?? code}${signal === 'SIGKILL' ? ` (over ${limit / 1000} s)` : ''}`);
    });
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'spex-bench-'));
const items = [];
/** One item in its own process; its result in the report's order. */
const measure = async (name, at) => {
  const itemStart = performance.now();
  process.stderr.write(`bench: ${name}…\n`);
  const resultFile = join(scratch, `${name}.json`);
  const failure = await runItem(name, resultFile);
  const seconds = Math.round((performance.now() - itemStart) / 100) / 10;
  items[at] =
    failure === null
      ? { ...JSON.parse(readFileSync(resultFile, 'utf8')), seconds }
      : { id: name, title: name, status: 'error', metrics: [], notes: [`the item failed: ${failure} (its output is above)`], seconds };
};
try {
  // A measuring run takes one item at a time (they would disturb each other's timings). A quick run
  // only checks that each item still runs and counts right: three at a time, so it takes seconds.
  const lanes = quick ? 3 : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < only.length) {
        const at = next++;
        await measure(only[at], at);
      }
    }),
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  quick,
  totalSeconds,
  items,
};
writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${formatTable(items)}\nTotal ${totalSeconds} s on ${report.cpus} cores, node ${report.node}. Results: ${outFile}\n`);
process.exit(items.some((i) => i.status === 'error') ? 1 : 0);
