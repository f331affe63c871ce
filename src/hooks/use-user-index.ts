// Who holds what in the open instance: every user with their profiles, loaded once per instance view,
// for the table's Users column, the detail's "Held by", the holders screen and the review's reach.
// SearchUsers (one call per 500 users) is asked at once. Where it is not available, every user is
// read through Cloud Control (one GetResource each, with progress) only once a screen needs holders:
// the table alone is not worth that many calls.
import { useEffect, useMemo, useState } from 'react';
import type { RegionService } from '../aws/types.js';
import { agentAsHolder, type ConnectUser, holderCounts, holdersIn, type UserIndex } from '../domain/access/holders.js';
import { type AiAgentInfo, agentHoldersOf } from '../domain/access/ai-agents.js';
import type { Remote } from '../state/remote.js';
import { domainErrorOf, isAbort } from './remote.js';
import { ALL_USERS } from '../state/app-state.js';

export { ALL_USERS };

export interface Users {
  remote: Remote<UserIndex>;
  /** Users read so far on the slow route (Cloud Control), while it runs. */
  progress: { done: number; total: number } | undefined;
  /** How many users hold a profile; undefined while unknown (loading, failed, or not to be trusted). */
  readonly countOf: (arn: string) => number | undefined;
  holdersOf(arn: string): ConnectUser[] | undefined;
}

/**
 * The holders a screen lists: the users who hold the profile (every user for ALL_USERS), then the AI
 * agents that do (every agent for ALL_USERS), marked and acted on alike. Undefined while the users are unknown.
 */
export function holdersShown(users: Users, agents: readonly AiAgentInfo[] | undefined, arn: string): ConnectUser[] | undefined {
  const people = users.holdersOf(arn);
  if (people === undefined) return undefined;
  const holding = arn === ALL_USERS ? (agents ?? []) : agentHoldersOf(agents, arn);
  return holding.length === 0 ? people : [...people, ...holding.map(agentAsHolder)];
}

export function useUserIndex(service: RegionService | undefined, instanceArn: string | undefined, reloadKey: number, isNeeded: boolean): Users {
  const [remote, setRemote] = useState<Remote<UserIndex>>({ status: 'idle' });
  // The cheap route was not available: the slow one waits until a screen needs holders.
  const [deferred, setDeferred] = useState<string | undefined>(undefined);
  // Once asked for in this instance view, the slow route stays chosen (leaving the screen keeps the answer).
  const [slowFor, setSlowFor] = useState<string | undefined>(undefined);
  if (isNeeded && instanceArn !== undefined && deferred === instanceArn && slowFor !== instanceArn) setSlowFor(instanceArn);
  const allowSlow = instanceArn !== undefined && slowFor === instanceArn;
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>(undefined);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new source starts over: the state says it is loading (and drops the old source's answer) before the request goes out
    setProgress(undefined);
    if (service === undefined || instanceArn === undefined) {
      setRemote({ status: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    setRemote({ status: 'loading' });
    let last = 0;
    service
      .loadUsers(instanceArn, {
        allowSlow,
        signal: controller.signal,
        onProgress: (done, total) => {
          // At most ten redraws a second however fast users arrive.
          const now = Date.now();
          if (done < total && now - last < 100) return;
          last = now;
          if (!controller.signal.aborted) setProgress({ done, total });
        },
      })
      .then(
        (data) => {
          if (controller.signal.aborted) return;
          setProgress(undefined);
          if (data === undefined) {
            setDeferred(instanceArn);
            setRemote({ status: 'idle' });
          } else setRemote({ status: 'success', data });
        },
        (error: unknown) => {
          if (isAbort(error, controller.signal)) return;
          setProgress(undefined);
          setRemote({ status: 'error', error: domainErrorOf(error) });
        },
      );
    return () => controller.abort();
  }, [service, instanceArn, reloadKey, allowSlow]);

  const index = remote.status === 'success' && remote.data.instanceArn === instanceArn ? remote.data : undefined;
  const counts = useMemo(() => (index?.complete ? holderCounts(index) : undefined), [index]);
  return useMemo(
    () => ({
      remote: index === undefined && remote.status === 'success' ? { status: 'loading' } : remote,
      progress,
      countOf: (arn: string) => (counts === undefined ? undefined : (counts.get(arn) ?? 0)),
      // `*`: every user of the instance (the `:` screen), else the holders of one profile.
      holdersOf: (arn: string) => (index?.complete ? (arn === ALL_USERS ? index.users : holdersIn(index, arn)) : undefined),
    }),
    [remote, index, counts, progress],
  );
}
