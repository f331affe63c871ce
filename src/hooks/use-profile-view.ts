// What the profile table shows: rows filtered and sorted (memoised: a cursor move does no work
// proportional to the row count), the details of the rows on screen requested from the loader, and
// for `perm:` filters and the permission sort every detail prefetched, with progress.
import { useCallback, useEffect, useMemo } from 'react';
import type { DetailEntry } from '../cloudcontrol/types.js';
import type { ProfileSummary } from '../domain/security-profile.js';
import type { ListView } from '../state/app-state.js';
import { tableRows, type Layout } from '../state/layout.js';
import { createShownProfilesSelector, needsAllDetails, type DetailLookup } from '../state/selectors.js';
import type { Details } from './use-detail-loader.js';

export interface ProfileView {
  shown: readonly ProfileSummary[];
  /** The ARNs of `shown`, in order (a new array only when `shown` changes). */
  shownArns: readonly string[];
  detailOf: (arn: string) => DetailEntry | undefined;
  /** Details prefetched so far, while a filter or sort needs all of them. */
  progress: { done: number; total: number } | undefined;
}

export interface ProfileViewInput {
  rows: readonly ProfileSummary[];
  list: ListView;
  details: Details;
  layout: Layout;
}

export function useProfileView({ rows, list, details, layout }: ProfileViewInput): ProfileView {
  const { loader, version } = details;
  const select = useMemo(createShownProfilesSelector, []);
  const detailOf = useCallback((arn: string) => loader?.get(arn), [loader]);
  const lookup: DetailLookup = useCallback(
    (arn: string) => {
      const entry = loader?.get(arn);
      return entry?.status === 'loaded' ? entry.profile : undefined;
    },
    [loader],
  );
  const shown = select({ rows, filterText: list.filter, sort: list.sort, lookup, detailsVersion: version });
  const arns = useMemo(() => shown.map((r) => r.arn), [shown]);

  // The rows on screen, fetched first; a new window replaces the previous request set.
  const height = tableRows(layout);
  const visibleKey = arns.slice(list.top, list.top + height).join('\n');
  useEffect(() => {
    loader?.setVisible(visibleKey === '' ? [] : visibleKey.split('\n'));
  }, [loader, visibleKey]);

  const needsAll = needsAllDetails(list.filter, list.sort);
  useEffect(() => {
    if (needsAll && loader !== undefined) loader.prefetch(rows.map((r) => r.arn));
  }, [needsAll, loader, rows]);

  const progress = useMemo(() => {
    if (!needsAll || loader === undefined) return undefined;
    let done = 0;
    for (const row of rows) {
      const status = loader.get(row.arn)?.status;
      if (status === 'loaded' || status === 'error') done++;
    }
    return { done, total: rows.length };
    // `version` changes when entries arrive: the count must be taken again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [needsAll, loader, rows, version]);

  return { shown, shownArns: arns, detailOf, progress };
}
