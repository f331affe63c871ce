// Whom an edit reaches, for the review: the profile's holders (from the instance's user index) and the
// permissions of the other profiles they hold (from the detail loader, fetched in the background).
import { useEffect, useMemo, useState } from 'react';
import type { DetailLoader } from '../aws/types.js';
import { agentAsHolder, type ReachInput } from '../domain/access/holders.js';
import { type AiAgentInfo, agentHoldersOf } from '../domain/access/ai-agents.js';
import type { Users } from './use-user-index.js';

export function useChangeReach(users: Users | undefined, loader: DetailLoader | undefined, profileArn: string | undefined, agents?: readonly AiAgentInfo[]): ReachInput | undefined {
  const userHolders = profileArn === undefined ? undefined : users?.holdersOf(profileArn);
  // The AI agents that hold it reach too: counted apart in the review ("37 users and 2 AI agents").
  const holders = useMemo(() => (userHolders === undefined || profileArn === undefined ? undefined : [...userHolders, ...agentHoldersOf(agents, profileArn).map(agentAsHolder)]), [userHolders, agents, profileArn]);
  const others = useMemo(() => {
    const set = new Set<string>();
    for (const u of holders ?? []) for (const arn of u.securityProfileArns) if (arn !== profileArn) set.add(arn);
    return [...set];
  }, [holders, profileArn]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (loader === undefined || others.length === 0) return undefined;
    const wanted = new Set(others);
    const unsubscribe = loader.subscribe((arn) => {
      if (wanted.has(arn)) setVersion((v) => v + 1);
    });
    loader.prefetch(others);
    return unsubscribe;
  }, [loader, others]);
  return useMemo((): ReachInput | undefined => {
    if (users === undefined || profileArn === undefined) return undefined;
    if (holders !== undefined) {
      return {
        kind: 'known',
        holders,
        permissionsOf: (arn) => {
          const entry = loader?.get(arn);
          return entry?.status === 'loaded' ? new Set(entry.profile.Permissions ?? []) : undefined;
        },
      };
    }
    const { remote } = users;
    if (remote.status === 'error') return { kind: 'unknown', why: `the users could not be read: ${remote.error.message}` };
    if (remote.status === 'success') return { kind: 'unknown', why: remote.data.note ?? 'the user list cannot be trusted' };
    return { kind: 'unknown', why: 'the users are still being read' };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` changes when another profile's permissions arrive.
  }, [users, holders, loader, profileArn, version]);
}
