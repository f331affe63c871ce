// The app's keyboard handler. It only dispatches the raw key: the reducer looks it up in the
// keymap for the mode of the *latest* state, so keys typed faster than React re-renders (a pasted
// filter, `/` then letters) are never read against a stale mode.
//
// While an editing session is open it reads its own keys and the shell's handler is off; only
// Ctrl-C still reaches the shell (through a second handler active exactly then), so quitting works
// from anywhere and asks first when a draft is unsaved.
import { useInput } from 'ink';
import { useCallback, type Dispatch } from 'react';
import type { KeyState } from '../keys/keymap.js';
import type { Action } from '../state/app-state.js';

export interface AppKeysOptions {
  isActive: boolean;
  /** A session takes the keys: only Ctrl-C is the shell's. */
  isSessionOpen: boolean;
}

export function useAppKeys(dispatch: Dispatch<Action>, options: AppKeysOptions): void {
  const handler = useCallback(
    (input: string, key: KeyState) => {
      dispatch({ type: 'input/key', input, key: { ...key } });
    },
    [dispatch],
  );
  const interrupt = useCallback(
    (input: string, key: KeyState) => {
      if (key.ctrl === true && input === 'c') dispatch({ type: 'app/quit' });
    },
    [dispatch],
  );
  useInput(handler, { isActive: options.isActive && !options.isSessionOpen });
  useInput(interrupt, { isActive: options.isActive && options.isSessionOpen });
}
