import {
  CancelResourceRequestCommand,
  ClientTokenConflictException,
  ConcurrentOperationException,
  CreateResourceCommand,
  DeleteResourceCommand,
  ListResourceRequestsCommand,
  RequestTokenNotFoundException,
  GetResourceRequestStatusCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import { describe, expect, it } from 'vitest';
import {
  demoProfileArn,
  startEmulator,
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

describe('idempotency and concurrency', () => {
  it('the same ClientToken for the same request returns the same progress; for another request it conflicts (409)', async () => {
    const client = clientFor(emulator);
    const token = 'token-1';
    const first = await create({}, token);
    const again = await client.send(new CreateResourceCommand({ TypeName: PROFILE, DesiredState: desired(), ClientToken: token }));
    expect(again.ProgressEvent?.RequestToken).toBe(first.started.RequestToken);
    expect(again.ProgressEvent?.OperationStatus).toBe('SUCCESS');
    expect(emulator.listModels('us-east-1', PROFILE).filter((m) => m.SecurityProfileName === 'Night Desk')).toHaveLength(1);
    const error = await errorOf(client.send(new CreateResourceCommand({ TypeName: PROFILE, DesiredState: desired({ Description: 'other' }), ClientToken: token })));
    expect(error).toBeInstanceOf(ClientTokenConflictException);
    expect(error.$metadata?.httpStatusCode).toBe(409);
  });

  it('a retried update with the same token after it succeeded returns that request, even though its test op no longer holds', async () => {
    const arn = demoProfileArn('Flow Designers');
    const client = clientFor(emulator);
    const document = patch({ op: 'test', path: '/Description', value: emulator.getModel('us-east-1', PROFILE, arn)!.Description }, { op: 'replace', path: '/Description', value: 'new' });
    const first = await client.send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: arn, PatchDocument: document, ClientToken: 'u-1' }));
    await waitForRequest(client, first.ProgressEvent!.RequestToken!);
    const retry = await client.send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: arn, PatchDocument: document, ClientToken: 'u-1' }));
    expect(retry.ProgressEvent).toMatchObject({ RequestToken: first.ProgressEvent!.RequestToken, OperationStatus: 'SUCCESS' });
  });

  it('a second mutation while one is in flight → ConcurrentOperationException (409)', async () => {
    emulator.setFaults({ asyncDelayMs: 60_000, cancelApplies: 'never' });
    const client = clientFor(emulator);
    const arn = demoProfileArn('Outbound Campaigns');
    const first = await client.send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: arn, PatchDocument: patch({ op: 'add', path: '/Description', value: 'a' }) }));
    const error = await errorOf(client.send(new DeleteResourceCommand({ TypeName: PROFILE, Identifier: arn })));
    expect(error).toBeInstanceOf(ConcurrentOperationException);
    expect(error.$metadata?.httpStatusCode).toBe(409);
    // Cancelling the first frees the resource once the cancel completes; with cancelApplies never, it never happens.
    const cancelled = await client.send(new CancelResourceRequestCommand({ RequestToken: first.ProgressEvent!.RequestToken }));
    expect(cancelled.ProgressEvent?.OperationStatus).toBe('CANCEL_IN_PROGRESS');
    expect((await waitForRequest(client, first.ProgressEvent!.RequestToken!)).OperationStatus).toBe('CANCEL_COMPLETE');
    expect(emulator.getModel('us-east-1', PROFILE, arn)!.Description).not.toBe('a');
    emulator.setFaults({ asyncDelayMs: 0, cancelApplies: 'sometimes' });
    const del = await client.send(new DeleteResourceCommand({ TypeName: PROFILE, Identifier: arn }));
    expect((await waitForRequest(client, del.ProgressEvent!.RequestToken!)).OperationStatus).toBe('SUCCESS');
  });
});

