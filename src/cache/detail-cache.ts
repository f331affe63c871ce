// Profile details kept on disk between runs, per endpoint, account, region and instance, each with the
// LastModifiedTime it was read at. The service layer uses an entry only when Connect's summaries say the
// profile has not been modified since (so a second visit costs no GetResource), and refreshes entries
// from every read. One JSON file per instance; writes go to a temporary file renamed over the old one
// (atomic), merged with what another spex wrote meanwhile; a file that does not parse is dropped and
// rebuilt; at most MAX_INSTANCES files are kept (least recently written go first). Only profile models
// are stored: never credentials, tokens or request data.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SecurityProfile } from '../domain/profile/security-profile.js';
import { openVersionStore, type VersionStore } from './versions.js';
import { type HistoryStore, openHistoryStore } from './history.js';

const FORMAT = 'spex-detail-cache';
const VERSION = 1;
export const MAX_INSTANCES = 64;

export interface CachedDetail {
  profile: SecurityProfile;
  /** The profile's LastModifiedTime (epoch seconds) when it was read. */
  lastModifiedTime: number | undefined;
}

/** What the service layer needs of a cache (see SpexOptions.cache). */
export interface DetailCache {
  get(arn: string): CachedDetail | undefined;
  put(profile: SecurityProfile): void;
  remove(arn: string): void;
  /** Writes what changed (also done shortly after each change, and on close). */
  flush(): void;
}

/** $SPEX_CACHE_DIR (`off`: no cache), else $XDG_CACHE_HOME/spex, else $HOME/.cache/spex; undefined when none is set. */
export function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.SPEX_CACHE_DIR === 'off') return undefined;
  if (env.SPEX_CACHE_DIR) return env.SPEX_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'spex');
  const home = env.HOME ?? (env === process.env ? homedir() : undefined);
  return home ? join(home, '.cache', 'spex') : undefined;
}

/** The detail cache for a run, unless --no-cache (or no cache directory): `{ cache }` to spread into SpexOptions. */
export function cacheFor(noCache: boolean, env: NodeJS.ProcessEnv, endpoint: string | undefined, profile?: string): { cache?: DetailCache; budgetStore?: BudgetStore; versions?: VersionStore; history?: HistoryStore } {
  const dir = cacheDir(env);
  if (dir === undefined) return {};
  // The budgets are carried over even with --no-cache: they are AWS's state, not a shortcut.
  return { ...(noCache ? {} : { cache: openDetailCache(dir, endpoint), versions: openVersionStore(dir, endpoint), history: openHistoryStore(dir, endpoint) }), budgetStore: openBudgetStore(dir, endpoint, profile) };
}

/** Empties the cache directory (`spex cache clear`); returns how many instance files went. */
export function clearCache(dir: string): number {
  let count = 0;
  for (const file of listFiles(dir)) {
    rmSync(file, { force: true });
    count += 1;
  }
  // The versions of profiles kept for spex revert (cache/versions.ts) go too (not counted: they are no instance's details).
  for (const endpoint of safeList(dir)) for (const kept of ['versions', 'history']) rmSync(join(dir, endpoint, kept), { recursive: true, force: true });
  return count;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(d, name);
      if (depth < 3) walk(path, depth + 1);
      else if (name.endsWith('.json')) out.push(path);
    }
  };
  walk(dir, 0);
  return out;
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);

interface ParsedArn {
  region: string;
  account: string;
  instanceId: string;
}

function parts(arn: string): ParsedArn | undefined {
  const m = /^arn:aws[-a-z0-9]*:connect:([-a-z0-9]+):([0-9]{12}):instance\/([-a-zA-Z0-9]+)\//.exec(arn);
  return m ? { region: m[1]!, account: m[2]!, instanceId: m[3]! } : undefined;
}

type Entries = Record<string, CachedDetail>;

function readEntries(path: string): Entries {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown; version?: unknown; profiles?: unknown };
    if (value?.format !== FORMAT || value.version !== VERSION || value.profiles === null || typeof value.profiles !== 'object') throw new Error('not a cache file');
    const out: Entries = {};
    for (const [arn, entry] of Object.entries(value.profiles as Record<string, unknown>)) {
      const e = entry as Partial<CachedDetail> | null;
      if (e && typeof e.profile === 'object' && e.profile !== null && typeof (e.profile).SecurityProfileName === 'string') {
        out[arn] = { profile: e.profile, lastModifiedTime: typeof e.lastModifiedTime === 'number' ? e.lastModifiedTime : undefined };
      }
    }
    return out;
  } catch (error) {
    // Missing is nothing cached; corrupt is dropped (and rebuilt from the next reads).
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') rmSync(path, { force: true });
    return {};
  }
}

/**
 * A cache under `dir` for one endpoint (undefined: AWS itself). `now` and the flush delay are for tests.
 */
