import {
  CreateResourceCommand,
  DeleteResourceCommand,
  InvalidRequestException,
  NotUpdatableException,
  ResourceNotFoundException,
  GetResourceRequestStatusCommand,
  UnsupportedActionException,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import { describe, expect, it } from 'vitest';
import { HIERARCHY_GROUP_TYPE, INSTANCE_TYPE } from '../../src/domain/security-profile.js';
import {
  demoInstanceArn,
  demoProfileArn,
} from '../../src/emulator/index.js';
import {
  clientFor,
  createAndWait,
  desired,
  emulatorPerTest,
  errorOf,
  patch,
  PROFILE,
  waitForRequest,
} from './helpers.js';

const emulator = emulatorPerTest();

const create = (extra: Record<string, unknown> = {}, clientToken?: string) => createAndWait(emulator, extra, clientToken);

describe('create, update, delete', () => {
  it('creates through IN_PROGRESS to SUCCESS, with the identifier once known', async () => {
    const { started, done } = await create();
    expect(started).toMatchObject({ Operation: 'CREATE', OperationStatus: 'IN_PROGRESS', TypeName: PROFILE });
    expect(started.EventTime).toBeInstanceOf(Date);
    expect(Math.abs(started.EventTime!.getTime() - Date.now())).toBeLessThan(5000);
    expect(done.OperationStatus).toBe('SUCCESS');
    expect(done.Identifier).toMatch(/\/security-profile\//);
    const model = emulator.getModel('us-east-1', PROFILE, done.Identifier!);
    expect(model).toMatchObject({ SecurityProfileName: 'Night Desk', LastModifiedRegion: 'us-east-1', SecurityProfileArn: done.Identifier });
  });

  it('stays IN_PROGRESS for the async delay', async () => {
    emulator.setFaults({ asyncDelayMs: 150 });
    const client = clientFor(emulator);
    const t0 = Date.now();
    const started = await client.send(new CreateResourceCommand({ TypeName: PROFILE, DesiredState: desired() }));
    const status = await client.send(new GetResourceRequestStatusCommand({ RequestToken: started.ProgressEvent!.RequestToken }));
    expect(status.ProgressEvent?.OperationStatus).toBe('IN_PROGRESS');
    const done = await waitForRequest(client, started.ProgressEvent!.RequestToken!);
    expect(done.OperationStatus).toBe('SUCCESS');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('updates with an RFC 6902 patch and bumps LastModifiedTime/Region', async () => {
    const arn = demoProfileArn('Tier 2 Escalations');
    const before = emulator.getModel('us-east-1', PROFILE, arn)!;
    const client = clientFor(emulator);
    const started = await client.send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: arn, PatchDocument: patch(
      { op: 'test', path: '/Description', value: before.Description },
      { op: 'replace', path: '/Description', value: 'Escalations, all hours' },
      { op: 'add', path: '/Permissions/-', value: 'Users.View' },
      { op: 'copy', from: '/Tags/0', path: '/AllowedAccessControlTags' },
      { op: 'move', from: '/AllowedAccessControlTags', path: '/Scratch' },
      { op: 'remove', path: '/Scratch' },
    ) }));
    expect(started.ProgressEvent).toMatchObject({ Operation: 'UPDATE', Identifier: arn, OperationStatus: 'IN_PROGRESS' });
    const done = await waitForRequest(client, started.ProgressEvent!.RequestToken!);
    expect(done.OperationStatus).toBe('SUCCESS');
    const after = emulator.getModel('us-east-1', PROFILE, arn)!;
    expect(after.Description).toBe('Escalations, all hours');
    expect(after.Permissions).toContain('Users.View');
    expect(after.LastModifiedTime as number).toBeGreaterThan(before.LastModifiedTime as number);
    expect(JSON.parse(done.ResourceModel!)).toEqual(after);
  });

  it('deletes, and a deleted profile is gone', async () => {
    const { done: created } = await create();
    const client = clientFor(emulator);
    const started = await client.send(new DeleteResourceCommand({ TypeName: PROFILE, Identifier: created.Identifier }));
    expect((await waitForRequest(client, started.ProgressEvent!.RequestToken!)).OperationStatus).toBe('SUCCESS');
    expect(emulator.getModel('us-east-1', PROFILE, created.Identifier!)).toBeUndefined();
  });
});

describe('asynchronous failures', () => {
  it('a duplicate name ends FAILED with AlreadyExists', async () => {
    const { done } = await create({ SecurityProfileName: 'Agent' });
    expect(done).toMatchObject({ OperationStatus: 'FAILED', ErrorCode: 'AlreadyExists' });
    expect(done.StatusMessage).toMatch(/already exists/);
  });

  it('a missing instance ends FAILED with NotFound', async () => {
    const { done } = await create({ InstanceArn: demoInstanceArn().replace(/.{4}$/, '0000') });
    expect(done).toMatchObject({ OperationStatus: 'FAILED', ErrorCode: 'NotFound' });
  });

  it('deleting a profile in use ends FAILED with ResourceConflict, and it stays', async () => {
    const client = clientFor(emulator);
    const arn = demoProfileArn('Tier 1 Support');
    const started = await client.send(new DeleteResourceCommand({ TypeName: PROFILE, Identifier: arn }));
    const done = await waitForRequest(client, started.ProgressEvent!.RequestToken!);
    expect(done).toMatchObject({ OperationStatus: 'FAILED', ErrorCode: 'ResourceConflict' });
    expect(done.StatusMessage).toMatch(/in use/);
    expect(emulator.getModel('us-east-1', PROFILE, arn)).toBeDefined();
  });

  it('deleting a profile that does not exist ends FAILED with NotFound', async () => {
    const client = clientFor(emulator);
    const started = await client.send(new DeleteResourceCommand({ TypeName: PROFILE, Identifier: `${demoInstanceArn()}/security-profile/gone` }));
    expect(await waitForRequest(client, started.ProgressEvent!.RequestToken!)).toMatchObject({ OperationStatus: 'FAILED', ErrorCode: 'NotFound' });
  });

  it.each(['AccessDenied', 'AlreadyExists', 'NotFound', 'ResourceConflict', 'InvalidRequest', 'Throttling', 'ServiceInternalError'])(
    'failNext with handler error code %s: the request ends FAILED with it and nothing changes',
    async (code) => {
      const arn = demoProfileArn('Workforce Planning');
      const before = emulator.getModel('us-east-1', PROFILE, arn);
      emulator.failNext('UpdateResource', 1, { handlerErrorCode: code });
      const client = clientFor(emulator);
      const started = await client.send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: arn, PatchDocument: patch({ op: 'add', path: '/Description', value: 'changed' }) }));
      const done = await waitForRequest(client, started.ProgressEvent!.RequestToken!);
      expect(done).toMatchObject({ OperationStatus: 'FAILED', ErrorCode: code });
      expect(done.StatusMessage).toBeTruthy();
      expect(emulator.getModel('us-east-1', PROFILE, arn)).toEqual(before);
      // Only the next call was failed: the same update now succeeds.
      const again = await client.send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: arn, PatchDocument: patch({ op: 'add', path: '/Description', value: 'changed' }) }));
      expect((await waitForRequest(client, again.ProgressEvent!.RequestToken!)).OperationStatus).toBe('SUCCESS');
    },
  );
});

