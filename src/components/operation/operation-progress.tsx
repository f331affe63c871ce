// A create/update/delete while it runs and after it ended: spinner, status, elapsed time and request
// token; on failure the error in plain words with retry / back to editing; on "changed on the server"
// what changed there, with rebase-and-review-again. Props in, callbacks out.
import { Spinner } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { useInput } from '../input-gate.js';
import { useRef } from 'react';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { editorFooterHints, resolveEditorCommand, type EditorCommand } from '../../keys/editor-keys.js';
import { formatElapsed } from '../../domain/text/format.js';
import { failureLines, isChangedOnServer } from '../../state/operation-text.js';
import type { OperationState, ServerChange } from '../../state/operation-state.js';

export type { ServerChange } from '../../state/operation-state.js';
import { Footer } from '../footer.js';
import { useTone } from '../theme.js';

/** What changed on the server, once it was read again after a refused save. */

export interface OperationProgressProps {
  /** What is being done, e.g. `Saving “Ops”`. */
  readonly title: string;
  readonly operation: OperationState;
  /** Shown on success, e.g. `Saved “Ops”`. */
  readonly successText?: string;
  readonly serverChange?: ServerChange;
  readonly isActive: boolean;
  readonly showHints?: boolean;
  readonly onDone: () => void;
  readonly onRetry: () => void;
  readonly onDetach: () => void;
  /** Wait again for a request that outlived the wait (or was detached), sending nothing. */
  readonly onKeepWaiting?: () => void;
  /** Back to editing with the draft (absent for a delete). */
  readonly onEdit?: () => void;
  /** Replay the draft onto the server's version and review again. */
  readonly onRebase?: () => void;
}

/** The commands that mean something in each phase (the footer lists only those). */
function progressCommands(props: Pick<OperationProgressProps, 'operation' | 'onEdit' | 'onRebase' | 'serverChange' | 'onKeepWaiting'>): EditorCommand[] {
  const { phase, outcome, status } = props.operation;
  if (phase === 'running') return ['progress.detach'];
  const canWait = props.onKeepWaiting !== undefined && status?.requestToken !== undefined && status.requestToken !== '';
  if (phase === 'detached') return canWait ? ['progress.keep-waiting', 'progress.done'] : ['progress.done'];
  if (phase === 'succeeded' || phase === 'idle') return ['progress.done'];
  const commands: EditorCommand[] = [];
  const changed = !outcome?.ok && isChangedOnServer(outcome?.error);
  // A request that outlived the wait may still succeed: sending it again could do it twice.
  const unfinished = !outcome?.ok && outcome?.error.kind === 'timeout';
  if (unfinished) {
    if (canWait) commands.push('progress.keep-waiting');
  } else if (changed) {
    if (props.onRebase && props.serverChange?.status === 'ready') commands.push('progress.rebase');
  } else commands.push('progress.retry');
  if (props.onEdit) commands.push('progress.edit');
  commands.push('progress.done');
  return commands;
}

