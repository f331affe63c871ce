// The keymap: one table says which key runs which command in which mode. The key handler, the footer
// and the `?` help are all read from it, so they cannot drift apart. Pure: no React, no Ink.

/** Where the keyboard is: a screen, a text field on it, or a modal over it. */
export type Mode = 'regions' | 'instances' | 'list' | 'filter' | 'detail' | 'compare' | 'help';

export type Command =
  | 'app.quit'
  | 'app.back'
  | 'app.help'
  | 'cursor.up'
  | 'cursor.down'
  | 'cursor.page-up'
  | 'cursor.page-down'
  | 'cursor.first'
  | 'cursor.last'
  | 'item.open'
  | 'item.mark'
  | 'list.compare'
  | 'list.refresh'
  | 'sort.name'
  | 'sort.permissions'
  | 'sort.modified'
  | 'filter.start'
  | 'filter.accept'
  | 'filter.clear'
  | 'text.insert'
  | 'text.delete'
  | 'detail.toggle-raw'
  | 'compare.toggle-differences';

/** The part of Ink's `Key` the keymap reads (so tests can pass plain objects). */
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

type NamedKey = 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'backspace' | 'delete' | 'tab';

/** One physical key: a character (optionally with Ctrl) or a named key. */
export type KeySpec = { input: string; ctrl?: boolean } | { key: NamedKey };

export interface Binding {
  readonly command: Command;
  readonly keys: readonly KeySpec[];
  /** How the keys are written in the footer and help, e.g. `j/↓`. */
  readonly label: string;
  /** One line for the help screen. */
  readonly help: string;
  /** A word or two for the footer; bindings without one appear only in the help. */
  readonly hint?: string;
}

export interface ResolvedCommand {
  command: Command;
  /** The typed text, for `text.insert`. */
  text?: string;
}

const b = (command: Command, label: string, keys: KeySpec[], help: string, hint?: string): Binding => ({
  command,
  keys,
  label,
  help,
  ...(hint === undefined ? {} : { hint }),
});

const QUIT = b('app.quit', 'q', [{ input: 'q' }], 'Quit spex', 'quit');
const CTRL_C = b('app.quit', 'Ctrl-C', [{ input: 'c', ctrl: true }], 'Quit from anywhere (cancels requests in flight)');
const HELP = b('app.help', '?', [{ input: '?' }], 'Show every key of this screen', 'help');
const UP = b('cursor.up', 'k/↑', [{ input: 'k' }, { key: 'upArrow' }], 'Move up');
const DOWN = b('cursor.down', 'j/↓', [{ input: 'j' }, { key: 'downArrow' }], 'Move down');
const ARROW_UP = b('cursor.up', '↑', [{ key: 'upArrow' }], 'Move up');
const ARROW_DOWN = b('cursor.down', '↓', [{ key: 'downArrow' }], 'Move down');
const PAGE_UP = b('cursor.page-up', 'PgUp', [{ key: 'pageUp' }], 'One page up');
const PAGE_DOWN = b('cursor.page-down', 'PgDn', [{ key: 'pageDown' }], 'One page down');
const FIRST = b('cursor.first', 'g/Home', [{ input: 'g' }, { key: 'home' }], 'Go to the first row');
const LAST = b('cursor.last', 'G/End', [{ input: 'G' }, { key: 'end' }], 'Go to the last row');
const HOME = b('cursor.first', 'Home', [{ key: 'home' }], 'Go to the first row');
const END = b('cursor.last', 'End', [{ key: 'end' }], 'Go to the last row');
const FILTER = b('filter.start', '/', [{ input: '/' }], 'Filter (text; perm:Name for a permission)', 'filter');
const BACK = b('app.back', 'Esc', [{ key: 'escape' }], 'Back one level', 'back');
const NAVIGATION = [UP, DOWN, PAGE_UP, PAGE_DOWN, FIRST, LAST];
/** The same keys in a scrolling pane, worded for lines; `j/↓` is the footer's reminder that it scrolls. */
const PANE_NAVIGATION: Binding[] = NAVIGATION.map((x) => ({
  ...x,
  help: x.help.replace('Move', 'Scroll').replace('row', 'line'),
  ...(x === DOWN ? { hint: 'scroll' } : {}),
}));

