// The one key engine, on a small table: resolving, typing modes of both kinds, read-only, help, footer.
import { describe, expect, it } from 'vitest';
import { createKeymap, type EngineBinding } from '../../src/keys/engine.js';
import { bind } from '../../src/keys/key-spec.js';

type M = 'list' | 'search' | 'field';
type C = 'open' | 'quit' | 'delete' | 'accept' | 'insert';
const table: Record<M, EngineBinding<C>[]> = {
  list: [bind('open', 'Enter', [{ key: 'return' }], 'Open', 'open'), bind('quit', 'q', [{ input: 'q' }], 'Quit', 'quit'), { ...bind('delete', 'd', [{ input: 'd' }], 'Delete', 'delete'), mutates: true }],
  search: [bind('quit', 'q', [{ input: 'q' }], 'Quit'), bind('accept', 'Enter', [{ key: 'return' }], 'Accept', 'accept')],
  field: [bind('quit', 'Ctrl-C', [{ input: 'c', ctrl: true }], 'Quit'), bind('accept', 'Enter', [{ key: 'return' }], 'Accept', 'accept'), bind('delete', 'x', [{ input: 'x' }], 'Never as a letter')],
};
const after = createKeymap<M, C>(table, { typing: { modes: ['search'], letters: 'after-bindings', textCommand: 'insert', helpLine: 'Type' }, legends: { list: [{ keys: '⊘', help: 'refused' }] }, legendTitle: 'Marks' });
const named = createKeymap<M, C>(table, { typing: { modes: ['field'], letters: 'named-keys-only', helpLine: 'Type the text' } });

describe('createKeymap', () => {
  it.each([
    [after, 'list', 'q', {}, { command: 'quit' }],
    [after, 'list', 'z', {}, undefined],
    [after, 'list', '', { return: true }, { command: 'open' }],
    [after, 'search', 'q', {}, { command: 'quit' }],
    [after, 'search', 'z', {}, { command: 'insert', text: 'z' }],
    [after, 'search', 'z', { ctrl: true }, undefined],
    [named, 'field', 'x', {}, undefined],
    [named, 'field', 'c', { ctrl: true }, { command: 'quit' }],
    [named, 'field', '', { return: true }, { command: 'accept' }],
  ] as const)('%#: %s %j %j', (map, mode, input, key, expected) => {
    expect(map.resolve(mode, input, key)).toEqual(expected);
  });

  it('drops the mutating bindings in read-only mode, from keys, help and footer alike', () => {
    expect(after.resolve('list', 'd', {}, { readOnly: true })).toBeUndefined();
    expect(after.resolve('list', 'd', {})).toEqual({ command: 'delete' });
    expect(after.footerHints('list', { readOnly: true }).map((h) => h.help)).toEqual(['open', 'quit']);
    expect(after.helpEntries('list', { readOnly: true }).map((h) => h.keys)).toEqual(['Enter', 'q', '', 'Marks', '⊘']);
  });

  it('help starts with the typing line in typing modes; the footer can be narrowed to what works now', () => {
    expect(named.helpEntries('field')[0]).toEqual({ keys: 'letters', help: 'Type the text' });
    expect(after.footerHints('list', { only: ['quit'] })).toEqual([{ keys: 'q', help: 'quit' }]);
    expect(named.isTyping('field')).toBe(true);
    expect(named.isTyping('list')).toBe(false);
  });
});
