// The last scan of a fleet, kept so the next start shows it at once and refreshes it in the background
// (stale-while-revalidate). One JSON file per fleet, named by a hash of its accounts, regions and
// endpoint; written atomically (a temporary file renamed over the old one). Rows only: account names
// and ids, regions, instances, counts and errors, never credentials.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FleetRow } from '../domain/fleet/fleet-row.js';

const FORMAT = 'spex-fleet-cache';

export interface FleetMemory {
  /** The rows of the last complete scan, with when it ended (epoch ms); undefined when none is kept. */
  read(): Promise<{ rows: FleetRow[]; savedAt: number } | undefined>;
  write(rows: readonly FleetRow[]): Promise<void>;
}

/**
 * The memory of the fleet of these accounts and regions (or of what names it, when its accounts are not
 * all known when it opens: an organisation's request), at this endpoint; undefined without a cache dir.
 */
export function fleetMemory(dir: string | undefined, fleet: readonly { profile: string; regions: readonly string[] }[] | { key: unknown }, endpoint: string | undefined): FleetMemory | undefined {
  if (dir === undefined) return undefined;
  const names = 'key' in fleet ? fleet.key : fleet.map((a) => [a.profile, a.regions]);
  const key = createHash('sha256').update(JSON.stringify([endpoint ?? '', names])).digest('hex').slice(0, 24);
  const file = join(dir, 'fleets', `${key}.json`);
  return {
    async read() {
      try {
        const value = JSON.parse(await readFile(file, 'utf8')) as { format?: unknown; savedAt?: unknown; rows?: unknown };
        if (value.format !== FORMAT || typeof value.savedAt !== 'number' || !Array.isArray(value.rows)) return undefined;
        return { rows: value.rows as FleetRow[], savedAt: value.savedAt };
      } catch {
        return undefined;
      }
    },
    async write(rows) {
      try {
        await mkdir(join(dir, 'fleets'), { recursive: true, mode: 0o700 });
        const tmp = `${file}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify({ format: FORMAT, savedAt: Date.now(), rows }), { mode: 0o600 });
        await rename(tmp, file);
      } catch {
        // A memory that cannot be written only means the next start scans before it shows.
      }
    },
  };
}
