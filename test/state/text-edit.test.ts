import { describe, expect, it } from 'vitest';
import { editorReducer } from '../../src/state/editor/editor-reducer.js';
import { createEditorState } from '../../src/state/editor/editor-reducer.js';
import { atEnd, editText } from '../../src/state/text-edit.js';

describe('editText', () => {
  it.each([
    ['types at the cursor', { text: 'ac', cursor: 1 }, 'b', {}, { text: 'abc', cursor: 2 }],
    ['deletes before the cursor (Backspace, which Ink reports as delete)', { text: 'abc', cursor: 2 }, '', { delete: true }, { text: 'ac', cursor: 1 }],
    ['does nothing at the start', { text: 'abc', cursor: 0 }, '', { backspace: true }, { text: 'abc', cursor: 0 }],
    ['moves left and right within the text', { text: 'abc', cursor: 3 }, '', { rightArrow: true }, { text: 'abc', cursor: 3 }],
    ['Home and End', { text: 'abc', cursor: 1 }, '', { end: true }, { text: 'abc', cursor: 3 }],
    ['a paste keeps only printable characters', atEnd('x'), 'y\u001b[2Jz\u0007', {}, { text: 'xy[2Jz', cursor: 6 }],
  ])('%s', (_name, value, input, key, expected) => {
    expect(editText(value, input, key)).toEqual(expected);
  });

  it('is not an edit: Enter, Tab, Esc, up/down and control combinations', () => {
    for (const key of [{ return: true }, { tab: true }, { escape: true }, { upArrow: true }, { downArrow: true }]) expect(editText(atEnd('a'), '', key)).toBeUndefined();
    expect(editText(atEnd('a'), 'x', { ctrl: true })).toBeUndefined();
  });

  const v = (text: string, cursor = text.length) => ({ text, cursor });
  it.each([
    ['Ctrl-A: start', v('hello world'), 'a', { ctrl: true }, { text: 'hello world', cursor: 0 }],
    ['Ctrl-E: end', v('hello world', 2), 'e', { ctrl: true }, { text: 'hello world', cursor: 11 }],
    ['Ctrl-U: kill to start', v('hello world', 6), 'u', { ctrl: true }, { text: 'world', cursor: 0, killed: 'hello ' }],
    ['Ctrl-K: kill to end', v('hello world', 5), 'k', { ctrl: true }, { text: 'hello', cursor: 5, killed: ' world' }],
    ['Ctrl-W: kill the word before', v('hello big world'), 'w', { ctrl: true }, { text: 'hello big ', cursor: 10, killed: 'world' }],
    ['Ctrl-W after spaces takes them with the word', v('hello big  ', 11), 'w', { ctrl: true }, { text: 'hello ', cursor: 6, killed: 'big  ' }],
    ['Alt-Backspace: kill the word before', v('hello world'), '', { meta: true, delete: true }, { text: 'hello ', cursor: 6, killed: 'world' }],
    ['Alt-B: a word left', v('hello big world'), 'b', { meta: true }, { text: 'hello big world', cursor: 10 }],
    ['Alt-F: a word right', v('hello big world', 0), 'f', { meta: true }, { text: 'hello big world', cursor: 5 }],
    ['Ctrl-D: delete forward', v('abc', 1), 'd', { ctrl: true }, { text: 'ac', cursor: 1 }],
    ['Ctrl-Y: yank the last kill', { text: 'new ', cursor: 4, killed: 'text' }, 'y', { ctrl: true }, { text: 'new text', cursor: 8, killed: 'text' }],
  ])('%s', (_name, value, input, key, expected) => {
    expect(editText(value, input, key)).toEqual(expected);
  });

  it('replacing a description takes two keys, not dozens of Backspaces; what was cut comes back with Ctrl-Y', () => {
    let value: { text: string; cursor: number; killed?: string } = v('A long description that has to go');
    value = editText(value, 'e', { ctrl: true })!;
    value = editText(value, 'u', { ctrl: true })!;
    expect(value.text).toBe('');
    for (const ch of 'Short') value = editText(value, ch, {})!;
    value = editText(value, ' ', {})!;
    value = editText(value, 'y', { ctrl: true })!;
    expect(value.text).toBe('Short A long description that has to go');
  });
});

describe('shell keys in the editor\'s fields', () => {
  it('Ctrl-U clears the field being typed, Ctrl-Y brings it back', () => {
    const init = { InstanceArn: 'i', SecurityProfileName: 'P', Description: 'Old words', Permissions: [] };
    let s = createEditorState({ mode: 'edit', original: init, initialDraft: init });
    const press = (input: string, key = {}) => {
      s = editorReducer(s, { type: 'editor/key', input, key, pageSize: 10 });
    };
    press('', { tab: true });
    press('j');
    press('j');
    press('', { return: true });
    expect(s.input).toMatchObject({ kind: 'field', text: 'Old words' });
    press('u', { ctrl: true });
    expect(s.input).toMatchObject({ kind: 'field', text: '' });
    for (const ch of 'New ') press(ch);
    press('y', { ctrl: true });
    expect(s.input).toMatchObject({ kind: 'field', text: 'New Old words' });
  });
});

describe('typing in the editor, faster than a re-render', () => {
  const start = () => createEditorState({ mode: 'edit', original: { InstanceArn: 'i', SecurityProfileName: 'P', Permissions: [] }, initialDraft: { InstanceArn: 'i', SecurityProfileName: 'P', Permissions: [] } });
  const press = (s: ReturnType<typeof start>, input: string, key = {}) => editorReducer(s, { type: 'editor/key', input, key, pageSize: 10 });

  it('every key is applied to the latest text, one at a time or in one burst with Enter', () => {
    let s = press(start(), '/');
    for (const ch of 'Users.Edit') s = press(s, ch);
    expect(s.input).toMatchObject({ kind: 'search', text: 'Users.Edit' });
    s = press(s, '', { delete: true });
    s = press(s, 't\r');
    expect(s.search).toBe('Users.Edit');
    expect(s.input.kind).toBe('none');
    // A burst outside a text field: `/` opens the search (starting from the kept one), the rest is typed, Enter keeps it.
    s = press(s, '/Q\r');
    expect(s.search).toBe('Users.EditQ');
    expect(s.input.kind).toBe('none');
  });
});
