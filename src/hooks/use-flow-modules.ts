// The open instance's flow modules by name (Connect's ListContactFlowModules), read when the detail first
// needs them: AllowedFlowModules names modules by id, and people know them by name.
import { useCallback, useEffect, useState } from 'react';
import type { RegionService } from '../aws/types.js';
import type { FlowModuleName } from '../domain/profile/security-profile.js';

export function useFlowModuleNames(service: RegionService | undefined, instanceArn: string | undefined, isNeeded: boolean): (id: string) => string | undefined {
  const [modules, setModules] = useState<{ instanceArn: string; list: readonly FlowModuleName[] } | undefined>(undefined);
  const have = modules !== undefined && modules.instanceArn === instanceArn;
  useEffect(() => {
    if (!isNeeded || have || service === undefined || instanceArn === undefined) return undefined;
    const controller = new AbortController();
    service.listFlowModules(instanceArn, { signal: controller.signal }).then(
      (list) => {
        if (!controller.signal.aborted && list !== undefined) setModules({ instanceArn, list });
      },
      // Names are a nicety: without them the id shows.
      () => undefined,
    );
    return () => controller.abort();
  }, [service, instanceArn, isNeeded, have]);
  return useCallback((id: string) => (have ? modules?.list.find((m) => m.id === id)?.name : undefined), [have, modules]);
}
