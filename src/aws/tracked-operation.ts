// A create/update/delete followed to its end. Polls GetResourceRequestStatus on a backing-off
// schedule (honouring RetryAfter), reconciles a send whose outcome is unknown by re-sending with the
// SAME client token (idempotent) or finding the request in ListResourceRequests, and retries a request
// that ended FAILED because AWS throttled it as a NEW request (new token), visibly, a few times.
import { randomUUID } from 'node:crypto';
import { type DomainError, isSpexError } from '../domain/service/errors.js';
import { isThrottleSignal } from '../domain/service/service-signals.js';
import { isAbortError, isOutcomeUnknown } from './map-error.js';
import { isTerminal } from './parse.js';
import type { OperationKind, OperationOutcome, RequestStatus, TrackedOperation } from './types.js';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface PollSchedule {
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_POLL_SCHEDULE: PollSchedule = { firstMs: 300, maxMs: 5000 };
export const DEFAULT_WAIT_TIMEOUT_MS = 5 * 60_000;
/** Extra requests after a FAILED/Throttling outcome. */
export const THROTTLE_RETRIES = 3;
/** Re-sends with the same token after the SDK's own retries could not get an answer. */
const RECONCILE_SENDS = 2;
/** Consecutive failed polls tolerated before giving up waiting. */
const MAX_POLL_FAILURES = 5;

export interface TrackerSettings {
  kind: OperationKind;
  clientToken?: string;
  /** Sends the mutation with this client token. Throws raw SDK errors. */
  start?: (clientToken: string, signal: AbortSignal) => Promise<RequestStatus>;
  /** For trackRequest: the request already exists. */
  requestToken?: string;
  poll: (requestToken: string, signal: AbortSignal) => Promise<RequestStatus>;
  /** Looks for the request among recent ones (reconciliation after a lost answer). */
  find?: (sinceMs: number, signal: AbortSignal) => Promise<RequestStatus | undefined>;
  /** Turns a terminal status into an outcome (fetching the model, mapping FAILED). */
  finish: (status: RequestStatus, signal: AbortSignal) => Promise<OperationOutcome>;
  mapError: (error: unknown, operation: string) => DomainError;
  sleep: Sleep;
  now: () => number;
  schedule: PollSchedule;
  timeoutMs: number;
  signal?: AbortSignal;
  /** A last look at the outcome (e.g. explaining a refused update); its failure keeps the outcome. */
  finalize?: (outcome: OperationOutcome) => Promise<OperationOutcome>;
}

class Stop extends Error {
  constructor(readonly outcome: OperationOutcome) {
    super('stop');
  }
}

export function startTrackedOperation(settings: TrackerSettings): TrackedOperation {
  const listeners = new Set<(status: RequestStatus) => void>();
  const controller = new AbortController();
  let detached = false;
  let latest: RequestStatus | undefined;
  let clientToken = settings.clientToken ?? randomUUID();
  const onOuterAbort = (): void => controller.abort();
  if (settings.signal?.aborted) controller.abort();
  else settings.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const signal = controller.signal;
  const startedAt = settings.now();
  const deadline = startedAt + settings.timeoutMs;

  const emit = (status: RequestStatus): void => {
    latest = status;
    for (const listener of [...listeners]) listener(status);
  };

  const stopped = (): OperationOutcome => {
    const token = latest?.requestToken;
    const message = detached
      ? `Stopped waiting${token ? `; request ${token} goes on (see \`spex requests\`)` : ''}.`
      : `Cancelled while waiting${token ? `; request ${token} may still complete (see \`spex requests\`)` : ` (client token ${clientToken})`}.`;
    const error: DomainError = { kind: 'cancelled', message, ...(token ? { requestToken: token } : {}) };
    return latest ? { ok: false, status: latest, error } : { ok: false, error };
  };

  const fail = (error: DomainError): Stop => new Stop(latest ? { ok: false, status: latest, error } : { ok: false, error });

  async function pause(ms: number): Promise<void> {
    try {
      await settings.sleep(Math.max(0, ms), signal);
    } catch (error) {
      if (signal.aborted || isAbortError(error)) throw new Stop(stopped());
      throw error;
    }
    if (signal.aborted) throw new Stop(stopped());
  }

  async function send(): Promise<RequestStatus> {
    const start = settings.start!;
    const sentAt = settings.now();
    let unknownError: unknown;
    for (let i = 0; i <= RECONCILE_SENDS; i++) {
      try {
        return await start(clientToken, signal);
      } catch (error) {
        if (signal.aborted || isAbortError(error)) throw new Stop(stopped());
        // A definite refusal: nothing happened (or, after a lost answer, the resend tells us why).
        if (!isOutcomeUnknown(error)) throw fail(settings.mapError(error, opName(settings.kind)));
        unknownError = error;
        await pause(settings.schedule.firstMs * 2 ** i);
      }
    }
    // The answers were lost each time: look for the request rather than risk a second one.
    if (settings.find) {
      try {
        const found = await settings.find(sentAt - 1000, signal);
        if (found) return { ...found, note: 'The connection failed; found the request and kept waiting.' };
      } catch (error) {
        if (signal.aborted) throw new Stop(stopped());
      }
    }
    const base = settings.mapError(unknownError, opName(settings.kind));
    throw fail({
      ...base,
      message: `${base.message} The ${settings.kind.toLowerCase()} may or may not have happened: \`spex requests\` shows recent requests; retrying the same action reuses client token ${clientToken}, so it cannot happen twice.`,
      retryable: true,
    });
  }

  async function waitForEnd(first: RequestStatus): Promise<RequestStatus> {
    let status = first;
    let delay = settings.schedule.firstMs;
    let failures = 0;
    while (!isTerminal(status)) {
      const now = settings.now();
      if (now >= deadline) {
        throw fail({
          kind: 'timeout',
          requestToken: status.requestToken,
          message: `Still ${status.status} after ${Math.round((now - startedAt) / 1000)} s; request ${status.requestToken} goes on (\`spex requests\` shows it).`,
        });
      }
      // RetryAfter may ask for a longer pause, but never past the schedule's cap: a cancellation or a
      // change made elsewhere should still show within a few seconds.
      let wait = delay;
      if (status.retryAfter !== undefined && status.retryAfter > now) wait = Math.min(Math.max(wait, status.retryAfter - now), settings.schedule.maxMs);
      await pause(Math.min(wait, deadline - now));
      delay = Math.min(delay * 2, settings.schedule.maxMs);
      let next: RequestStatus;
      try {
        next = await settings.poll(status.requestToken, signal);
        failures = 0;
      } catch (error) {
        if (signal.aborted || isAbortError(error)) throw new Stop(stopped());
        const mapped = settings.mapError(error, 'GetResourceRequestStatus');
        if (!mapped.retryable || ++failures > MAX_POLL_FAILURES) throw fail({ ...mapped, requestToken: status.requestToken });
        continue;
      }
      if (next.status !== status.status || next.statusMessage !== status.statusMessage) emit(next);
      else latest = next;
      status = next;
    }
    return status;
  }

  async function run(): Promise<OperationOutcome> {
    try {
      if (signal.aborted) return stopped();
      if (!settings.start) {
        const first = await settings.poll(settings.requestToken!, signal).catch((error: unknown) => {
          if (signal.aborted || isAbortError(error)) throw new Stop(stopped());
          throw fail(settings.mapError(error, 'GetResourceRequestStatus'));
        });
        emit(first);
        return await settings.finish(await waitForEnd(first), signal);
      }
      for (let attempt = 1; ; attempt++) {
        const first = await send();
        emit(attempt > 1 ? { ...first, attempt } : first);
        const end = await waitForEnd(first);
        // A throttle in any shape (Throttling, or Connect's rate as GeneralServiceException) did not happen.
        if (end.status === 'FAILED' && isThrottleSignal(end.handlerErrorCode, end.statusMessage) && attempt <= THROTTLE_RETRIES) {
          emit({ ...end, attempt, note: `Throttled by AWS; retrying with a new request (${attempt + 1} of ${THROTTLE_RETRIES + 1}).` });
          await pause(settings.schedule.firstMs * 2 ** attempt);
          clientToken = randomUUID();
          continue;
        }
        return await settings.finish(end, signal);
      }
    } catch (error) {
      if (error instanceof Stop) return error.outcome;
      if (signal.aborted) return stopped();
      const domain = isSpexError(error) ? error.error : settings.mapError(error, opName(settings.kind));
      return latest ? { ok: false, status: latest, error: domain } : { ok: false, error: domain };
    } finally {
      settings.signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  const done = run().then((outcome) => (settings.finalize ? settings.finalize(outcome).catch(() => outcome) : outcome));
  return {
    get kind() {
      return latest?.operation ?? settings.kind;
    },
    get clientToken() {
      return clientToken;
    },
    current: () => latest,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    done,
    detach() {
      detached = true;
      controller.abort();
    },
  };
}

export function opName(kind: OperationKind): string {
  return kind === 'CREATE' ? 'CreateResource' : kind === 'UPDATE' ? 'UpdateResource' : 'DeleteResource';
}

/** A tracked operation that ended before sending anything (validation, read-only, no changes). */
export function settledOperation(kind: OperationKind, outcome: OperationOutcome, clientToken = randomUUID()): TrackedOperation {
  return {
    kind,
    clientToken,
    current: () => outcome.status,
    onStatus: () => () => undefined,
    done: Promise.resolve(outcome),
    detach: () => undefined,
  };
}

/** setTimeout as a promise that an AbortSignal can cut short. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
