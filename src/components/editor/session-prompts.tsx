// The two questions an edit session asks: restore a draft found on disk, and leave with unsaved changes.
import { Box, Text } from 'ink';
import { useInput } from '../input-gate.js';
import { formatAbsoluteTime } from '../../domain/text/format.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { summariseDraft, type StoredDraft } from '../../domain/profile/drafts.js';
import { describeChanges } from '../../domain/profile/profile-diff.js';
import { editorFooterHints, resolveEditorCommand } from '../../keys/editor-keys.js';
import { Footer } from '../footer.js';
import { useTone } from '../theme.js';

export interface DraftOfferProps {
  readonly stored: StoredDraft;
  readonly isActive: boolean;
  readonly onRestore: () => void;
  readonly onDiscard: () => void;
}

export function DraftOffer({ stored, isActive, onRestore, onDiscard }: DraftOfferProps) {
  const tone = useTone();
  useInput(
    (input, key) => {
      const command = resolveEditorCommand('draft-offer', input, key);
      if (command === 'draft.restore') onRestore();
      else if (command === 'draft.discard') onDiscard();
    },
    { isActive },
  );
  // What restoring brings back, in the console's words (the review shows it all again before saving).
  const { changes } = summariseDraft(stored, (a, b) => describeChanges(a, b).map((c) => c.label));
  const shown = changes.slice(0, 6);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text {...tone('warning')}>
        An unsaved draft of {stored.mode === 'edit' ? 'this profile' : `a new profile “${sanitizeLine(stored.draft.SecurityProfileName || 'without a name')}”`} was found (kept{' '}
        {formatAbsoluteTime(Math.floor(stored.savedAt / 1000))}).
      </Text>
      {stored.mode === 'edit' ? (
        <Box flexDirection="column">
          <Text>It changes {changes.length === 0 ? 'nothing' : `${changes.length} thing${changes.length === 1 ? '' : 's'}`}{changes.length > 0 ? ':' : '.'}</Text>
          {shown.map((line, i) => (
            <Text key={i} wrap="truncate-end">
              {'  '}
              {line}
            </Text>
          ))}
          {changes.length > shown.length ? <Text>{`  … and ${changes.length - shown.length} more (restore, then s shows them all)`}</Text> : null}
        </Box>
      ) : null}
      <Text>{stored.keptBy === 'left' ? 'It was kept when you left the editor without saving.' : 'It was kept when spex stopped before saving (a quit, Ctrl-C or a crash).'} Restore it?</Text>
      <Footer hints={editorFooterHints('draft-offer')} />
    </Box>
  );
}

export interface LeavePromptProps {
  readonly isActive: boolean;
  /** Whether the draft can be kept on disk (else leaving loses it). */
  readonly hasStore: boolean;
  readonly onLeave: () => void;
  readonly onDiscard: () => void;
  readonly onStay: () => void;
}

export function LeavePrompt({ isActive, hasStore, onLeave, onDiscard, onStay }: LeavePromptProps) {
  const tone = useTone();
  useInput(
    (input, key) => {
      const command = resolveEditorCommand('leave', input, key);
      if (command === 'leave.keep-draft') onLeave();
      else if (command === 'leave.discard') onDiscard();
      else if (command === 'leave.stay') onStay();
    },
    { isActive },
  );
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text {...tone('warning')}>You have unsaved changes.</Text>
      <Text>{hasStore ? 'Leaving keeps them on disk; they are offered back when you open this profile again.' : 'Leaving loses them.'}</Text>
      <Footer hints={editorFooterHints('leave')} />
    </Box>
  );
}
