// Editing a line of text with a cursor, as a pure function of the latest value and one key. The text
// fields keep their value in a reducer and apply keys here, so two keys that arrive before a re-render
// both count (a controlled input reading its props would type the second into the old value).
import type { KeyState } from '../keys/keymap.js';

export interface TextValue {
  readonly text: string;
  /** 0…text.length, in code units. */
  readonly cursor: number;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function atEnd(text: string): TextValue {
  return { text, cursor: text.length };
}

/** The value after a key, or undefined when the key is not an edit (Enter, Tab, Esc, arrows up/down…). */
export function editText(value: TextValue, input: string, key: KeyState): TextValue | undefined {
  const { text } = value;
  const cursor = Math.min(Math.max(0, value.cursor), text.length);
  if (key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.return || key.tab || key.escape) return undefined;
  if (key.leftArrow) return { text, cursor: Math.max(0, cursor - 1) };
  if (key.rightArrow) return { text, cursor: Math.min(text.length, cursor + 1) };
  if (key.home) return { text, cursor: 0 };
  if (key.end) return { text, cursor: text.length };
  // Ink reports the Backspace key (0x7f) as `delete`: both remove the character before the cursor.
  if (key.backspace || key.delete) {
    if (cursor === 0) return value;
    return { text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1 };
  }
  if (key.ctrl || key.meta) return undefined;
  // Pasted text keeps its printable characters only: a field never holds an escape sequence.
  const typed = input.replace(CONTROL, '');
  if (typed === '') return undefined;
  return { text: text.slice(0, cursor) + typed + text.slice(cursor), cursor: cursor + typed.length };
}
