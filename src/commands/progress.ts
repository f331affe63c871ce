// Mutations wait for their request to end and narrate it on stderr, one line per status change, so a
// script's stdout holds only the result.
import type { OperationOutcome, RequestStatus, TrackedOperation } from '../aws/index.js';
import { SpexError } from '../domain/service/errors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { Io } from '../io.js';

export function statusLine(status: RequestStatus): string {
  const parts = [`${status.operation} ${status.status}`];
  if (status.requestToken) parts.push(`request ${status.requestToken}`);
  if (status.handlerErrorCode) parts.push(status.handlerErrorCode);
  if (status.statusMessage) parts.push(status.statusMessage);
  if (status.note) parts.push(status.note);
  return sanitizeLine(parts.join(' · '));
}

/** Waits for the operation; returns the successful outcome or throws its error as a SpexError. Warnings go to stderr. */
export async function waitForOperation(io: Io, operation: TrackedOperation): Promise<Extract<OperationOutcome, { ok: true }>> {
  const unsubscribe = operation.onStatus((status) => io.stderr.write(`${statusLine(status)}\n`));
  try {
    const outcome = await operation.done;
    if (!outcome.ok) throw new SpexError(outcome.error);
    for (const warning of outcome.warnings ?? []) io.stderr.write(`spex: warning: ${sanitizeLine(warning)}\n`);
    return outcome;
  } finally {
    unsubscribe();
  }
}

export interface Progress {
  step(): void;
  done(): void;
}

/**
 * `what 3/12` on stderr: redrawn in place on a terminal, otherwise one line at the start and one at
 * the end, so a log stays short.
 */
export function createProgress(io: Io, what: string, total: number, timeLeft?: (remaining: number) => string | undefined): Progress {
  let count = 0;
  const tty = io.stderr.isTTY === true;
  const line = (): string => {
    const left = count < total ? timeLeft?.(total - count) : undefined;
    return `spex: ${what} ${count}/${total}${left ? ` · ${left}` : ''}`;
  };
  io.stderr.write(tty ? line() : `${line()}\n`);
  return {
    step() {
      count += 1;
      if (tty) io.stderr.write(`\r\x1b[K${line()}`);
    },
    done() {
      io.stderr.write(tty ? '\n' : `${line()}\n`);
    },
  };
}
