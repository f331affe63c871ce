// Starts the emulator on 127.0.0.1:0 and builds a Spex against it through the real SDK, with static
// test credentials. Used by the cloudcontrol, commands and TUI tests.
import { afterAll, beforeAll } from 'vitest';
import { createSpex, type Spex, type SpexOptions } from '../../src/aws/index.js';
import { INSTANCE_TYPE } from '../../src/domain/profile/security-profile.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } as const;
export const TEST_REGION = 'us-east-1';

export type EmulatorOptions = NonNullable<Parameters<typeof startEmulator>[0]>;

export interface TestBackendOptions extends EmulatorOptions {
  /** Options for createSpex (endpoint and credentials are set here). Defaults: maxAttempts 1, polls every 5–50 ms. */
  spex?: Omit<SpexOptions, 'endpoint' | 'credentials'>;
}

export interface TestBackend {
  emulator: Emulator;
  spex: Spex;
  region: string;
  /** The first demo instance of the region (acme-support in us-east-1); '' with empty data. */
  instanceArn: string;
  /** Builds another Spex against the same emulator (e.g. read-only, or with a debug log). */
  makeSpex(options?: Omit<SpexOptions, 'endpoint' | 'credentials'>): Spex;
  close(): Promise<void>;
}

export async function startTestBackend(options: TestBackendOptions = {}): Promise<TestBackend> {
  const { spex: spexOptions, ...emulatorOptions } = options;
  // The demo's seeded CloudTrail history only where a test asks for it: tests count their own events.
  const emulator = await startEmulator({ port: 0, data: 'demo', asyncDelayMs: 0, history: false, ...emulatorOptions });
  const extra: Spex[] = [];
  const makeSpex = (o: Omit<SpexOptions, 'endpoint' | 'credentials'> = {}): Spex => {
    const spex = createSpex({
      region: TEST_REGION,
      maxAttempts: 1,
      // Short polls: the emulator answers in milliseconds, and tests should too.
      pollSchedule: { firstMs: 5, maxMs: 50 },
      // The emulator is unlimited unless a test asks for real limits: no pacing unless a test asks too.
      rateShare: false,
      ...o,
      endpoint: emulator.url,
      credentials: { ...TEST_CREDENTIALS },
    });
    extra.push(spex);
    return spex;
  };
  const spex = makeSpex(spexOptions);
  const region = spexOptions?.region ?? TEST_REGION;
  const instances = emulator.listModels(region, INSTANCE_TYPE) as { Arn?: string }[];
  return {
    emulator,
    spex,
    region,
    instanceArn: instances[0]?.Arn ?? '',
    makeSpex,
    async close() {
      for (const s of extra) s.close();
      await emulator.close();
    },
  };
}

/** Registers beforeAll/afterAll for a shared backend; call the returned function inside tests. */
export function withEmulator(options: TestBackendOptions = {}): () => TestBackend {
  let backend: TestBackend | undefined;
  beforeAll(async () => {
    backend = await startTestBackend(options);
  });
  afterAll(async () => {
    await backend?.close();
    backend = undefined;
  });
  return () => {
    if (!backend) throw new Error('withEmulator: the backend is not started (call it at describe level)');
    return backend;
  };
}

/** Waits for a condition without fixed sleeps; fails with the description after timeoutMs (one helper for all tests). */
export { waitUntil as waitFor } from './typing.js';

/** The requests of one operation the emulator received, in order (the one `sent` for every test). */
export function sent(backend: Pick<TestBackend, 'emulator'>, operation: string): Emulator['requests'] {
  return backend.emulator.requests.filter((r) => r.operation === operation);
}
