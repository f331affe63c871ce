// `--demo-state FILE`: the demo's data, and what was changed in it, kept between runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { memoryIo } from '../helpers/memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'spex-demo-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = memoryIo();
  const [name, ...rest] = args;
  const code = await runCommand(name!, rest, io);
  return { code, out: io.out(), err: io.err() };
}

describe('--demo-state', () => {
  it('keeps a change for the next run; plain --demo starts afresh', async () => {
    const file = join(dir, 'demo.json');
    const arn = demoProfileArn('Workforce Planning');
    expect((await run(['update', arn, '--description', 'Kept between runs', '--demo-state', file])).code).toBe(0);
    const again = await run(['get', arn, '--demo-state', file, '--output', 'json']);
    expect(JSON.parse(again.out).Description).toBe('Kept between runs');
    const fresh = await run(['get', arn, '--demo', '--output', 'json']);
    expect(JSON.parse(fresh.out).Description).not.toBe('Kept between runs');
  });
});
