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
import { HIERARCHY_GROUP_TYPE, INSTANCE_TYPE } from '../../src/domain/profile/security-profile.js';
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
  it('creates: IN_PROGRESS first (no model, no identifier yet), then SUCCESS with the identifier', async () => {
    const { started, done } = await create();
    // The CreateResource example of the Cloud Control API reference: IN_PROGRESS, and no ResourceModel.
    expect(started).toMatchObject({ Operation: 'CREATE', OperationStatus: 'IN_PROGRESS', TypeName: PROFILE });
    expect(started.ResourceModel).toBeUndefined();
    expect(started.Identifier).toBeUndefined();
    expect(started.EventTime).toBeInstanceOf(Date);
    expect(Math.abs(started.EventTime!.getTime() - Date.now())).toBeLessThan(5000);
    expect(done.OperationStatus).toBe('SUCCESS');
    expect(done.Identifier).toMatch(/\/security-profile\//);
    const model = emulator.getModel('us-east-1', PROFILE, done.Identifier!);
    expect(model).toMatchObject({ SecurityProfileName: 'Night Desk', LastModifiedRegion: 'us-east-1', SecurityProfileArn: done.Identifier });
  });

  it('is IN_PROGRESS for the async delay, never PENDING (no hooks)', async () => {
    emulator.setFaults({ asyncDelayMs: 400 });
    const client = clientFor(emulator);
    const t0 = Date.now();
    const started = await client.send(new CreateResourceCommand({ TypeName: PROFILE, DesiredState: desired() }));
    expect(started.ProgressEvent?.OperationStatus).toBe('IN_PROGRESS');
    const seen = new Set<string>();
    for (let status = started.ProgressEvent; status?.OperationStatus !== 'SUCCESS'; ) {
      status = (await client.send(new GetResourceRequestStatusCommand({ RequestToken: started.ProgressEvent!.RequestToken }))).ProgressEvent;
      seen.add(String(status?.OperationStatus));
      if (Date.now() - t0 > 5000) throw new Error(`still ${status?.OperationStatus}`);
    }
    expect(seen).toContain('IN_PROGRESS');
    expect(seen).not.toContain('PENDING');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
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
    // The SUCCESS model is the desired one as the handler saw it, not a re-read: its time is stale.
    const reported = JSON.parse(done.ResourceModel!);
    expect(reported.Description).toBe('Escalations, all hours');
    expect(reported.LastModifiedTime).toBe(before.LastModifiedTime);
  });

  it("an UPDATE's IN_PROGRESS event carries the desired model", async () => {
    emulator.setFaults({ asyncDelayMs: 400 });
    const arn = demoProfileArn('Tier 2 Escalations');
    const client = clientFor(emulator);
    const started = await client.send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: arn, PatchDocument: patch({ op: 'replace', path: '/Description', value: 'Soon' }) }));
    let event = started.ProgressEvent;
    const t0 = Date.now();
    while (event?.OperationStatus !== 'IN_PROGRESS' && Date.now() - t0 < 2000) {
      event = (await client.send(new GetResourceRequestStatusCommand({ RequestToken: started.ProgressEvent!.RequestToken }))).ProgressEvent;
    }
    expect(event?.OperationStatus).toBe('IN_PROGRESS');
    expect(JSON.parse(event!.ResourceModel!)).toMatchObject({ SecurityProfileArn: arn, Description: 'Soon' });
    // Not applied yet.
    expect(emulator.getModel('us-east-1', PROFILE, arn)?.Description).not.toBe('Soon');
  });

  it('accepts the identifier as JSON naming the primary identifier, for update and delete', async () => {
    const { done: created } = await create();
    const client = clientFor(emulator);
    const id = JSON.stringify({ SecurityProfileArn: created.Identifier });
    const updated = await client.send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: id, PatchDocument: patch({ op: 'add', path: '/Description', value: 'by JSON id' }) }));
    expect(updated.ProgressEvent?.Identifier).toBe(created.Identifier);
    await waitForRequest(client, updated.ProgressEvent!.RequestToken!);
    expect(emulator.getModel('us-east-1', PROFILE, created.Identifier!)?.Description).toBe('by JSON id');
    const deleted = await client.send(new DeleteResourceCommand({ TypeName: PROFILE, Identifier: id }));
    expect((await waitForRequest(client, deleted.ProgressEvent!.RequestToken!)).OperationStatus).toBe('SUCCESS');
    expect(emulator.getModel('us-east-1', PROFILE, created.Identifier!)).toBeUndefined();
    const wrong = await errorOf(client.send(new DeleteResourceCommand({ TypeName: PROFILE, Identifier: JSON.stringify({ Arn: created.Identifier }) })));
    expect(wrong.name).toBe('ValidationException');
  });

  it('a profile the schema refuses (made in the console) cannot be updated at all, not even its Description', async () => {
    const arn = demoProfileArn('Supervisors (EMEA)');
    const before = emulator.getModel('us-east-1', PROFILE, arn);
    const error = await errorOf(clientFor(emulator).send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: arn, PatchDocument: patch({ op: 'replace', path: '/Description', value: 'x' }) })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/^Model validation failed \(.*#\/SecurityProfileName: failed validation constraint for keyword \[pattern\]/);
    expect(error.message).toMatch(/#\/Tags\/1\/Key: failed validation constraint for keyword \[pattern\]/);
    const tag = await errorOf(clientFor(emulator).send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: demoProfileArn('Retention Desk'), PatchDocument: patch({ op: 'replace', path: '/Description', value: 'x' }) })));
    expect(tag.message).toBe('Model validation failed (#/Tags/0/Key: failed validation constraint for keyword [pattern])');
    expect(emulator.getModel('us-east-1', PROFILE, arn)).toEqual(before);
  });

  it('with handlerKeeps, a property a patch removes is still there afterwards (and the SUCCESS model says otherwise)', async () => {
    emulator.setFaults({ handlerKeeps: ['AllowedAccessControlHierarchyGroupId'] });
    const arn = demoProfileArn('Team Leads');
    const client = clientFor(emulator);
    const started = await client.send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: arn, PatchDocument: patch({ op: 'remove', path: '/AllowedAccessControlHierarchyGroupId' }) }));
    const done = await waitForRequest(client, started.ProgressEvent!.RequestToken!);
    expect(done.OperationStatus).toBe('SUCCESS');
    expect(JSON.parse(done.ResourceModel!).AllowedAccessControlHierarchyGroupId).toBeUndefined();
    expect(emulator.getModel('us-east-1', PROFILE, arn)?.AllowedAccessControlHierarchyGroupId).toBeDefined();
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

  it('deleting a profile in use ends FAILED with InvalidRequest naming ResourceInUseException, and it stays', async () => {
    const client = clientFor(emulator);
    const arn = demoProfileArn('Tier 1 Support');
    const started = await client.send(new DeleteResourceCommand({ TypeName: PROFILE, Identifier: arn }));
    const done = await waitForRequest(client, started.ProgressEvent!.RequestToken!);
    expect(done).toMatchObject({ OperationStatus: 'FAILED', ErrorCode: 'InvalidRequest' });
    expect(done.StatusMessage).toMatch(/ResourceInUseException/);
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
      expect(done.StatusMessage).toMatch(/\(Service: Connect, Status Code: \d{3}\)|\(\w+\)|^[A-Z]/);
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

  it.each([
    [{ SecurityProfileName: 'a/b' }, 'Model validation failed (#/SecurityProfileName: failed validation constraint for keyword [pattern])'],
    [{ Description: 'x'.repeat(251) }, 'Model validation failed (#/Description: expected maxLength: 250, actual: 251)'],
    [{ Foo: 1 }, 'Model validation failed (#: extraneous key [Foo] is not permitted)'],
    [{ Permissions: 'Users.View' }, 'Model validation failed (#/Permissions: expected type: Array, found: String)'],
    [{ Tags: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '1' }] }, 'Model validation failed (#/Tags: array items are not unique)'],
    [{ Applications: [{ Type: 'OTHER' }] }, 'Model validation failed (#/Applications/0/Type: failed validation constraint for keyword [enum])'],
    [{ TagRestrictedResources: Array.from({ length: 11 }, (_, i) => `R${i}`) }, 'Model validation failed (#/TagRestrictedResources: expected maximum item count: 10, found: 11)'],
    [{ SecurityProfileName: '' }, 'Model validation failed (#/SecurityProfileName: expected minLength: 1, actual: 0)'],
  ])('an invalid DesiredState %j → ValidationException in AWS words', async (extra, message) => {
    const bad = await errorOf(clientFor(emulator).send(new CreateResourceCommand({ TypeName: PROFILE, DesiredState: desired(extra) })));
    expect(bad.name).toBe('ValidationException');
    expect(bad.message).toBe(message);
  });

  it('several violations are counted and each named', async () => {
    const bad = await errorOf(clientFor(emulator).send(new CreateResourceCommand({ TypeName: PROFILE, DesiredState: desired({ SecurityProfileName: 'a/b', Foo: 1 }) })));
    expect(bad.message).toMatch(/^Model validation failed \(#: 2 schema violations found; /);
    expect(bad.message).toContain('#: extraneous key [Foo] is not permitted');
    expect(bad.message).toContain('#/SecurityProfileName: failed validation constraint for keyword [pattern]');
  });

  it('read-only properties in a DesiredState are silently ignored, as AWS does', async () => {
    const { done } = await create({ SecurityProfileArn: `${demoInstanceArn()}/security-profile/mine`, LastModifiedTime: 1 });
    expect(done.OperationStatus).toBe('SUCCESS');
    expect(done.Identifier).not.toMatch(/\/mine$/);
    expect(emulator.getModel('us-east-1', PROFILE, done.Identifier!)?.LastModifiedTime).not.toBe(1);
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
