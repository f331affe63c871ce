// The editing sessions' keymap: their table, run by the one key engine (engine.ts) as the shell's is;
// the key handlers, the footer hints and the help are all read from it. Pure.
import { createKeymap, type HelpEntry } from './engine.js';
import { bind, CURSOR_KEYS, type CursorCommand, type KeyBinding, type KeySpec, type KeyState } from './key-spec.js';

export type EditorKeyMode =
  | 'editor-permissions'
  | 'editor-fields'
  /** Typing into a text input (search, add permission, a field): letters are text, not commands. */
  | 'editor-input'
  | 'editor-pick'
  /** The `?` overlay of the editor. */
  | 'editor-help'
  | 'review'
  | 'progress'
  | 'confirm-delete'
  | 'operations'
  | 'draft-offer'
  | 'leave';

export type EditorCommand =
  | CursorCommand
  | 'editor.toggle'
  | 'editor.toggle-group'
  | 'editor.toggle-layout'
  | 'editor.column-left'
  | 'editor.column-right'
  | 'editor.search'
  | 'editor.cycle-view'
  | 'editor.add'
  | 'editor.edit'
  | 'editor.remove'
  | 'editor.switch-pane'
  | 'editor.review'
  | 'editor.cancel'
  | 'editor.quit'
  | 'editor.help'
  | 'input.submit'
  | 'input.cancel'
  | 'input.complete'
  | 'pick.choose'
  | 'review.confirm'
  | 'review.toggle-patch'
  | 'review.back'
  | 'review.help'
  | 'progress.retry'
  | 'progress.keep-waiting'
  | 'progress.edit'
  | 'progress.rebase'
  | 'progress.detach'
  | 'progress.done'
  | 'delete.submit'
  | 'delete.cancel'
  | 'operations.cancel-request'
  | 'operations.refresh'
  | 'operations.close'
  | 'operations.help'
  | 'operations.quit'
  | 'draft.restore'
  | 'draft.discard'
  | 'leave.keep-draft'
  | 'leave.discard'
  | 'leave.stay';

export type EditorBinding = KeyBinding<EditorCommand>;

const b = (command: EditorCommand, label: string, keys: KeySpec[], help: string, hint?: string): EditorBinding => bind(command, label, keys, help, hint);

const { up: UP, down: DOWN, arrowUp: ARROW_UP, arrowDown: ARROW_DOWN, pageUp: PAGE_UP, pageDown: PAGE_DOWN, home: FIRST, end: LAST } = CURSOR_KEYS;
const NAVIGATION = [UP, DOWN, PAGE_UP, PAGE_DOWN, FIRST, LAST];
const TAB = b('editor.switch-pane', 'Tab', [{ key: 'tab' }], 'Switch between the permissions and the other fields', 'fields');
const REVIEW = b('editor.review', 's', [{ input: 's' }], 'Review the change before saving', 'review');
const CANCEL = b('editor.cancel', 'Esc', [{ key: 'escape' }], 'Clear the search, else leave the editor', 'leave');
const HELP = b('editor.help', '?', [{ input: '?' }], 'Show every key of this screen', 'help');
const QUIT = b('editor.quit', 'q', [{ input: 'q' }], 'Quit spex (asks first when the edit is unsaved; leaving keeps the draft)');

