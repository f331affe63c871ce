// Reading several instances of a fleet at once (drift, promote): each instance's profiles and
// hierarchy groups through its own account's Spex and region budget, a few instances at a time.
import type { RegionService } from '../cloudcontrol/types.js';
import type { DriftColumn } from '../domain/drift.js';
import { isSpexError } from '../domain/errors.js';
import type { SecurityProfile } from '../domain/security-profile.js';
import type { Fleet, FleetRow } from './fleet.js';

export const FLEET_READ_CONCURRENCY = 3;

export function serviceOf(fleet: Fleet, row: FleetRow): RegionService {
  const account = fleet.accounts.find((a) => a.profile === row.profile);
  if (account === undefined || row.region === undefined) throw new Error(`no account ${row.profile} in the fleet`);
  return account.spex.forRegion(row.region);
}

export async function readFleetColumns(
  fleet: Fleet,
  rows: readonly FleetRow[],
  keyOf: (row: FleetRow) => string,
  readProfiles: (service: RegionService, row: FleetRow) => Promise<SecurityProfile[]>,
  options: { signal?: AbortSignal; onColumn?: (columns: readonly DriftColumn[]) => void } = {},
): Promise<DriftColumn[]> {
  const columns: DriftColumn[] = rows.map((r) => ({ key: keyOf(r) }));
  const queue = rows.map((row, i) => ({ row, i }));
  const live = (): boolean => options.signal?.aborted !== true;
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined && live(); next = queue.shift()) {
      const { row, i } = next;
      const service = serviceOf(fleet, row);
      try {
        const [profiles, groups] = await Promise.all([readProfiles(service, row), service.listHierarchyGroups(row.instance!.arn).catch(() => [])]);
        columns[i] = { key: columns[i]!.key, profiles, groups };
      } catch (error) {
        columns[i] = { key: columns[i]!.key, error: isSpexError(error) ? error.error.message : (error as Error).message };
      }
      if (live()) options.onColumn?.([...columns]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FLEET_READ_CONCURRENCY, queue.length) }, worker));
  return columns;
}
