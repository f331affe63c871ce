// One key engine for every keymap: a table (mode → bindings) goes in; resolving a key press, the `?`
// help and the footer hints come out, all read from that table, so they cannot drift apart. The
// shell's table is keys/bindings.ts, the editing sessions' is keys/editor-keys.ts. Pure.
import { type KeyBinding, type KeyState, matchesKey } from './key-spec.js';

export interface HelpEntry {
  keys: string;
  help: string;
}

export interface EngineBinding<C extends string> extends KeyBinding<C> {
  /** Creates, changes or deletes something: absent in read-only mode (keys, footer and help). */
  readonly mutates?: boolean;
}

export interface KeymapOptions {
  /** `--read-only`: the mutating bindings are gone, not merely refused. */
  readOnly?: boolean;
}

export interface KeymapSettings<M extends string, C extends string> {
  /**
   * Modes where letters are typed into a field. `after-bindings`: a key bound in the mode runs its
   * command, any other printable text becomes `textCommand`. `named-keys-only`: only bindings of
   * named keys (Enter, Esc, Tab…) count; every character is text for the field's own editing.
   */
  typing?: { modes: readonly M[]; letters: 'after-bindings' | 'named-keys-only'; textCommand?: C; helpLine: string };
  /** What the marks on a mode's rows mean, listed after its keys in the help. */
  legends?: Partial<Record<M, readonly HelpEntry[]>>;
  legendTitle?: string;
}

export interface ResolvedCommand<C extends string> {
  command: C;
  /** The typed text, for the typing command. */
  text?: string;
}

export interface Keymap<M extends string, C extends string> {
  readonly bindingsOf: (mode: M, options?: KeymapOptions) => readonly EngineBinding<C>[];
  resolve(mode: M, input: string, key: KeyState, options?: KeymapOptions): ResolvedCommand<C> | undefined;
  helpEntries(mode: M, options?: KeymapOptions): HelpEntry[];
  /** `only` narrows the hints to the commands that work right now. */
  footerHints(mode: M, options?: KeymapOptions & { only?: readonly C[] }): HelpEntry[];
  isTyping(mode: M): boolean;
}

/** Printable text as typed: no control characters, no modifier keys. */
export function isPrintable(input: string, key: KeyState): boolean {
  if (input.length === 0 || key.ctrl === true || key.meta === true) return false;
   
  return !/[\u0000-\u001f\u007f]/.test(input);
}

export function createKeymap<M extends string, C extends string>(
  table: Readonly<Record<M, readonly EngineBinding<C>[]>>,
  settings: KeymapSettings<M, C> = {},
): Keymap<M, C> {
  const typing = new Set<M>(settings.typing?.modes ?? []);
  const bindingsOf = (mode: M, options: KeymapOptions = {}): readonly EngineBinding<C>[] => {
    const all = table[mode];
    return options.readOnly === true ? all.filter((x) => x.mutates !== true) : all;
  };
  return {
    bindingsOf,
    isTyping: (mode) => typing.has(mode),
    resolve(mode, input, key, options = {}) {
      const namedOnly = typing.has(mode) && settings.typing?.letters === 'named-keys-only';
      for (const binding of bindingsOf(mode, options)) {
        for (const spec of binding.keys) {
          if (namedOnly && !('key' in spec) && spec.ctrl !== true) continue;
          if (matchesKey(spec, input, key)) return { command: binding.command };
        }
      }
      const textCommand = settings.typing?.textCommand;
      if (typing.has(mode) && textCommand !== undefined && isPrintable(input, key)) return { command: textCommand, text: input };
      return undefined;
    },
    helpEntries(mode, options = {}) {
      // A binding without a label is another key of the one listed before it (j beside k/↑): not listed again.
      const entries = bindingsOf(mode, options).filter((x) => x.label !== '').map((x) => ({ keys: x.label, help: x.help }));
      if (typing.has(mode) && settings.typing) entries.unshift({ keys: 'letters', help: settings.typing.helpLine });
      const legend = settings.legends?.[mode];
      if (legend !== undefined) entries.push({ keys: '', help: '' }, { keys: settings.legendTitle ?? 'Marks', help: '' }, ...legend);
      return entries;
    },
    footerHints(mode, options = {}) {
      const hints: HelpEntry[] = [];
      for (const x of bindingsOf(mode, options)) {
        if (x.hint !== undefined && x.label !== '' && (options.only === undefined || options.only.includes(x.command))) hints.push({ keys: x.label, help: x.hint });
      }
      return hints;
    },
  };
}
