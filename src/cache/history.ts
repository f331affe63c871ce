// CloudTrail events spex has fetched for `spex history`, kept beside the detail cache (one JSON file per
// endpoint, account and region under `history/`), so a second look asks CloudTrail only for what is newer
// than the newest event kept. At most MAX_EVENTS per file (the oldest go first); written at once,
// atomically (a temporary file renamed into place). Only the events' own text: no credentials.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TrailRecord } from '../domain/access/history.js';

const FORMAT = 'spex-history';
export const MAX_EVENTS = 20_000;

export interface HistoryStore {
  /** The events kept for an account and region, newest first. */
  read(account: string, region: string): TrailRecord[];
  /** Adds newly fetched events (by EventId, once each). */
  add(account: string, region: string, records: readonly TrailRecord[]): void;
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);

export function openHistoryStore(dir: string, endpoint: string | undefined): HistoryStore {
  const root = join(dir, endpoint === undefined ? 'aws' : safe(endpoint.replace(/^https?:\/\//, '')), 'history');
  const fileOf = (account: string, region: string): string => join(root, safe(account), `${safe(region)}.json`);
  const load = (path: string): TrailRecord[] => {
    try {
      const value = JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown; events?: unknown };
      return value?.format === FORMAT && Array.isArray(value.events) ? (value.events as TrailRecord[]).filter((e) => typeof e?.id === 'string' && typeof e.time === 'number') : [];
    } catch {
      return [];
    }
  };
  return {
    read: (account, region) => load(fileOf(account, region)).sort((a, b) => b.time - a.time),
    add(account, region, records) {
      if (records.length === 0) return;
      const path = fileOf(account, region);
      const byId = new Map(load(path).map((e) => [e.id, e]));
      for (const r of records) byId.set(r.id, r);
      const events = [...byId.values()].sort((a, b) => b.time - a.time).slice(0, MAX_EVENTS);
      try {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        writeFileSync(tmp, JSON.stringify({ format: FORMAT, version: 1, events }), { mode: 0o600 });
        renameSync(tmp, path);
      } catch {
        // Not kept: the next look fetches them again.
      }
    },
  };
}
