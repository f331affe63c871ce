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
    ['list', '#', {}, 'sort.permissions'],
    ['list', 'P', { shift: true }, 'list.promote'],
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
    expect(footerHints('list').map((h) => h.keys)).toEqual(['Enter', '/', 'N', 'Space', '=', 'r', 'e', 'n', 'c', 'd', 'u', 'o', 'Esc', '?', 'q']);
    expect(footerHints('list', { readOnly: true }).map((h) => h.keys)).toEqual(['Enter', '/', 'N', 'Space', '=', 'r', 'u', 'o', 'Esc', '?', 'q']);
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

describe('editing keys and read-only mode', () => {
  it.each<[Mode, string, string]>([
    ['list', 'e', 'profile.edit'],
    ['list', 'n', 'profile.new'],
    ['list', 'c', 'profile.clone'],
    ['list', 'C', 'profile.clone-elsewhere'],
    ['list', 'd', 'profile.delete'],
    ['list', 'o', 'app.operations'],
    ['detail', 'e', 'profile.edit'],
    ['detail', 'd', 'profile.delete'],
  ])('%s: %s → %s', (mode, input, command) => {
    expect(resolveCommand(mode, input, none)?.command).toBe(command);
  });

  it('read-only removes every creating, editing and deleting key from the keymap, the footer and the help', () => {
    const readOnly = { readOnly: true };
    for (const mode of ['list', 'detail'] as const) {
      for (const input of ['e', 'n', 'c', 'C', 'd']) expect(resolveCommand(mode, input, none, readOnly)).toBeUndefined();
      expect(resolveCommand(mode, 'o', none, readOnly)?.command).toBe('app.operations');
      const footer = footerHints(mode, readOnly).map((h) => h.keys);
      expect(footer).not.toEqual(expect.arrayContaining(['e']));
      expect(footer.some((k) => ['e', 'n', 'c', 'd'].includes(k))).toBe(false);
      const help = helpEntries(mode, readOnly).map((h) => h.keys);
      expect(help.some((k) => ['e', 'n', 'c', 'C', 'd'].includes(k))).toBe(false);
      expect(helpEntries(mode).map((h) => h.keys)).toEqual(expect.arrayContaining(['e', 'd']));
    }
    expect(Object.values(KEYMAP).flat().filter((x) => x.mutates === true).map((x) => x.command).sort()).toEqual(
      ['compare.copy-left', 'compare.copy-right', 'history.revert', 'holders.add', 'holders.edit', 'holders.edit', 'holders.move', 'holders.remove', 'list.apply-file', 'list.promote', 'list.resume', 'list.resume', 'profile.clone', 'profile.clone', 'profile.clone-elsewhere', 'profile.clone-elsewhere', 'profile.delete', 'profile.delete', 'profile.edit', 'profile.edit', 'profile.new', 'profile.rename', 'profile.rename'],
    );
  });

  it('while a session is open only Ctrl-C is the shell’s; the quit question takes y, n and Esc', () => {
    expect(KEYMAP.session.map((x) => x.label)).toEqual(['Ctrl-C']);
    expect(resolveCommand('session', 'q', none)).toBeUndefined();
    expect(resolveCommand('quit-confirm', 'y', none)?.command).toBe('quit.confirm');
    expect(resolveCommand('quit-confirm', 'n', none)?.command).toBe('quit.cancel');
    expect(resolveCommand('quit-confirm', '', { escape: true })?.command).toBe('quit.cancel');
  });
});

describe('the table’s marks in its help', () => {
  it('explains every mark a row can carry: !, ✎, ≈, ⊘, ✓, ✗ and the loading ones', () => {
    const entries = helpEntries('list');
    for (const mark of ['!', '✎', '≈', '⊘', '✓', '✗']) expect(entries.some((e) => e.keys === mark && e.help.length > 10), mark).toBe(true);
  });
});
