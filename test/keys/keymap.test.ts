import { describe, expect, it } from 'vitest';
import { footerHints, helpEntries, KEYMAP, resolveCommand, type KeyState, type Mode } from '../../src/keys/keymap.js';

const none: KeyState = {};

describe('resolveCommand', () => {
  it.each<[Mode, string, KeyState, string | undefined]>([
    ['list', 'j', none, 'cursor.down'],
    ['list', '', { downArrow: true }, 'cursor.down'],
    ['list', 'k', none, 'cursor.up'],
    ['list', '', { pageDown: true }, 'cursor.page-down'],
    ['list', '', { pageUp: true }, 'cursor.page-up'],
    ['list', 'g', none, 'cursor.first'],
    ['list', 'G', { shift: true }, 'cursor.last'],
    ['list', '', { home: true }, 'cursor.first'],
    ['list', '', { end: true }, 'cursor.last'],
    ['list', '/', none, 'filter.start'],
    ['list', 'N', { shift: true }, 'sort.name'],
    ['list', 'P', { shift: true }, 'sort.permissions'],
    ['list', 'M', { shift: true }, 'sort.modified'],
    ['list', ' ', none, 'item.mark'],
    ['list', '=', none, 'list.compare'],
    ['list', 'r', none, 'list.refresh'],
    ['list', '', { return: true }, 'item.open'],
    ['list', '', { escape: true, meta: true }, 'app.back'],
    ['list', '?', none, 'app.help'],
    ['list', 'q', none, 'app.quit'],
    ['list', 'c', { ctrl: true }, 'app.quit'],
    ['list', 'x', none, undefined],
    ['detail', 'v', none, 'detail.toggle-raw'],
    ['detail', 'j', none, 'cursor.down'],
    ['compare', 't', none, 'compare.toggle-differences'],
    ['help', '?', none, 'app.back'],
    ['help', '', { escape: true }, 'app.back'],
    ['regions', 'q', none, 'app.quit'],
    ['regions', '', { return: true }, 'item.open'],
    ['regions', '', { backspace: true }, 'text.delete'],
    ['regions', '', { delete: true }, 'text.delete'],
    ['filter', 'c', { ctrl: true }, 'app.quit'],
    ['filter', '', { return: true }, 'filter.accept'],
    ['filter', '', { escape: true, meta: true }, 'filter.clear'],
  ])('%s: %j %j → %s', (mode, input, key, command) => {
    expect(resolveCommand(mode, input, key)?.command).toBe(command);
  });

  it('types printable keys into text modes, including letters bound elsewhere', () => {
    expect(resolveCommand('filter', 'q', none)).toEqual({ command: 'text.insert', text: 'q' });
    expect(resolveCommand('filter', 'j', none)).toEqual({ command: 'text.insert', text: 'j' });
    expect(resolveCommand('filter', ':', none)).toEqual({ command: 'text.insert', text: ':' });
    expect(resolveCommand('regions', 'e', none)).toEqual({ command: 'text.insert', text: 'e' });
    // Ctrl and Meta combinations are not text.
    expect(resolveCommand('filter', 'a', { ctrl: true })).toBeUndefined();
    expect(resolveCommand('filter', 'a', { meta: true })).toBeUndefined();
  });

  it('does not type outside text modes', () => {
    expect(resolveCommand('list', 'z', none)).toBeUndefined();
  });
});

describe('help and footer come from the same table', () => {
  it.each(Object.keys(KEYMAP) as Mode[])('%s: every binding is in the help, Ctrl-C everywhere', (mode) => {
    const help = helpEntries(mode);
    for (const binding of KEYMAP[mode]) expect(help).toContainEqual({ keys: binding.label, help: binding.help });
    expect(help.some((h) => h.keys === 'Ctrl-C')).toBe(true);
  });

  it('footer hints are a subset of the help', () => {
    for (const mode of Object.keys(KEYMAP) as Mode[]) {
      const labels = new Set(KEYMAP[mode].map((b) => b.label));
      for (const hint of footerHints(mode)) expect(labels.has(hint.keys)).toBe(true);
    }
    expect(footerHints('list').map((h) => h.keys)).toEqual(['Enter', '/', 'N', 'Space', '=', 'r', 'Esc', '?', 'q']);
  });

  it('no key is bound to two commands in one mode', () => {
    for (const mode of Object.keys(KEYMAP) as Mode[]) {
      const seen = new Map<string, string>();
      for (const binding of KEYMAP[mode]) {
        for (const spec of binding.keys) {
          const id = JSON.stringify(spec);
          const before = seen.get(id);
          if (before !== undefined) expect(before).toBe(binding.command);
          seen.set(id, binding.command);
        }
      }
    }
  });
});
