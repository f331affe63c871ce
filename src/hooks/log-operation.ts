// The operation log (the operations view, the report on quit) learns of the writes a session sends in
// bulk: applying a file, a promotion, a bulk change, a rename's create and delete. Each goes through a
// service whose create, update and delete are logged with the batch they are part of and the instance.
import type { RegionService, TrackedOperation } from '../aws/types.js';
import type { OperationLog } from '../state/operation-log.js';

/** Logs one tracked operation from its start to its end. */
export function logTracked(log: OperationLog, op: TrackedOperation, entry: { label: string; batch: string; instanceArn: string | undefined }): TrackedOperation {
  const current = op.current();
  const { id } = log.add({ kind: op.kind, label: entry.label, clientToken: op.clientToken, startedAt: Date.now(), batch: entry.batch, ...(entry.instanceArn ? { instanceArn: entry.instanceArn } : {}), ...(current ? { status: current } : {}) });
  const off = op.onStatus((status) => log.update(id, { status, clientToken: op.clientToken }));
  void op.done.then((outcome) => {
    off();
    log.update(id, { outcome, ...(outcome.status ? { status: outcome.status } : {}) });
  });
  return op;
}

const instanceOf = (arn: string | undefined): string | undefined => arn?.replace(/\/security-profile\/.*$/, '');

/** The service, its profile writes logged as part of `batch` ("apply acme.yaml"); without a log, the service itself. */
export function loggedService(service: RegionService, log: OperationLog | undefined, batch: string): RegionService {
  if (log === undefined) return service;
  return {
    ...service,
    createProfile: (draft, options) => logTracked(log, service.createProfile(draft, options), { label: `Create “${draft.SecurityProfileName}”`, batch, instanceArn: draft.InstanceArn }),
    updateProfile: (arn, base, draft, options) => logTracked(log, service.updateProfile(arn, base, draft, options), { label: `Save “${base.SecurityProfileName}”`, batch, instanceArn: instanceOf(arn) }),
    deleteProfile: (arn, options) => logTracked(log, service.deleteProfile(arn, options), { label: `Delete “${options?.current?.SecurityProfileName ?? arn.slice(arn.lastIndexOf('/') + 1)}”`, batch, instanceArn: instanceOf(arn) }),
  };
}