export const EDITOR_KEYMAP: Readonly<Record<EditorKeyMode, readonly EditorBinding[]>> = {
  'editor-permissions': [
    b('editor.toggle', 'Space', [{ input: ' ' }], 'Grant or withdraw the permission or grid cell (Edit, Create, Remove also grant View); on a group title: fold or unfold it', 'toggle'),
    b('editor.toggle-group', 't', [{ input: 't' }], 'Grant the whole group (a second t confirms more than five), or withdraw it when all of it is granted', 'group'),
    b('editor.toggle-layout', 'm', [{ input: 'm' }], "Switch between the list and the console's grid (a row per resource: View, Edit, Create, Delete, All)", 'grid/list'),
    b('editor.column-left', '←', [{ key: 'leftArrow' }], 'In the grid: the cell to the left'),
    b('editor.column-right', '→', [{ key: 'rightArrow' }], 'In the grid: the cell to the right'),
    b('editor.search', '/', [{ input: '/' }], 'Search by label, API name or group', 'search'),
    b('editor.cycle-view', 'f', [{ input: 'f' }], 'Show all / only granted / only changed permissions', 'all/granted/changed'),
    b('editor.add', 'a', [{ input: 'a' }], 'Add a permission by name (suggests catalogue names)', 'add'),
    ...NAVIGATION,
    TAB,
    REVIEW,
    HELP,
    CANCEL,
    QUIT,
  ],
  'editor-fields': [
    b('editor.edit', 'Enter', [{ key: 'return' }], 'Edit the field or item (on "add": a new item)', 'edit'),
    b('editor.add', 'a', [{ input: 'a' }], 'Add an item to the list field', 'add'),
    b('editor.remove', 'd/Del', [{ input: 'd' }, { key: 'delete' }], 'Remove the item, or clear the field', 'remove'),
    ...NAVIGATION,
    { ...TAB, help: 'Back to the permissions', hint: 'permissions' },
    REVIEW,
    HELP,
    b('editor.cancel', 'Esc', [{ key: 'escape' }], 'Leave the editor', 'leave'),
    QUIT,
  ],
  'editor-input': [
    b('input.submit', 'Enter', [{ key: 'return' }], 'Accept what was typed', 'accept'),
    b('input.complete', 'Tab', [{ key: 'tab' }], 'Take the first suggestion', 'complete'),
    b('input.cancel', 'Esc', [{ key: 'escape' }], 'Leave the text as it was', 'cancel'),
  ],
  'editor-help': [b('editor.help', 'Esc/?', [{ key: 'escape' }, { input: '?' }], 'Close the help', 'close')],
  'editor-pick': [
    b('pick.choose', 'Enter', [{ key: 'return' }], 'Choose this hierarchy group', 'choose'),
    ARROW_UP,
    ARROW_DOWN,
    b('input.cancel', 'Esc', [{ key: 'escape' }], 'Keep the current group', 'cancel'),
  ],
  review: [
    b('review.confirm', 'y/Enter', [{ input: 'y' }, { key: 'return' }], 'Send the change', 'send'),
    b('review.toggle-patch', 'p', [{ input: 'p' }], 'Show or hide exactly what will be sent', 'exact request'),
    // Letters are not text here: g and G go to the top and the end, as in the other scrolling views.
    ...[UP, DOWN, PAGE_UP, PAGE_DOWN, b('cursor.first', 'g/Home', [{ input: 'g' }, { key: 'home' }], 'Go to the first row'), b('cursor.last', 'G/End', [{ input: 'G' }, { key: 'end' }], 'Go to the last row')].map((x) => ({ ...x, help: x.help.replace('Move', 'Scroll').replace('row', 'line') })),
    b('review.back', 'Esc', [{ key: 'escape' }], 'Back to editing (the draft is kept)', 'back to editing'),
    b('review.help', '?', [{ input: '?' }], 'Show every key of this screen (Esc or ? closes)'),
  ],
  progress: [
    b('progress.done', 'Enter', [{ key: 'return' }], 'Close (after the request ended)', 'close'),
    b('progress.retry', 'r', [{ input: 'r' }], 'Retry the same change (after a failure)', 'retry'),
    b('progress.keep-waiting', 'w', [{ input: 'w' }], 'Keep waiting for a request that is taking long (nothing is sent again)', 'keep waiting'),
    b('progress.edit', 'e', [{ input: 'e' }], 'Back to editing, with the draft', 'edit'),
    b('progress.rebase', 'b', [{ input: 'b' }], 'Apply the draft onto the server’s new version and review again', 'rebase'),
    b('progress.detach', 'Esc', [{ key: 'escape' }], 'Stop waiting (the request goes on; see the operations view)', 'stop waiting'),
  ],
  'confirm-delete': [
    b('delete.submit', 'Enter', [{ key: 'return' }], 'Delete, if the typed name is right', 'delete'),
    b('delete.cancel', 'Esc', [{ key: 'escape' }], 'Cancel; nothing is sent', 'cancel'),
  ],
  operations: [
    ...NAVIGATION,
    b('operations.cancel-request', 'c', [{ input: 'c' }], 'Cancel the selected request while it runs', 'cancel request'),
    b('operations.refresh', 'r', [{ input: 'r' }], 'Reload the recent requests', 'refresh'),
    b('operations.close', 'Esc', [{ key: 'escape' }], 'Close the operations view', 'close'),
    b('operations.help', '?', [{ input: '?' }], 'Show every key of this view', 'help'),
    b('operations.quit', 'q', [{ input: 'q' }], 'Quit spex (asks first when an edit is unsaved)', 'quit'),
  ],
  'draft-offer': [
    b('draft.restore', 'r/Enter', [{ input: 'r' }, { key: 'return' }], 'Restore the unsaved draft', 'restore'),
    b('draft.discard', 'x', [{ input: 'x' }], 'Discard it and start from the saved profile', 'discard'),
  ],
  leave: [
    b('leave.keep-draft', 'y', [{ input: 'y' }], 'Leave; the draft stays on disk and is offered next time', 'leave, keep draft'),
    b('leave.discard', 'x', [{ input: 'x' }], 'Leave and discard the changes', 'discard'),
    b('leave.stay', 'n/Esc', [{ input: 'n' }, { key: 'escape' }], 'Keep editing', 'stay'),
  ],
};

