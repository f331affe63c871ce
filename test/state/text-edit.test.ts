import { describe, expect, it } from 'vitest';
import { editorReducer } from '../../src/state/editor/editor-reducer.js';
import { createEditorState } from '../../src/state/editor/editor-state.js';
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
    expect(editText(atEnd('a'), 'u', { ctrl: true })).toBeUndefined();
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
