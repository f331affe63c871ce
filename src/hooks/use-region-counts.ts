// Instance counts for every region on the picker, fetched in the background a few at a time. A
// failing region (access denied, GovCloud without credentials, unreachable) fails on its own row.
import { useEffect, useState } from 'react';
import type { Spex } from '../aws/types.js';
import { isAbort, domainErrorOf, type Remote } from './remote.js';

export type RegionCounts = ReadonlyMap<string, Remote<number>>;

export const REGION_COUNT_CONCURRENCY = 3;

export function useRegionCounts(
  spex: Spex,
  regions: readonly string[],
  options: { isActive: boolean; concurrency?: number },
): RegionCounts {
  const [counts, setCounts] = useState<RegionCounts>(() => new Map());
  const key = regions.join(',');
  const concurrency = Math.max(1, options.concurrency ?? REGION_COUNT_CONCURRENCY);
  // Counted once, the first time the picker shows (not again on every visit); a refresh remounts.
  const [isStarted, setStarted] = useState(options.isActive);
  if (options.isActive && !isStarted) setStarted(true);
  useEffect(() => {
    if (!isStarted) return undefined;
    const controller = new AbortController();
    const queue = key === '' ? [] : key.split(',');
    const set = (region: string, value: Remote<number>): void => {
      if (controller.signal.aborted) return;
      setCounts((prev) => new Map(prev).set(region, value));
    };
    const worker = async (): Promise<void> => {
      for (let region = queue.shift(); region !== undefined; region = queue.shift()) {
        set(region, { status: 'loading' });
        try {
          const instances = await spex.forRegion(region).listInstances({ signal: controller.signal });
          set(region, { status: 'success', data: instances.length });
        } catch (error) {
          if (isAbort(error, controller.signal)) return;
          set(region, { status: 'error', error: domainErrorOf(error) });
        }
      }
    };
    for (let i = 0; i < concurrency; i++) void worker();
    return () => controller.abort();
  }, [spex, key, isStarted, concurrency]);
  return counts;
}
