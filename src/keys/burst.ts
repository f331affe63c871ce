// Keys typed faster than Ink reads them arrive as one string ("j " or "abc\r"). Replayed one
// character at a time, each as Ink would have reported it alone, so Enter, Tab and Backspace in a
// burst keep their meaning. Pure.
import type { KeyState } from './keymap.js';

/** One character of a burst, as Ink would have reported it had it arrived alone. */
export function keyOfChar(char: string): { input: string; key: KeyState } {
  if (char === '\r' || char === '\n') return { input: '', key: { return: true } };
  if (char === '\t') return { input: '', key: { tab: true } };
  if (char === '\x7f' || char === '\b') return { input: '', key: { backspace: true } };
  return { input: char, key: {} };
}

/** The characters of an unresolved multi-character input, or undefined when it is one key. */
export function burstOf(input: string, key: KeyState): { input: string; key: KeyState }[] | undefined {
  const chars = [...input];
  if (chars.length < 2 || key.ctrl === true || key.meta === true) return undefined;
  return chars.map(keyOfChar);
}