export function openDetailCache(dir: string, endpoint: string | undefined, options: { flushDelayMs?: number } = {}): DetailCache {
  const root = join(dir, endpoint === undefined ? 'aws' : safe(endpoint.replace(/^https?:\/\//, '')));
  const files = new Map<string, Entries>();
  const dirty = new Map<string, { put: Entries; removed: Set<string> }>();
  let timer: NodeJS.Timeout | undefined;

  const fileOf = (arn: string): string | undefined => {
    const p = parts(arn);
    return p ? join(root, safe(p.account), safe(p.region), `${safe(p.instanceId)}.json`) : undefined;
  };
  const entriesOf = (path: string): Entries => {
    let entries = files.get(path);
    if (!entries) {
      entries = readEntries(path);
      files.set(path, entries);
    }
    return entries;
  };
  const changed = (path: string): { put: Entries; removed: Set<string> } => {
    let d = dirty.get(path);
    if (!d) {
      d = { put: {}, removed: new Set() };
      dirty.set(path, d);
    }
    if (timer === undefined) {
      timer = setTimeout(() => cache.flush(), options.flushDelayMs ?? 500);
      timer.unref();
    }
    return d;
  };

  const evict = (): void => {
    const all = listFiles(dir).map((path) => ({ path, at: statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0 }));
    if (all.length <= MAX_INSTANCES) return;
    all.sort((a, b) => a.at - b.at);
    for (const { path } of all.slice(0, all.length - MAX_INSTANCES)) rmSync(path, { force: true });
  };

  const cache: DetailCache = {
    get(arn) {
      const path = fileOf(arn);
      return path ? entriesOf(path)[arn] : undefined;
    },
    put(profile) {
      const arn = profile.SecurityProfileArn;
      const path = arn ? fileOf(arn) : undefined;
      if (!arn || !path) return;
      const entry: CachedDetail = { profile, lastModifiedTime: profile.LastModifiedTime };
      entriesOf(path)[arn] = entry;
      const d = changed(path);
      d.put[arn] = entry;
      d.removed.delete(arn);
    },
    remove(arn) {
      const path = fileOf(arn);
      if (!path) return;
      delete entriesOf(path)[arn];
      const d = changed(path);
      delete d.put[arn];
      d.removed.add(arn);
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      for (const [path, d] of dirty) {
        try {
          // Merge with what another spex may have written since this one read the file.
          const merged = { ...readEntries(path), ...d.put };
          for (const arn of d.removed) delete merged[arn];
          files.set(path, merged);
          mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
          const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
          writeFileSync(tmp, JSON.stringify({ format: FORMAT, version: VERSION, profiles: merged }), { mode: 0o600 });
          renameSync(tmp, path);
        } catch {
          // A cache that cannot be written costs speed, never correctness: the next run reads again.
        }
      }
      dirty.clear();
      try {
        evict();
      } catch {
        // eviction is best effort
      }
    },
  };
  return cache;
}

/** Where each rate budget was left, per endpoint, AWS profile and region (see aws/rate-budget.ts). */
export interface BudgetStore {
  load(region: string): Record<string, { fraction: number; at: number }> | undefined;
  save(region: string, snapshot: Record<string, { fraction: number; at: number }>): void;
}

/**
 * AWS's buckets outlive a spex process: the next one (a script running spex twice in a row) starts
 * where this one left them, refilled since. One small file; a broken one is simply started afresh.
 */
export function openBudgetStore(dir: string, endpoint: string | undefined, profile: string | undefined): BudgetStore {
  const path = join(dir, 'budgets.json');
  const keyOf = (region: string): string => `${endpoint ?? 'aws'}|${profile ?? 'default'}|${region}`;
  const readAll = (): Record<string, Record<string, { fraction: number; at: number }>> => {
    try {
      const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Record<string, { fraction: number; at: number }>>) : {};
    } catch {
      return {};
    }
  };
  return {
    load(region) {
      const entry = readAll()[keyOf(region)];
      if (entry === undefined || typeof entry !== 'object') return undefined;
      const out: Record<string, { fraction: number; at: number }> = {};
      for (const [api, v] of Object.entries(entry)) {
        if (v && typeof v.fraction === 'number' && typeof v.at === 'number' && v.fraction >= 0 && v.fraction <= 1) out[api] = { fraction: v.fraction, at: v.at };
      }
      return out;
    },
    save(region, snapshot) {
      try {
        const all = readAll();
        // Entries older than a minute are full again by now: dropped, so the file stays small.
        const cutoff = Date.now() - 60_000;
        for (const [k, v] of Object.entries(all)) if (Object.values(v).every((e) => e.at < cutoff)) delete all[k];
        all[keyOf(region)] = snapshot;
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
        renameSync(tmp, path);
      } catch {
        // Best effort: without it the next process starts with full budgets, as before.
      }
    },
  };
}
