// The profile names already used in an instance, for a new or cloned profile's uniqueness check.
// Streamed: names count as soon as their page arrives; undefined until the first page.
import { useEffect, useState } from 'react';
import type { RegionService } from '../aws/types.js';

/**
 * `nameOf` supplies names known elsewhere (the table's loaded details) for rows the list gave as
 * ARNs only (real-aws-notes "Listing"); a name known nowhere is left to Cloud Control's own check.
 */
export function useInstanceNames(
  service: RegionService | undefined,
  instanceArn: string | undefined,
  nameOf?: (arn: string) => string | undefined,
): readonly string[] | undefined {
  const [names, setNames] = useState<readonly string[] | undefined>(undefined);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new source starts over: the state says it is loading (and drops the old source's answer) before the request goes out
    setNames(undefined);
    if (service === undefined || instanceArn === undefined) return undefined;
    const controller = new AbortController();
    void (async () => {
      let found: string[] = [];
      try {
        for await (const page of service.listProfiles(instanceArn, { signal: controller.signal })) {
          if (controller.signal.aborted) return;
          found = found.concat(page.flatMap((row) => {
            const name = row.name ?? nameOf?.(row.arn);
            return name === undefined ? [] : [name];
          }));
          setNames(found);
        }
      } catch {
        // Uniqueness is also checked by Cloud Control (AlreadyExists): a failed listing only means
        // the editor cannot warn early.
      }
    })();
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new service or instance decides when to read the names again
  }, [service, instanceArn]);
  return names;
}
