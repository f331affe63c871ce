// `--demo`: an in-process emulator with demo data and a Spex pointed at it, with static demo
// credentials and an explicit region, so no AWS configuration is read and nothing leaves the machine.
import { createSpex, type Spex, type SpexOptions } from './cloudcontrol/index.js';
import { type Emulator, startEmulator } from './emulator/index.js';

export const DEMO_REGION = 'us-east-1';
/** Not secrets: the emulator checks that requests are signed, not by whom. */
export const DEMO_CREDENTIALS = { accessKeyId: 'AKIDSPEXDEMO', secretAccessKey: 'spex-demo-secret' } as const;

export interface DemoOptions {
  profiles?: number;
  asyncDelayMs?: number;
  latencyMs?: number;
  /** `--demo-state FILE`: keep the demo's data (and what you changed) between runs. */
  statePath?: string;
  /** Passed to createSpex (read-only mode, debug log, concurrency …). */
  spex?: Omit<SpexOptions, 'endpoint' | 'credentials' | 'region' | 'profile' | 'env'>;
}

export interface Demo {
  emulator: Emulator;
  spex: Spex;
  region: string;
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const emulator = await startEmulator({
    port: 0,
    data: 'demo',
    ...(options.profiles !== undefined ? { profiles: options.profiles } : {}),
    ...(options.asyncDelayMs !== undefined ? { asyncDelayMs: options.asyncDelayMs } : {}),
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
    ...(options.statePath !== undefined ? { statePath: options.statePath } : {}),
  });
  const spex = createSpex({
    // The in-process emulator has no limits to respect: the demo is not paced unless asked (--rate-share).
    rateShare: false,
    ...options.spex,
    region: DEMO_REGION,
    endpoint: emulator.url,
    credentials: { ...DEMO_CREDENTIALS },
  });
  return {
    emulator,
    spex,
    region: DEMO_REGION,
    async close() {
      spex.close();
      await emulator.close();
    },
  };
}