describe('request operations', () => {
  it('lists requests newest first, with filters and pages; unknown tokens → RequestTokenNotFoundException (404)', async () => {
    const client = clientFor(emulator);
    await create({ SecurityProfileName: 'R1' });
    await create({ SecurityProfileName: 'Agent' }); // FAILED
    const del = await client.send(new DeleteResourceCommand({ TypeName: PROFILE, Identifier: demoProfileArn('Compliance Auditors') }));
    await waitForRequest(client, del.ProgressEvent!.RequestToken!);
    const all = await client.send(new ListResourceRequestsCommand({}));
    expect(all.ResourceRequestStatusSummaries?.map((e) => e.Operation)).toEqual(['DELETE', 'CREATE', 'CREATE']);
    const failed = await client.send(new ListResourceRequestsCommand({ ResourceRequestStatusFilter: { OperationStatuses: ['FAILED'] } }));
    expect(failed.ResourceRequestStatusSummaries?.map((e) => e.Operation)).toEqual(['DELETE', 'CREATE']);
    const creates = await client.send(new ListResourceRequestsCommand({ ResourceRequestStatusFilter: { Operations: ['CREATE'] }, MaxResults: 1 }));
    expect(creates.ResourceRequestStatusSummaries).toHaveLength(1);
    const next = await client.send(new ListResourceRequestsCommand({ ResourceRequestStatusFilter: { Operations: ['CREATE'] }, MaxResults: 1, NextToken: creates.NextToken }));
    expect(next.ResourceRequestStatusSummaries?.[0]?.OperationStatus).toBe('SUCCESS');
    expect(next.NextToken).toBeUndefined();
    // Other regions have their own requests.
    expect((await clientFor(emulator, 'eu-west-2').send(new ListResourceRequestsCommand({}))).ResourceRequestStatusSummaries).toEqual([]);
    const missing = await errorOf(client.send(new GetResourceRequestStatusCommand({ RequestToken: 'nope' })));
    expect(missing).toBeInstanceOf(RequestTokenNotFoundException);
    expect(missing.$metadata?.httpStatusCode).toBe(404);
    const cancelMissing = await errorOf(client.send(new CancelResourceRequestCommand({ RequestToken: 'nope' })));
    expect(cancelMissing).toBeInstanceOf(RequestTokenNotFoundException);
  });

  it('cancelling a finished request is refused with ConcurrentModificationException; the request is unchanged', async () => {
    const { done } = await create();
    const error = await errorOf(clientFor(emulator).send(new CancelResourceRequestCommand({ RequestToken: done.RequestToken })));
    expect(error.name).toBe('ConcurrentModificationException');
    expect(error.message).toMatch(/is SUCCESS: only PENDING or IN_PROGRESS requests can be cancelled/);
    const status = await clientFor(emulator).send(new GetResourceRequestStatusCommand({ RequestToken: done.RequestToken }));
    expect(status.ProgressEvent?.OperationStatus).toBe('SUCCESS');
  });

  it.each([
    ['never', false],
    ['always', true],
  ] as const)('cancelApplies %s: a change already IN_PROGRESS when cancelled applies: %s, and ends CANCEL_COMPLETE either way', async (mode, applies) => {
    emulator.setFaults({ asyncDelayMs: 2000, cancelApplies: mode });
    const client = clientFor(emulator);
    const arn = demoProfileArn('Outbound Campaigns');
    const started = await client.send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: arn, PatchDocument: patch({ op: 'add', path: '/Description', value: 'cancelled?' }) }));
    const token = started.ProgressEvent!.RequestToken!;
    // Cloud Control's first answer is IN_PROGRESS (the API reference's examples).
    expect(started.ProgressEvent?.OperationStatus).toBe('IN_PROGRESS');
    const cancelled = await client.send(new CancelResourceRequestCommand({ RequestToken: token }));
    expect(cancelled.ProgressEvent?.OperationStatus).toBe('CANCEL_IN_PROGRESS');
    const done = await waitForRequest(client, token);
    expect(done.OperationStatus).toBe('CANCEL_COMPLETE');
    expect(emulator.getModel('us-east-1', PROFILE, arn)!.Description === 'cancelled?').toBe(applies);
  });

  it("cancelApplies sometimes (the default) applies some cancelled changes and not others, the same ones for the same seed", async () => {
    const outcomes = async (seed: number): Promise<boolean[]> => {
      const em = await startEmulator({ asyncDelayMs: 2000, faultSeed: seed });
      try {
        const client = clientFor(em);
        const seen: boolean[] = [];
        for (const name of ['Outbound Campaigns', 'Flow Designers', 'Workforce Planning', 'Reporting Analysts', 'Tier 2 Escalations', 'AI Agent Builders']) {
          const arn = demoProfileArn(name);
          const started = await client.send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: arn, PatchDocument: patch({ op: 'add', path: '/Description', value: 'c' }) }));
          const token = started.ProgressEvent!.RequestToken!;
          await client.send(new CancelResourceRequestCommand({ RequestToken: token }));
          await waitForRequest(client, token);
          seen.push(em.getModel('us-east-1', PROFILE, arn)!.Description === 'c');
        }
        return seen;
      } finally {
        await em.close();
      }
    };
    const first = await outcomes(7);
    expect(first).toContain(true);
    expect(first).toContain(false);
    expect(await outcomes(7)).toEqual(first);
  });

  it('modifyProfile changes a profile as someone else would, bumping LastModifiedTime', () => {
    const arn = demoProfileArn('Agent');
    const before = emulator.getModel('us-east-1', PROFILE, arn)!;
    emulator.modifyProfile('us-east-1', arn, (m) => {
      m.Description = 'changed elsewhere';
    });
    const after = emulator.getModel('us-east-1', PROFILE, arn)!;
    expect(after.Description).toBe('changed elsewhere');
    expect(after.LastModifiedTime as number).toBeGreaterThan(before.LastModifiedTime as number);
  });
});
