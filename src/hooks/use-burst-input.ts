// useInput for screens that read their own keys: a burst of keys typed faster than Ink reads them
// ("jjj" or "y\r") is replayed one key at a time, as the shell's own keys are (keys/burst.ts).
import { type Key, useInput } from 'ink';
import { burstOf } from '../keys/burst.js';
import type { KeyState } from '../keys/keymap.js';

export function useBurstInput(handler: (input: string, key: KeyState) => void, options: { isActive: boolean }): void {
  useInput((input: string, key: Key) => {
    const burst = burstOf(input, key as KeyState);
    if (burst === undefined) handler(input, key as KeyState);
    else for (const k of burst) handler(k.input, k.key);
  }, options);
}
