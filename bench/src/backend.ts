// The emulator (in its own process, see emulator-host.ts) and a Spex over the real SDK against it,
// with a view of the detail loaders the app creates (the bench reads their stats; the app itself
// is not changed).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createSpex, type SpexOptions } from '../../src/aws/index.js';
import type { DetailLoader, RegionService, Spex } from '../../src/aws/types.js';
import type { EmulatorOptions, RecordedRequest } from '../../src/emulator/index.js';
import { createRetryFeed, type RetryFeed } from '../../src/hooks/use-slow-down-notice.js';
import type { HostCall, HostReady } from './emulator-host.js';
import { BENCH_REGION } from './region.js';

export { BENCH_REGION } from './region.js';
/** Not secrets: the emulator checks that requests are signed, not by whom. */
export const BENCH_CREDENTIALS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' } as const;
/** The demo data's first instance has this many profiles before `profiles` adds more. */
export const DEMO_PROFILES = 15;

/** A request as the bench sees it (without its body). */
export type LoggedRequest = Omit<RecordedRequest, 'body'>;

export interface RemoteEmulator {
  url: string;
  requests(): Promise<LoggedRequest[]>;
  clearRequests(): Promise<void>;
  resetStats(): Promise<void>;
  maxConcurrent(operation: string): Promise<number>;
  /** AWS's rates on or off (`--real-limits`), from now on. */
  limits(realLimits: boolean): Promise<void>;
  /** ARNs of the first instance's profiles, read from the emulator's store (no API call). */
  profileArns(): Promise<string[]>;
  /** Profiles saved by "someone else" (their LastModifiedTime moves on). */
  modify(arns: string[]): Promise<void>;
  /** Set-up in the store (no API call): the first `count` users of an instance hold a profile; how many now do. */
  give(region: string, instanceAlias: string, profileName: string, count: number): Promise<number>;
  /** Set-up in CloudTrail (no API call): `count` writes over the last `days`, one in five to the profile. */
  history(region: string, instanceAlias: string, profileName: string, count: number, days: number): Promise<number>;
  close(): Promise<void>;
}

type CallWithoutId = HostCall extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

/** Starts emulator-host.js (next to this bundle) and waits for its URL. */
export async function startRemoteEmulator(options: EmulatorOptions): Promise<RemoteEmulator & { instanceArn: string; total: number }> {
  const hostPath = process.env.SPEX_BENCH_EMULATOR_HOST ?? fileURLToPath(new URL('./emulator-host.js', import.meta.url));
  const child: ChildProcess = fork(hostPath, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  const ready = await new Promise<HostReady>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the emulator host exited with ${code} before it was ready`)));
    child.on('message', (raw) => {
      const message = raw as HostReady | { id: number; result: unknown };
      if ('type' in message) resolve(message);
      else pending.get(message.id)?.(message.result);
    });
  });
  const call = <T>(message: CallWithoutId): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) return reject(new Error('the emulator host is gone'));
      const id = nextId++;
      pending.set(id, (result) => {
        pending.delete(id);
        resolve(result as T);
      });
      child.send({ ...message, id });
    });
  let closed = false;
  return {
    url: ready.url,
    instanceArn: ready.instanceArn,
    total: ready.total,
    requests: () => call<LoggedRequest[]>({ op: 'requests' }),
    clearRequests: () => call<void>({ op: 'clearRequests' }),
    resetStats: () => call<void>({ op: 'resetStats' }),
    maxConcurrent: (operation) => call<number>({ op: 'maxConcurrent', operation }),
    limits: (realLimits) => call<void>({ op: 'limits', realLimits }),
    profileArns: () => call<string[]>({ op: 'profileArns' }),
    modify: (arns) => call<void>({ op: 'modify', arns }),
    give: (region, instanceAlias, profileName, count) => call<number>({ op: 'give', region, instanceAlias, profileName, count }),
    history: (region, instanceAlias, profileName, count, days) => call<number>({ op: 'history', region, instanceAlias, profileName, count, days }),
    async close() {
      if (closed) return;
      closed = true;
      const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      if (child.connected) await call<void>({ op: 'close' }).catch(() => undefined);
      await exited;
    },
  };
}

export interface BenchBackend {
  emulator: RemoteEmulator;
  spex: Spex;
  instanceArn: string;
  /** Profiles in the first instance. */
  total: number;
  /** Every detail loader the app created through `spex`, oldest first. */
  loaders: DetailLoader[];
  /** performance.now() of the last change to any loader's entries (0 before the first). */
  lastDetailChangeAt(): number;
  /** The Spex's retries, for the app's "slowing down" notice (wired as mount.tsx expects). */
  retries: RetryFeed;
  close(): Promise<void>;
}

/** Wraps a Spex so each region service is the same object per region and its loaders are kept. */
export function instrumentSpex(spex: Spex, loaders: DetailLoader[], onDetailChange: () => void = () => {}): Spex {
  const services = new Map<string, RegionService>();
  return {
    get defaultRegion() {
      return spex.defaultRegion;
    },
    get readOnly() {
      return spex.readOnly;
    },
    get endpoint() {
      return spex.endpoint;
    },
    forRegion(region) {
      let service = services.get(region);
      if (!service) {
        const inner = spex.forRegion(region);
        service = {
          ...inner,
          createDetailLoader(options) {
            const loader = inner.createDetailLoader(options);
            loaders.push(loader);
            loader.subscribe(onDetailChange);
            return loader;
          },
        };
        services.set(region, service);
      }
      return service;
    },
    close: () => spex.close(),
  };
}

export type BenchSpexOptions = Omit<SpexOptions, 'endpoint' | 'credentials' | 'region'>;

export function benchSpex(endpoint: string, options: BenchSpexOptions = {}): Spex {
  return createSpex({ ...options, region: BENCH_REGION, endpoint, credentials: { ...BENCH_CREDENTIALS } });
}

/** Total profiles wanted in the first instance → the emulator's `profiles` option. */
export function extraFor(total: number): number {
  return Math.max(0, total - DEMO_PROFILES);
}

export async function startBackend(emulatorOptions: EmulatorOptions, spexOptions: BenchSpexOptions = {}): Promise<BenchBackend> {
  const emulator = await startRemoteEmulator(emulatorOptions);
  const loaders: DetailLoader[] = [];
  const retries = createRetryFeed();
  const raw = benchSpex(emulator.url, { onRetry: (event) => retries.emit(event), ...spexOptions });
  let lastDetailChangeAt = 0;
  return {
    emulator,
    spex: instrumentSpex(raw, loaders, () => {
      lastDetailChangeAt = performance.now();
    }),
    lastDetailChangeAt: () => lastDetailChangeAt,
    instanceArn: emulator.instanceArn,
    total: emulator.total,
    loaders,
    retries,
    async close() {
      raw.close();
      await emulator.close();
    },
  };
}