/** Bindings per mode, in the order the help lists them. Global keys come last. */
export const KEYMAP: Readonly<Record<Mode, readonly Binding[]>> = {
  regions: [
    b('item.open', 'Enter', [{ key: 'return' }], 'Open the region', 'open'),
    ARROW_UP,
    ARROW_DOWN,
    PAGE_UP,
    PAGE_DOWN,
    HOME,
    END,
    b('text.delete', 'Backspace', [{ key: 'backspace' }, { key: 'delete' }], 'Delete the last filter character'),
    b('filter.clear', 'Esc', [{ key: 'escape' }], 'Clear the filter'),
    HELP,
    QUIT,
    CTRL_C,
  ],
  instances: [
    b('item.open', 'Enter', [{ key: 'return' }], 'Open the instance', 'open'),
    ...NAVIGATION,
    FILTER,
    b('list.refresh', 'r', [{ input: 'r' }], 'Reload the instances', 'refresh'),
    b('app.back', 'Esc', [{ key: 'escape' }], 'Back to the regions (clears a filter first)', 'regions'),
    HELP,
    QUIT,
    CTRL_C,
  ],
  list: [
    b('item.open', 'Enter', [{ key: 'return' }], 'Open the profile', 'open'),
    ...NAVIGATION,
    FILTER,
    b('sort.name', 'N', [{ input: 'N' }], 'Sort by name (again: reverse)', 'sort'),
    b('sort.permissions', 'P', [{ input: 'P' }], 'Sort by permission count (again: reverse)'),
    b('sort.modified', 'M', [{ input: 'M' }], 'Sort by last modified (again: reverse)'),
    b('item.mark', 'Space', [{ input: ' ' }], 'Mark or unmark for compare (two at most)', 'mark'),
    b('list.compare', '=', [{ input: '=' }], 'Compare the two marked profiles', 'compare'),
    b('list.refresh', 'r', [{ input: 'r' }], 'Reload the list (and retry after an error)', 'refresh'),
    b('app.back', 'Esc', [{ key: 'escape' }], 'Clear the filter, else back to the instances', 'back'),
    HELP,
    QUIT,
    CTRL_C,
  ],
  filter: [
    b('filter.accept', 'Enter', [{ key: 'return' }], 'Keep the filter and go back to the rows', 'done'),
    b('filter.clear', 'Esc', [{ key: 'escape' }], 'Clear the filter', 'clear'),
    b('text.delete', 'Backspace', [{ key: 'backspace' }, { key: 'delete' }], 'Delete the last character'),
    ARROW_UP,
    ARROW_DOWN,
    CTRL_C,
  ],
  detail: [
    ...PANE_NAVIGATION,
    b('detail.toggle-raw', 'v', [{ input: 'v' }], 'Toggle the raw JSON of the model', 'raw JSON'),
    b('list.refresh', 'r', [{ input: 'r' }], 'Reload the profile', 'reload'),
    BACK,
    HELP,
    QUIT,
    CTRL_C,
  ],
  compare: [
    ...PANE_NAVIGATION,
    b('compare.toggle-differences', 't', [{ input: 't' }], 'Toggle: only the differences / everything', 'only diffs'),
    BACK,
    HELP,
    QUIT,
    CTRL_C,
  ],
  help: [
    UP,
    DOWN,
    PAGE_UP,
    PAGE_DOWN,
    b('app.back', 'Esc/?', [{ key: 'escape' }, { input: '?' }], 'Close the help', 'close'),
    QUIT,
    CTRL_C,
  ],
};

/** Modes where printable characters are typed into a field rather than looked up. */
const TEXT_MODES: ReadonlySet<Mode> = new Set<Mode>(['regions', 'filter']);

function matches(spec: KeySpec, input: string, key: KeyState): boolean {
  if ('key' in spec) return key[spec.key] === true;
  if (spec.ctrl === true) return key.ctrl === true && input === spec.input;
  return key.ctrl !== true && key.meta !== true && input === spec.input;
}

/** Printable text as typed: no control characters, no modifier keys. */
function isPrintable(input: string, key: KeyState): boolean {
  if (input.length === 0 || key.ctrl === true || key.meta === true) return false;
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u001f\u007f]/.test(input);
}

/** The command a key runs in a mode, or undefined when the key does nothing there. */
export function resolveCommand(mode: Mode, input: string, key: KeyState): ResolvedCommand | undefined {
  for (const binding of KEYMAP[mode]) {
    if (binding.keys.some((spec) => matches(spec, input, key))) return { command: binding.command };
  }
  if (TEXT_MODES.has(mode) && isPrintable(input, key)) return { command: 'text.insert', text: input };
  return undefined;
}

export interface HelpEntry {
  keys: string;
  help: string;
}

/** Every key of a mode, for the `?` screen. */
export function helpEntries(mode: Mode): HelpEntry[] {
  const entries = KEYMAP[mode].map((x) => ({ keys: x.label, help: x.help }));
  if (TEXT_MODES.has(mode)) entries.unshift({ keys: 'letters', help: 'Type to filter' });
  return entries;
}

/** The short hints of a mode, for the footer: `Enter open  / filter  q quit`. */
export function footerHints(mode: Mode): HelpEntry[] {
  const hints: HelpEntry[] = [];
  for (const x of KEYMAP[mode]) {
    if (x.hint !== undefined) hints.push({ keys: x.label, help: x.hint });
  }
  return hints;
}

/** What each mode is called in the help title. */
export const MODE_TITLES: Readonly<Record<Mode, string>> = {
  regions: 'Region picker',
  instances: 'Instance picker',
  list: 'Profile list',
  filter: 'Filter',
  detail: 'Profile detail',
  compare: 'Compare',
  help: 'Help',
};
