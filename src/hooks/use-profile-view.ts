// What the profile table shows: rows filtered and sorted (memoised: a cursor move does no work
// proportional to the row count), the details of the rows on screen requested from the loader, and
// for `perm:` filters and the permission sort every detail prefetched, with progress.
import { useCallback, useEffect, useMemo } from 'react';
import type { DetailEntry } from '../aws/types.js';
import type { ProfileSummary } from '../domain/profile/security-profile.js';
import type { ListView } from '../state/app-state.js';
import { tableRows, type Layout } from '../state/layout.js';
import { createShownProfilesSelector, needsAllDetails, needsNamesFor, unnamedRows, type DetailLookup } from '../state/selectors.js';
import type { Details } from './use-detail-loader.js';

export interface ProfileView {
  shown: readonly ProfileSummary[];
  /** The ARNs of `shown`, in order (a new array only when `shown` changes). */
  shownArns: readonly string[];
  detailOf: (arn: string) => DetailEntry | undefined;
  /** Details prefetched so far, while a filter or sort needs all of them. */
  progress: { done: number; total: number } | undefined;
  /** Rows whose name is still unknown (the list gave their ARN only, and no detail has come yet). */
  unnamed: number;
  /** A row shown from the cache, not yet confirmed by AWS (Cloud Control alone). */
  isUnconfirmed: (arn: string) => boolean;
}

export interface ProfileViewInput {
  rows: readonly ProfileSummary[];
  list: ListView;
  details: Details;
  layout: Layout;
}

export function useProfileView({ rows, list, details, layout }: ProfileViewInput): ProfileView {
  const { loader, version } = details;
  const select = useMemo(() => createShownProfilesSelector(), []);
  const detailOf = useCallback((arn: string) => loader?.get(arn), [loader]);
  const isUnconfirmed = useCallback((arn: string) => loader?.isUnconfirmed?.(arn) === true, [loader]);
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

  const unnamed = useMemo(
    () => unnamedRows(rows, lookup).length,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` changes when entries arrive: names may have come with them.
    [rows, lookup, version],
  );
  // A name filter cannot be right while names are missing: those rows are fetched in the background,
  // after the visible ones (the status line says how many are still unknown).
  const needsNames = unnamed > 0 && needsNamesFor(list.filter);
  useEffect(() => {
    if (needsNames && loader !== undefined) loader.prefetch(unnamedRows(rows, lookup).map((r) => r.arn));
  }, [needsNames, loader, rows, lookup]);

  const progress = useMemo(() => {
    if (!needsAll || loader === undefined) return undefined;
    let done = 0;
    for (const row of rows) {
      const status = loader.get(row.arn)?.status;
      if (status === 'loaded' || status === 'error') done++;
    }
    return { done, total: rows.length };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` changes when entries arrive: the count must be taken again.
  }, [needsAll, loader, rows, version]);

  return { shown, shownArns: arns, detailOf, progress, unnamed, isUnconfirmed };
}
