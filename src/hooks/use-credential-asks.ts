// What the credentials ask of the person while the TUI draws. A role's session can end an hour into a
// run: its renewal asks for an MFA code, or, for an IAM Identity Center session that has ended, for
// `aws sso login` to be run. Such asks come here rather than to the terminal under the app (which would
// take the app's keys). The run gives `askCode` and `askLogin` to the credentials (app/run.ts); the
// prompt over the app (app/credential-gate.tsx) answers the asks one at a time, in the order they came.
import { useEffect, useState } from 'react';
import { SpexError } from '../domain/service/errors.js';

export type CredentialAsk =
  /** An MFA code for a role profile's session. */
  | { readonly kind: 'mfa'; readonly device: string; readonly profile: string }
  /** A sign-in to IAM Identity Center: `command` renews the token of `what` (an sso-session or profile). */
  | { readonly kind: 'sso-login'; readonly what: string; readonly command: string };

export interface CredentialFeed {
  /** Listens to the asks waiting (the first is the one to answer); the asks already waiting are told at once. */
  readonly subscribe: (listener: (asks: readonly CredentialAsk[]) => void) => () => void;
  /** Answers the first ask: an MFA code, or, for a sign-in, anything once it has been made. */
  readonly answer: (value: string) => void;
  /** Refuses the first ask (Esc): its requests fail, saying so, and the next renewal asks again. */
  readonly skip: () => void;
}

interface Waiting {
  readonly ask: CredentialAsk;
  resolve(value: string): void;
  reject(error: Error): void;
}

const refused = (ask: CredentialAsk, why: string): SpexError =>
  new SpexError({
    kind: 'credentials',
    message:
      ask.kind === 'mfa'
        ? `profile ${ask.profile}: no MFA code from ${ask.device} was given (${why}); its requests are refused until one is`
        : `the IAM Identity Center session of ${ask.what} has ended and no new sign-in was made (${why}): run \`${ask.command}\``,
  });

export function createCredentialFeed(): CredentialFeed & {
  /** An MFA code for `profile`, from `device`. */
  readonly askCode: (device: string, profile: string) => Promise<string>;
  /** Settles once `command` has been run (or the person says a sign-in was made elsewhere). */
  readonly askLogin: (what: string, command: string) => Promise<void>;
} {
  const waiting: Waiting[] = [];
  const listeners = new Set<(asks: readonly CredentialAsk[]) => void>();
  const asks = (): CredentialAsk[] => waiting.map((w) => w.ask);
  const tell = (): void => {
    const now = asks();
    for (const listener of listeners) listener(now);
  };
  const ask = (what: CredentialAsk): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      // An ask made before the prompt is up waits for it (the app draws, then subscribes).
      waiting.push({ ask: what, resolve, reject });
      tell();
    });
  return {
    askCode: (device, profile) => ask({ kind: 'mfa', device, profile }),
    askLogin: async (what, command) => void (await ask({ kind: 'sso-login', what, command })),
    subscribe(listener) {
      listeners.add(listener);
      listener(asks());
      return () => {
        listeners.delete(listener);
        // The app has gone: nobody can answer what still waits.
        if (listeners.size === 0) for (const w of waiting.splice(0)) w.reject(refused(w.ask, 'spex closed'));
      };
    },
    answer(value) {
      const first = waiting.shift();
      if (first === undefined) return;
      first.resolve(value);
      tell();
    },
    skip() {
      const first = waiting.shift();
      if (first === undefined) return;
      first.reject(refused(first.ask, 'skipped with Esc'));
      tell();
    },
  };
}

/** The asks waiting (none without a feed). */
export function useCredentialAsks(feed: CredentialFeed | undefined): readonly CredentialAsk[] {
  const [asks, setAsks] = useState<readonly CredentialAsk[]>([]);
  useEffect(() => feed?.subscribe(setAsks), [feed]);
  return asks;
}
