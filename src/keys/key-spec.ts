// What both keymaps are made of — the shell's (bindings.ts) and the editing screens'
// (keys/editor-keys.ts): a physical key, a binding of keys to a command with its words for the
// footer and the help, how a key press is matched, and the cursor keys they share. Pure.

/** The part of Ink's `Key` the keymaps read (so tests can pass plain objects). */
export interface KeyState {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'backspace' | 'delete' | 'tab';

/** One physical key: a character (optionally with Ctrl) or a named key. */
export type KeySpec = { input: string; ctrl?: boolean } | { key: NamedKey };

/** The commands of the cursor keys, in both keymaps (state/motion.ts turns them into motions). */
export type CursorCommand = 'cursor.up' | 'cursor.down' | 'cursor.page-up' | 'cursor.page-down' | 'cursor.first' | 'cursor.last';

export interface KeyBinding<C extends string> {
  readonly command: C;
  readonly keys: readonly KeySpec[];
  /** How the keys are written in the footer and help, e.g. `j/↓`. */
  readonly label: string;
  /** One line for the help screen. */
  readonly help: string;
  /** A word or two for the footer; bindings without one appear only in the help. */
  readonly hint?: string;
}

export function bind<C extends string>(command: C, label: string, keys: KeySpec[], help: string, hint?: string): KeyBinding<C> {
  return { command, keys, label, help, ...(hint === undefined ? {} : { hint }) };
}

/** True when the key press is the key `spec` names; a plain character never matches with Ctrl or Meta held. */
export function matchesKey(spec: KeySpec, input: string, key: KeyState): boolean {
  if ('key' in spec) return key[spec.key] === true;
  if (spec.ctrl === true) return key.ctrl === true && input === spec.input;
  return key.ctrl !== true && key.meta !== true && input === spec.input;
}

/** The cursor keys, the same on every screen that moves or scrolls. */
export const CURSOR_KEYS = {
  up: bind('cursor.up', 'k/↑', [{ input: 'k' }, { key: 'upArrow' }], 'Move up'),
  down: bind('cursor.down', 'j/↓', [{ input: 'j' }, { key: 'downArrow' }], 'Move down'),
  /** Where letters are typed (a filter, a picker), only the arrows move. */
  arrowUp: bind('cursor.up', '↑', [{ key: 'upArrow' }], 'Move up'),
  arrowDown: bind('cursor.down', '↓', [{ key: 'downArrow' }], 'Move down'),
  pageUp: bind('cursor.page-up', 'PgUp', [{ key: 'pageUp' }], 'One page up'),
  pageDown: bind('cursor.page-down', 'PgDn', [{ key: 'pageDown' }], 'One page down'),
  home: bind('cursor.first', 'Home', [{ key: 'home' }], 'Go to the first row'),
  end: bind('cursor.last', 'End', [{ key: 'end' }], 'Go to the last row'),
} as const;
