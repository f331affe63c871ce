// The profiles of one instance, streamed: rows show as ListResources pages arrive. A reload
// (refresh, retry, another instance) aborts the previous stream.
import { useEffect, useMemo, useState } from 'react';
import type { RegionService } from '../aws/types.js';
import type { DomainError } from '../domain/service/errors.js';
import type { ProfileSummary } from '../domain/profile/security-profile.js';
import { isAbort, domainErrorOf } from './remote.js';

export type ProfileListStatus = 'idle' | 'loading' | 'streaming' | 'done' | 'error';

export interface ProfileList {
  status: ProfileListStatus;
  /** Every row received so far (a new array per update, so memoised selectors see the change). */
  rows: readonly ProfileSummary[];
  /** Pages received so far. */
  pages: number;
  error?: DomainError;
}

const IDLE: ProfileList = { status: 'idle', rows: [], pages: 0 };
const LOADING: ProfileList = { status: 'loading', rows: [], pages: 0 };

/**
 * The first page shows at once; later pages are gathered into at most one update per this many ms.
 * Every update re-filters, re-sorts and redraws the screen (with 10,000 profiles in 400 pages, one
 * update a page was 400 frames of garbage for the same picture); pages slower than this still show
 * one by one.
 */
export const PAGE_UPDATE_MS = 100;

export function useProfileList(service: RegionService | undefined, instanceArn: string | undefined, reloadKey: number): ProfileList {
  // Which listing the state belongs to: on another instance (or a reload), the rows of the previous
  // one must not show for even one frame, or a key pressed then would act on a row of the wrong list.
  const listing = useMemo(() => ({ service, instanceArn, reloadKey }), [service, instanceArn, reloadKey]);
  const initial = service === undefined || instanceArn === undefined ? IDLE : LOADING;
  const [state, setState] = useState<{ listing: typeof listing; list: ProfileList }>({ listing, list: initial });
  useEffect(() => {
    const setList = (list: ProfileList): void => setState({ listing, list });
    if (service === undefined || instanceArn === undefined) {
      setList(IDLE);
      return undefined;
    }
    const controller = new AbortController();
    const { signal } = controller;
    let timer: NodeJS.Timeout | undefined;
    setList(LOADING);
    void (async () => {
      // One growing array; each update hands React a copy.
      const rows: ProfileSummary[] = [];
      let pages = 0;
      let shownAt = 0;
      const show = (): void => {
        timer = undefined;
        shownAt = performance.now();
        setList({ status: 'streaming', rows: rows.slice(), pages });
      };
      const settle = (next: ProfileList): void => {
        clearTimeout(timer);
        timer = undefined;
        setList(next);
      };
      try {
        for await (const page of service.listProfiles(instanceArn, { signal })) {
          if (signal.aborted) return;
          for (const row of page) rows.push(row);
          pages += 1;
          const wait = pages === 1 ? 0 : PAGE_UPDATE_MS - (performance.now() - shownAt);
          if (wait <= 0) {
            clearTimeout(timer);
            show();
          } else {
            timer ??= setTimeout(show, wait);
          }
        }
        // No copy: the array is not touched again.
        if (!signal.aborted) settle({ status: 'done', rows, pages });
      } catch (error) {
        // Rows already received stay on screen next to the error.
        if (!isAbort(error, signal)) settle({ status: 'error', rows, pages, error: domainErrorOf(error) });
      }
    })();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [listing, service, instanceArn]);
  return state.listing === listing ? state.list : initial;
}
