// The operations view's rows: this session's requests first (newest first), then the recent ones
// Cloud Control reports that this session did not make. Pure.
import type { OperationKind, OperationStatusValue, RequestStatus } from '../domain/service/operations.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { instanceArnOf, type LoggedOperation } from './operation-log.js';
import { handlerErrorWords } from './operation-text.js';

export interface OperationRow {
  key: string;
  requestToken?: string;
  operation: OperationKind;
  status: OperationStatusValue | 'SENDING' | 'REFUSED';
  /** The profile: its name when known, else the id at the end of its ARN. */
  subject: string;
  /** The instance it was sent to: its alias where known, else its id ('' when unknown). */
  instance: string;
  /** Part of an apply, a promotion or a batch of this session: which. */
  batch?: string;
  /** Epoch milliseconds of the last event. */
  at?: number;
  error?: string;
  /** Made by this run of spex (the operation log), not only reported by Cloud Control. */
  isThisRun: boolean;
  /** Cloud Control cancels only requests that have not ended (and not every one even then). */
  canCancel: boolean;
}

const RUNNING = new Set<string>(['PENDING', 'IN_PROGRESS']);

function subjectOf(status: RequestStatus | undefined, fallback: string): string {
  const name = status?.resourceModel?.SecurityProfileName;
  if (name) return sanitizeLine(name);
  const id = status?.identifier;
  return id ? sanitizeLine(id.slice(id.lastIndexOf('/') + 1)) : fallback;
}

function errorOf(status: RequestStatus | undefined): string | undefined {
  if (!status || status.status !== 'FAILED') return undefined;
  const code = status.handlerErrorCode;
  const words = handlerErrorWords(code) ?? '';
  return sanitizeLine([code, status.statusMessage ?? words].filter(Boolean).join(': '));
}

export function operationRows(session: readonly LoggedOperation[], recent: readonly RequestStatus[], instanceName: (instanceArn: string) => string = (arn) => arn.slice(arn.lastIndexOf('/') + 1)): OperationRow[] {
  const where = (arn: string | undefined): string => (arn === undefined ? '' : sanitizeLine(instanceName(arn)));
  const rows: OperationRow[] = [];
  const seen = new Set<string>();
  for (const op of [...session].reverse()) {
    // The log's status may lag the list's: take the newer of the two.
    const listed = op.status?.requestToken ? recent.find((r) => r.requestToken === op.status!.requestToken) : undefined;
    const status = listed && (listed.eventTime ?? 0) >= (op.status?.eventTime ?? 0) ? listed : (op.outcome?.status ?? op.status);
    if (status?.requestToken) seen.add(status.requestToken);
    const refused = op.outcome && !op.outcome.ok && !status;
    rows.push({
      key: `s${op.id}`,
      ...(status?.requestToken ? { requestToken: status.requestToken } : {}),
      operation: op.kind,
      status: refused ? 'REFUSED' : (status?.status ?? 'SENDING'),
      subject: sanitizeLine(op.label),
      instance: where(op.instanceArn ?? instanceArnOf(status?.identifier) ?? status?.resourceModel?.InstanceArn),
      ...(op.batch !== undefined ? { batch: sanitizeLine(op.batch) } : {}),
      at: status?.eventTime ?? op.startedAt,
      // This run's own outcome says it in spex's words (an in-use delete, a throttle), not the raw code.
      ...(op.outcome && !op.outcome.ok && (refused || status?.status === 'FAILED') ? { error: sanitizeLine(op.outcome.error.message) } : errorOf(status) ? { error: errorOf(status)! } : {}),
      isThisRun: true,
      canCancel: status !== undefined && RUNNING.has(status.status),
    });
  }
  const others = recent.filter((r) => !seen.has(r.requestToken)).sort((a, b) => (b.eventTime ?? 0) - (a.eventTime ?? 0));
  for (const r of others) {
    rows.push({
      key: `r${r.requestToken}`,
      requestToken: r.requestToken,
      operation: r.operation,
      status: r.status,
      subject: subjectOf(r, '?'),
      instance: where(instanceArnOf(r.identifier) ?? r.resourceModel?.InstanceArn),
      ...(r.eventTime !== undefined ? { at: r.eventTime } : {}),
      ...(errorOf(r) ? { error: errorOf(r)! } : {}),
      isThisRun: false,
      canCancel: RUNNING.has(r.status),
    });
  }
  return rows;
}
