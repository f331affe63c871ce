// The profiles of one instance, streamed: rows show as each ListResources page arrives. A reload
// (refresh, retry, another instance) aborts the previous stream.
import { useEffect, useState } from 'react';
import type { RegionService } from '../cloudcontrol/types.js';
import type { DomainError } from '../domain/errors.js';
import type { ProfileSummary } from '../domain/security-profile.js';
import { isAbort, toDomainError } from './remote.js';

export type ProfileListStatus = 'idle' | 'loading' | 'streaming' | 'done' | 'error';

export interface ProfileList {
  status: ProfileListStatus;
  /** Every row received so far (a new array per page, so memoised selectors see the change). */
  rows: readonly ProfileSummary[];
  /** Pages received so far. */
  pages: number;
  error?: DomainError;
}

const IDLE: ProfileList = { status: 'idle', rows: [], pages: 0 };

export function useProfileList(service: RegionService | undefined, instanceArn: string | undefined, reloadKey: number): ProfileList {
  const [list, setList] = useState<ProfileList>(
    service === undefined || instanceArn === undefined ? IDLE : { status: 'loading', rows: [], pages: 0 },
  );
  useEffect(() => {
    if (service === undefined || instanceArn === undefined) {
      setList(IDLE);
      return undefined;
    }
    const controller = new AbortController();
    const { signal } = controller;
    setList({ status: 'loading', rows: [], pages: 0 });
    void (async () => {
      let rows: readonly ProfileSummary[] = [];
      let pages = 0;
      try {
        for await (const page of service.listProfiles(instanceArn, { signal })) {
          if (signal.aborted) return;
          rows = rows.concat(page);
          pages += 1;
          setList({ status: 'streaming', rows, pages });
        }
        if (!signal.aborted) setList({ status: 'done', rows, pages });
      } catch (error) {
        // Rows already received stay on screen next to the error.
        if (!isAbort(error, signal)) setList({ status: 'error', rows, pages, error: toDomainError(error) });
      }
    })();
    return () => controller.abort();
  }, [service, instanceArn, reloadKey]);
  return list;
}
