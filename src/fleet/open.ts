// Opening a fleet from the command line: `--profile a,b,c`, `--all-profiles`, or `--fleet NAME`
// (config.json "fleets"); each profile with its own Spex over its credentials, region and
// `endpoint_url`. With --demo, the demo's two accounts.
import { readAccountProfiles, profileCredentials } from '../aws/accounts.js';
import { createSpex, endpointFromEnv, type MfaCodeSource, type SpexOptions, type SsoLoginAsk } from '../aws/index.js';
import { cacheDir, cacheFor } from '../cache/detail-cache.js';
import type { Settings } from '../config/settings.js';
import { regionProblem } from '../domain/service/regions.js';
import { UsageError } from '../io.js';
import { type Fleet, type FleetAccount, fleetRegions, productionOf } from './fleet.js';

export interface FleetFlags {
  /** `--profile a,b,c` as given. */
  profile?: string | undefined;
  allProfiles?: boolean | undefined;
  fleet?: string | undefined;
  /** `--org`: the organisation's accounts (fleet/org.ts). */
  org?: boolean | undefined;
  /** `--sso NAME`: an Identity Center session's accounts (fleet/sso.ts). */
  sso?: string | undefined;
  /** `--region a,b`: only these regions. */
  region?: string | undefined;
  endpointUrl?: string | undefined;
  noCache?: boolean | undefined;
  /** Asks for the MFA code of a profile that assumes a role with MFA. */
  mfaSource?: MfaCodeSource | undefined;
  /** Offers `aws sso login` for an SSO profile whose session has ended (the TUI's prompt). */
  ssoLogin?: SsoLoginAsk | undefined;
}

/** Whether the flags ask for several accounts (a fleet) rather than one. */
export function isFleetRequest(flags: FleetFlags): boolean {
  return flags.allProfiles === true || flags.org === true || flags.sso !== undefined || flags.fleet !== undefined || (flags.profile ?? '').includes(',');
}

export function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** The regions a fleet scan covers, checked before any call. */
export function regionsFlag(value: string | undefined): string[] | undefined {
  const regions = splitList(value);
  for (const r of regions) {
    const problem = regionProblem(r);
    if (problem) throw new UsageError(`--region: ${problem}`);
  }
  return regions.length === 0 ? undefined : regions;
}

export type FleetSpexOptions = Omit<SpexOptions, 'endpoint' | 'credentials' | 'region' | 'profile' | 'env' | 'cache' | 'budgetStore'>;

/** The names that are not profiles of the config or credentials files, said with the ones there are; undefined when all are. */
export function missingProfiles(names: readonly string[], known: readonly { name: string }[]): string | undefined {
  const missing = names.filter((n) => !known.some((p) => p.name === n));
  if (missing.length === 0) return undefined;
  return `no AWS profile ${missing.map((m) => `'${m}'`).join(', ')} in the config or credentials files${known.length > 0 ? ` (profiles: ${known.map((p) => p.name).join(', ')})` : ''}`;
}

/** The fleet the flags name, from the shared config files (nothing is sent yet). */
export async function openFleet(flags: FleetFlags, env: NodeJS.ProcessEnv, settings: Settings, common: FleetSpexOptions): Promise<Fleet> {
  const known = await readAccountProfiles(env);
  let names: string[];
  if (flags.fleet !== undefined) {
    const saved = settings.fleets?.[flags.fleet];
    if (saved === undefined) {
      const have = Object.keys(settings.fleets ?? {});
      throw new UsageError(`--fleet ${flags.fleet}: no such fleet in config.json (${have.length > 0 ? `fleets: ${have.join(', ')}` : 'add one: "fleets": { "acme": ["dev", "prod"] }'})`);
    }
    if (!Array.isArray(saved)) throw new UsageError(`--fleet ${flags.fleet}: an organisation or Identity Center fleet is opened by the backend`);
    names = saved;
  } else if (flags.allProfiles === true) {
    names = known.map((p) => p.name);
    if (names.length === 0) throw new UsageError('--all-profiles: the AWS config and credentials files name no profiles');
  } else names = splitList(flags.profile);
  const missing = missingProfiles(names, known);
  if (missing !== undefined) throw new UsageError(missing);
  const only = regionsFlag(flags.region);
  const globalEndpoint = endpointFromEnv(flags, env);
  const credentialsOf = new Map<string, ReturnType<typeof profileCredentials>>();
  const accounts: FleetAccount[] = [...new Set(names)].map((name) => {
    const profile = known.find((p) => p.name === name)!;
    const region = profile.region !== undefined && regionProblem(profile.region) === undefined ? profile.region : undefined;
    const endpoint = globalEndpoint ?? profile.endpoint;
    const spex = createSpex({
      ...common,
      ...(region ? { region } : {}),
      profile: name,
      ...(endpoint ? { endpoint } : {}),
      credentials: credentialsOf.set(name, profileCredentials(name, env, { code: flags.mfaSource, region: region ?? 'us-east-1', endpoint, cacheDir: cacheDir(env) }, flags.ssoLogin)).get(name)!,
      env,
      ...cacheFor(flags.noCache === true, env, endpoint, name),
    });
    return { profile: name, spex, regions: fleetRegions(region, only), production: productionOf(name, settings.production) };
  });
  // A profile that assumes a role with MFA is asked for its code now, one at a time, before any scan
  // (and before the TUI draws); a refused code leaves that account's row saying so.
  for (const profile of known.filter((p) => p.assumesRoleWithMfa === true)) await credentialsOf.get(profile.name)?.().catch(() => undefined);
  return {
    accounts,
    async close() {
      for (const a of accounts) a.spex.close();
    },
  };
}
