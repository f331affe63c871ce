// Mutations wait for their request to end and narrate it on stderr, one line per status change, so a
// script's stdout holds only the result.
import type { OperationOutcome, RequestStatus, TrackedOperation } from '../cloudcontrol/index.js';
import { SpexError } from '../domain/errors.js';
import { sanitizeLine } from '../domain/sanitize.js';
import type { Io } from '../io.js';

export function statusLine(status: RequestStatus): string {
  const parts = [`${status.operation} ${status.status}`];
  if (status.requestToken) parts.push(`request ${status.requestToken}`);
  if (status.handlerErrorCode) parts.push(status.handlerErrorCode);
  if (status.statusMessage) parts.push(status.statusMessage);
  if (status.note) parts.push(status.note);
  return sanitizeLine(parts.join(' · '));
}

/** Waits for the operation; returns the successful outcome or throws its error as a SpexError. */
export async function waitForOperation(io: Io, operation: TrackedOperation): Promise<Extract<OperationOutcome, { ok: true }>> {
  const unsubscribe = operation.onStatus((status) => io.stderr.write(`${statusLine(status)}\n`));
  try {
    const outcome = await operation.done;
    if (!outcome.ok) throw new SpexError(outcome.error);
    return outcome;
  } finally {
    unsubscribe();
  }
}
