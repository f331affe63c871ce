// A delete from the guard to the end: the typed-name confirmation, then the same tracking as a save;
// a refused delete (the profile is still assigned to users) says why and offers a retry.
import { Box } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { OperationOptions, TrackedOperation } from '../../cloudcontrol/types.js';
import type { OperationOutcome } from '../../domain/operations.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { OperationLog } from '../../state/operation-log.js';
import { useOperation } from '../../hooks/use-operation.js';
import { ConfirmDelete } from '../../components/confirm-delete.js';
import { OperationProgress } from '../../components/operation/operation-progress.js';

export interface DeleteSessionProps {
  readonly name: string;
  readonly arn: string;
  readonly permissionCount?: number;
  readonly log?: OperationLog;
  /** `(options) => service.deleteProfile(arn, options)`. */
  readonly remove: (options: OperationOptions) => TrackedOperation;
  /** Follows an existing request (`service.trackRequest`), to keep waiting without sending again. */
  readonly track?: (requestToken: string, options: OperationOptions) => TrackedOperation;
  readonly isActive: boolean;
  /** The profile is gone: drop the row, say so in the status line. */
  readonly onDeleted: (outcome: Extract<OperationOutcome, { ok: true }>) => void;
  readonly onClose: () => void;
}

export function DeleteSession(props: DeleteSessionProps) {
  const { name, arn, permissionCount, log, remove, isActive, onDeleted, onClose } = props;
  const [confirmed, setConfirmed] = useState(false);
  const operation = useOperation(log ? { log } : {});
  const reported = useRef(false);
  const shown = sanitizeLine(name);

  useEffect(() => {
    if (operation.phase === 'succeeded' && operation.outcome?.ok && !reported.current) {
      reported.current = true;
      onDeleted(operation.outcome);
    }
  }, [operation.phase, operation.outcome, onDeleted]);

  return (
    <Box flexDirection="column">
      {confirmed ? (
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
          onConfirm={() => {
            setConfirmed(true);
            operation.start(remove, `Delete “${shown}”`);
          }}
        />
      )}
    </Box>
  );
}
