// The guard before a delete: name, ARN and size of what goes, and the user types the profile's name.
// A wrong name is refused inline; Esc cancels; nothing is sent before the name is typed right. The
// built-in profiles carry a louder warning, in words.
import { Box, Text, useInput } from 'ink';
import TextInput from 'ink-text-input';
import { useState } from 'react';
import { sanitizeLine } from '../domain/sanitize.js';
import { isBuiltInProfileName } from '../domain/security-profile.js';
import { editorFooterHints, resolveEditorCommand } from '../editor/editor-keys.js';
import { Footer } from './footer.js';
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

export function ConfirmDelete({ name, arn, permissionCount, isActive, showHints, onConfirm, onCancel }: ConfirmDeleteProps) {
  const tone = useTone();
  const [typed, setTyped] = useState('');
  const [refused, setRefused] = useState<string | undefined>(undefined);
  const shown = sanitizeLine(name);
  const builtIn = isBuiltInProfileName(name);

  useInput(
    (input, key) => {
      if (resolveEditorCommand('confirm-delete', input, key) === 'delete.cancel') onCancel();
    },
    { isActive },
  );

  const submit = (value: string): void => {
    if (value === name) onConfirm();
    else setRefused(value.trim() === '' ? 'Type the name to delete, or press Esc to cancel.' : `“${sanitizeLine(value)}” is not the name: type ${shown} exactly (case matters). Nothing was sent.`);
  };

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
        <TextInput
          value={typed}
          focus={isActive}
          onChange={(value) => {
            setTyped(value);
            setRefused(undefined);
          }}
          onSubmit={submit}
        />
      </Box>
      {refused !== undefined ? <Text {...tone('error')}>✗ {refused}</Text> : null}
      {showHints === false ? null : <Footer hints={editorFooterHints('confirm-delete')} />}
    </Box>
  );
}
