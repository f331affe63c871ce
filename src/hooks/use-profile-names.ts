// The instance's profiles by ARN as the screens name them: the list's name, else the detail's once it
// has loaded; how many loaded profiles grant a permission (perm: filters); and the names the holder
// screens use (profiles and hierarchy groups).
import { useMemo } from 'react';
import type { HolderNames } from '../components/holder-lines.js';
import type { ProfileSummary, SecurityProfile } from '../domain/profile/security-profile.js';
import { profileName } from '../state/selectors.js';
import type { Details } from './use-detail-loader.js';

export interface ProfileNames {
  readonly loadedDetail: (arn: string | undefined) => SecurityProfile | undefined;
  readonly nameOf: (arn: string) => string | undefined;
  /** How many listed profiles grant any of `names`, among those whose details are loaded. */
  readonly granting: (names: readonly string[]) => { count: number; of: number; total: number };
  holderNames: HolderNames;
}

export function useProfileNames(rows: readonly ProfileSummary[], details: Details, groupName: HolderNames['groupName'], agents?: HolderNames['agents'], flowModuleName?: HolderNames['flowModuleName']): ProfileNames {
  const rowByArn = useMemo(() => new Map(rows.map((r) => [r.arn, r])), [rows]);
  const loadedDetail = (arn: string | undefined): SecurityProfile | undefined => {
    const entry = arn === undefined ? undefined : details.loader?.get(arn);
    return entry?.status === 'loaded' ? entry.profile : undefined;
  };
  const nameOf = (arn: string): string | undefined => {
    const row = rowByArn.get(arn);
    return row === undefined ? undefined : profileName(row, loadedDetail(arn));
  };
  const granting = (names: readonly string[]) => {
    let count = 0;
    let of = 0;
    for (const row of rows) {
      const detail = loadedDetail(row.arn);
      if (detail === undefined) continue;
      of += 1;
      if (names.some((n) => detail.Permissions?.includes(n))) count += 1;
    }
    return { count, of, total: rows.length };
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- profile names come from the list (and the details as they load): re-made when either changes
  const holderNames: HolderNames = useMemo(() => ({ profileName: nameOf, groupName, agents, flowModuleName }), [rowByArn, details.version, groupName, agents, flowModuleName]);
  return { loadedDetail, nameOf, granting, holderNames };
}
