// One detail loader per instance view (region + instance + reload), and a version number that
// changes when entries arrive, so memoised selectors and rows know to look again. Arrivals are
// coalesced into one re-render DETAIL_FRAME_MS after the first of them: a page of rows coming into
// view brings a burst of details, a `perm:` prefetch hundreds.
import { useEffect, useState } from 'react';
import type { DetailLoader, RegionService } from '../aws/types.js';

export interface Details {
  loader: DetailLoader | undefined;
  version: number;
}

/**
 * How long arriving details are gathered before one re-render. Each re-render redraws the whole
 * screen (Ink rebuilds every line: ~5 MB of garbage and ~10 ms of CPU at 120×40), and that garbage
 * is what drives the peak RSS while paging through thousands of profiles; 10 updates a second is
 * plenty for a table filling in. (Peak RSS with 10,000 listed and 1,000 details loaded, median of
 * six runs: 198 MB when the first arrival re-rendered at once and the rest every 50 ms; 183 MB so.)
 */
export const DETAIL_FRAME_MS = 100;

export function useDetailLoader(
  service: RegionService | undefined,
  instanceArn: string | undefined,
  reloadKey: number,
  concurrency?: number,
): Details {
  const [details, setDetails] = useState<Details>({ loader: undefined, version: 0 });
  useEffect(() => {
    if (service === undefined || instanceArn === undefined) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a new source starts over: the state says it is loading (and drops the old source's answer) before the request goes out
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
      timer ??= setTimeout(flush, DETAIL_FRAME_MS);
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
