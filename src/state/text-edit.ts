// Editing a line of text with a cursor, as a pure function of the latest value and one key. The text
// fields keep their value in a reducer and apply keys here, so two keys that arrive before a re-render
// both count (a controlled input reading its props would type the second into the old value).
import type { KeyState } from '../keys/keymap.js';

export interface TextValue {
  readonly text: string;
  /** 0…text.length, in code units. */
  readonly cursor: number;
  /** The last text killed (Ctrl-U/K/W, Alt-Backspace), for Ctrl-Y. */
  readonly killed?: string;
}

/** Where the word before the cursor starts (spaces, then non-spaces), as a shell's Ctrl-W. */
function wordStart(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && /\s/.test(text[i - 1]!)) i -= 1;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i -= 1;
  return i;
}

/** Where the word after the cursor ends, as Alt-F. */
function wordEnd(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && /\s/.test(text[i]!)) i += 1;
  while (i < text.length && !/\s/.test(text[i]!)) i += 1;
  return i;
}

/** The shell's line-editing keys (readline's emacs bindings), or undefined for any other key. */
function shellKey(value: TextValue & { cursor: number }, input: string, key: KeyState): TextValue | undefined {
  const { text, cursor } = value;
  const kill = (from: number, to: number): TextValue => ({ text: text.slice(0, from) + text.slice(to), cursor: from, killed: text.slice(from, to) });
  const keep = value.killed === undefined ? {} : { killed: value.killed };
  if (key.meta && (key.backspace || key.delete)) return kill(wordStart(text, cursor), cursor);
  if (key.ctrl) {
    switch (input) {
      case 'a':
        return { text, cursor: 0, ...keep };
      case 'e':
        return { text, cursor: text.length, ...keep };
      case 'u':
        return kill(0, cursor);
      case 'k':
        return kill(cursor, text.length);
      case 'w':
        return kill(wordStart(text, cursor), cursor);
      case 'd':
        return cursor < text.length ? { text: text.slice(0, cursor) + text.slice(cursor + 1), cursor, ...keep } : value;
      case 'b':
        return { text, cursor: Math.max(0, cursor - 1), ...keep };
      case 'f':
        return { text, cursor: Math.min(text.length, cursor + 1), ...keep };
      case 'y': {
        const y = value.killed ?? '';
        return { text: text.slice(0, cursor) + y + text.slice(cursor), cursor: cursor + y.length, ...keep };
      }
      default:
        return undefined;
    }
  }
  if (key.meta && input === 'b') return { text, cursor: wordStart(text, cursor), ...keep };
  if (key.meta && input === 'f') return { text, cursor: wordEnd(text, cursor), ...keep };
  if (key.meta && input === 'd') return kill(cursor, wordEnd(text, cursor));
  return undefined;
}

 
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function atEnd(text: string): TextValue {
  return { text, cursor: text.length };
}

/** The value after a key, or undefined when the key is not an edit (Enter, Tab, Esc, arrows up/down…). */
export function editText(value: TextValue, input: string, key: KeyState): TextValue | undefined {
  const { text } = value;
  const cursor = Math.min(Math.max(0, value.cursor), text.length);
  const keep = value.killed === undefined ? {} : { killed: value.killed };
  const shell = key.ctrl || key.meta ? shellKey({ ...value, cursor }, input, key) : undefined;
  if (shell !== undefined) return shell;
  if (key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.return || key.tab || key.escape) return undefined;
  if (key.leftArrow) return { text, cursor: Math.max(0, cursor - 1), ...keep };
  if (key.rightArrow) return { text, cursor: Math.min(text.length, cursor + 1), ...keep };
  if (key.home) return { text, cursor: 0, ...keep };
  if (key.end) return { text, cursor: text.length, ...keep };
  // Ink reports the Backspace key (0x7f) as `delete`: both remove the character before the cursor.
  if (key.backspace || key.delete) {
    if (cursor === 0) return value;
    return { text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1, ...keep };
  }
  if (key.ctrl || key.meta) return undefined;
  // Pasted text keeps its printable characters only: a field never holds an escape sequence.
  const typed = input.replace(CONTROL, '');
  if (typed === '') return undefined;
  return { text: text.slice(0, cursor) + typed + text.slice(cursor), cursor: cursor + typed.length, ...keep };
}
