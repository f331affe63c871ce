// The bench's entry in a child process: `node main.js <item> --root DIR --spex BIN --result FILE [--quick]`.
// Each item runs in a fresh process so one item's heap, sockets and timers never colour another's.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BenchContext } from './context.js';
import type { ItemResult } from './stats.js';

type Item = (ctx: BenchContext) => Promise<ItemResult>;

const ITEMS: Record<string, () => Promise<Item>> = {
  startup: async () => (await import('./startup.js')).runStartup,
  headless: async () => (await import('./headless.js')).runHeadless,
  'first-rows': async () => (await import('./first-rows.js')).runFirstRows,
  economy: async () => (await import('./economy.js')).runEconomy,
  keys: async () => (await import('./keys.js')).runKeys,
  memory: async () => (await import('./memory.js')).runMemory,
  throttled: async () => (await import('./throttled.js')).runThrottled,
  limits: async () => (await import('./limits.js')).runLimits,
  moves: async () => (await import('./moves.js')).runMoves,
  history: async () => (await import('./history.js')).runHistory,
  org: async () => (await import('./org.js')).runOrg,
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { quick: { type: 'boolean' }, root: { type: 'string' }, spex: { type: 'string' }, result: { type: 'string' } },
  });
  const name = positionals[0] ?? '';
  const load = ITEMS[name];
  if (!load || !values.root || !values.spex || !values.result) {
    throw new Error(`usage: main.js <${Object.keys(ITEMS).join('|')}> --root DIR --spex BIN --result FILE [--quick]`);
  }
  const ctx: BenchContext = { root: values.root, spexBin: values.spex, quick: values.quick === true, log: (line) => process.stderr.write(`  [${name}] ${line}\n`) };
  const item = await load();
  const result = await item(ctx);
  writeFileSync(values.result, JSON.stringify(result, null, 2));
}

main().then(
  // Sockets or timers left by an item must not keep the child alive.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
