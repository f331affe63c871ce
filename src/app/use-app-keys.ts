// The app's one keyboard handler. It only dispatches the raw key: the reducer looks it up in the
// keymap for the mode of the *latest* state, so keys typed faster than React re-renders (a pasted
// filter, `/` then letters) are never read against a stale mode.
import { useInput } from 'ink';
import { useCallback, type Dispatch } from 'react';
import type { KeyState } from '../keys/keymap.js';
import type { Action } from '../state/app-state.js';

export function useAppKeys(dispatch: Dispatch<Action>, options: { isActive: boolean }): void {
  const handler = useCallback(
    (input: string, key: KeyState) => {
      dispatch({ type: 'input/key', input, key: { ...key } });
    },
    [dispatch],
  );
  useInput(handler, { isActive: options.isActive });
}
