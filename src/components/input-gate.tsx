// Every screen's keys go through this useInput: a prompt over the whole app (an MFA code or an IAM
// Identity Center sign-in asked for while the app draws, app/credential-gate.tsx) holds them, so a digit
// typed for the code never reaches the table or an editor underneath. Outside a held gate it is Ink's
// useInput, unchanged.
import { type Key, useInput as useInkInput } from 'ink';
import { createContext, useCallback, useContext, useRef } from 'react';

/** True while a prompt above the app takes the keys. */
export const KeysHeld = createContext(false);

export function useInput(handler: (input: string, key: Key) => void, options: { isActive?: boolean } = {}): void {
  const held = useContext(KeysHeld);
  // Read when a key arrives, not when Ink next subscribes: a key that comes after the prompt is drawn
  // and before React's effects run is the prompt's already.
  const heldNow = useRef(held);
  // eslint-disable-next-line react-hooks/refs -- the latest value, read only by the key handler outside render
  heldNow.current = held;
  const gated = useCallback(
    (input: string, key: Key) => {
      if (!heldNow.current) handler(input, key);
    },
    [handler],
  );
  useInkInput(gated, options);
}
