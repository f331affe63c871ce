import { CreateResourceCommand, GetResourceCommand, ListResourcesCommand, ServiceInternalErrorException, ThrottlingException } from '@aws-sdk/client-cloudcontrol';
import { afterEach, describe, expect, it } from 'vitest';
import { INSTANCE_TYPE, SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn, type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/index.js';
import { clientFor, errorOf, waitForRequest } from './helpers.js';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: EmulatorOptions): Promise<Emulator> {
  emulator = await startEmulator({ asyncDelayMs: 0, ...options });
  return emulator;
}

const listInstances = (e: Emulator, maxAttempts = 1) => clientFor(e, 'us-east-1', maxAttempts).send(new ListResourcesCommand({ TypeName: INSTANCE_TYPE }));

describe('--real-limits: Connect budgets behind the handlers', () => {
  const get = (e: Emulator, name = 'Agent') =>
    clientFor(e).send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: demoProfileArn(name) }));

  it('a burst of 5 GetResource passes, the 6th is a synchronous 400 GeneralServiceException about the rate; later ones pass again', async () => {
    const e = await start({ realLimits: true });
    for (let i = 0; i < 5; i += 1) await get(e);
    const error = await errorOf(get(e));
    expect(error.name).toBe('GeneralServiceException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/Rate exceeded \(Service: Connect, Status Code: 429/);
    expect(error.message).toMatch(/HandlerErrorCode: GeneralServiceException/);
    // 2 a second: half a second later one more passes.
    await new Promise((resolve) => setTimeout(resolve, 550));
    await get(e);
  });

  it('a list page spends ListSecurityProfiles only; GetResource spends the 4 reads, not the list budget', async () => {
    const e = await start({ realLimits: true, pageSize: 3 });
    const list = (token?: string) => clientFor(e).send(new ListResourcesCommand({ TypeName: SECURITY_PROFILE_TYPE, ResourceModel: JSON.stringify({ InstanceArn: demoProfileArn('Agent').split('/security-profile/')[0] }), NextToken: token }));
    for (let i = 0; i < 5; i += 1) await get(e);
    let page = await list();
    for (let i = 0; i < 4; i += 1) page = await list(page.NextToken);
    expect((await errorOf(list(page.NextToken))).name).toBe('GeneralServiceException');
    // Instances are not behind these budgets.
    for (let i = 0; i < 10; i += 1) await listInstances(e);
  });

  it('a mutation whose handler meets an empty budget ends FAILED with GeneralServiceException', async () => {
    const e = await start({ realLimits: true });
    const client = clientFor(e);
    const tokens: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const started = await client.send(new CreateResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, DesiredState: JSON.stringify({ InstanceArn: demoProfileArn('Agent').split('/security-profile/')[0], SecurityProfileName: `Burst ${i}` }) }));
      tokens.push(started.ProgressEvent!.RequestToken!);
    }
    const ends = await Promise.all(tokens.map((t) => waitForRequest(client, t)));
    const failed = ends.filter((x) => x.OperationStatus === 'FAILED');
    expect(ends.filter((x) => x.OperationStatus === 'SUCCESS')).toHaveLength(5);
    expect(failed.length).toBe(2);
    for (const f of failed) {
      expect(f.ErrorCode).toBe('GeneralServiceException');
      expect(f.StatusMessage).toMatch(/Rate exceeded/);
    }
  });

  it('the front door is throttled too, with ThrottlingException, at a higher rate', async () => {
    const e = await start({ realLimits: true });
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => listInstances(e)));
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(20);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(ThrottlingException);
  });
});

