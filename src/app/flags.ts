// The TUI's command line, and how flags, environment and the remembered last choice decide where
// the app opens. Pure apart from parseArgs.
import { parseArgs } from 'node:util';
import type { LastUsed } from '../config/last-used.js';
import { parseConnectArn } from '../domain/profile/security-profile.js';
import { regionProblem } from '../domain/service/regions.js';
import { parseConcurrency, parseRateShare, UsageError } from '../io.js';
import type { InitialStateOptions } from '../state/app-state.js';

export interface TuiFlags {
  demo: boolean;
  /** --cloudcontrol-only: no Connect API call. */
  cloudControlOnly?: boolean;
  region?: string;
  instance?: string;
  endpointUrl?: string;
  profile?: string;
  readOnly: boolean;
  concurrency?: number;
  /** --rate-share F. */
  rateShare?: number;
  /** --no-cache: read every detail from AWS, keep nothing. */
  noCache?: boolean;
  /** --demo-state FILE (implies --demo). */
  demoState?: string;
  debug: boolean;
  /** --all-profiles: every AWS profile as a fleet. */
  allProfiles?: boolean;
  /** --fleet NAME: a saved set of profiles (config.json "fleets"). */
  fleet?: string;
}

/** The TUI's flags (the headless commands have theirs in commands/context.ts). */
export const TUI_OPTIONS = {
  demo: { type: 'boolean' },
  'demo-state': { type: 'string' },
  region: { type: 'string' },
  instance: { type: 'string' },
  'endpoint-url': { type: 'string' },
  profile: { type: 'string' },
  'read-only': { type: 'boolean' },
  'cloudcontrol-only': { type: 'boolean' },
  concurrency: { type: 'string' },
  'rate-share': { type: 'string' },
  'no-cache': { type: 'boolean' },
  debug: { type: 'boolean' },
  'all-profiles': { type: 'boolean' },
  fleet: { type: 'string' },
} as const;

export function parseTuiFlags(argv: string[]): TuiFlags {
  const { values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: TUI_OPTIONS });
  if (typeof values.region === 'string') {
    // A fleet may name several regions (a,b); each must be one where Connect is offered.
    for (const region of values.region.split(',').filter(Boolean)) {
      const problem = regionProblem(region);
      if (problem) throw new UsageError(`--region: ${problem}`);
    }
  }
  const flags: TuiFlags = { demo: values.demo === true, readOnly: values['read-only'] === true, debug: values.debug === true };
  if (values['cloudcontrol-only'] === true) flags.cloudControlOnly = true;
  if (values.region !== undefined) flags.region = values.region;
  if (values.instance !== undefined) flags.instance = values.instance;
  if (values['endpoint-url'] !== undefined) flags.endpointUrl = values['endpoint-url'];
  if (values.profile !== undefined) flags.profile = values.profile;
  const concurrency = parseConcurrency(values.concurrency);
  if (concurrency !== undefined) flags.concurrency = concurrency;
  const rateShare = parseRateShare(typeof values['rate-share'] === 'string' ? values['rate-share'] : undefined);
  if (rateShare !== undefined) flags.rateShare = rateShare;
  if (values['no-cache'] === true) flags.noCache = true;
  if (values['all-profiles'] === true) flags.allProfiles = true;
  if (typeof values.fleet === 'string') flags.fleet = values.fleet;
  if (typeof values['demo-state'] === 'string') {
    flags.demoState = values['demo-state'];
    flags.demo = true;
  }
  if (flags.demo && flags.endpointUrl !== undefined) throw new UsageError('--demo and --endpoint-url cannot be used together');
  return flags;
}

/**
 * Where the app opens. `--instance ARN` carries its region and skips both pickers; `--region` skips
 * the region picker; otherwise the picker preselects the configured region, else the last one used.
 */
export function initialOptionsFor(flags: TuiFlags, configuredRegion: string | undefined, last: LastUsed): InitialStateOptions {
  const arnRegion = flags.instance === undefined ? undefined : parseConnectArn(flags.instance)?.region;
  const explicitRegion = arnRegion ?? flags.region;
  const options: InitialStateOptions = {};
  if (explicitRegion !== undefined) {
    options.region = explicitRegion;
    options.skipRegionPicker = true;
  } else {
    const region = configuredRegion ?? last.region;
    if (region !== undefined) options.region = region;
  }
  if (flags.instance !== undefined) options.instance = flags.instance;
  else if (last.instanceArn !== undefined) options.rememberedInstanceArn = last.instanceArn;
  return options;
}
