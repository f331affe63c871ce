// Mutations under throttling, latency spikes past the request timeout and lost answers: never sent
// twice with a new token (one ClientToken per user action, checked in the emulator's request log), and
// a request that ended FAILED with Throttling retried as a new request a few times, visibly.
import { afterEach, describe, expect, it } from 'vitest';
import { createSpex, type RetryEvent, type Spex } from '../../src/aws/index.js';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { type DroppingProxy, startDroppingProxy } from '../aws/support/dropping-proxy.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend, waitFor } from '../helpers/emulator.js';
import { runAgainst, sent } from './support/run.js';
import { expectUnknownOutcome } from '../helpers/outcomes.js';

let backend: TestBackend | undefined;
let proxy: DroppingProxy | undefined;
let extra: Spex | undefined;
afterEach(async () => {
  extra?.close();
  await proxy?.close();
  await backend?.close();
  [backend, proxy, extra] = [undefined, undefined, undefined];
});

const named = (b: TestBackend, name: string) => b.emulator.listModels(b.region, SECURITY_PROFILE_TYPE).filter((m) => m.SecurityProfileName === name);
const tokens = (b: TestBackend, operation: string) => sent(b, operation).map((r) => r.body.ClientToken);

/** A Spex that reaches the emulator through a proxy that can hold back or drop answers. */
async function behindProxy(spexOptions: { maxAttempts: number; requestTimeoutMs?: number; onRetry?: (e: RetryEvent) => void }) {
  backend = await startTestBackend();
  proxy = await startDroppingProxy(backend.emulator.url);
  extra = createSpex({ region: backend.region, endpoint: proxy.url, credentials: { ...TEST_CREDENTIALS }, pollSchedule: { firstMs: 5, maxMs: 50 }, ...spexOptions });
  return { backend, proxy, service: extra.forRegion(backend.region) };
}

describe('throttled writes', () => {
  it('a synchronous ThrottlingException is retried by the SDK with the same ClientToken: one profile', async () => {
    const events: RetryEvent[] = [];
    backend = await startTestBackend({ spex: { maxAttempts: 4, onRetry: (e) => events.push(e) } });
    backend.emulator.failNext('CreateResource', 2, { exception: 'ThrottlingException' });
    const op = backend.spex.forRegion(backend.region).createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Throttled Write' });
    expect((await op.done).ok).toBe(true);
    expect(sent(backend, 'CreateResource').map((r) => r.status)).toEqual([429, 429, 200]);
    expect(new Set(tokens(backend, 'CreateResource'))).toEqual(new Set([op.clientToken]));
    expect(events.map((e) => e.reason)).toEqual(['throttled', 'throttled']);
    expect(named(backend, 'Throttled Write')).toHaveLength(1);
  });

  it('headless: a request that ended FAILED with Throttling is retried as a new request, shown on stderr', async () => {
    backend = await startTestBackend();
    backend.emulator.failNext('CreateResource', 1, { handlerErrorCode: 'Throttling' });
    const { code, err } = await runAgainst(backend, ['create', '--instance', 'acme-support', '--name', 'Retried Headless']);
    expect(code).toBe(0);
    expect(err).toMatch(/CREATE FAILED · request \S+ · Throttling · .*Throttled by AWS; retrying with a new request \(2 of 4\)/);
    expect(err).toMatch(/CREATE SUCCESS/);
    const sentTokens = tokens(backend, 'CreateResource');
    expect(sentTokens).toHaveLength(2);
    expect(new Set(sentTokens).size).toBe(2);
    expect(named(backend, 'Retried Headless')).toHaveLength(1);
  });
});

describe('latency spikes past the request timeout on a mutation', () => {
  it('the held-back answer of a create is reconciled with the same token: created once', async () => {
    const { backend, proxy, service } = await behindProxy({ maxAttempts: 1, requestTimeoutMs: 200 });
    proxy.delayNext('CreateResource', 1, 600);
    const op = service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Slow Answer' });
    const outcome = await op.done;
    expect(outcome.ok ? 'ok' : outcome.error.message).toBe('ok');
    expect(proxy.delayed).toEqual(['CreateResource']);
    // The emulator saw the create twice (the first answer never arrived in time), under one token.
    expect(tokens(backend, 'CreateResource')).toEqual([op.clientToken, op.clientToken]);
    expect(named(backend, 'Slow Answer')).toHaveLength(1);
  });

  it('with SDK retries too, an update and a delete are each sent under one token and applied once', async () => {
    const { backend, proxy, service } = await behindProxy({ maxAttempts: 3, requestTimeoutMs: 200 });
    const arn = demoProfileArn('Flow Designers');
    const before = await service.getProfile(arn);
    proxy.delayNext('UpdateResource', 1, 600);
    const update = service.updateProfile(arn, before, { ...before, Description: 'After a spike' });
    expect((await update.done).ok).toBe(true);
    expect(new Set(tokens(backend, 'UpdateResource'))).toEqual(new Set([update.clientToken]));
    expect(tokens(backend, 'UpdateResource').length).toBeGreaterThanOrEqual(2);
    // One request in the emulator's book for it, not two.
    expect((await service.listRequests({ operations: ['UPDATE'] })).filter((r) => r.identifier === arn)).toHaveLength(1);
    expect(backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, arn)?.Description).toBe('After a spike');

    const gone = demoProfileArn('Reporting Analysts');
    proxy.delayNext('DeleteResource', 1, 600);
    const del = service.deleteProfile(gone);
    expect((await del.done).ok).toBe(true);
    expect(new Set(tokens(backend, 'DeleteResource'))).toEqual(new Set([del.clientToken]));
    expect(backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, gone)).toBeUndefined();
  });

  it('emulator latency past the timeout on every try: the outcome is unknown, said so with the token; retrying it creates nothing twice', async () => {
    backend = await startTestBackend({ latencyMs: 300 });
    const service = backend.makeSpex({ maxAttempts: 1, requestTimeoutMs: 100 }).forRegion(backend.region);
    const op = service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Unknown Outcome' });
    await expectUnknownOutcome(op);
    // Every send, including the reconciliation resends, carried the one token.
    const b = backend;
    await waitFor(() => sent(b, 'CreateResource').length === 3, 'the three slow creates to be handled');
    expect(new Set(tokens(b, 'CreateResource'))).toEqual(new Set([op.clientToken]));
    // Before giving up it looked for the request (that answer came too late as well).
    await waitFor(() => sent(b, 'ListResourceRequests').length > 0, 'the reconciliation lookup');
    // The spike passes; the user retries the same action with the token the message gave.
    b.emulator.setFaults({ latencyMs: 0 });
    const retry = b.spex.forRegion(b.region).createProfile({ InstanceArn: b.instanceArn, SecurityProfileName: 'Unknown Outcome' }, { clientToken: op.clientToken });
    expect((await retry.done).ok).toBe(true);
    expect(named(b, 'Unknown Outcome')).toHaveLength(1);
  });
});