describe('synchronous refusals', () => {
  const arn = (): string => demoProfileArn('Reporting Analysts');
  const update = (document: string) => clientFor(emulator).send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: arn(), PatchDocument: document }));

  it('a create-only path → NotUpdatableException (400)', async () => {
    const error = await errorOf(update(patch({ op: 'replace', path: '/SecurityProfileName', value: 'Renamed' })));
    expect(error).toBeInstanceOf(NotUpdatableException);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/createOnlyProperties \[\/properties\/SecurityProfileName\]/);
  });

  it.each(['/LastModifiedTime', '/SecurityProfileArn', '/LastModifiedRegion'])('a read-only path (%s) → ValidationException', async (path) => {
    const error = await errorOf(update(patch({ op: 'add', path, value: 'x' })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/readOnlyProperties/);
  });

  it('patches are atomic: a failing test or an invalid result changes nothing', async () => {
    const before = emulator.getModel('us-east-1', PROFILE, arn());
    const all = emulator.listModels('us-east-1', PROFILE);
    const failedTest = await errorOf(update(patch(
      { op: 'replace', path: '/Description', value: 'first op ran' },
      { op: 'test', path: '/Description', value: 'something else' },
    )));
    expect(failedTest).toBeInstanceOf(InvalidRequestException);
    expect(failedTest.message).toMatch(/test operation failed/);
    const invalid = await errorOf(update(patch(
      { op: 'replace', path: '/Description', value: 'ok' },
      { op: 'add', path: '/Tags/-', value: { Key: 'aws:reserved', Value: 'x' } },
    )));
    expect(invalid.name).toBe('ValidationException');
    expect(invalid.message).toMatch(/Model validation failed .*Tags\/\d+\/Key/);
    const unresolvable = await errorOf(update(patch({ op: 'remove', path: '/Nothing/here' })));
    expect(unresolvable).toBeInstanceOf(InvalidRequestException);
    const malformed = await errorOf(update('not json'));
    expect(malformed.name).toBe('ValidationException');
    expect(emulator.getModel('us-east-1', PROFILE, arn())).toEqual(before);
    expect(emulator.listModels('us-east-1', PROFILE)).toEqual(all);
    expect(emulator.requests.filter((r) => r.operation === 'UpdateResource').map((r) => r.status)).toEqual([400, 400, 400, 400]);
  });

  it('an invalid DesiredState or read-only properties in it → ValidationException naming the field', async () => {
    const client = clientFor(emulator);
    const bad = await errorOf(client.send(new CreateResourceCommand({ TypeName: PROFILE, DesiredState: desired({ SecurityProfileName: 'a/b' }) })));
    expect(bad.name).toBe('ValidationException');
    expect(bad.message).toMatch(/SecurityProfileName: may contain only/);
    const readOnly = await errorOf(client.send(new CreateResourceCommand({ TypeName: PROFILE, DesiredState: desired({ SecurityProfileArn: `${demoInstanceArn()}/security-profile/x` }) })));
    expect(readOnly.message).toMatch(/SecurityProfileArn: is read-only/);
  });

  it('update of a missing profile → ResourceNotFoundException', async () => {
    const error = await errorOf(clientFor(emulator).send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: `${demoInstanceArn()}/security-profile/gone`, PatchDocument: patch({ op: 'add', path: '/Description', value: 'x' }) })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });

  it('instances and hierarchy groups cannot be created or deleted: UnsupportedActionException (405)', async () => {
    const client = clientFor(emulator);
    for (const command of [
      new CreateResourceCommand({ TypeName: INSTANCE_TYPE, DesiredState: '{"InstanceAlias":"new"}' }),
      new DeleteResourceCommand({ TypeName: INSTANCE_TYPE, Identifier: demoInstanceArn() }),
      new CreateResourceCommand({ TypeName: HIERARCHY_GROUP_TYPE, DesiredState: '{"Name":"g"}' }),
    ]) {
      const error = await errorOf(client.send(command as CreateResourceCommand));
      expect(error).toBeInstanceOf(UnsupportedActionException);
      expect(error.$metadata?.httpStatusCode).toBe(405);
    }
  });
});
