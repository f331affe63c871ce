// The keymap: one table says which key runs which command in which mode. The key handler, the footer
// and the `?` help are all read from it, so they cannot drift apart. Pure: no React, no Ink.
import { KEYMAP } from './bindings.js';

/** Where the keyboard is: a screen, a text field on it, or a modal over it. */
export type Mode =
  | 'regions'
  | 'instances'
  | 'list'
  | 'filter'
  | 'detail'
  | 'compare'
  | 'help'
  /** An editing screen (editor, delete guard, operations view) is open and reads its own keys. */
  | 'session'
  /** Choosing the instance (and region) a clone goes to. */
  | 'clone-target'
  /** "Quit with unsaved changes?" */
  | 'quit-confirm';

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
  | 'compare.toggle-differences'
  | 'profile.edit'
  | 'profile.new'
  | 'profile.clone'
  | 'profile.clone-elsewhere'
  | 'profile.delete'
  | 'app.operations'
  | 'region.previous'
  | 'region.next'
  | 'quit.confirm'
  | 'quit.cancel';

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

type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'backspace' | 'delete' | 'tab';

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
  /** Creates, changes or deletes something: absent in read-only mode (keymap, footer and help). */
  readonly mutates?: boolean;
}

export interface KeymapOptions {
  /** `--read-only`: the mutating bindings are gone, not merely refused. */
  readOnly?: boolean;
}

export interface ResolvedCommand {
  command: Command;
  /** The typed text, for `text.insert`. */
  text?: string;
}

/** Bindings per mode, in the order the help lists them (the table is in bindings.ts). */
export { KEYMAP };

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

/** The bindings of a mode as they apply: without the mutating ones in read-only mode. */
export function bindingsOf(mode: Mode, options: KeymapOptions = {}): readonly Binding[] {
  const all = KEYMAP[mode];
  return options.readOnly === true ? all.filter((x) => x.mutates !== true) : all;
}

/** The command a key runs in a mode, or undefined when the key does nothing there. */
export function resolveCommand(mode: Mode, input: string, key: KeyState, options: KeymapOptions = {}): ResolvedCommand | undefined {
  for (const binding of bindingsOf(mode, options)) {
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
export function helpEntries(mode: Mode, options: KeymapOptions = {}): HelpEntry[] {
  const entries = bindingsOf(mode, options).map((x) => ({ keys: x.label, help: x.help }));
  if (TEXT_MODES.has(mode)) entries.unshift({ keys: 'letters', help: 'Type to filter' });
  return entries;
}

/** The short hints of a mode, for the footer: `Enter open  / filter  q quit`. */
export function footerHints(mode: Mode, options: KeymapOptions = {}): HelpEntry[] {
  const hints: HelpEntry[] = [];
  for (const x of bindingsOf(mode, options)) {
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
  session: 'Editing',
  'clone-target': 'Clone into…',
  'quit-confirm': 'Quit',
};
