// The rate budget: unit behaviour on a fake clock, then against the emulator's --real-limits (Connect's
// 2 requests/s, burst 5): spex paced by it never meets throttling, alone or two at half a share each.
import { afterEach, describe, expect, it } from 'vitest';
import { createRateBudget } from '../../src/aws/rate-budget.js';
import { budgetsOf, timeLeft } from '../../src/domain/service/rate-limits.js';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';

describe('createRateBudget', () => {
  const clock = () => {
    let t = 0;
    return { now: () => t, sleep: async (ms: number) => void (t += ms), at: () => t };
  };

  it('spends the burst at once, then paces at the rate (less a margin); a share shrinks both', async () => {
    const c = clock();
    const budget = createRateBudget({ share: 1, now: c.now, sleep: c.sleep });
    for (let i = 0; i < 5; i += 1) await budget.take(['DescribeSecurityProfile']);
    expect(c.at()).toBe(0);
    await budget.take(['DescribeSecurityProfile']);
    expect(c.at()).toBeGreaterThanOrEqual(500);
    expect(c.at()).toBeLessThan(600);
    expect(budget.stats().waited).toBe(1);
    const half = createRateBudget({ share: 0.5, ...clock() });
    expect(half.rpsOf('DescribeSecurityProfile')).toBe(1);
  });

  it('a call spends every budget it names; an unknown name costs nothing; an abort gives the place up', async () => {
    const c = clock();
    const budget = createRateBudget({ share: 1, now: c.now, sleep: c.sleep });
    for (let i = 0; i < 5; i += 1) await budget.take(['CloudControl', 'ListSecurityProfiles']);
    await budget.take(['Unknown']);
    expect(c.at()).toBe(0);
    const aborted = new AbortController();
    aborted.abort();
    const real = createRateBudget({ share: 1, now: Date.now, sleep: (ms, signal) => (signal?.aborted ? Promise.reject(new Error('aborted')) : new Promise((r) => setTimeout(r, ms))) });
    for (let i = 0; i < 5; i += 1) await real.take(['SearchUsers']);
    await expect(real.take(['SearchUsers'], aborted.signal)).rejects.toThrow('aborted');
  });

  it('a new process starts where the last one left the budgets, refilled since (AWS\'s buckets outlive it)', async () => {
    const c = clock();
    const first = createRateBudget({ share: 1, now: c.now, sleep: c.sleep });
    for (let i = 0; i < 5; i += 1) await first.take(['SearchUsers']);
    const left = first.snapshot();
    expect(left.SearchUsers?.fraction).toBe(0);
    const next = createRateBudget({ share: 1, now: c.now, sleep: c.sleep, carried: left });
    await next.take(['SearchUsers']);
    expect(c.at()).toBeGreaterThanOrEqual(500);
    // A budget nobody spent from starts full.
    const at = c.at();
    for (let i = 0; i < 5; i += 1) await next.take(['DescribeUser']);
    expect(c.at()).toBe(at);
  });

  it('knows what each call spends, and says how long is left', () => {
    expect(budgetsOf('GetResource', SECURITY_PROFILE_TYPE)).toEqual(['CloudControl', 'DescribeSecurityProfile', 'ListSecurityProfilePermissions']);
    expect(budgetsOf('GetResourceRequestStatus', undefined)).toEqual(['CloudControl']);
    expect(timeLeft(63)).toBe("about 32 s left at AWS's 2 requests/s");
    expect(timeLeft(600, 'DescribeSecurityProfile', 0.5)).toBe("about 10 min left at AWS's 1 requests/s");
  });
});

describe('against --real-limits', () => {
  let backend: TestBackend | undefined;
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
  });
  const throttled = (b: TestBackend) => b.emulator.requests.filter((r) => r.status >= 400);

  it('paced spex reads 12 profiles without one throttling error; two at a share under half each neither', async () => {
    // Shares a little under 1 and 0.5: on a loaded test machine a send can leave tens of ms after its
    // turn (event-loop stalls), which a real client's network jitter does too; the bench measures 1.
    backend = await startTestBackend({ realLimits: true, spex: { rateShare: 0.8, maxAttempts: 1 } });
    const b = backend;
    const arns = (b.emulator.listModels(b.region, SECURITY_PROFILE_TYPE) as { SecurityProfileArn: string; InstanceArn: string }[])
      .filter((p) => p.InstanceArn === b.instanceArn)
      .map((p) => p.SecurityProfileArn);
    const service = b.spex.forRegion(b.region);
    await Promise.all(arns.slice(0, 12).map((arn) => service.getProfile(arn)));
    expect(throttled(b)).toEqual([]);
    // Unpaced, the same burst is throttled: the budget is what kept it clean.
    const unpaced = b.makeSpex({ rateShare: false, maxAttempts: 1 }).forRegion(b.region);
    const results = await Promise.allSettled(arns.slice(0, 8).map((arn) => unpaced.getProfile(arn)));
    expect(results.some((r) => r.status === 'rejected')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    b.emulator.clearRequests();
    const one = b.makeSpex({ rateShare: 0.4, maxAttempts: 1 }).forRegion(b.region);
    const two = b.makeSpex({ rateShare: 0.4, maxAttempts: 1 }).forRegion(b.region);
    await Promise.all([...arns.slice(0, 5).map((arn) => one.getProfile(arn)), ...arns.slice(5, 10).map((arn) => two.getProfile(arn))]);
    expect(throttled(b)).toEqual([]);
  }, 30_000);
});
