// The shell's keymap: its table (bindings.ts) run by the one key engine (engine.ts). The key handler,
// the footer and the `?` help are all read from the same table, so they cannot drift apart. Pure.
import { type Command, KEYMAP, type Mode } from './bindings.js';
import { createKeymap, type HelpEntry, type KeymapOptions, type ResolvedCommand } from './engine.js';
import type { KeyState } from './key-spec.js';

export type { Binding, Command, Mode } from './bindings.js';
export type { HelpEntry, KeymapOptions } from './engine.js';
export type { KeySpec, KeyState } from './key-spec.js';
export { KEYMAP };

/** What the marks on a screen's rows mean, listed under its keys in the help. */
const MODE_LEGENDS: Partial<Record<Mode, readonly HelpEntry[]>> = {
  list: [
    { keys: '… 1a2b3c4d', help: 'Name not loaded yet: the list gave the ARN only; it loads when the row is on screen' },
    { keys: '·  …', help: 'Details not requested yet / loading' },
    { keys: '!', help: 'A high finding (spex lint’s rules, across profiles too once holders are read); the status line says which, ! lists them all' },
    { keys: '✎', help: 'An unsaved draft is kept on disk for this profile; D goes to the next one' },
    { keys: '≈', help: 'Shown from the cache and not yet confirmed by AWS; being read again' },
    { keys: '⊘', help: 'Cloud Control cannot change this profile (values its schema refuses); Enter says which' },
    { keys: '✓', help: 'Marked for compare' },
    { keys: '✗', help: 'Its details could not be read' },
  ],
};

const SHELL = createKeymap<Mode, Command>(KEYMAP, {
  // In the region picker and a filter, keys bound there run their command; other letters are typed.
  typing: { modes: ['regions', 'filter', 'clone-target'], letters: 'after-bindings', textCommand: 'text.insert', helpLine: 'Type to filter' },
  legends: MODE_LEGENDS,
  legendTitle: 'In the table',
});

/** The command a key runs in a mode, or undefined when the key does nothing there. */
export function resolveCommand(mode: Mode, input: string, key: KeyState, options: KeymapOptions = {}): ResolvedCommand<Command> | undefined {
  return SHELL.resolve(mode, input, key, options);
}

/** Every key of a mode, for the `?` screen (and what the marks of its rows mean). */
export function helpEntries(mode: Mode, options: KeymapOptions = {}): HelpEntry[] {
  return SHELL.helpEntries(mode, options);
}

/** The short hints of a mode, for the footer: `Enter open  / filter  q quit`. */
export function footerHints(mode: Mode, options: KeymapOptions = {}): HelpEntry[] {
  return SHELL.footerHints(mode, options);
}

export const bindingsOf = SHELL.bindingsOf;

/** What each mode is called in the help title. */
export const MODE_TITLES: Readonly<Record<Mode, string>> = {
  regions: 'Region picker',
  instances: 'Instance picker',
  list: 'Profile list',
  filter: 'Filter',
  detail: 'Profile detail',
  compare: 'Compare',
  findings: 'Findings',
  explain: 'What this user can do',
  holders: 'Who holds the profile',
  history: 'History and versions',
  help: 'Help',
  session: 'Editing',
  'clone-target': 'Clone into…',
  'quit-confirm': 'Quit',
};

/**
 * Help entries as lines `width` wide: the keys in a column of 12, the words after them wrapped under
 * themselves, never cut (a long explanation is the point of the help).
 */
export function helpText(entries: readonly HelpEntry[], width: number): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const head = `  ${e.keys.padEnd(12)} `;
    const room = Math.max(20, width - head.length);
    let line = '';
    const lines: string[] = [];
    for (const word of e.help.split(/\s+/).filter(Boolean)) {
      if (line !== '' && line.length + 1 + word.length > room) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
    lines.forEach((l, i) => out.push(`${i === 0 ? head : ' '.repeat(head.length)}${l}`));
  }
  return out;
}
