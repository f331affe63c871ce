// useInput for screens that read their own keys. Two things the shell's reducer gives its own keys:
// a burst of keys typed faster than Ink reads them ("jjj" or "y\r") is replayed one key at a time
// (keys/burst.ts); and a key always meets the handler of the latest render, even when it arrives
// after a frame is drawn and before React's effects re-subscribe (Ink's useInput keeps the handler
// of the last effect), so a key never acts on the state of the frame before.
import { type Key } from 'ink';
import { useInput } from '../components/input-gate.js';
import { useCallback, useRef } from 'react';
import { burstOf } from '../keys/burst.js';
import type { KeyState } from '../keys/keymap.js';

export function useBurstInput(handler: (input: string, key: KeyState) => void, options: { isActive: boolean }): void {
  const latest = useRef(handler);
  // eslint-disable-next-line react-hooks/refs -- the latest value, read only by handlers outside render (keys, timers); render never reads it
  latest.current = handler;
  const stable = useCallback((input: string, key: Key) => {
    const burst = burstOf(input, key);
    if (burst === undefined) latest.current(input, key);
    else for (const k of burst) latest.current(k.input, k.key);
  }, []);
  useInput(stable, options);
}
