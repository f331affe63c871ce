import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSettings, SettingsError, settingsPath } from '../../src/config/settings.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function withConfig(text: string | undefined): Promise<NodeJS.ProcessEnv> {
  dir = await mkdtemp(join(tmpdir(), 'spex-settings-'));
  const env = { SPEX_CONFIG_DIR: dir };
  if (text !== undefined) {
    await mkdir(dir, { recursive: true });
    await writeFile(settingsPath(env), text);
  }
  return env;
}

describe('the settings file', () => {
  it('lives next to last-used.json; missing means the defaults', async () => {
    const env = await withConfig(undefined);
    expect(settingsPath(env)).toBe(join(dir!, 'config.json'));
    expect(await readSettings(env)).toEqual({ readOnly: false, cloudControlOnly: false });
  });
  it('readOnly: true makes the run read-only', async () => {
    expect(await readSettings(await withConfig('{ "readOnly": true }\n'))).toEqual({ readOnly: true, cloudControlOnly: false });
  });
  it('cloudControlOnly: true keeps a headless command off the Connect API, as --cloudcontrol-only does', async () => {
    const env = await withConfig('{ "cloudControlOnly": true }');
    expect(await readSettings(env)).toEqual({ readOnly: false, cloudControlOnly: true });
    const { runCommand } = await import('../../src/commands/index.js');
    const { startTestBackend, TEST_CREDENTIALS } = await import('../helpers/emulator.js');
    const { memoryIo } = await import('../helpers/memory-io.js');
    const backend = await startTestBackend();
    try {
      const io = memoryIo({ env: { ...env, AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey } });
      expect(await runCommand('list', ['--instance', 'acme-support', '--endpoint-url', backend.emulator.url, '--region', 'us-east-1', '--output', 'json'], io)).toBe(0);
      expect(backend.emulator.requests.filter((r) => r.operation === 'ListSecurityProfiles')).toHaveLength(0);
      expect(backend.emulator.requests.filter((r) => r.operation === 'GetResource').length).toBeGreaterThan(0);
    } finally {
      await backend.close();
    }
  });
  it.each(['{ "readOnly": "yes" }', '{ "cloudControlOnly": 1 }', '{ not json', '[]'])('refuses %s rather than quietly dropping a safety setting', async (text) => {
    await expect(readSettings(await withConfig(text))).rejects.toThrow(SettingsError);
  });
});

describe('config.json fleets and production', () => {
  it('reads fleets and production, and names the field and the rule when they are malformed', async () => {
    expect(await readSettings(await withConfig('{ "fleets": { "acme": ["dev", "prod"] }, "production": ["prod", "dev:acme-dev"] }'))).toEqual({ readOnly: false, cloudControlOnly: false, fleets: { acme: ['dev', 'prod'] }, production: ['prod', 'dev:acme-dev'] });
    await expect(readSettings(await withConfig('{ "fleets": { "acme": [] } }'))).rejects.toThrow(/"fleets" must map each fleet's name to a list of AWS profile names/);
    await expect(readSettings(await withConfig('{ "production": "prod" }'))).rejects.toThrow(/"production" must be a list of AWS profile names/);
  });
});
