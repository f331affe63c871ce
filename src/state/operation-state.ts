// What a view shows of one create/update/delete followed to its end (the hook useOperation keeps it).
import type { OperationKind, OperationOutcome, RequestStatus } from '../domain/service/operations.js';
import type { ProfileChange } from '../domain/profile/profile-diff.js';

export type OperationPhase = 'idle' | 'running' | 'succeeded' | 'failed' | 'detached';

export interface OperationState {
  readonly phase: OperationPhase;
  readonly kind?: OperationKind;
  readonly label?: string;
  /** The latest status Cloud Control reported. */
  readonly status?: RequestStatus;
  readonly clientToken?: string;
  readonly elapsedMs: number;
  readonly outcome?: OperationOutcome;
  /** 1 for the first run of an action, 2 after one retry… */
  readonly run: number;
}

/** After a save refused because the profile changed on the server: what changed there, once read. */
export type ServerChange =
  | { status: 'loading' }
  | { status: 'ready'; theirChanges: readonly ProfileChange[]; conflicts: readonly string[] }
  | { status: 'error'; message: string };

/** The recent requests Cloud Control reports, as the operations view shows them. */
export type RecentRequests =
  | { status: 'loading' }
  | { status: 'loaded'; requests: readonly RequestStatus[] }
  | { status: 'error'; message: string };