const EDITOR = createKeymap<EditorKeyMode, EditorCommand>(EDITOR_KEYMAP, {
  // In a text input and the delete guard every character is text: only named keys are commands.
  typing: { modes: ['editor-input', 'confirm-delete'], letters: 'named-keys-only', helpLine: 'Type the text' },
});

/** The command a key runs in a mode; in text modes only named keys count (letters are text). */
export function resolveEditorCommand(mode: EditorKeyMode, input: string, key: KeyState): EditorCommand | undefined {
  return EDITOR.resolve(mode, input, key)?.command;
}

export function editorHelpEntries(mode: EditorKeyMode): HelpEntry[] {
  return EDITOR.helpEntries(mode);
}

/** Help for an overlay with little room: the cursor keys folded into one line. */
export function compactHelpEntries(mode: EditorKeyMode): HelpEntry[] {
  const moves = EDITOR_KEYMAP[mode].filter((x) => x.command.startsWith('cursor.'));
  const rest = editorHelpEntries(mode).filter((e) => !moves.some((m) => m.label === e.keys && m.help === e.help));
  return moves.length === 0 ? rest : [{ keys: moves.map((m) => m.label).join(' '), help: 'Move the cursor (a row, a page, first, last)' }, ...rest];
}

/** The footer hints of a mode; `only` narrows them to the commands that work right now. */
export function editorFooterHints(mode: EditorKeyMode, only?: readonly EditorCommand[]): HelpEntry[] {
  return EDITOR.footerHints(mode, only === undefined ? {} : { only });
}

export const EDITOR_MODE_TITLES: Readonly<Record<EditorKeyMode, string>> = {
  'editor-permissions': 'Permission editor',
  'editor-fields': 'Profile fields',
  'editor-input': 'Typing',
  'editor-pick': 'Hierarchy group',
  'editor-help': 'Help',
  review: 'Review',
  progress: 'Operation',
  'confirm-delete': 'Delete',
  operations: 'Operations',
  'draft-offer': 'Unsaved draft',
  leave: 'Leave the editor',
};
