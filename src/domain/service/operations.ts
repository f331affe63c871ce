// Cloud Control requests in domain form: what a create, update or delete is, how far it got and how it
// ended. Shared by the service layer (which produces them) and the views (which show them). Pure types.
import type { DomainError } from './errors.js';
import type { SecurityProfile } from '../profile/security-profile.js';

export type OperationKind = 'CREATE' | 'UPDATE' | 'DELETE';
export type OperationStatusValue =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESS'
  | 'FAILED'
  | 'CANCEL_IN_PROGRESS'
  | 'CANCEL_COMPLETE';

/** A Cloud Control ProgressEvent in domain form. */
export interface RequestStatus {
  requestToken: string;
  operation: OperationKind;
  status: OperationStatusValue;
  typeName?: string;
  identifier?: string;
  /** Epoch milliseconds. */
  eventTime?: number;
  statusMessage?: string;
  handlerErrorCode?: string;
  /** Epoch milliseconds: when the server suggests polling again. */
  retryAfter?: number;
  resourceModel?: SecurityProfile;
  /** spex's own note on this status, e.g. a throttled request being retried as a new one. */
  note?: string;
  /** Which request of the same user action this is (2 after one retry); absent for the first. */
  attempt?: number;
}

export type OperationOutcome =
  | {
      ok: true;
      status: RequestStatus;
      identifier?: string;
      /** After a create or update: the profile as re-read from the service (what it really holds). */
      model?: SecurityProfile;
      /** Things the user must know although it succeeded (the re-read differs from what was asked, …). */
      warnings?: string[];
    }
  | { ok: false; status?: RequestStatus; error: DomainError };


/** The statuses a request does not leave. */
export const TERMINAL_STATUSES: readonly OperationStatusValue[] = ['SUCCESS', 'FAILED', 'CANCEL_COMPLETE'];

export function isTerminalStatus(status: OperationStatusValue | (string & NonNullable<unknown>)): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}
