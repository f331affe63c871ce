// Throttled reads still succeed after the SDK's retries, so the user is not shown an error: only a
// short note that spex is slowing down, at most once every few seconds.
import { useEffect, useRef } from 'react';
import type { RetryEvent } from '../cloudcontrol/types.js';

/** Where retry events come from: the run wires `onRetry` of createSpex to one of these. */
export interface RetryFeed {
  subscribe(listener: (event: RetryEvent) => void): () => void;
}

export function createRetryFeed(): RetryFeed & { emit(event: RetryEvent): void } {
  const listeners = new Set<(event: RetryEvent) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) listener(event);
    },
  };
}

export const SLOW_DOWN_TEXT = 'AWS is throttling requests: slowing down and retrying';

export function useSlowDownNotice(feed: RetryFeed | undefined, show: (text: string) => void, now: () => number = Date.now, everyMs = 5000): void {
  const last = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (feed === undefined) return undefined;
    return feed.subscribe((event) => {
      if (event.reason !== 'throttled' || now() - last.current < everyMs) return;
      last.current = now();
      show(SLOW_DOWN_TEXT);
    });
  }, [feed, show, now, everyMs]);
}
