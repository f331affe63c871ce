// The open instance's hierarchy groups, read once when a screen first needs their names (the detail's
// access control and "Held by", the holders screen) and kept for the instance view.
import { useCallback, useEffect, useState } from 'react';
import type { RegionService } from '../aws/types.js';
import type { HierarchyGroup } from '../domain/profile/security-profile.js';
import { groupPath } from '../domain/as-code/profiles-file.js';

/** A group's path of names by ARN (or by id), once the groups are read; undefined until then. */
export function useHierarchyGroups(service: RegionService | undefined, instanceArn: string | undefined, isNeeded: boolean): (ref: string) => string | undefined {
  const [groups, setGroups] = useState<{ instanceArn: string; byKey: Map<string, string> } | undefined>(undefined);
  const have = groups !== undefined && groups.instanceArn === instanceArn;
  useEffect(() => {
    if (!isNeeded || have || service === undefined || instanceArn === undefined) return undefined;
    const controller = new AbortController();
    service.listHierarchyGroups(instanceArn, { signal: controller.signal }).then(
      (list: HierarchyGroup[]) => {
        if (controller.signal.aborted) return;
        const byKey = new Map<string, string>();
        // By the path of names from the top ("Americas/Support floor"), as export, drift and promote name them.
        for (const g of list) {
          const path = groupPath(g.id, list) ?? g.name;
          if (path !== undefined) for (const key of [g.arn, g.id]) byKey.set(key, path);
        }
        setGroups({ instanceArn, byKey });
      },
      // Names are a nicety: without them the id shows.
      () => undefined,
    );
    return () => controller.abort();
  }, [service, instanceArn, isNeeded, have]);
  return useCallback((ref: string) => (have ? groups?.byKey.get(ref) : undefined), [have, groups]);
}
