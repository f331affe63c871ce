// This run's create/update/delete requests (one spex process), for the operations view and for the report on quit
// ("still running: request …"). A small observable list; no React, no I/O.
import { isTerminalStatus, type OperationKind, type OperationOutcome, type RequestStatus } from '../domain/service/operations.js';
import { sanitizeLine } from '../domain/text/sanitize.js';

export interface LoggedOperation {
  /** One per user action (stays the same across a retry that reuses the client token). */
  id: number;
  kind: OperationKind;
  /** What the user did, in words: `Save “Ops”`, `Delete “Night shift”`. */
  label: string;
  clientToken: string;
  /** Epoch milliseconds. */
  startedAt: number;
  status?: RequestStatus;
  outcome?: OperationOutcome | undefined;
  /** True once the user stopped waiting for it. */
  isDetached?: boolean;
  /** The instance it was sent to. */
  instanceArn?: string;
  /** Part of an apply, a promotion or a batch of this session: which, in words ("apply acme.yaml"). */
  batch?: string;
}

export interface OperationLog {
  readonly list: () => readonly LoggedOperation[];
  add(entry: Omit<LoggedOperation, 'id'>): LoggedOperation;
  update(id: number, patch: Partial<Omit<LoggedOperation, 'id'>>): void;
  /** Requests not known to have ended: what to report when spex quits. */
  inFlight(): LoggedOperation[];
  readonly subscribe: (listener: () => void) => () => void;
}


export function createOperationLog(): OperationLog {
  let entries: LoggedOperation[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const emit = (): void => {
    for (const l of [...listeners]) l();
  };
  return {
    list: () => entries,
    add(entry) {
      const added = { ...entry, id: nextId++ };
      entries = [...entries, added];
      emit();
      return added;
    },
    update(id, patch) {
      entries = entries.map((e) => (e.id === id ? { ...e, ...patch } : e));
      emit();
    },
    inFlight: () => entries.filter((e) => e.status !== undefined && e.status.requestToken !== '' && !isTerminalStatus(e.status.status) && e.outcome?.status?.status !== 'SUCCESS'),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** One line per request still running, for the message printed when spex quits (token and status are the server's). */
export function inFlightReport(log: OperationLog): string[] {
  return log
    .inFlight()
    .map((e) => sanitizeLine(`${e.label}: request ${e.status?.requestToken ?? '?'} was still ${e.status?.status ?? 'PENDING'} (see \`spex requests\`)`));
}

/** The instance an ARN (a profile's, a request's identifier) belongs to. */
export function instanceArnOf(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : /^(arn:[^:]+:connect:[^:]*:[^:]*:instance\/[^/]+)/.exec(arn)?.[1];
}
