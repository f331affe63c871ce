// Remembers the last region and instance between runs, in a small JSON file under the user's config
// directory. A missing or unreadable file is simply "nothing remembered": this is a convenience,
// never a reason to fail.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface LastUsed {
  region?: string;
  /** Instance ARN. */
  instanceArn?: string;
  instanceAlias?: string;
}

/** $SPEX_CONFIG_DIR (tests), else $XDG_CONFIG_HOME/spex, else ~/.config/spex. */
export function configDir(env: NodeJS.ProcessEnv): string {
  if (env.SPEX_CONFIG_DIR) return env.SPEX_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'spex');
}

export function lastUsedPath(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), 'last-used.json');
}

function pickString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length < 2048 ? value : undefined;
}

export async function readLastUsed(env: NodeJS.ProcessEnv): Promise<LastUsed> {
  try {
    const value: unknown = JSON.parse(await readFile(lastUsedPath(env), 'utf8'));
    if (value === null || typeof value !== 'object') return {};
    const record = value as Record<string, unknown>;
    const out: LastUsed = {};
    const region = pickString(record.region);
    const instanceArn = pickString(record.instanceArn);
    const instanceAlias = pickString(record.instanceAlias);
    if (region !== undefined) out.region = region;
    if (instanceArn !== undefined) out.instanceArn = instanceArn;
    if (instanceAlias !== undefined) out.instanceAlias = instanceAlias;
    return out;
  } catch {
    return {};
  }
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file. Errors are ignored. */
export async function writeLastUsed(env: NodeJS.ProcessEnv, value: LastUsed): Promise<void> {
  try {
    const dir = configDir(env);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = lastUsedPath(env);
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, path);
  } catch {
    // Remembering is best effort.
  }
}
