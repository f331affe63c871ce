// MFA codes asked for while the TUI draws. A role's session can end an hour into a run; its renewal
// asks here rather than on the terminal under the app (which would take the app's keys). The run
// gives `ask` to the credentials (app/run.ts); the prompt over the app (app/mfa-gate.tsx) answers the
// asks one at a time, in the order they came.
import { useEffect, useState } from 'react';
import { SpexError } from '../domain/service/errors.js';

export interface MfaAsk {
  readonly device: string;
  readonly profile: string;
}

export interface MfaFeed {
  /** Listens to the asks waiting (the first is the one to answer); the asks already waiting are told at once. */
  readonly subscribe: (listener: (asks: readonly MfaAsk[]) => void) => () => void;
  /** Answers the first ask with a code. */
  readonly answer: (code: string) => void;
  /** Refuses the first ask (Esc): that account's requests fail, saying so, and the next renewal asks again. */
  readonly skip: () => void;
}

interface Waiting extends MfaAsk {
  resolve(code: string): void;
  reject(error: Error): void;
}

const skipped = (ask: MfaAsk, why: string): SpexError =>
  new SpexError({ kind: 'credentials', message: `profile ${ask.profile}: no MFA code from ${ask.device} was given (${why}); its requests are refused until one is` });

export function createMfaFeed(): MfaFeed & { readonly ask: (device: string, profile: string) => Promise<string> } {
  const waiting: Waiting[] = [];
  const listeners = new Set<(asks: readonly MfaAsk[]) => void>();
  const asks = (): MfaAsk[] => waiting.map(({ device, profile }) => ({ device, profile }));
  const tell = (): void => {
    const now = asks();
    for (const listener of listeners) listener(now);
  };
  return {
    ask: (device, profile) =>
      new Promise<string>((resolve, reject) => {
        // An ask made before the prompt is up waits for it (the app draws, then subscribes).
        waiting.push({ device, profile, resolve, reject });
        tell();
      }),
    subscribe(listener) {
      listeners.add(listener);
      listener(asks());
      return () => {
        listeners.delete(listener);
        // The app has gone: nobody can answer what still waits.
        if (listeners.size === 0) for (const w of waiting.splice(0)) w.reject(skipped(w, 'spex closed'));
      };
    },
    answer(code) {
      const first = waiting.shift();
      if (first === undefined) return;
      first.resolve(code);
      tell();
    },
    skip() {
      const first = waiting.shift();
      if (first === undefined) return;
      first.reject(skipped(first, 'skipped with Esc'));
      tell();
    },
  };
}

/** The asks waiting for a code (none without a feed). */
export function useMfaAsks(feed: MfaFeed | undefined): readonly MfaAsk[] {
  const [asks, setAsks] = useState<readonly MfaAsk[]>([]);
  useEffect(() => feed?.subscribe(setAsks), [feed]);
  return asks;
}