describe('faults', () => {
  it('--latency delays every answer by about that long', async () => {
    const e = await start({ latencyMs: 120 });
    const t0 = Date.now();
    await listInstances(e);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(100);
    expect(took).toBeLessThan(2000);
    const recorded = e.requests.at(-1)!;
    expect(recorded.endedAt - recorded.startedAt).toBeGreaterThanOrEqual(100);
    e.setFaults({ latencyMs: 0 });
    const t1 = Date.now();
    await listInstances(e);
    expect(Date.now() - t1).toBeLessThan(100);
  });

  it('--throttle: calls beyond the bucket get ThrottlingException (429); the SDK retries get through later', async () => {
    const e = await start({ throttleRps: 3 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => listInstances(e)));
    const throttled = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(4);
    expect(throttled.length).toBeGreaterThanOrEqual(4);
    const reason = (throttled[0] as PromiseRejectedResult).reason as ThrottlingException;
    expect(reason).toBeInstanceOf(ThrottlingException);
    expect(reason.$metadata.httpStatusCode).toBe(429);
    expect(e.requests.filter((r) => r.errorType === 'ThrottlingException').length).toBe(throttled.length);
    // With retries (standard backoff), a throttled read succeeds once the bucket refills.
    e.setFaults({ throttleRps: 20 });
    await Promise.all(Array.from({ length: 20 }, () => listInstances(e)).map((p) => p.catch(() => undefined)));
    const listed = await listInstances(e, 5);
    expect(listed.ResourceDescriptions?.map((d) => JSON.parse(d.Properties ?? '{}').InstanceAlias)).toEqual(['acme-support', 'acme-sales']);
  });

  it('--fail-rate with --fault-seed fails the same calls on every run', async () => {
    const outcomes = async (): Promise<string> => {
      const e = await start({ failRate: 0.3, faultSeed: 7 });
      const seen: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        seen.push(await listInstances(e).then(() => '.', (error: Error) => (error instanceof ServiceInternalErrorException ? 'x' : '?')));
      }
      await e.close();
      emulator = undefined;
      return seen.join('');
    };
    const first = await outcomes();
    expect(first).toMatch(/x/);
    expect(first).toMatch(/\./);
    expect(first).not.toMatch(/\?/);
    const failures = first.split('').filter((c) => c === 'x').length;
    expect(failures).toBeGreaterThan(4);
    expect(failures).toBeLessThan(25);
    expect(await outcomes()).toBe(first);
  });

  it('failNext with an exception fails the next N calls of that operation with its name and status', async () => {
    const e = await start({});
    e.failNext('GetResource', 2, { exception: 'ThrottlingException' });
    const client = clientFor(e);
    const get = () => client.send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: demoProfileArn('Agent') }));
    await listInstances(e); // other operations are not affected
    const first = await errorOf(get());
    expect(first).toBeInstanceOf(ThrottlingException);
    expect(first.$metadata?.httpStatusCode).toBe(429);
    await errorOf(get());
    expect(JSON.parse((await get()).ResourceDescription?.Properties ?? '{}').SecurityProfileName).toBe('Agent');
    // A retrying client gets past injected failures.
    e.failNext('GetResource', 2, { exception: 'ServiceInternalErrorException', message: 'boom' });
    const retried = await clientFor(e, 'us-east-1', 3).send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: demoProfileArn('Agent') }));
    expect(retried.ResourceDescription?.Identifier).toBe(demoProfileArn('Agent'));
    expect(e.requests.filter((r) => r.operation === 'GetResource').map((r) => r.status)).toEqual([429, 429, 200, 502, 502, 200]);
  });

  it('failNext with a handler error code on a read raises the matching exception', async () => {
    const e = await start({});
    e.failNext('GetResource', 1, { handlerErrorCode: 'AccessDenied' });
    const error = await errorOf(clientFor(e).send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: demoProfileArn('Agent') })));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toMatch(/HandlerErrorCode: AccessDenied/);
  });

  it('maxConcurrent counts requests handled at the same time, per operation', async () => {
    const e = await start({ latencyMs: 80 });
    const client = clientFor(e);
    await Promise.all(['Agent', 'Admin', 'QualityAnalyst'].map((name) => client.send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: demoProfileArn(name) }))));
    expect(e.maxConcurrent('GetResource')).toBe(3);
    expect(e.maxConcurrent('ListResources')).toBe(0);
    e.resetStats();
    expect(e.maxConcurrent('GetResource')).toBe(0);
    await listInstances(e);
    expect(e.maxConcurrent()).toBe(1);
    e.clearRequests();
    expect(e.requests).toEqual([]);
  });
});
