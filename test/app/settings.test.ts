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
    expect(await readSettings(env)).toEqual({ readOnly: false });
  });
  it('readOnly: true makes the run read-only', async () => {
    expect(await readSettings(await withConfig('{ "readOnly": true }\n'))).toEqual({ readOnly: true });
  });
  it.each(['{ "readOnly": "yes" }', '{ not json', '[]'])('refuses %s rather than quietly dropping a safety setting', async (text) => {
    await expect(readSettings(await withConfig(text))).rejects.toThrow(SettingsError);
  });
});
