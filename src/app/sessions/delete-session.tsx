// A delete from the guard to the end: who holds the profile is asked first (a profile that users hold
// is refused before anything is sent, naming them), then the typed-name confirmation, then the same
// tracking as a save; a delete Connect refuses all the same says why and offers a retry.
import { Box, Text } from 'ink';
import { useInput } from '../../components/input-gate.js';
import { holdersRefusal, isHeld } from '../../domain/access/holders.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { type DeleteSessionProps, useDeleteSession } from '../../hooks/use-delete-session.js';
import { ConfirmDelete } from '../../components/confirm-delete.js';
import { LoadingMessage } from '../../components/message.js';
import { OperationProgress } from '../../components/operation/operation-progress.js';
import { useTone } from '../../components/theme.js';
import { useProductionGate } from '../../hooks/production.js';
import { ProductionQuestion } from '../../components/production-question.js';

export type { DeleteSessionProps } from '../../hooks/use-delete-session.js';

export function DeleteSession(props: DeleteSessionProps) {
  const { name, arn, permissionCount, isActive, onClose } = props;
  const { step, operation, shown, confirm, check } = useDeleteSession(props);
  const tone = useTone();
  const gate = useProductionGate();
  useInput(
    (input, key) => {
      if (input === 'y') gate.pass(confirm);
      else if (key.escape) onClose();
    },
    { isActive: isActive && gate.isArmed && step.kind !== 'deleting' },
  );
  const held = check.status === 'success' && isHeld(check.data) ? check.data.holders : undefined;
  const agents = check.status === 'success' ? (check.data.agents ?? []) : [];
  useInput(
    (input, key) => {
      if (key.escape || key.return) onClose();
      else if (input === 'm' && held !== undefined) props.onMoveThenDelete?.();
    },
    { isActive: isActive && (held !== undefined || check.status === 'loading') },
  );
  if (check.status === 'loading') return <LoadingMessage text={`Checking who holds “${shown}” before anything is sent… (Esc cancels)`} />;
  if (held !== undefined) {
    return (
      <Box flexDirection="column" borderStyle="round" paddingX={1}>
        <Text {...tone('error')}>Cannot delete “{shown}”: {held.length > 0 ? 'users' : 'AI agents'} hold it. Nothing was sent.</Text>
        <Text wrap="wrap">{sanitizeLine(holdersRefusal(name, held, 10, agents))}</Text>
        {props.onMoveThenDelete ? <Text>m: move them to another profile, then delete “{shown}” (one batch, reviewed first)</Text> : null}
        <Text {...tone('muted')}>Esc closes; u on the profile lists every holder.</Text>
      </Box>
    );
  }
  // Nobody could say who holds it: the guard says so, and Connect decides.
  const caveat =
    check.status === 'error'
      ? `Could not check who holds it (${sanitizeLine(check.error.message)}); Connect refuses the delete if anyone does.`
      : check.status === 'success' && !check.data.complete
        ? `Who holds it is unknown (${sanitizeLine(check.data.note ?? 'the user list cannot be trusted')}); Connect refuses the delete if anyone does.`
        : undefined;

  return (
    <Box flexDirection="column">
      {step.kind === 'deleting' ? (
        <OperationProgress
          title={`Deleting “${shown}”`}
          successText={`Deleted “${shown}” (${sanitizeLine(arn)})`}
          operation={operation}
          isActive={isActive}
          onDone={onClose}
          onRetry={operation.retry}
          onDetach={operation.detach}
          {...(props.track ? { onKeepWaiting: () => operation.keepWaiting(props.track!) } : {})}
        />
      ) : (
        <>
          {caveat !== undefined ? <Text {...tone('warning')} wrap="wrap">! {caveat}</Text> : null}
          {gate.isArmed ? <ProductionQuestion label={gate.label} what={`delete “${shown}”`} /> : null}
          <ConfirmDelete
            name={name}
            arn={arn}
            {...(permissionCount !== undefined ? { permissionCount } : {})}
            isActive={isActive && !gate.isArmed}
            onCancel={onClose}
            onConfirm={() => gate.pass(confirm)}
          />
        </>
      )}
    </Box>
  );
}
