import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSpex, type Spex } from '../../src/aws/index.js';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { type DroppingProxy, startDroppingProxy } from './support/dropping-proxy.js';
import { expectUnknownOutcome } from '../helpers/outcomes.js';

let backend: TestBackend;
let proxy: DroppingProxy;
let spex: Spex;

beforeEach(async () => {
  backend = await startTestBackend();
  proxy = await startDroppingProxy(backend.emulator.url);
  spex = createSpex({ region: backend.region, endpoint: proxy.url, credentials: { ...TEST_CREDENTIALS }, maxAttempts: 1, pollSchedule: { firstMs: 5, maxMs: 50 } });
});
afterEach(async () => {
  spex.close();
  await proxy.close();
  await backend.close();
});

const creates = () => backend.emulator.requests.filter((r) => r.operation === 'CreateResource');
const named = (name: string) => backend.emulator.listModels(backend.region, SECURITY_PROFILE_TYPE).filter((m) => m.SecurityProfileName === name);

describe('a mutation whose answer was lost', () => {
  it('is re-sent with the same client token, so it happens once', async () => {
    proxy.dropNext('CreateResource', 1);
    const op = spex.forRegion(backend.region).createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Dropped Once' });
    const outcome = await op.done;
    expect(outcome.ok).toBe(true);
    expect(proxy.dropped).toEqual(['CreateResource']);
    const tokens = creates().map((r) => r.body.ClientToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens[0]).toBe(op.clientToken);
    expect(named('Dropped Once')).toHaveLength(1);
  });

  it('after a 5xx is re-sent with the same token, not a new one', async () => {
    backend.emulator.failNext('CreateResource', 1, { exception: 'ServiceInternalErrorException' });
    const op = spex.forRegion(backend.region).createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'After 5xx' });
    expect((await op.done).ok).toBe(true);
    expect(creates().map((r) => [r.status, r.body.ClientToken])).toEqual([
      [502, op.clientToken],
      [200, op.clientToken],
    ]);
    expect(named('After 5xx')).toHaveLength(1);
  });

  it('is found among recent requests when every answer is lost, never sent with a new token', async () => {
    proxy.dropNext('UpdateResource', 10);
    const service = spex.forRegion(backend.region);
    const arn = demoProfileArn('Flow Designers');
    const before = await service.getProfile(arn);
    const op = service.updateProfile(arn, before, { ...before, Description: 'Reconciled' });
    const notes: string[] = [];
    op.onStatus((s) => s.note && notes.push(s.note));
    const outcome = await op.done;
    expect(outcome.ok ? 'ok' : outcome.error.message).toBe('ok');
    expect(notes.some((n) => /found the request/.test(n))).toBe(true);
    const updates = backend.emulator.requests.filter((r) => r.operation === 'UpdateResource');
    expect(new Set(updates.map((r) => r.body.ClientToken)).size).toBe(1);
    expect(backend.emulator.requests.some((r) => r.operation === 'ListResourceRequests')).toBe(true);
    expect(backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, arn)?.Description).toBe('Reconciled');
  });

  it('says the outcome is unknown, with the token to retry, when it cannot be found', async () => {
    proxy.dropNext('CreateResource', 10);
    proxy.dropNext('ListResourceRequests', 10);
    const op = spex.forRegion(backend.region).createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Lost' });
    await expectUnknownOutcome(op);
    expect(new Set(creates().map((r) => r.body.ClientToken))).toEqual(new Set([op.clientToken]));
    // Retrying the same action with the same token cannot create a second profile.
    const retry = backend.spex.forRegion(backend.region).createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Lost' }, { clientToken: op.clientToken });
    expect((await retry.done).ok).toBe(true);
    expect(named('Lost')).toHaveLength(1);
  });
});
