import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initialOptionsFor, parseTuiFlags } from '../../src/app/flags.js';
import { runTuiCommand } from '../../src/app/run.js';
import { configDir, lastUsedPath, readLastUsed, writeLastUsed } from '../../src/config/last-used.js';
import { UsageError } from '../../src/io.js';
import { PassThrough } from 'node:stream';

const ARN = 'arn:aws:connect:eu-west-2:111122223333:instance/0f1e2d3c-aaaa-bbbb-cccc-111122223333';

describe('parseTuiFlags', () => {
  it('reads every TUI flag', () => {
    expect(
      parseTuiFlags(['--demo', '--region', 'eu-west-2', '--instance', 'acme', '--read-only', '--concurrency', '4', '--debug']),
    ).toEqual({ demo: true, region: 'eu-west-2', instance: 'acme', readOnly: true, concurrency: 4, debug: true });
    expect(parseTuiFlags(['--profile', 'dev,prod', '--region', 'us-east-1,eu-west-2'])).toMatchObject({ profile: 'dev,prod', region: 'us-east-1,eu-west-2' });
    expect(parseTuiFlags(['--all-profiles'])).toMatchObject({ allProfiles: true });
    expect(parseTuiFlags(['--fleet', 'acme'])).toMatchObject({ fleet: 'acme' });
    expect(() => parseTuiFlags(['--region', 'us-east-1,mars-1'])).toThrow(/mars-1 is not a region/);
    expect(parseTuiFlags(['--endpoint-url', 'http://127.0.0.1:1', '--profile', 'p'])).toMatchObject({
      endpointUrl: 'http://127.0.0.1:1',
      profile: 'p',
    });
  });
  it('refuses unknown flags, stray words and bad numbers', () => {
    expect(() => parseTuiFlags(['--nope'])).toThrow(/Unknown option/);
    expect(() => parseTuiFlags(['extra'])).toThrow();
    expect(() => parseTuiFlags(['--concurrency', '0'])).toThrow(UsageError);
    expect(() => parseTuiFlags(['--demo', '--endpoint-url', 'http://x'])).toThrow(UsageError);
  });
});

describe('initialOptionsFor', () => {
  it('an instance ARN carries its region and skips the region picker', () => {
    expect(initialOptionsFor(parseTuiFlags(['--instance', ARN]), 'us-east-1', {})).toEqual({
      region: 'eu-west-2',
      skipRegionPicker: true,
      instance: ARN,
    });
  });
  it('--region skips the picker; otherwise configured beats last used, which is preselected', () => {
    expect(initialOptionsFor(parseTuiFlags(['--region', 'ca-central-1']), 'us-east-1', {})).toMatchObject({
      region: 'ca-central-1',
      skipRegionPicker: true,
    });
    expect(initialOptionsFor(parseTuiFlags([]), 'us-west-2', { region: 'eu-west-2' })).toEqual({ region: 'us-west-2' });
    expect(initialOptionsFor(parseTuiFlags([]), undefined, { region: 'eu-west-2', instanceArn: ARN })).toEqual({
      region: 'eu-west-2',
      rememberedInstanceArn: ARN,
    });
  });
});

describe('last used region and instance', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('lives under SPEX_CONFIG_DIR, else XDG_CONFIG_HOME/spex, else ~/.config/spex', () => {
    expect(configDir({ SPEX_CONFIG_DIR: '/x' })).toBe('/x');
    expect(configDir({ XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/spex');
    expect(configDir({})).toMatch(/\.config\/spex$/);
  });

  it('round-trips, and treats a missing or broken file as nothing remembered', async () => {
    dir = await mkdtemp(join(tmpdir(), 'spex-config-'));
    const env = { SPEX_CONFIG_DIR: join(dir, 'nested') };
    expect(await readLastUsed(env)).toEqual({});
    await writeLastUsed(env, { region: 'eu-west-2', instanceArn: ARN, instanceAlias: 'acme' });
    expect(await readLastUsed(env)).toEqual({ region: 'eu-west-2', instanceArn: ARN, instanceAlias: 'acme' });
    expect(JSON.parse(await readFile(lastUsedPath(env), 'utf8'))).toMatchObject({ region: 'eu-west-2' });
    await writeFile(lastUsedPath(env), '{not json');
    expect(await readLastUsed(env)).toEqual({});
    await writeFile(lastUsedPath(env), JSON.stringify({ region: 42, instanceArn: ARN }));
    expect(await readLastUsed(env)).toEqual({ instanceArn: ARN });
  });
});

describe('runTuiCommand', () => {
  it('refuses to start without a terminal', async () => {
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (c: Buffer) => (text += c.toString()));
    const io = { stdout: new PassThrough(), stderr, stdin: new PassThrough(), env: {} };
    expect(await runTuiCommand(['--demo'], io)).toBe(1);
    expect(text).toContain('needs an interactive terminal');
  });
});
