// One detail loader per instance view (region + instance + reload), and a version number that
// changes when entries arrive, so memoised selectors and rows know to look again. Arrivals are
// coalesced into at most one re-render per frame: a `perm:` prefetch can deliver hundreds.
import { useEffect, useState } from 'react';
import type { DetailLoader, RegionService } from '../cloudcontrol/types.js';

export interface Details {
  loader: DetailLoader | undefined;
  version: number;
}

const FRAME_MS = 16;

export function useDetailLoader(
  service: RegionService | undefined,
  instanceArn: string | undefined,
  reloadKey: number,
  concurrency?: number,
): Details {
  const [details, setDetails] = useState<Details>({ loader: undefined, version: 0 });
  useEffect(() => {
    if (service === undefined || instanceArn === undefined) {
      setDetails({ loader: undefined, version: 0 });
      return undefined;
    }
    const loader = service.createDetailLoader(concurrency === undefined ? {} : { concurrency });
    let version = 0;
    let timer: NodeJS.Timeout | undefined;
    const flush = (): void => {
      timer = undefined;
      setDetails({ loader, version });
    };
    const unsubscribe = loader.subscribe(() => {
      version += 1;
      timer ??= setTimeout(flush, FRAME_MS);
    });
    setDetails({ loader, version });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      loader.dispose();
    };
  }, [service, instanceArn, reloadKey, concurrency]);
  return details;
}
