// `--demo`: an in-process emulator with demo data and a Spex pointed at it, with static demo
// credentials and an explicit region, so no AWS configuration is read and nothing leaves the machine.
import { createSpex, type Spex, type SpexOptions } from './aws/index.js';
import { memoryVersionStore } from './cache/versions.js';
import { DEMO_PLATFORM_ACCOUNT_ID, type Emulator, startEmulator } from './emulator/index.js';
import type { Fleet } from './fleet/fleet.js';
import { fleetRegions, productionOf } from './fleet/fleet.js';

export const DEMO_REGION = 'us-east-1';
/** Not secrets: the emulator checks that requests are signed, not by whom. */
export const DEMO_CREDENTIALS = { accessKeyId: 'AKIDSPEXDEMO', secretAccessKey: 'spex-demo-secret' } as const;

/** The platform account's key: its 12 digits select that account in the emulator. */
export const DEMO_PLATFORM_CREDENTIALS = { accessKeyId: DEMO_PLATFORM_ACCOUNT_ID, secretAccessKey: 'spex-demo-secret' } as const;

/** The demo fleet's AWS profile names, and the instance it marks as production. */
export const DEMO_FLEET_PROFILES = { main: 'acme', platform: 'acme-platform' } as const;
export const DEMO_PRODUCTION = [`${DEMO_FLEET_PROFILES.platform}:acme-prod`] as const;

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
  /** Both demo accounts as a fleet: acme (the first Spex) and acme-platform (dev and prod). */
  fleet(production?: readonly string[]): Fleet;
  readonly close: () => Promise<void>;
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
  // The versions read are kept for the run (nothing of the demo is kept on disk): h can compare and go back.
  const versions = memoryVersionStore();
  const spex = createSpex({
    // The in-process emulator has no limits to respect: the demo is not paced unless asked (--rate-share).
    rateShare: false,
    versions,
    ...options.spex,
    region: DEMO_REGION,
    endpoint: emulator.url,
    credentials: { ...DEMO_CREDENTIALS },
  });
  let platform: Spex | undefined;
  return {
    emulator,
    spex,
    region: DEMO_REGION,
    fleet(production = DEMO_PRODUCTION) {
      platform ??= createSpex({ rateShare: false, versions, ...options.spex, region: DEMO_REGION, endpoint: emulator.url, credentials: { ...DEMO_PLATFORM_CREDENTIALS } });
      const mark = (profile: string): true | string[] => productionOf(profile, production);
      return {
        accounts: [
          { profile: DEMO_FLEET_PROFILES.main, spex, regions: fleetRegions(DEMO_REGION), production: mark(DEMO_FLEET_PROFILES.main) },
          { profile: DEMO_FLEET_PROFILES.platform, spex: platform, regions: fleetRegions(DEMO_REGION), production: mark(DEMO_FLEET_PROFILES.platform) },
        ],
        close: async () => undefined,
      };
    },
    async close() {
      spex.close();
      platform?.close();
      await emulator.close();
    },
  };
}
