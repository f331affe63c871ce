// The TUI's command line, and how flags, environment and the remembered last choice decide where
// the app opens. Pure apart from parseArgs.
import { parseArgs } from 'node:util';
import type { LastUsed } from '../config/last-used.js';
import { parseConnectArn } from '../domain/profile/security-profile.js';
import { regionProblem } from '../domain/service/regions.js';
import { parseConcurrency, parseRateShare, UsageError } from '../io.js';
import type { InitialStateOptions } from '../state/app-state.js';
import { parseOptions, TUI_FLAGS } from '../cli-spec.js';

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
  /** --org (--org-role NAME, --external-id ID): the organisation's accounts. */
  org?: boolean;
  orgRole?: string;
  externalId?: string;
  /** --org-unit, --org-account, --sso, --sso-role, --mfa-code (fleet/backend.ts). */
  orgUnit?: string;
  orgAccount?: string;
  sso?: string;
  ssoRole?: string;
  mfaCode?: string;
}

/** The TUI's flags, as cli-spec.ts declares them. */
export const TUI_OPTIONS = parseOptions(TUI_FLAGS);

export function parseTuiFlags(argv: string[]): TuiFlags {
  const { values: parsed } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: TUI_OPTIONS });
  const values = parsed as Record<string, string | boolean | undefined>;
  if (typeof values.region === 'string') {
    // A fleet may name several regions (a,b); each must be one where Connect is offered.
    for (const region of values.region.split(',').filter(Boolean)) {
      const problem = regionProblem(region);
      if (problem) throw new UsageError(`--region: ${problem}`);
    }
  }
  const flags: TuiFlags = { demo: values.demo === true, readOnly: values['read-only'] === true, debug: values.debug === true };
  if (values['cloudcontrol-only'] === true) flags.cloudControlOnly = true;
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  const region = text('region');
  const instance = text('instance');
  const endpointUrl = text('endpoint-url');
  const profile = text('profile');
  if (region !== undefined) flags.region = region;
  if (instance !== undefined) flags.instance = instance;
  if (endpointUrl !== undefined) flags.endpointUrl = endpointUrl;
  if (profile !== undefined) flags.profile = profile;
  const concurrency = parseConcurrency(text('concurrency'));
  if (concurrency !== undefined) flags.concurrency = concurrency;
  const rateShare = parseRateShare(typeof values['rate-share'] === 'string' ? values['rate-share'] : undefined);
  if (rateShare !== undefined) flags.rateShare = rateShare;
  if (values['no-cache'] === true) flags.noCache = true;
  if (values['all-profiles'] === true) flags.allProfiles = true;
  if (typeof values.fleet === 'string') flags.fleet = values.fleet;
  if (values.org === true) flags.org = true;
  if (typeof values['org-role'] === 'string') flags.orgRole = values['org-role'];
  if (typeof values['external-id'] === 'string') flags.externalId = values['external-id'];
  for (const [flag, key] of [['org-unit', 'orgUnit'], ['org-account', 'orgAccount'], ['sso', 'sso'], ['sso-role', 'ssoRole'], ['mfa-code', 'mfaCode']] as const) {
    const value = text(flag);
    if (value !== undefined) flags[key] = value;
  }
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
