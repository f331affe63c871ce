// The app's keyboard handler. It only dispatches the raw key: the reducer looks it up in the
// keymap for the mode of the *latest* state, so keys typed faster than React re-renders (a pasted
// filter, `/` then letters) are never read against a stale mode.
//
// While an editing session is open it reads its own keys; the shell's handler still hears them, and
// its table's 'session' mode binds only Ctrl-C, so quitting works from anywhere and asks first when a
// draft is unsaved.
import { useCallback, type Dispatch } from 'react';
import { useInput } from '../components/input-gate.js';
import type { KeyState } from '../keys/keymap.js';
import type { Action } from '../state/app-actions.js';

export interface AppKeysOptions {
  isActive: boolean;
}

export function useAppKeys(dispatch: Dispatch<Action>, options: AppKeysOptions): void {
  const handler = useCallback(
    (input: string, key: KeyState) => {
      dispatch({ type: 'input/key', input, key: { ...key } });
    },
    [dispatch],
  );
  // While a session is open its own handler reads the keys too; the shell's table for that mode
  // ('session') holds only Ctrl-C, so every other key resolves to nothing here.
  useInput(handler, { isActive: options.isActive });
}
