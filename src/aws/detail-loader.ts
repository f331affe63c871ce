// Full profiles for many rows, without flooding Connect: each GetResource fans out to several Connect
// calls with low rate limits, so at most `concurrency` run at once, visible rows first, and a cached
// ARN is never fetched again until a mutation invalidates it.
import { type DomainError, SpexError, isSpexError } from '../domain/service/errors.js';
import type { SecurityProfile } from '../domain/profile/security-profile.js';
import type { CallOptions, DetailEntry, DetailLoader } from './types.js';

export interface DetailLoaderSettings {
  concurrency: number;
  fetch: (arn: string, options: CallOptions) => Promise<SecurityProfile>;
  /** Told when the loader is disposed, so the region service stops invalidating it. */
  onDispose?: () => void;
}

interface Waiter {
  resolve: (profile: SecurityProfile) => void;
  reject: (error: Error) => void;
}

function toDomain(error: unknown): DomainError {
  if (isSpexError(error)) return error.error;
  return { kind: 'service', message: error instanceof Error ? error.message : String(error) };
}

export function createDetailLoader(settings: DetailLoaderSettings): DetailLoader {
  const concurrency = Math.max(1, Math.floor(settings.concurrency));
  const cache = new Map<string, DetailEntry>();
  const inFlight = new Map<string, AbortController>();
  /** ARNs whose in-flight result must be thrown away (invalidated while loading). */
  const stale = new Set<string>();
  const waiters = new Map<string, Waiter[]>();
  const listeners = new Set<(arn: string) => void>();
  let urgent: string[] = [];
  let visible: string[] = [];
  let background: string[] = [];
  let fetched = 0;
  let maxInFlight = 0;
  let disposed = false;

  const notify = (arn: string): void => {
    for (const listener of [...listeners]) listener(arn);
  };

  /** Cached (loaded or failed) or already loading: nothing to queue. */
  const settledOrLoading = (arn: string): boolean => {
    const entry = cache.get(arn);
    return inFlight.has(arn) || entry?.status === 'loaded' || entry?.status === 'error';
  };

  function next(): string | undefined {
    for (const list of [urgent, visible, background]) {
      while (list.length > 0) {
        const arn = list.shift()!;
        if (!inFlight.has(arn) && (list === urgent ? cache.get(arn)?.status !== 'loaded' : !settledOrLoading(arn))) return arn;
      }
    }
    return undefined;
  }

  function pump(): void {
    while (!disposed && inFlight.size < concurrency) {
      const arn = next();
      if (arn === undefined) return;
      start(arn);
    }
  }

  function start(arn: string): void {
    const controller = new AbortController();
    inFlight.set(arn, controller);
    stale.delete(arn);
    maxInFlight = Math.max(maxInFlight, inFlight.size);
    cache.set(arn, { status: 'loading' });
    notify(arn);
    settings.fetch(arn, { signal: controller.signal }).then(
      (profile) => settle(arn, { status: 'loaded', profile }),
      (error: unknown) => settle(arn, { status: 'error', error: toDomain(error) }),
    );
  }

  function settle(arn: string, entry: DetailEntry): void {
    inFlight.delete(arn);
    if (disposed) return;
    fetched++;
    if (stale.has(arn)) {
      // Invalidated while loading: this answer may predate the mutation; fetch again if anyone waits.
      stale.delete(arn);
      // A primed entry (a re-read after a save) is newer than this answer: it stays.
      if (cache.get(arn)?.status !== 'loaded') {
        cache.delete(arn);
        if (waiters.has(arn)) urgent.unshift(arn);
      }
      notify(arn);
      pump();
      return;
    }
    cache.set(arn, entry);
    const pending = waiters.get(arn) ?? [];
    waiters.delete(arn);
    for (const w of pending) {
      if (entry.status === 'loaded') w.resolve(entry.profile);
      else if (entry.status === 'error') w.reject(new SpexError(entry.error));
    }
    notify(arn);
    pump();
  }

  return {
    get: (arn) => cache.get(arn),
    setVisible(arns) {
      visible = arns.filter((arn) => !settledOrLoading(arn));
      pump();
    },
    prefetch(arns) {
      const queued = new Set(background);
      for (const arn of arns) if (!queued.has(arn) && !settledOrLoading(arn)) background.push(arn);
      pump();
    },
    load(arn, options) {
      const entry = cache.get(arn);
      if (entry?.status === 'loaded') return Promise.resolve(entry.profile);
      const signal = options?.signal;
      if (disposed || signal?.aborted) return Promise.reject(cancelled());
      return new Promise<SecurityProfile>((resolve, reject) => {
        const onAbort = (): void => {
          waiters.set(arn, (waiters.get(arn) ?? []).filter((w) => w !== waiter));
          reject(cancelled());
        };
        // Settled either way, the waiter lets go of the caller's signal (which may outlive many loads).
        const waiter: Waiter = {
          resolve: (profile) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(profile);
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        };
        waiters.set(arn, [...(waiters.get(arn) ?? []), waiter]);
        signal?.addEventListener('abort', onAbort, { once: true });
        if (!inFlight.has(arn)) {
          // An earlier failure is retried on an explicit load.
          if (entry?.status === 'error') cache.delete(arn);
          urgent.unshift(arn);
          pump();
        }
      });
    },
    invalidate(arn) {
      if (inFlight.has(arn)) stale.add(arn);
      cache.delete(arn);
      notify(arn);
    },
    prime(arn, profile) {
      // An answer already in flight may predate this one: it is thrown away when it lands.
      if (inFlight.has(arn)) stale.add(arn);
      cache.set(arn, { status: 'loaded', profile });
      const pending = waiters.get(arn) ?? [];
      waiters.delete(arn);
      for (const w of pending) w.resolve(profile);
      notify(arn);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stats: () => ({ inFlight: inFlight.size, queued: urgent.length + visible.length + background.length, fetched, maxInFlight }),
    dispose() {
      disposed = true;
      for (const controller of inFlight.values()) controller.abort();
      inFlight.clear();
      urgent = [];
      visible = [];
      background = [];
      for (const [, pending] of waiters) for (const w of pending) w.reject(cancelled());
      waiters.clear();
      settings.onDispose?.();
    },
  };
}

function cancelled(): SpexError {
  return new SpexError({ kind: 'cancelled', message: 'Loading the profile was cancelled.' });
}
