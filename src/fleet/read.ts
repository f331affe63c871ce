// Reading several instances of a fleet at once (drift, promote): each instance's profiles and
// hierarchy groups through its own account's Spex and region budget, a few instances at a time.
import type { RegionService } from '../aws/types.js';
import type { DriftColumn } from '../domain/fleet/drift.js';
import { isSpexError } from '../domain/service/errors.js';
import type { InstanceSide } from '../domain/fleet/promote.js';
import { type ReadOptions, readProfiles } from './read-profiles.js';
import type { Fleet, FleetRow } from './fleet.js';

export const FLEET_READ_CONCURRENCY = 3;

export function serviceOf(fleet: Fleet, row: FleetRow): RegionService {
  if (row.region === undefined) throw new Error(`no region for ${row.profile}`);
  return serviceFor(fleet, { profile: row.profile, region: row.region });
}

/** The service of a promotion's target (or source): its account's Spex, in its region. */
export function serviceFor(fleet: Fleet, target: { profile: string; region: string }): RegionService {
  const account = fleet.accounts.find((a) => a.profile === target.profile);
  if (account === undefined) throw new Error(`the fleet has no profile ${target.profile} (the promotion was made with it)`);
  return account.spex.forRegion(target.region);
}

export type { InstanceSide };


export async function readSide(service: RegionService, instanceArn: string, options: ReadOptions = {}): Promise<InstanceSide> {
  const [profiles, groups, modules, agents] = await Promise.all([
    readProfiles(service, instanceArn, options),
    service.listHierarchyGroups(instanceArn),
    service.listFlowModules(instanceArn),
    // Names are a nicety here: without them allowed agents compare and carry by ARN.
    service.listAiAgents(instanceArn).catch(() => undefined),
  ]);
  return { profiles, groups, modules, agents };
}

export async function readFleetColumns(
  fleet: Fleet,
  rows: readonly FleetRow[],
  keyOf: (row: FleetRow) => string,
  read: (service: RegionService, row: FleetRow, onProgress: (done: number, total: number) => void) => Promise<InstanceSide>,
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
        const side = await read(service, row, (done, total) => {
          // Each detail as it arrives: the matrix says how far each instance has got.
          columns[i] = { key: columns[i]!.key, progress: { done, total, left: service.timeLeft(total - done) } };
          if (live()) options.onColumn?.([...columns]);
        });
        columns[i] = { key: columns[i]!.key, ...side };
      } catch (error) {
        columns[i] = { key: columns[i]!.key, error: isSpexError(error) ? error.error.message : (error as Error).message };
      }
      if (live()) options.onColumn?.([...columns]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FLEET_READ_CONCURRENCY, queue.length) }, worker));
  return columns;
}
