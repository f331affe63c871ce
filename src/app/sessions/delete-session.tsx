// A delete from the guard to the end: the typed-name confirmation, then the same tracking as a save;
// a refused delete (the profile is still assigned to users) says why and offers a retry.
import { Box } from 'ink';
import { sanitizeLine } from '../../domain/sanitize.js';
import { type DeleteSessionProps, useDeleteSession } from '../../hooks/use-delete-session.js';
import { ConfirmDelete } from '../../components/confirm-delete.js';
import { OperationProgress } from '../../components/operation/operation-progress.js';

export type { DeleteSessionProps } from '../../hooks/use-delete-session.js';

export function DeleteSession(props: DeleteSessionProps) {
  const { name, arn, permissionCount, isActive, onClose } = props;
  const { step, operation, shown, confirm } = useDeleteSession(props);

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
        <ConfirmDelete
          name={name}
          arn={arn}
          {...(permissionCount !== undefined ? { permissionCount } : {})}
          isActive={isActive}
          onCancel={onClose}
          onConfirm={confirm}
        />
      )}
    </Box>
  );
}
