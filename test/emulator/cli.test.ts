import { CloudControlClient, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { parseEmulatorArgs } from '../../src/emulator/cli.js';
import { type Io, UsageError } from '../../src/io.js';
import { CREDENTIALS } from './helpers.js';
import { type Spawned, spawnSpex, waitForUrl } from './spawn.js';

function memoryIo(): Io & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { stdout, stderr, stdin: new PassThrough(), env: {}, out: () => out, err: () => err };
}

describe('flags', () => {
  it('parses every flag', () => {
    expect(parseEmulatorArgs(['--host', '0.0.0.0', '--port', '0', '--data', 'empty', '--state', 's.json', '--profiles', '10000', '--latency', '50',
      '--throttle', '2.5', '--fail-rate', '0.1', '--fault-seed', '9', '--async-delay', '0', '--list-properties', 'identifiers', '--page-size', '10',
      '--real-limits', '--time-unit', 'ms', '--cancel-applies', 'never'])).toEqual({
      host: '0.0.0.0', port: 0, data: 'empty', statePath: 's.json', profiles: 10000, latencyMs: 50, throttleRps: 2.5, failRate: 0.1, faultSeed: 9,
      asyncDelayMs: 0, listProperties: 'identifiers', pageSize: 10, realLimits: true, timeUnit: 'ms', cancelApplies: 'never',
    });
    expect(parseEmulatorArgs([])).toMatchObject({ host: '127.0.0.1', port: 4599 });
  });

  it.each([
    [['--port', '70000'], /--port: must be a whole number from 0 to 65535 \(got "70000"\)/],
    [['--port', 'abc'], /--port/],
    [['--data', 'full'], /--data: must be one of demo, empty/],
    [['--time-unit', 'us'], /--time-unit: must be one of s, ms/],
    [['--cancel-applies', 'often'], /--cancel-applies: must be one of never, sometimes, always/],
    [['--fail-rate', '1.5'], /--fail-rate: must be a number from 0 to 1/],
    [['--throttle', '0'], /--throttle: must be a number above 0/],
    [['--profiles=-1'], /--profiles/],
    [['--profiles', '1.5'], /--profiles: must be a whole number/],
    [['--list-properties', 'all'], /--list-properties: must be one of summary, identifiers, full/],
    [['--page-size', '0'], /--page-size/],
    [['extra'], /unexpected argument/],
  ])('refuses %j', (args, message) => {
    expect(() => parseEmulatorArgs(args)).toThrow(UsageError);
    expect(() => parseEmulatorArgs(args)).toThrow(message);
  });

  it('spex emulator --help prints its own flags; a bad flag exits 2 with the reason', async () => {
    const io = memoryIo();
    expect(await main(['emulator', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/--async-delay MS/);
    expect(io.out()).toMatch(/--list-properties/);
    const bad = memoryIo();
    expect(await main(['emulator', '--port', 'x'], bad)).toBe(2);
    expect(bad.err()).toMatch(/--port/);
    const unknown = memoryIo();
    expect(await main(['emulator', '--colour'], unknown)).toBe(2);
  });
});

describe('spex emulator (child process)', () => {
  let spawned: Spawned | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    if (spawned && spawned.child.exitCode === null) {
      spawned.child.kill('SIGKILL');
      await spawned.exited;
    }
    spawned = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('prints one listening line, serves the SDK, and stops cleanly on SIGTERM', async () => {
    spawned = spawnSpex(['emulator', '--port', '0', '--async-delay', '0']);
    const url = await waitForUrl(spawned);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new CloudControlClient({ endpoint: url, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
    const list = await client.send(new ListResourcesCommand({ TypeName: 'AWS::Connect::Instance' }));
    expect(list.ResourceDescriptions).toHaveLength(2);
    client.destroy();
    spawned.child.kill('SIGTERM');
    expect(await spawned.exited).toEqual({ code: 0, signal: null });
    expect(spawned.stdout()).toBe(`listening on ${url}\n`);
  });

  it('refuses a corrupt state file with one clear line, exit 1, and leaves it alone', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spex-cli-'));
    const statePath = join(dir, 'state.json');
    writeFileSync(statePath, 'garbage');
    spawned = spawnSpex(['emulator', '--port', '0', '--state', statePath]);
    expect((await spawned.exited).code).toBe(1);
    expect(spawned.stderr()).toMatch(/^spex emulator: cannot use state file .*state\.json: not valid JSON .*will not overwrite it\.\n$/);
    expect(spawned.stdout()).toBe('');
    expect(readFileSync(statePath, 'utf8')).toBe('garbage');
  });
});
