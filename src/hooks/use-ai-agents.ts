// The open instance's AI agents (Amazon Q in Connect) and the profiles each holds: read once when the
// instance opens (a handful of calls), again after a reload; undefined while unknown or unreadable.
import { useEffect, useState } from 'react';
import type { RegionService } from '../aws/types.js';
import type { AiAgentInfo } from '../domain/access/ai-agents.js';

export function useAiAgents(service: RegionService | undefined, instanceArn: string | undefined, reloadKey: number): readonly AiAgentInfo[] | undefined {
  const [agents, setAgents] = useState<{ instanceArn: string; list: readonly AiAgentInfo[] } | undefined>(undefined);
  useEffect(() => {
    if (service === undefined || instanceArn === undefined) return undefined;
    const controller = new AbortController();
    service.listAiAgents(instanceArn, { signal: controller.signal, fresh: reloadKey > 0 }).then(
      (list) => {
        if (!controller.signal.aborted && list !== undefined) setAgents({ instanceArn, list });
      },
      // A nicety beside the users: without it the holders are the users alone, as before.
      () => undefined,
    );
    return () => controller.abort();
  }, [service, instanceArn, reloadKey]);
  return agents !== undefined && agents.instanceArn === instanceArn ? agents.list : undefined;
}