export function OperationProgress(props: OperationProgressProps) {
  const { title, operation, isActive } = props;
  const tone = useTone();
  const allowed = progressCommands(props);
  // The operation state the last command acted on: a second key that arrives before the screen is
  // redrawn (r r, an impatient Enter) still sees the old state, and must not send the request twice.
  const actedOn = useRef<OperationState | undefined>(undefined);

  useInput(
    (input, key) => {
      const command = resolveEditorCommand('progress', input, key);
      if (command === undefined || !allowed.includes(command) || actedOn.current === operation) return;
      actedOn.current = operation;
      if (command === 'progress.done') props.onDone();
      else if (command === 'progress.retry') props.onRetry();
      else if (command === 'progress.keep-waiting') props.onKeepWaiting?.();
      else if (command === 'progress.detach') props.onDetach();
      else if (command === 'progress.edit') props.onEdit?.();
      else if (command === 'progress.rebase') props.onRebase?.();
    },
    { isActive },
  );

  const status = operation.status;
  const token = status?.requestToken ? `request ${sanitizeLine(status.requestToken)}` : operation.clientToken ? `client token ${operation.clientToken}` : '';
  const facts = [sanitizeLine(status?.status ?? 'SENDING'), formatElapsed(operation.elapsedMs), token, operation.run > 1 ? `attempt ${operation.run}` : ''].filter((x) => x !== '').join(' · ');
  const outcome = operation.outcome;
  const error = outcome && !outcome.ok ? outcome.error : undefined;
  const changedOnServer = isChangedOnServer(error);

  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      {operation.phase === 'running' ? (
        <Box>
          <Spinner label={facts} />
        </Box>
      ) : (
        <Text wrap="truncate-end" {...tone('muted')}>
          {facts}
        </Text>
      )}
      {status?.note ? <Text wrap="wrap">{sanitizeLine(status.note)}</Text> : null}
      {status?.statusMessage && operation.phase === 'running' ? <Text wrap="wrap" {...tone('muted')}>{sanitizeLine(status.statusMessage)}</Text> : null}
      {operation.phase === 'succeeded' ? (
        <Text {...tone('success')}>✓ {props.successText ?? 'Done'}{outcome?.ok && outcome.status.note ? ` — ${sanitizeLine(outcome.status.note)}` : ''}</Text>
      ) : null}
      {operation.phase === 'succeeded' && outcome?.ok
        ? (outcome.warnings ?? []).map((warning, i) => (
            <Text key={`w${i}`} wrap="wrap" {...tone('warning')}>
              ! {sanitizeLine(warning)}
            </Text>
          ))
        : null}
      {operation.phase === 'detached' ? (
        <Text wrap="wrap">◌ Stopped waiting. The request goes on{status?.requestToken ? ` (${sanitizeLine(status.requestToken)})` : ''}; the operations view (o) shows how it ends.</Text>
      ) : null}
      {operation.phase === 'failed' && error && changedOnServer ? <ChangedOnServer serverChange={props.serverChange} /> : null}
      {operation.phase === 'failed' && error && !changedOnServer ? (
        <Box flexDirection="column">
          <Text {...tone('error')}>✗ {error.kind === 'validation' ? 'Refused before sending' : 'It did not work'}</Text>
          {failureLines(error).map((line, i) => (
            <Text key={i} wrap="wrap">
              {line}
            </Text>
          ))}
          {props.onEdit ? <Text>Your draft is kept.</Text> : null}
        </Box>
      ) : null}
      {props.showHints === false ? null : <Footer hints={editorFooterHints('progress', allowed)} />}
    </Box>
  );
}

function ChangedOnServer({ serverChange }: { readonly serverChange: ServerChange | undefined }) {
  const tone = useTone();
  return (
    <Box flexDirection="column">
      <Text {...tone('error')}>✗ Someone changed this profile on the server since you opened it. Nothing was overwritten.</Text>
      {serverChange === undefined || serverChange.status === 'loading' ? <Text {...tone('muted')}>… reading the server’s version</Text> : null}
      {serverChange?.status === 'error' ? <Text>Could not read the server’s version: {sanitizeLine(serverChange.message)}</Text> : null}
      {serverChange?.status === 'ready' ? (
        <Box flexDirection="column">
          <Text>What changed there:</Text>
          {serverChange.theirChanges.length === 0 ? <Text {...tone('muted')}>  (nothing visible: only the order or timestamps)</Text> : null}
          {serverChange.theirChanges.map((c, i) => (
            <Text key={i} wrap="truncate-end">
              {'  '}
              {c.label}
            </Text>
          ))}
          {serverChange.conflicts.length > 0 ? (
            <Text {...tone('warning')}>! Changed on both sides (your value would be kept): {serverChange.conflicts.join(', ')}</Text>
          ) : null}
          <Text>Your draft is kept. b applies it onto the server’s version and shows the review again.</Text>
        </Box>
      ) : null}
    </Box>
  );
}
