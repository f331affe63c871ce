// A key press in the editor, resolved against the latest state inside the reducer (so two keys that
// arrive before a re-render still act on what the first one did). Pure.
import type { KeyState } from '../../keys/keymap.js';
import { motionOfCommand } from '../motion.js';
import { resolveEditorCommand, type EditorCommand } from '../../keys/editor-keys.js';
import type { EditorAction } from './editor-state.js';
import { editorKeyMode, isDirty, reviewCheck } from './editor-selectors.js';
import type { EditorState } from './editor-state.js';

/** The action a command means on this state, or undefined when it does nothing here. */
function commandToEditorAction(state: EditorState, command: EditorCommand, pageSize: number): EditorAction | undefined {
  const motion = motionOfCommand(command);
  if (motion) {
    if (state.input.kind === 'pick-group') {
      const delta = motion.kind === 'by' ? motion.delta : motion.kind === 'page' ? motion.direction * pageSize : motion.kind === 'first' ? -1e6 : 1e6;
      return { type: 'editor/pick-move', delta };
    }
    return { type: 'editor/move', motion, pageSize };
  }
  switch (command) {
    case 'editor.toggle':
      return state.pane === 'permissions' ? { type: 'editor/toggle' } : undefined;
    case 'editor.toggle-group':
      return { type: 'editor/toggle-group' };
    case 'editor.toggle-layout':
      return state.pane === 'permissions' ? { type: 'editor/toggle-layout' } : undefined;
    case 'editor.column-left':
      return state.layout === 'grid' ? { type: 'editor/column', delta: -1 } : undefined;
    case 'editor.column-right':
      return state.layout === 'grid' ? { type: 'editor/column', delta: 1 } : undefined;
    case 'editor.search':
      return { type: 'editor/search-start' };
    case 'editor.cycle-view':
      return { type: 'editor/cycle-view' };
    case 'editor.add':
      return { type: 'editor/add' };
    case 'editor.edit':
      return { type: 'editor/edit' };
    case 'editor.remove':
      return { type: 'editor/remove' };
    case 'editor.switch-pane':
      return { type: 'editor/switch-pane' };
    case 'editor.help':
      return { type: 'editor/toggle-help' };
    case 'input.submit':
      // Enter is handled here, not by the text input's onSubmit: one key, one action, resolved on the
      // latest state (otherwise the same Enter would also re-open the field it just closed).
      return { type: 'editor/input-submit' };
    case 'input.cancel':
      return { type: 'editor/input-cancel' };
    case 'input.complete':
      return { type: 'editor/input-complete' };
    case 'pick.choose':
      return { type: 'editor/pick-choose' };
    case 'editor.review': {
      const check = reviewCheck(state);
      return check.ok ? { type: 'editor/outgoing', outgoing: { kind: 'review', draft: state.draft } } : { type: 'editor/review-refused', fields: check.fields, reason: check.reason };
    }
    case 'editor.cancel':
      return state.search !== '' ? { type: 'editor/clear-search' } : { type: 'editor/outgoing', outgoing: { kind: 'cancel', isDirty: isDirty(state), draft: state.draft } };
    case 'editor.quit':
      return { type: 'editor/outgoing', outgoing: { kind: 'quit', isDirty: isDirty(state) } };
    default:
      return undefined;
  }
}

export function keyToEditorAction(state: EditorState, input: string, key: KeyState, pageSize: number): EditorAction | undefined {
  const command = resolveEditorCommand(editorKeyMode(state), input, key);
  return command === undefined ? undefined : commandToEditorAction(state, command, pageSize);
}
