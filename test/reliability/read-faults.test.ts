// Reads under throttling, 5xx errors, latency spikes past the request timeout and connections dropped
// mid-response: they succeed after the SDK's retries, and the caller is told it was slowed down.
import { afterEach, describe, expect, it } from 'vitest';
import { createSpex, type RetryEvent, type Spex } from '../../src/aws/index.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { type DroppingProxy, startDroppingProxy } from '../aws/support/dropping-proxy.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { runAgainst, sent } from './support/run.js';

let backend: TestBackend | undefined;
let proxy: DroppingProxy | undefined;
let extra: Spex | undefined;
afterEach(async () => {
  extra?.close();
  await proxy?.close();
  await backend?.close();
  [backend, proxy, extra] = [undefined, undefined, undefined];
});

/** A backend whose Spex retries (like the real default) and records every retry it is told about. */
async function retrying(options: Parameters<typeof startTestBackend>[0] = {}, maxAttempts = 4) {
  const events: RetryEvent[] = [];
  backend = await startTestBackend({ ...options, spex: { maxAttempts, onRetry: (e) => events.push(e), ...options.spex } });
  return { backend, events, service: backend.spex.forRegion(backend.region) };
}

describe('throttling in bursts on reads', () => {
  it('a burst of ThrottlingException is absorbed: the read succeeds, each retry reported as "throttled"', async () => {
    const { backend, events, service } = await retrying();
    backend.emulator.failNext('GetResource', 2, { exception: 'ThrottlingException' });
    const profile = await service.getProfile(demoProfileArn('Agent'));
    expect(profile.SecurityProfileName).toBe('Agent');
    expect(sent(backend, 'GetResource').map((r) => r.status)).toEqual([429, 429, 200]);
    expect(events.map((e) => [e.reason, e.attempt])).toEqual([
      ['throttled', 2],
      ['throttled', 3],
    ]);
    expect(events.every((e) => e.region === backend.region)).toBe(true);
  });

  it('the caller hears of a retry before the SDK waits and sends it, not after', async () => {
    const seenAt: number[] = [];
    backend = await startTestBackend({ spex: { maxAttempts: 3, onRetry: () => seenAt.push(sent(backend!, 'GetResource').length) } });
    backend.emulator.failNext('GetResource', 2, { exception: 'ThrottlingException' });
    await backend.spex.forRegion(backend.region).getProfile(demoProfileArn('Agent'));
    // Told after the first and the second refusal, each time before the next attempt reached the emulator.
    expect(seenAt).toEqual([1, 2]);
  });

  it('a slow rate limit (Connect allows a few calls a second) slows the detail loader down instead of failing it', async () => {
    // 3 requests a second with a burst of 3: the adaptive strategy learns the rate after the first
    // refusals and holds later requests back, so no profile ends in an error.
    const { backend, service } = await retrying({ throttleRps: 3 }, 4);
    const names = ['Agent', 'Admin', 'QualityAnalyst', 'CallCenterManager', 'Tier 1 Support', 'Team Leads', 'Flow Designers', 'Outbound Campaigns', 'Reporting Analysts', 'Workforce Planning'];
    const loader = service.createDetailLoader({ concurrency: 2 });
    const arns = names.map((n) => demoProfileArn(n));
    const settled = new Promise<void>((resolve) => {
      const check = () => arns.every((a) => ['loaded', 'error'].includes(loader.get(a)?.status ?? '')) && resolve();
      loader.subscribe(check);
    });
    loader.prefetch(arns);
    await settled;
    loader.dispose();
    expect(arns.map((a) => loader.get(a)?.status)).toEqual(arns.map(() => 'loaded'));
    expect(sent(backend, 'GetResource').filter((r) => r.status === 200)).toHaveLength(arns.length);
  }, 30_000);

  it('many reads at once against a rate limit all succeed (token bucket, real 429s)', async () => {
    // A bucket of 10 refilled at 10 a second: 30 reads (two at a time) meet it even on a loaded machine.
    const { backend, events, service } = await retrying({ throttleRps: 10 }, 6);
    const arns = ['Agent', 'Admin', 'QualityAnalyst', 'CallCenterManager', 'Tier 1 Support', 'Team Leads'].map((n) => demoProfileArn(n));
    const reads = Array.from({ length: 30 }, (_, i) => service.getProfile(arns[i % arns.length]!));
    const profiles = await Promise.all(reads);
    expect(profiles).toHaveLength(30);
    const statuses = sent(backend, 'GetResource').map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(events.length).toBe(statuses.filter((s) => s === 429).length);
    expect(events.every((e) => e.reason === 'throttled')).toBe(true);
  });

  // Cloud Control's pages are asked for one at a time, so the throttle can land mid-stream; Connect's next
  // page is already asked for while the first is read, so there the first page is the one throttled.
  it.each([
    ['Cloud Control alone', { pageSize: 4, spex: { cloudControlOnly: true } }, 'ListResources', true],
    ["Connect's pages", { profiles: 1_200 }, 'ListSecurityProfiles', false],
  ] as const)('%s: a throttled page is retried: every profile once, none twice', async (_route, options, operation, midStream) => {
    const { backend, service } = await retrying(options);
    if (!midStream) backend.emulator.failNext(operation, 2, { exception: 'ThrottlingException' });
    const iterator = service.listProfiles(backend.instanceArn)[Symbol.asyncIterator]();
    const names: string[] = [];
    const first = await iterator.next();
    names.push(...(first.value ?? []).map((p: { arn: string }) => p.arn));
    if (midStream) backend.emulator.failNext(operation, 2, { exception: 'ThrottlingException' });
    for (let page = await iterator.next(); !page.done; page = await iterator.next()) names.push(...page.value.map((p) => p.arn));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['Admin', 'Agent', 'Tier 1 Support', 'Reporting Analysts'].map((n) => demoProfileArn(n))));
    expect(sent(backend, operation).filter((r) => r.status === 429)).toHaveLength(2);
  });

  it('throttling that outlives the retries is one clear sentence', async () => {
    const { backend, service } = await retrying({}, 2);
    backend.emulator.failNext('GetResource', 2, { exception: 'ThrottlingException' });
    await expect(service.getProfile(demoProfileArn('Agent'))).rejects.toMatchObject({
      error: { kind: 'throttled', message: expect.stringMatching(/^AWS kept throttling GetResource after several retries; wait a little and try again\.$/) },
    });
  });
});

