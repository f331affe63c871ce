// Holds the app under a prompt while the credentials ask for something (hooks/use-credential-asks.ts):
// the app stays mounted (its state, an unsaved edit included, is kept) but is not drawn, and its keys
// are held (components/input-gate.tsx). Esc skips this ask, Ctrl-C skips every ask waiting.
// - An MFA code: typed with the shell's editing keys, masked; Enter sends a code of six digits (STS's
//   model: TokenCode).
// - An IAM Identity Center sign-in: Enter runs the command that renews the session, the terminal lent
//   to it (app/hand-over.ts); r says a sign-in was made in another terminal. Either way the
//   credentials read the token cache again.
import { Box, useStdout } from 'ink';
import { type ReactNode, useRef, useState } from 'react';
import { KeysHeld } from '../components/input-gate.js';
import { MfaPrompt } from '../components/mfa-prompt.js';
import { SsoLoginPrompt } from '../components/sso-login-prompt.js';
import { useBurstInput } from '../hooks/use-burst-input.js';
import { type CredentialFeed, useCredentialAsks } from '../hooks/use-credential-asks.js';
import { editText, type TextValue } from '../state/text-edit.js';

const EMPTY: TextValue = { text: '', cursor: 0 };

export interface CredentialGateProps {
  readonly feed: CredentialFeed | undefined;
  /** Runs a command on the terminal lent to it (app/hand-over.ts); says why it failed. */
  readonly runCommand?: ((command: string) => Promise<string | undefined>) | undefined;
  readonly children: ReactNode;
}

export function CredentialGate({ feed, runCommand, children }: CredentialGateProps) {
  const asks = useCredentialAsks(feed);
  const asking = asks[0];
  const { stdout } = useStdout();
  const [field, setField] = useState(EMPTY);
  const [error, setError] = useState<string | undefined>(undefined);
  const [running, setRunning] = useState(false);
  // The latest values for keys that arrive before the next render.
  const latest = useRef(EMPTY);
  const isRunning = useRef(false);
  const set = (value: TextValue): void => {
    latest.current = value;
    setField(value);
  };
  const done = (): void => {
    set(EMPTY);
    setError(undefined);
  };
  const runLogin = async (command: string): Promise<void> => {
    isRunning.current = true;
    setRunning(true);
    setError(undefined);
    const failed = await runCommand!(command).catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
    isRunning.current = false;
    setRunning(false);
    if (failed !== undefined) return setError(failed);
    done();
    feed?.answer('signed in');
  };
  useBurstInput(
    (input, key) => {
      // A key typed while the command has the terminal is not an answer to anything here.
      if (feed === undefined || asking === undefined || isRunning.current) return;
      if (key.ctrl === true && input === 'c') {
        done();
        for (let i = 0; i < asks.length; i++) feed.skip();
        return;
      }
      if (key.escape === true) {
        done();
        feed.skip();
        return;
      }
      if (asking.kind === 'sso-login') {
        if (key.return === true && runCommand !== undefined) void runLogin(asking.command);
        else if (input === 'r') {
          done();
          feed.answer('signed in elsewhere');
        }
        return;
      }
      if (key.return === true) {
        const code = latest.current.text.trim();
        if (!/^\d{6}$/.test(code)) {
          setError(`An MFA code is 6 digits${code === '' ? '' : ` (this is ${code.length} character${code.length === 1 ? '' : 's'}${/^\d*$/.test(code) ? '' : ', not all digits'})`}.`);
          return;
        }
        done();
        feed.answer(code);
        return;
      }
      const edited = editText(latest.current, input, key);
      if (edited !== undefined) {
        set(edited);
        setError(undefined);
      }
    },
    // Always listening (a key that comes as the prompt appears is the prompt's); ignored while none is asked.
    { isActive: true },
  );
  const width = stdout.columns || 80;
  return (
    <>
      <KeysHeld.Provider value={asking !== undefined}>
        <Box display={asking === undefined ? 'flex' : 'none'} flexDirection="column">
          {children}
        </Box>
      </KeysHeld.Provider>
      {asking?.kind === 'mfa' ? (
        // Its count is of the other profiles waiting for a code (a sign-in waiting says so when its turn comes).
        <MfaPrompt device={asking.device} profile={asking.profile} typed={field.text.length} cursor={field.cursor} error={error} more={asks.filter((a) => a.kind === 'mfa').length - 1} width={width} />
      ) : null}
      {asking?.kind === 'sso-login' ? (
        <SsoLoginPrompt what={asking.what} command={asking.command} canRun={runCommand !== undefined} running={running} failure={error} more={asks.length - 1} width={width} />
      ) : null}
    </>
  );
}
