// Every version of a profile spex has read, kept beside the detail cache (one JSON file per instance under
// `versions/`), keyed by LastModifiedTime: what `spex revert --to TIME` restores and `spex versions` lists.
// At most MAX_VERSIONS per profile (the oldest go first); written shortly after a change and on close,
// merged with what another spex wrote, renamed into place (atomic). Only profile models: no credentials.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SecurityProfile } from '../domain/profile/security-profile.js';

const FORMAT = 'spex-profile-versions';
export const MAX_VERSIONS = 50;

export interface VersionStore {
  /** Keeps this read of a profile, unless a version of the same LastModifiedTime is kept already. */
  record(profile: SecurityProfile): void;
  /** The versions kept of a profile, oldest first. */
  versions(arn: string): SecurityProfile[];
  flush(): void;
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
type Entries = Record<string, SecurityProfile[]>;

function read(path: string): Entries {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown; profiles?: unknown };
    if (value?.format !== FORMAT || value.profiles === null || typeof value.profiles !== 'object') return {};
    const out: Entries = {};
    for (const [arn, list] of Object.entries(value.profiles as Record<string, unknown>)) {
      if (Array.isArray(list)) out[arn] = list.filter((p): p is SecurityProfile => typeof (p as SecurityProfile | null)?.SecurityProfileName === 'string');
    }
    return out;
  } catch {
    return {};
  }
}

const sameTime = (a: number | undefined, b: number | undefined): boolean => a !== undefined && b !== undefined && Math.abs(a - b) < 0.0015;

function merge(list: readonly SecurityProfile[], profile: SecurityProfile): SecurityProfile[] {
  if (list.some((p) => sameTime(p.LastModifiedTime, profile.LastModifiedTime))) return [...list];
  return [...list, profile].sort((a, b) => (a.LastModifiedTime ?? 0) - (b.LastModifiedTime ?? 0)).slice(-MAX_VERSIONS);
}

export function openVersionStore(dir: string, endpoint: string | undefined): VersionStore {
  const root = join(dir, endpoint === undefined ? 'aws' : safe(endpoint.replace(/^https?:\/\//, '')), 'versions');
  const files = new Map<string, Entries>();
  const dirty = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const fileOf = (arn: string): string | undefined => {
    const m = /^arn:aws[-a-z0-9]*:connect:([-a-z0-9]+):([0-9]{12}):instance\/([-a-zA-Z0-9]+)\//.exec(arn);
    return m ? join(root, safe(m[2]!), safe(m[1]!), `${safe(m[3]!)}.json`) : undefined;
  };
  const entriesOf = (path: string): Entries => {
    let entries = files.get(path);
    if (!entries) files.set(path, (entries = read(path)));
    return entries;
  };
  const store: VersionStore = {
    record(profile) {
      const arn = profile.SecurityProfileArn;
      const path = arn ? fileOf(arn) : undefined;
      if (!arn || !path || profile.LastModifiedTime === undefined) return;
      const entries = entriesOf(path);
      const before = entries[arn] ?? [];
      const after = merge(before, profile);
      if (after.length === before.length && before.length < MAX_VERSIONS) return;
      entries[arn] = after;
      dirty.add(path);
      if (timer === undefined) {
        timer = setTimeout(() => store.flush(), 500);
        timer.unref();
      }
    },
    versions: (arn) => {
      const path = fileOf(arn);
      return path ? [...(entriesOf(path)[arn] ?? [])] : [];
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      for (const path of dirty) {
        try {
          // Merge with what another spex may have written since this one read the file.
          const ours = files.get(path) ?? {};
          const merged = read(path);
          for (const [arn, list] of Object.entries(ours)) for (const p of list) merged[arn] = merge(merged[arn] ?? [], p);
          files.set(path, merged);
          mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
          const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
          writeFileSync(tmp, JSON.stringify({ format: FORMAT, version: 1, profiles: merged }), { mode: 0o600 });
          renameSync(tmp, path);
        } catch {
          // Versions that cannot be written are lost for this run: the next read keeps them again.
        }
      }
      dirty.clear();
    },
  };
  return store;
}

/** The versions of this run only, in memory (the demo, which keeps nothing on disk). */
export function memoryVersionStore(): VersionStore {
  const kept = new Map<string, SecurityProfile[]>();
  return {
    record(profile) {
      const arn = profile.SecurityProfileArn;
      if (arn && profile.LastModifiedTime !== undefined) kept.set(arn, merge(kept.get(arn) ?? [], profile));
    },
    versions: (arn) => [...(kept.get(arn) ?? [])],
    flush: () => undefined,
  };
}
