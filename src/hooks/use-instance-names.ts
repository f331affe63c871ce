// The profile names already used in an instance, for a new or cloned profile's uniqueness check.
// Streamed: names count as soon as their page arrives; undefined until the first page.
import { useEffect, useState } from 'react';
import type { RegionService } from '../cloudcontrol/types.js';

export function useInstanceNames(service: RegionService | undefined, instanceArn: string | undefined): readonly string[] | undefined {
  const [names, setNames] = useState<readonly string[] | undefined>(undefined);
  useEffect(() => {
    setNames(undefined);
    if (service === undefined || instanceArn === undefined) return undefined;
    const controller = new AbortController();
    void (async () => {
      let found: string[] = [];
      try {
        for await (const page of service.listProfiles(instanceArn, { signal: controller.signal })) {
          if (controller.signal.aborted) return;
          found = found.concat(page.flatMap((row) => (row.name === undefined ? [] : [row.name])));
          setNames(found);
        }
      } catch {
        // Uniqueness is also checked by Cloud Control (AlreadyExists): a failed listing only means
        // the editor cannot warn early.
      }
    })();
    return () => controller.abort();
  }, [service, instanceArn]);
  return names;
}
