import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../src/domain/profile/security-profile.js';
import { type TestBackend, startTestBackend, waitFor } from '../helpers/emulator.js';

let backend: TestBackend;
let arns: string[];

beforeEach(async () => {
  backend = await startTestBackend({ profiles: 30, latencyMs: 20 });
  const all: ProfileSummary[] = [];
  for await (const page of backend.spex.forRegion(backend.region).listProfiles(backend.instanceArn)) all.push(...page);
  arns = all.map((p) => p.arn);
  backend.emulator.clearRequests();
  backend.emulator.resetStats();
});
afterEach(async () => {
  await backend.close();
});

const gets = (): string[] => backend.emulator.requests.filter((r) => r.operation === 'GetResource').map((r) => r.identifier ?? '');

describe('detail loader', () => {
  it('keeps at most 2 requests in flight by default and fetches each ARN once', async () => {
    const loader = backend.spex.forRegion(backend.region).createDetailLoader();
    const visible = arns.slice(0, 12);
    loader.setVisible(visible);
    await waitFor(() => visible.every((a) => loader.get(a)?.status === 'loaded'), 'the visible rows to load');
    expect(backend.emulator.maxConcurrent('GetResource')).toBe(2);
    expect(loader.stats()).toMatchObject({ fetched: 12, maxInFlight: 2, inFlight: 0 });
    // Asking again, scrolling back, or loading one of them sends nothing more.
    loader.setVisible(visible);
    loader.prefetch(visible);
    await loader.load(visible[3]!);
    expect(gets().sort()).toEqual([...visible].sort());
    loader.dispose();
  });

  it('honours a configured concurrency', async () => {
    const loader = backend.spex.forRegion(backend.region).createDetailLoader({ concurrency: 4 });
    loader.setVisible(arns.slice(0, 16));
    await waitFor(() => loader.stats().fetched === 16, 'all 16 to load');
    expect(backend.emulator.maxConcurrent('GetResource')).toBe(4);
    loader.dispose();
  });

  it('serves what the user looks at first: visible before prefetch, the new view before the old', async () => {
    const loader = backend.spex.forRegion(backend.region).createDetailLoader({ concurrency: 1 });
    const background = arns.slice(20, 30);
    loader.prefetch(background);
    loader.setVisible(arns.slice(0, 10));
    loader.setVisible(arns.slice(10, 13)); // the user scrolled: the old view is dropped from the queue
    await waitFor(() => loader.stats().inFlight === 0 && loader.stats().queued === 0, 'the queue to drain');
    // The first prefetch left at once (nothing else was asked for); from then on, priority decides.
    expect(gets()).toEqual([background[0], ...arns.slice(10, 13), ...background.slice(1)]);
    loader.dispose();
  });

  it('after a mutation holds the re-read the save made, so nothing is fetched twice', async () => {
    const service = backend.spex.forRegion(backend.region);
    const loader = service.createDetailLoader();
    const arn = arns[5]!;
    const changed: string[] = [];
    loader.subscribe((a) => changed.push(a));
    const before = await loader.load(arn);
    const outcome = await service.updateProfile(arn, before, { ...before, Description: 'Fresh' }).done;
    expect(outcome.ok).toBe(true);
    expect(loader.get(arn)).toMatchObject({ status: 'loaded', profile: { Description: 'Fresh' } });
    expect(changed).toContain(arn);
    expect((await loader.load(arn)).Description).toBe('Fresh');
    // The first load, and the save's own re-read (the SUCCESS model is not trusted): two reads.
    expect(gets().filter((a) => a === arn)).toHaveLength(2);
    loader.dispose();
  });

  it('keeps an error per ARN and retries it on an explicit load', async () => {
    const loader = backend.spex.forRegion(backend.region).createDetailLoader();
    backend.emulator.failNext('GetResource', 1, { exception: 'ResourceNotFoundException' });
    loader.setVisible([arns[0]!]);
    await waitFor(() => loader.get(arns[0]!)?.status === 'error', 'the error entry');
    const entry = loader.get(arns[0]!);
    expect(entry?.status === 'error' && entry.error.kind).toBe('not-found');
    loader.setVisible([arns[0]!]);
    expect(loader.stats().inFlight).toBe(0);
    expect((await loader.load(arns[0]!)).SecurityProfileArn).toBe(arns[0]);
    loader.dispose();
  });

  it('dispose aborts what is in flight and rejects waiting loads', async () => {
    const loader = backend.spex.forRegion(backend.region).createDetailLoader();
    const pending = loader.load(arns[0]!);
    loader.dispose();
    await expect(pending).rejects.toMatchObject({ error: { kind: 'cancelled' } });
    expect(loader.stats().inFlight).toBe(0);
  });

  it('a load whose signal is already aborted is cancelled at once and sends nothing', async () => {
    const loader = backend.spex.forRegion(backend.region).createDetailLoader();
    await expect(loader.load(arns[0]!, { signal: AbortSignal.abort() })).rejects.toMatchObject({ error: { kind: 'cancelled' } });
    expect(loader.stats()).toMatchObject({ inFlight: 0, queued: 0 });
    expect(gets()).toEqual([]);
    loader.dispose();
  });

  it('a settled load lets go of its signal', async () => {
    const loader = backend.spex.forRegion(backend.region).createDetailLoader();
    const controller = new AbortController();
    let listeners = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => (listeners++, add(...args))) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => (listeners--, remove(...args))) as typeof remove;
    // A long-lived signal (a whole command's) must not collect one listener per profile read.
    for (const arn of arns.slice(0, 3)) await loader.load(arn, { signal });
    expect(listeners).toBe(0);
    loader.dispose();
  });
});
