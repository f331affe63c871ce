import { describe, expect, it } from 'vitest';
import type { RequestStatus } from '../../src/domain/service/operations.js';
import type { LoggedOperation } from '../../src/state/operation-log.js';
import { operationRows } from '../../src/state/operation-rows.js';

const failed: RequestStatus = {
  requestToken: 'req-1',
  operation: 'DELETE',
  status: 'FAILED',
  handlerErrorCode: 'InvalidRequest',
  statusMessage: 'Resource in use: security profile p cannot be deleted (ResourceInUseException)',
  eventTime: 1000,
};

describe('operationRows', () => {
  it("a failed request of this run is described in spex's words; one only Cloud Control reports, in its own", () => {
    const op: LoggedOperation = {
      id: 1,
      kind: 'DELETE',
      label: 'Delete “Tier 1”',
      clientToken: 'ct',
      startedAt: 1000,
      status: failed,
      outcome: { ok: false, status: failed, error: { kind: 'conflict', explained: true, message: 'The profile is assigned to users, and Connect will not delete a profile that users hold; nothing was deleted.' } },
    };
    const [mine, theirs] = operationRows([op], [failed, { ...failed, requestToken: 'req-2' }]);
    expect(mine).toMatchObject({ isThisRun: true, error: 'The profile is assigned to users, and Connect will not delete a profile that users hold; nothing was deleted.' });
    expect(theirs).toMatchObject({ isThisRun: false, error: 'InvalidRequest: Resource in use: security profile p cannot be deleted (ResourceInUseException)' });
  });

  it('says the instance of each request (its alias where known) and which apply, promotion or batch a request was part of', () => {
    const instance = 'arn:aws:connect:us-east-1:123456789012:instance/aaaa-1111';
    const other = 'arn:aws:connect:eu-west-2:123456789012:instance/bbbb-2222';
    const op: LoggedOperation = { id: 1, kind: 'UPDATE', label: 'Save “Agent”', clientToken: 'ct', startedAt: 1, instanceArn: instance, batch: 'apply acme.yaml' };
    const reported: RequestStatus = { requestToken: 'req-9', operation: 'UPDATE', status: 'SUCCESS', identifier: `${other}/security-profile/p1`, eventTime: 2 };
    const names = (arn: string) => (arn === instance ? 'acme-support' : arn.slice(arn.lastIndexOf('/') + 1));
    const [mine, theirs] = operationRows([op], [reported], names);
    expect(mine).toMatchObject({ instance: 'acme-support', batch: 'apply acme.yaml', isThisRun: true });
    expect(theirs).toMatchObject({ instance: 'bbbb-2222', isThisRun: false });
    expect(theirs!.batch).toBeUndefined();
  });
});
