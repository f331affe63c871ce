// Holds the app under the MFA prompt while a code is asked for (hooks/use-mfa-asks.ts): the app stays
// mounted (its state, an unsaved edit included, is kept) but is not drawn, and its keys are held
// (components/input-gate.tsx). The code is typed with the shell's editing keys, masked; Enter sends a
// code of six digits (STS's model: TokenCode), Esc skips this ask, Ctrl-C skips every ask waiting.
import { Box, useStdout } from 'ink';
import { type ReactNode, useRef, useState } from 'react';
import { KeysHeld } from '../components/input-gate.js';
import { MfaPrompt } from '../components/mfa-prompt.js';
import { useBurstInput } from '../hooks/use-burst-input.js';
import { type MfaFeed, useMfaAsks } from '../hooks/use-mfa-asks.js';
import { editText, type TextValue } from '../state/text-edit.js';

const EMPTY: TextValue = { text: '', cursor: 0 };

export function MfaGate({ feed, children }: { readonly feed: MfaFeed | undefined; readonly children: ReactNode }) {
  const asks = useMfaAsks(feed);
  const asking = asks[0];
  const { stdout } = useStdout();
  const [field, setField] = useState(EMPTY);
  const [error, setError] = useState<string | undefined>(undefined);
  // The latest value for keys that arrive before the next render.
  const latest = useRef(EMPTY);
  const set = (value: TextValue): void => {
    latest.current = value;
    setField(value);
  };
  const done = (): void => {
    set(EMPTY);
    setError(undefined);
  };
  useBurstInput(
    (input, key) => {
      if (feed === undefined || asking === undefined) return;
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
  return (
    <>
      <KeysHeld.Provider value={asking !== undefined}>
        <Box display={asking === undefined ? 'flex' : 'none'} flexDirection="column">
          {children}
        </Box>
      </KeysHeld.Provider>
      {asking !== undefined ? (
        <MfaPrompt device={asking.device} profile={asking.profile} typed={field.text.length} cursor={field.cursor} error={error} more={asks.length - 1} width={stdout.columns || 80} />
      ) : null}
    </>
  );
}
