import { describe, expect, it } from 'vitest';
import { EDITOR_KEYMAP, editorFooterHints, editorHelpEntries, type EditorKeyMode, resolveEditorCommand } from '../../src/keys/editor-keys.js';
import { editorKeyMode } from '../../src/state/editor/editor-selectors.js';

describe('editor keymap', () => {
  it.each([
    ['editor-permissions', ' ', {}, 'editor.toggle'],
    ['editor-permissions', 't', {}, 'editor.toggle-group'],
    ['editor-permissions', '/', {}, 'editor.search'],
    ['editor-permissions', 'f', {}, 'editor.cycle-view'],
    ['editor-permissions', 'a', {}, 'editor.add'],
    ['editor-permissions', '', { tab: true }, 'editor.switch-pane'],
    ['editor-permissions', 's', {}, 'editor.review'],
    ['editor-permissions', 'j', {}, 'cursor.down'],
    ['editor-fields', '', { return: true }, 'editor.edit'],
    ['editor-fields', 'd', {}, 'editor.remove'],
    ['review', 'y', {}, 'review.confirm'],
    ['review', '', { return: true }, 'review.confirm'],
    ['review', 'p', {}, 'review.toggle-patch'],
    ['review', '', { escape: true }, 'review.back'],
    ['progress', 'r', {}, 'progress.retry'],
    ['progress', 'b', {}, 'progress.rebase'],
    ['operations', 'c', {}, 'operations.cancel-request'],
  ] as const)('%s: %j → %s', (mode, input, key, command) => {
    expect(resolveEditorCommand(mode as EditorKeyMode, input, key)).toBe(command);
  });

  it('treats letters as text while typing, and Ctrl-modified letters as nothing', () => {
    expect(resolveEditorCommand('editor-input', 's', {})).toBeUndefined();
    expect(resolveEditorCommand('editor-input', '', { escape: true })).toBe('input.cancel');
    expect(resolveEditorCommand('confirm-delete', 'y', {})).toBeUndefined();
    expect(resolveEditorCommand('editor-permissions', 's', { ctrl: true })).toBeUndefined();
  });

  it('generates help and footer from the same table', () => {
    for (const mode of Object.keys(EDITOR_KEYMAP) as EditorKeyMode[]) {
      const help = editorHelpEntries(mode);
      for (const hint of editorFooterHints(mode)) expect(help.map((h) => h.keys)).toContain(hint.keys);
    }
    expect(editorFooterHints('progress', ['progress.retry', 'progress.done']).map((h) => h.keys)).toEqual(['Enter', 'r']);
    expect(editorHelpEntries('editor-input')[0]).toEqual({ keys: 'letters', help: 'Type the text' });
  });

  it('no key is bound twice in one mode', () => {
    for (const [mode, bindings] of Object.entries(EDITOR_KEYMAP)) {
      const seen = new Set<string>();
      for (const b of bindings) {
        for (const spec of b.keys) {
          const id = JSON.stringify(spec);
          expect(seen.has(id), `${mode}: ${id} bound twice`).toBe(false);
          seen.add(id);
        }
      }
    }
  });

  it('picks the mode from the editor state', () => {
    expect(editorKeyMode({ pane: 'permissions', input: { kind: 'none' } })).toBe('editor-permissions');
    expect(editorKeyMode({ pane: 'fields', input: { kind: 'none' } })).toBe('editor-fields');
    expect(editorKeyMode({ pane: 'permissions', input: { kind: 'search', text: '' } })).toBe('editor-input');
    expect(editorKeyMode({ pane: 'fields', input: { kind: 'pick-group', cursor: 0 } })).toBe('editor-pick');
  });
});
