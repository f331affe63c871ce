// Throttled reads still succeed after the SDK's retries, so the user is not shown an error: only a
// short note that spex is slowing down, at most once every few seconds.
import { useEffect, useRef } from 'react';
import type { RetryEvent } from '../aws/types.js';

/** Where retry events come from: the run wires `onRetry` of createSpex to one of these. */
export interface RetryFeed {
  readonly subscribe: (listener: (event: RetryEvent) => void) => () => void;
}

/** Notes from the service layer for the status line (e.g. Connect refused: Cloud Control alone). */
export interface NoteFeed {
  readonly subscribe: (listener: (text: string) => void) => () => void;
}

export function createNoteFeed(): NoteFeed & { readonly emit: (text: string) => void } {
  // A note said before the app is up (the demo's, at start) waits for the first listener.
  const feed = createFeed<string>();
  const pending: string[] = [];
  let listening = 0;
  return {
    subscribe(listener) {
      listening += 1;
      const off = feed.subscribe(listener);
      for (const text of pending.splice(0)) listener(text);
      return () => {
        listening -= 1;
        off();
      };
    },
    emit(text) {
      if (listening === 0) pending.push(text);
      else feed.emit(text);
    },
  };
}

export function createRetryFeed(): RetryFeed & { readonly emit: (event: RetryEvent) => void } {
  return createFeed<RetryEvent>();
}

function createFeed<T>(): { subscribe(listener: (value: T) => void): () => void; emit(value: T): void } {
  const listeners = new Set<(value: T) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(value) {
      for (const listener of listeners) listener(value);
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
