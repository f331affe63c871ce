// The guard before a delete: name, ARN and size of what goes, and the user types the profile's name.
// A wrong name is refused inline; Esc cancels; nothing is sent before the name is typed right. The
// built-in profiles carry a louder warning, in words.
import { Box, Text } from 'ink';
import { useInput } from './input-gate.js';
import { useEffect, useReducer } from 'react';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { isBuiltInProfileName } from '../domain/profile/security-profile.js';
import { editorFooterHints, resolveEditorCommand } from '../keys/editor-keys.js';
import { atEnd, editText, type TextValue } from '../state/text-edit.js';
import { burstOf } from '../keys/burst.js';
import type { KeyState } from '../keys/keymap.js';
import { Footer } from './footer.js';
import { TextField } from './text-field.js';
import { useTone } from './theme.js';

export interface ConfirmDeleteProps {
  readonly name: string;
  readonly arn: string;
  /** Undefined while the profile's details are not loaded. */
  readonly permissionCount?: number;
  readonly isActive: boolean;
  readonly showHints?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

interface GuardState {
  readonly typed: TextValue;
  readonly refused?: string;
  /** Decided on the latest typed text; delivered to the owner by an effect, once. */
  readonly outcome?: 'confirmed' | 'cancelled';
}

/** Every key goes through here, so Enter right after fast typing checks what was really typed. */
export function guardReducer(name: string, state: GuardState, input: string, key: KeyState): GuardState {
  if (state.outcome !== undefined) return state;
  const command = resolveEditorCommand('confirm-delete', input, key);
  if (command === 'delete.cancel') return { ...state, outcome: 'cancelled' };
  if (command === 'delete.submit') {
    const value = state.typed.text;
    if (value === name) return { typed: state.typed, outcome: 'confirmed' };
    const shown = sanitizeLine(name);
    const refused = value.trim() === '' ? 'Type the name to delete, or press Esc to cancel.' : `“${sanitizeLine(value)}” is not the name: type ${shown} exactly (case matters). Nothing was sent.`;
    return { typed: state.typed, refused };
  }
  const burst = burstOf(input, key);
  if (burst !== undefined && /[\r\t\x7f\b]/.test(input)) return burst.reduce((s, k) => guardReducer(name, s, k.input, k.key), state);
  const typed = editText(state.typed, input, key);
  return typed === undefined ? state : { typed };
}

export function ConfirmDelete({ name, arn, permissionCount, isActive, showHints, onConfirm, onCancel }: ConfirmDeleteProps) {
  const tone = useTone();
  const [state, dispatch] = useReducer((s: GuardState, k: { input: string; key: KeyState }) => guardReducer(name, s, k.input, k.key), { typed: atEnd('') });
  const shown = sanitizeLine(name);
  const builtIn = isBuiltInProfileName(name);

  useInput((input, key) => dispatch({ input, key: { ...key } }), { isActive });

  useEffect(() => {
    if (state.outcome === 'confirmed') onConfirm();
    else if (state.outcome === 'cancelled') onCancel();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- Once per outcome; the callbacks of that render are the ones meant.
  }, [state.outcome]);
  const { refused } = state;

  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text {...tone('error')}>Delete security profile “{shown}”?</Text>
      {/* The whole ARN, wrapped: it is what identifies what goes. */}
      <Text wrap="wrap">ARN: {sanitizeLine(arn)}</Text>
      <Text>Permissions: {permissionCount === undefined ? 'not loaded' : permissionCount}</Text>
      {builtIn ? (
        <Box flexDirection="column" marginTop={1}>
          <Text {...tone('error')}>WARNING: “{shown}” is a built-in profile that every Amazon Connect instance starts with.</Text>
          <Text wrap="wrap">Users and integrations often rely on it; deleting it can lock people out, and it cannot be restored as it was.</Text>
        </Box>
      ) : null}
      <Text wrap="wrap">This cannot be undone. Users assigned to the profile must be moved first, or the delete is refused.</Text>
      <Box marginTop={1}>
        <Text>Type the profile’s name to delete it: </Text>
        <TextField value={state.typed.text} cursor={state.typed.cursor} isFocused={isActive} />
      </Box>
      {refused !== undefined ? <Text {...tone('error')}>✗ {refused}</Text> : null}
      {showHints === false ? null : <Footer hints={editorFooterHints('confirm-delete')} />}
    </Box>
  );
}
