// How any thrown value becomes a DomainError the views can render.
import { isSpexError, type DomainError } from '../domain/service/errors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';

export type { Remote } from '../state/remote.js';

export function domainErrorOf(error: unknown): DomainError {
  if (isSpexError(error)) return error.error;
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'service', message: sanitizeLine(message) };
}

/** True for the rejection an aborted request produces (nothing to show: the user moved on). */
export function isAbort(error: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return true;
  return isSpexError(error) && error.error.kind === 'cancelled';
}
