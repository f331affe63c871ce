// The two lines under the editor's pane: what is being typed (search, a permission name) or what is
// wrong with the field at hand, then a note on what the last key did.
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { permissionCandidates } from '../../domain/permissions/permissions.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import type { EditorInput, EditorNote, EditorPane } from '../../state/editor/editor-state.js';
import { TextField } from '../text-field.js';
import { useTone } from '../theme.js';

export interface EditorStatusProps {
  readonly input: EditorInput;
  readonly pane: EditorPane;
  readonly search: string;
  /** The problems of the field being typed into, or under the cursor. */
  readonly fieldIssues: readonly string[] | undefined;
  readonly note: EditorNote | undefined;
  readonly isActive: boolean;
}

const NOTE_MARK: Readonly<Record<EditorNote['tone'], string>> = { normal: '', success: '✓ ', warning: '! ', error: '✗ ' };

export function EditorStatus({ input, pane, search, fieldIssues, note, isActive }: EditorStatusProps) {
  const tone = useTone();
  let first: ReactElement;
  if (input.kind === 'search' || input.kind === 'add-permission') {
    const suggestions = input.kind === 'add-permission' && input.text.trim() !== '' ? permissionCandidates(input.completing?.typed ?? input.text, 5) : undefined;
    first = (
      <>
        <Text bold>{input.kind === 'search' ? 'Search: ' : 'Add permission: '}</Text>
        <TextField value={input.text} {...(input.cursor !== undefined ? { cursor: input.cursor } : {})} isFocused={isActive} />
        {suggestions ? (
          <Text wrap="truncate-end" {...tone('muted')}>
            {'  '}→ {suggestions.join(', ') || 'no close catalogue name'}{suggestions.length > 1 ? '  (Tab)' : ''}
          </Text>
        ) : null}
      </>
    );
  } else if (input.kind === 'field' && input.error !== undefined) {
    first = <Text wrap="truncate-end" {...tone('error')}>✗ {input.error}</Text>;
  } else if (fieldIssues && fieldIssues.length > 0) {
    first = <Text wrap="truncate-end" {...tone('error')}>✗ {fieldIssues.join('; ')}</Text>;
  } else if (pane === 'permissions' && search !== '') {
    first = (
      <Text wrap="truncate-end">
        Search: “{sanitizeLine(search)}” <Text {...tone('muted')}>(Esc clears)</Text>
      </Text>
    );
  } else {
    first = <Text> </Text>;
  }
  return (
    <Box flexDirection="column">
      <Box>{first}</Box>
      <Text wrap="truncate-end" {...(note ? tone(note.tone) : {})}>
        {note ? `${NOTE_MARK[note.tone]}${note.text}` : ' '}
      </Text>
    </Box>
  );
}
