// Headless commands reach every account of the demo the way they reach an AWS config file's: --profile
// names the account (acme or acme-platform); a profile the demo lacks is a usage error naming its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.js';
import { memoryIo } from '../helpers/memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'spex-demo-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const io = memoryIo({ env: { SPEX_CONFIG_DIR: dir, SPEX_STATE_DIR: dir, SPEX_CACHE_DIR: 'off' } });
  const code = await runCommand(args[0]!, args.slice(1), io);
  return { code, out: io.out(), err: io.err() };
}

describe('--demo with --profile', () => {
  it('list and lint reach the platform account’s instances', async () => {
    const list = await run('list', '--demo', '--profile', 'acme-platform', '--region', 'us-west-2', '--instance', 'acme-dev', '--output', 'json');
    expect(list.code, list.err).toBe(0);
    expect((JSON.parse(list.out) as { name: string }[]).map((p) => p.name)).toContain('Night Leads');
    const lint = await run('lint', '--demo', '--profile', 'acme-platform', '--region', 'us-east-1', '--instance', 'acme-prod', '--output', 'json', '--fail-on', 'high');
    expect(lint.err).not.toContain('no such instance');
    expect((JSON.parse(lint.out) as { instanceArn: string }).instanceArn).toContain(':210987654321:instance/');
  });

  it('a profile the demo does not have is a usage error naming the ones it has', async () => {
    const { code, err } = await run('list', '--demo', '--profile', 'nope', '--instance', 'acme-support');
    expect(code).toBe(2);
    expect(err).toContain("--profile: the demo has no AWS profile 'nope' (it has acme, acme-platform)");
  });
});
