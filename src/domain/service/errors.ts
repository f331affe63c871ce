// One error type for everything the UI and the headless commands render. The cloudcontrol layer maps
// SDK exceptions and FAILED progress events into it; nothing above that layer sees an SDK error.

export type DomainErrorKind =
  | 'validation' // bad input, caught before anything was sent
  | 'not-found'
  | 'access-denied'
  | 'credentials' // missing or expired credentials
  | 'throttled' // throttling that outlived the retries
  | 'network' // endpoint unreachable, connection dropped, timeout
  | 'conflict' // ConcurrentOperation, ClientTokenConflict, ResourceConflict, failed `test` op
  | 'not-updatable'
  | 'operation-failed' // an async request ended FAILED (handlerErrorCode says why)
  | 'timeout' // waited longer than the caller allowed for an async request
  | 'cancelled' // aborted by the user
  | 'read-only' // refused because spex runs with --read-only
  | 'service'; // any other service error

export interface DomainError {
  kind: DomainErrorKind;
  /** A sentence a person can act on. Already free of terminal control sequences. */
  message: string;
  /** SDK exception name or wire error code, when there was one. */
  code?: string;
  /** Cloud Control HandlerErrorCode of a FAILED request. */
  handlerErrorCode?: string;
  requestToken?: string;
  /** For validation errors: the field (JSON pointer-ish path such as `Tags/0/Key`) and rule. */
  field?: string;
  rule?: string;
  /** True when retrying the same action may succeed. */
  retryable?: boolean;
  /**
   * The message already says what happened in other words than the handler code's (a throttle or an
   * in-use refusal that came as GeneralServiceException or InvalidRequest): the code's generic
   * sentence would mislead.
   */
  explained?: boolean;
}

export class SpexError extends Error {
  readonly error: DomainError;
  constructor(error: DomainError) {
    super(error.message);
    this.name = 'SpexError';
    this.error = error;
  }
}

export function isSpexError(value: unknown): value is SpexError {
  return value instanceof SpexError;
}
