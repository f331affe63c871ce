// The state and I/O of one delete (see app/sessions/delete-session.tsx for the view): the step
// (state/edit-session.ts#deleteStepReducer), the request followed to its end, and telling the shell once
// the profile is gone.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { CallOptions, HolderList, OperationOptions, TrackedOperation } from '../aws/types.js';
import type { OperationOutcome } from '../domain/service/operations.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { deleteStepReducer } from '../state/edit-session.js';
import type { OperationLog } from '../state/operation-log.js';
import { useOperation } from './use-operation.js';
import { useRemote } from './use-remote.js';

export interface DeleteSessionProps {
  readonly name: string;
  readonly arn: string;
  readonly permissionCount?: number;
  readonly log?: OperationLog;
  /** `(options) => service.deleteProfile(arn, options)`. */
  readonly remove: (options: OperationOptions) => TrackedOperation;
  /**
   * Who holds the profile, asked fresh when the guard opens (`service.listHolders`): a profile that
   * users hold is refused before anything is sent. Without it, Connect decides.
   */
  readonly holders?: (options: CallOptions) => Promise<HolderList>;
  /** Follows an existing request (`service.trackRequest`), to keep waiting without sending again. */
  readonly track?: (requestToken: string, options: OperationOptions) => TrackedOperation;
  readonly isActive: boolean;
  /** The profile is gone: drop the row, say so in the status line. */
  readonly onDeleted: (outcome: Extract<OperationOutcome, { ok: true }>) => void;
  readonly onClose: () => void;
  /** Users hold it: `m` moves them to another profile and then deletes it (one reviewed batch). */
  readonly onMoveThenDelete?: () => void;
}

export function useDeleteSession(props: DeleteSessionProps) {
  const { name, log, remove, onDeleted, holders } = props;
  const check = useRemote(holders === undefined ? undefined : (signal) => holders({ signal }), [holders]);
  const [step, dispatchStep] = useReducer(deleteStepReducer, { kind: 'confirming' });
  const operation = useOperation(log ? { log } : {});
  const reported = useRef(false);
  const shown = sanitizeLine(name);

  useEffect(() => {
    if (operation.phase === 'succeeded' && operation.outcome?.ok && !reported.current) {
      reported.current = true;
      onDeleted(operation.outcome);
    }
  }, [operation.phase, operation.outcome, onDeleted]);

  const { start } = operation;
  const confirm = useCallback(() => {
    if (step.kind !== 'confirming') return;
    dispatchStep({ type: 'delete-step/confirm' });
    start(remove, `Delete “${shown}”`);
  }, [step.kind, start, remove, shown]);

  return { step, operation, shown, confirm, check };
}
