// The keymap: one table says which key runs which command in which mode. The key handler, the footer
// and the `?` help are all read from it, so they cannot drift apart. Pure: no React, no Ink.
import { KEYMAP } from './bindings.js';
import { type CursorCommand, type KeyBinding, type KeyState, matchesKey } from './key-spec.js';

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
  | CursorCommand
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

export type { KeySpec, KeyState } from './key-spec.js';

export interface Binding extends KeyBinding<Command> {
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
    if (binding.keys.some((spec) => matchesKey(spec, input, key))) return { command: binding.command };
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
  const legend = MODE_LEGENDS[mode];
  if (legend !== undefined) entries.push({ keys: '', help: '' }, { keys: 'In the table', help: '' }, ...legend);
  return entries;
}

/** What the marks on a screen's rows mean, listed under its keys in the help. */
const MODE_LEGENDS: Partial<Record<Mode, HelpEntry[]>> = {
  list: [
    { keys: '… 1a2b3c4d', help: 'Name not loaded yet: the list gave the ARN only; it loads when the row is on screen' },
    { keys: '·  …', help: 'Details not requested yet / loading' },
    { keys: '⊘', help: 'Cloud Control cannot change this profile (values its schema refuses); Enter says which' },
    { keys: '✓', help: 'Marked for compare' },
    { keys: '✗', help: 'Its details could not be read' },
  ],
};

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
