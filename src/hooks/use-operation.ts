// Drives one create/update/delete (a TrackedOperation) for a screen: its status as it changes, the
// elapsed time, the outcome; retry runs the same action again; detach stops waiting (the request
// goes on). Unmounting does not cancel the request: it is reported by the operation log instead.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperationOptions, TrackedOperation } from '../aws/types.js';
import type { OperationLog } from '../state/operation-log.js';
import type { OperationState } from '../state/operation-state.js';

export type { OperationPhase, OperationState } from '../state/operation-state.js';

/** Starts the request; called again, with the same client token when that is safe, on retry. */
export type OperationAction = (options: OperationOptions) => TrackedOperation;


export interface UseOperation extends OperationState {
  readonly start: (action: OperationAction, label?: string) => void;
  /** Runs the last action again. */
  readonly retry: () => void;
  /** Stops waiting; the request goes on and stays in the operation log. */
  readonly detach: () => void;
  /**
   * Waits again for the last request (after a wait timeout or a detach) without sending anything:
   * `track` follows an existing request token (RegionService.trackRequest).
   */
  keepWaiting(track: (requestToken: string, options: OperationOptions) => TrackedOperation): void;
  /** Back to idle (after the screen moved on). */
  reset(): void;
}

export interface UseOperationOptions {
  log?: OperationLog;
  now?: () => number;
  /** How often the elapsed time is refreshed while running. */
  tickMs?: number;
}

const IDLE: OperationState = { phase: 'idle', elapsedMs: 0, run: 0 };

/**
 * The same client token is reused only when it is unknown whether the request was received (no
 * status ever came back): Cloud Control then treats the retry as the same request. After a request
 * that did end FAILED, the same token would only return that failure again, so a new one is used.
 */
export function retryClientToken(state: Pick<OperationState, 'outcome' | 'clientToken'>): string | undefined {
  const outcome = state.outcome;
  if (!outcome || outcome.ok || outcome.status !== undefined) return undefined;
  return outcome.error.retryable ? state.clientToken : undefined;
}

export function useOperation(options: UseOperationOptions = {}): UseOperation {
  const now = options.now ?? Date.now;
  const tickMs = options.tickMs ?? 1000;
  const [state, setState] = useState<OperationState>(IDLE);
  const generation = useRef(0);
  const tracked = useRef<TrackedOperation | undefined>(undefined);
  const lastAction = useRef<{ action: OperationAction; label?: string } | undefined>(undefined);
  const startedAt = useRef(0);
  const logId = useRef<number | undefined>(undefined);
  const detachedGeneration = useRef(-1);
  const stateRef = useRef(state);
  // eslint-disable-next-line react-hooks/refs -- the latest value, read only by handlers outside render (keys, timers); render never reads it
  stateRef.current = state;
  const { log } = options;

  const launch = useCallback(
    (action: OperationAction, label: string | undefined, clientToken: string | undefined, run: number, sameRequest = false) => {
      const gen = ++generation.current;
      const previous = stateRef.current;
      if (!sameRequest) startedAt.current = now();
      const op = action(clientToken === undefined || sameRequest ? {} : { clientToken });
      tracked.current = op;
      const current = (): boolean => gen === generation.current;
      // Following the same request again keeps what is known of it (its kind, its client token).
      const kind = sameRequest && previous.kind ? previous.kind : op.kind;
      const token = sameRequest && previous.clientToken ? previous.clientToken : op.clientToken;
      const base = { kind, clientToken: token, run, ...(label !== undefined ? { label } : {}) };
      const initial = op.current() ?? (sameRequest ? previous.status : undefined);
      setState({ phase: 'running', elapsedMs: now() - startedAt.current, ...base, ...(initial ? { status: initial } : {}) });
      if (log) {
        if ((clientToken !== undefined || sameRequest) && logId.current !== undefined) log.update(logId.current, { outcome: undefined, isDetached: false });
        else logId.current = log.add({ kind: op.kind, label: label ?? op.kind, clientToken: op.clientToken, startedAt: startedAt.current, ...(initial ? { status: initial } : {}) }).id;
      }
      const id = logId.current;
      const unsubscribe = op.onStatus((status) => {
        if (log && id !== undefined) log.update(id, { status, clientToken: token });
        if (current()) setState((s) => ({ ...s, status, clientToken: token, elapsedMs: now() - startedAt.current }));
      });
      void op.done.then((outcome) => {
        unsubscribe();
        if (log && id !== undefined) log.update(id, { outcome, ...(outcome.status ? { status: outcome.status } : {}) });
        if (!current()) return;
        const detached = !outcome.ok && outcome.error.kind === 'cancelled' && detachedGeneration.current === gen;
        setState((s) => ({
          ...s,
          phase: detached ? 'detached' : outcome.ok ? 'succeeded' : 'failed',
          outcome,
          clientToken: token,
          elapsedMs: now() - startedAt.current,
          ...(outcome.status ? { status: outcome.status } : {}),
        }));
      });
    },
    [log, now],
  );

  const start = useCallback(
    (action: OperationAction, label?: string) => {
      lastAction.current = { action, ...(label !== undefined ? { label } : {}) };
      logId.current = undefined;
      launch(action, label, undefined, 1);
    },
    [launch],
  );

  const retry = useCallback(() => {
    const last = lastAction.current;
    const s = stateRef.current;
    if (!last || s.phase === 'running') return;
    const token = retryClientToken(s);
    if (token === undefined) logId.current = undefined;
    launch(last.action, last.label, token, s.run + 1);
  }, [launch]);

  const detach = useCallback(() => {
    if (stateRef.current.phase !== 'running') return;
    if (log && logId.current !== undefined) log.update(logId.current, { isDetached: true });
    detachedGeneration.current = generation.current;
    setState((s) => ({ ...s, phase: 'detached' }));
    tracked.current?.detach();
  }, [log]);

  const keepWaiting = useCallback(
    (track: (requestToken: string, options: OperationOptions) => TrackedOperation) => {
      const s = stateRef.current;
      const token = s.status?.requestToken;
      if (!token || s.phase === 'running') return;
      // The same log entry: it is the same request.
      const kind = s.status?.operation;
      launch((options) => track(token, kind === undefined ? options : { ...options, kind }), s.label, s.clientToken, s.run, true);
    },
    [launch],
  );

  const reset = useCallback(() => {
    generation.current++;
    tracked.current = undefined;
    setState(IDLE);
  }, []);

  // The elapsed time moves while the request runs, so a slow request visibly is one.
  useEffect(() => {
    if (state.phase !== 'running') return undefined;
    const timer = setInterval(() => setState((s) => (s.phase === 'running' ? { ...s, elapsedMs: now() - startedAt.current } : s)), tickMs);
    return () => clearInterval(timer);
  }, [state.phase, now, tickMs]);

  useEffect(
    () => () => {
      // Later updates of a request that outlives the screen only go to the log.
      generation.current++;
    },
    [],
  );

  return { ...state, start, retry, detach, keepWaiting, reset };
}
