import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestStatus } from '../../src/aws/index.js';
import { type Sleep, realSleep, startTrackedOperation } from '../../src/aws/tracked-operation.js';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { type TestBackend, startTestBackend, waitFor } from '../helpers/emulator.js';

/** Records the waits asked for while really waiting only a moment. */
function recordingSleep(): { sleep: Sleep; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: (ms, signal) => (waits.push(ms), realSleep(Math.min(ms, 2), signal)) };
}

describe('polling against the emulator', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await startTestBackend({ asyncDelayMs: 150 });
  });
  afterEach(async () => {
    await backend.close();
  });

  it('starts with a short interval and backs off to the cap', async () => {
    const { sleep, waits } = recordingSleep();
    let fakeNow = Date.now();
    const service = backend
      .makeSpex({ sleep: async (ms, signal) => { fakeNow += ms; await sleep(ms, signal); }, now: () => fakeNow, pollSchedule: { firstMs: 1000, maxMs: 5000 } })
      .forRegion(backend.region);
    const outcome = await service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Backoff' }).done;
    expect(outcome.ok).toBe(true);
    expect(waits.slice(0, 4)).toEqual([1000, 2000, 4000, 5000].slice(0, Math.min(4, waits.length)));
    expect(Math.max(...waits)).toBeLessThanOrEqual(5000);
    expect(waits.length).toBeGreaterThan(1);
  });

  it('gives up waiting after the timeout; the request goes on and can be tracked later', async () => {
    backend.emulator.setFaults({ asyncDelayMs: 400 });
    let fakeNow = Date.now();
    const service = backend
      .makeSpex({ sleep: async (ms, signal) => { fakeNow += ms; await realSleep(1, signal); }, now: () => fakeNow, pollSchedule: { firstMs: 1000, maxMs: 5000 } })
      .forRegion(backend.region);
    const op = service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Slow' }, { timeoutMs: 20_000 });
    const outcome = await op.done;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.kind).toBe('timeout');
    const token = outcome.error.requestToken!;
    expect(token).toBe(op.current()?.requestToken);
    expect(outcome.error.message).toContain(token);
    // Still running server-side: the operations view finds it, and it can be followed to its end.
    const listed = await service.listRequests({ statuses: ['PENDING', 'IN_PROGRESS'] });
    expect(listed.map((r) => r.requestToken)).toContain(token);
    const followed = await backend.spex.forRegion(backend.region).trackRequest(token).done;
    expect(followed).toMatchObject({ ok: true, status: { status: 'SUCCESS', operation: 'CREATE' } });
  });

  it('stops waiting when the signal aborts, and when detached', async () => {
    backend.emulator.setFaults({ asyncDelayMs: 60_000 });
    const service = backend.spex.forRegion(backend.region);
    const controller = new AbortController();
    const op = service.deleteProfile(demoProfileArn('Reporting Analysts'), { signal: controller.signal });
    await waitFor(() => op.current() !== undefined, 'the first status');
    controller.abort();
    const outcome = await op.done;
    expect(!outcome.ok && outcome.error.kind).toBe('cancelled');
    expect(!outcome.ok && outcome.error.requestToken).toBe(op.current()!.requestToken);

    const op2 = service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Detached' });
    await waitFor(() => op2.current() !== undefined, 'the first status');
    op2.detach();
    const outcome2 = await op2.done;
    expect(!outcome2.ok && outcome2.error.message).toMatch(/Stopped waiting; request .* goes on/);
  });

  it('ends in cancelled when the request is cancelled server-side', async () => {
    // Every request is IN_PROGRESS from its first answer, so a cancel may still apply (the API reference): not here.
    backend.emulator.setFaults({ asyncDelayMs: 60_000, cancelApplies: 'never' });
    const service = backend.spex.forRegion(backend.region);
    const op = service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Cancelled' });
    await waitFor(() => op.current() !== undefined, 'the first status');
    const cancelled = await service.cancelRequest(op.current()!.requestToken);
    expect(['CANCEL_IN_PROGRESS', 'CANCEL_COMPLETE']).toContain(cancelled.status);
    const outcome = await op.done;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.kind).toBe('cancelled');
    expect(outcome.status?.status).toBe('CANCEL_COMPLETE');
    expect(backend.emulator.listModels(backend.region, SECURITY_PROFILE_TYPE).some((m) => m.SecurityProfileName === 'Cancelled')).toBe(false);
  });
});

describe('the tracker on its own', () => {
  const status = (s: Partial<RequestStatus>): RequestStatus => ({ requestToken: 'tok', operation: 'UPDATE', status: 'IN_PROGRESS', ...s });

  it('honours RetryAfter when it asks for a longer wait, up to the schedule cap', async () => {
    let now = 1_000_000;
    const waits: number[] = [];
    const replies = [status({ retryAfter: now + 3000 }), status({ retryAfter: now + 60_000 }), status({ status: 'SUCCESS' })];
    const op = startTrackedOperation({
      kind: 'UPDATE',
      start: async () => status({}),
      poll: async () => replies.shift()!,
      finish: async (s) => ({ ok: true, status: s }),
      mapError: (e) => ({ kind: 'service', message: String(e) }),
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
      now: () => now,
      schedule: { firstMs: 100, maxMs: 5000 },
      timeoutMs: 60_000,
    });
    expect((await op.done).ok).toBe(true);
    expect(waits).toEqual([100, 2900, 5000]);
  });

  it('keeps polling through transient poll failures and stops on a definite one', async () => {
    let calls = 0;
    const op = startTrackedOperation({
      kind: 'DELETE',
      start: async () => status({ operation: 'DELETE' }),
      poll: async () => {
        calls++;
        if (calls < 3) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        return status({ operation: 'DELETE', status: 'SUCCESS' });
      },
      finish: async (s) => ({ ok: true, status: s }),
      mapError: (e) => ({ kind: 'network', message: String(e), retryable: true }),
      sleep: async () => undefined,
      now: () => 0,
      schedule: { firstMs: 1, maxMs: 1 },
      timeoutMs: 60_000,
    });
    expect(await op.done).toMatchObject({ ok: true, status: { status: 'SUCCESS' } });
    expect(calls).toBe(3);
  });
});