describe('5xx errors, timeouts and dropped connections on reads', () => {
  it('5xx answers are retried and reported as transient', async () => {
    const { backend, events, service } = await retrying();
    backend.emulator.failNext('ListResources', 1, { exception: 'ServiceInternalErrorException' });
    backend.emulator.failNext('GetResource', 2, { exception: 'HandlerInternalFailureException' });
    expect(await service.listInstances()).toHaveLength(2);
    expect((await service.getProfile(demoProfileArn('Admin'))).SecurityProfileName).toBe('Admin');
    expect(sent(backend, 'GetResource').map((r) => r.status)).toEqual([502, 502, 200]);
    expect(events.map((e) => e.reason)).toEqual(['transient', 'transient', 'transient']);
  });

  it('a latency spike past the request timeout is retried once the spike passes', async () => {
    const events: RetryEvent[] = [];
    backend = await startTestBackend({ latencyMs: 400 });
    const emulator = backend.emulator;
    // The spike ends when the first retry is announced, as a real one ends after a while.
    const service = backend
      .makeSpex({ maxAttempts: 3, requestTimeoutMs: 150, onRetry: (e) => (events.push(e), emulator.setFaults({ latencyMs: 0 })) })
      .forRegion(backend.region);
    const profile = await service.getProfile(demoProfileArn('Agent'));
    expect(profile.SecurityProfileName).toBe('Agent');
    expect(events.map((e) => [e.reason, e.attempt])).toEqual([['transient', 2]]);
  });

  it.each([
    ['Cloud Control alone', true, 'ListResources'],
    ["Connect's pages", false, 'ListSecurityProfiles'],
  ] as const)('%s: a connection dropped mid-response is retried, on a get and on a page of a list', async (_route, cloudControlOnly, operation) => {
    backend = await startTestBackend({ pageSize: 4 });
    proxy = await startDroppingProxy(backend.emulator.url);
    const events: RetryEvent[] = [];
    extra = createSpex({ region: backend.region, endpoint: proxy.url, credentials: { ...TEST_CREDENTIALS }, maxAttempts: 3, onRetry: (e) => events.push(e), cloudControlOnly });
    const service = extra.forRegion(backend.region);
    proxy.dropNext('GetResource', 1);
    expect((await service.getProfile(demoProfileArn('Agent'))).SecurityProfileName).toBe('Agent');
    proxy.dropNext(operation, 1);
    const names: string[] = [];
    for await (const page of service.listProfiles(backend.instanceArn)) names.push(...page.map((p) => p.arn));
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(8);
    expect(proxy.dropped).toEqual(['GetResource', operation]);
    expect(events.map((e) => e.reason)).toEqual(['transient', 'transient']);
  });
});

describe('headless commands', () => {
  it('a throttled read succeeds with one "slowing down" note on stderr, the result on stdout', async () => {
    backend = await startTestBackend();
    backend.emulator.failNext('GetResource', 2, { exception: 'ThrottlingException' });
    const { code, out, err } = await runAgainst(backend, ['get', demoProfileArn('Agent'), '--output', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ SecurityProfileName: 'Agent' });
    expect(err).toBe('spex: AWS is throttling requests; slowing down and retrying.\n');
  });

  it('a transient 5xx is retried silently', async () => {
    backend = await startTestBackend();
    backend.emulator.failNext('ListResources', 1, { exception: 'ServiceInternalErrorException' });
    const { code, err } = await runAgainst(backend, ['instances']);
    expect(code).toBe(0);
    expect(err).toBe('');
  });

  it('throttling past every retry exits 1 with the sentence on stderr', async () => {
    backend = await startTestBackend();
    backend.emulator.failNext('GetResource', 4, { exception: 'ThrottlingException' });
    const { code, out, err } = await runAgainst(backend, ['get', demoProfileArn('Agent')]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('spex: AWS kept throttling GetResource after several retries');
  });
});
