// What every headless command shares: the common flags, the output format, and a region service
// built lazily from the flags and io.env (or the in-process demo), closed once the command ends.
import { readSettingsSync } from '../config/settings.js';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Connection, createSpex, resolveConnection, type RegionService, type RetryEvent, type Spex } from '../aws/index.js';
import { type Io, parseConcurrency, parseRateShare, UsageError } from '../io.js';
import { cacheFor } from '../cache/detail-cache.js';
import { regionProblem } from '../domain/service/regions.js';
import type { Fleet } from '../fleet/fleet.js';
import { COMMON_FLAGS, parseOptions } from '../cli-spec.js';

export type OutputFormat = 'table' | 'json' | 'yaml' | 'csv';

type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON_OPTIONS: Options = parseOptions(COMMON_FLAGS);

export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Parsed {
  values: Values;
  positionals: string[];
}

/** Strict parsing: an unknown flag or a missing value throws (ERR_PARSE_ARGS_*, exit status 2). */
export function parseCommandArgs(args: string[], options: Options, maxPositionals: number): Parsed {
  const { values, positionals } = parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  if (positionals.length > maxPositionals) throw new UsageError(`unexpected argument '${positionals[maxPositionals]}'`);
  return { values: values, positionals };
}

export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function list(values: Values, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

/** `--output` as given (checked against the formats the command has), else table on a terminal, json piped. */
export function outputFormat(values: Values, io: Io, extra: readonly string[] = []): OutputFormat {
  const given = str(values, 'output');
  if (given === undefined) return io.stdout.isTTY ? 'table' : 'json';
  if (given === 'table' || given === 'json' || given === 'yaml') return given;
  // CSV: the command's table, for spreadsheets (only where the command's output is a table).
  if (given === 'csv' && extra.includes('csv')) return 'csv';
  // A command's own format (lint's sarif) is told apart by the command; everything else renders as json.
  if (extra.includes(given)) return 'json';
  throw new UsageError(`--output must be ${['table', 'json', 'yaml', ...extra].join(', ').replace(/, ([^,]*)$/, ' or $1')} (got '${given}')`);
}

export interface CommandContext {
  io: Io;
  values: Values;
  positionals: string[];
  output: OutputFormat;
  readOnly: boolean;
  /** The region service for the resolved region (builds the Spex on first use). */
  service(): Promise<RegionService>;
  /**
   * The accounts to look at: `--profile a,b`, `--all-profiles`, `--fleet NAME`, the demo's two, or
   * else the one account the flags and environment name (the regions of `--region a,b`, else every
   * commercial Connect region).
   */
  fleet(): Promise<Fleet>;
  /** config.json's "production" entries. */
  readonly production: readonly string[];
  /**
   * Before a write: an instance config.json marks production needs --confirm-production (a usage
   * error otherwise, before anything is sent).
   */
  confirmProduction(service: RegionService, instanceArn: string): Promise<void>;
  close(): Promise<void>;
}

export function createCommandContext(io: Io, parsed: Parsed, formats: readonly string[] = []): CommandContext {
  const { values } = parsed;
  const output = outputFormat(values, io, formats);
  // `{ "readOnly": true }` in the settings file protects scripts as it protects the TUI.
  const settings = readSettingsSync(io.env);
  const readOnly = values['read-only'] === true || settings.readOnly;
  const concurrency = parseConcurrency(str(values, 'concurrency'));
  const debug = values.debug === true ? (line: string) => void io.stderr.write(`${line}\n`) : undefined;
  // Throttled reads still succeed after the SDK's retries; the user gets one note, not one per retry.
  let slowedDown = false;
  const onRetry = (event: RetryEvent): void => {
    if (event.reason !== 'throttled' || slowedDown) return;
    slowedDown = true;
    io.stderr.write('spex: AWS is throttling requests; slowing down and retrying.\n');
  };
  // Said once on stderr: what working on Cloud Control alone costs.
  const onConnectUnavailable = (region: string, reason: string): void => void io.stderr.write(`spex: note: ${region}: ${reason}.\n`);
  const cloudControlOnly = values['cloudcontrol-only'] === true || settings.cloudControlOnly;
  const rateShare = parseRateShare(str(values, 'rate-share')) ?? settings.rateShare;
  const common = { readOnly, onRetry, onConnectUnavailable, cloudControlOnly, ...(debug ? { debug } : {}), ...(concurrency ? { concurrency } : {}), ...(rateShare !== undefined ? { rateShare } : {}) };
  let service: RegionService | undefined;
  let spex: Spex | undefined;
  let closeDemo: (() => Promise<void>) | undefined;
  let demo: import('../demo.js').Demo | undefined;
  let fleet: Fleet | undefined;
  const demoState = str(values, 'demo-state');
  const isDemo = values.demo === true || demoState !== undefined;
  const openDemo = async (): Promise<import('../demo.js').Demo> => {
    if (demo) return demo;
    const { startDemo } = await import('../demo.js');
    demo = await startDemo({ spex: common, ...(demoState === undefined ? {} : { statePath: demoState }) });
    closeDemo = demo.close;
    return demo;
  };

  /**
   * The account an AWS profile reaches, for the production guard: what the config files say (role_arn,
   * sso_account_id), else what spex learned before (the cache dir), else one read of its instances with
   * its own credentials (their ARNs carry the account), remembered for next time.
   */
  const accountOf = async (profile: string, region: string): Promise<string | undefined> => {
    const production = await import('../fleet/production.js');
    if (isDemo) {
      const account = (await openDemo()).fleet([]).accounts.find((a) => a.profile === profile);
      if (account === undefined) return undefined;
      const instances = await account.spex.forRegion(region).listInstances();
      return production.accountOfConnectArn(instances[0]?.arn ?? '') ?? account.spex.forRegion(region).account();
    }
    const { profileAccountHint } = await import('../aws/accounts.js');
    const hinted = await profileAccountHint(profile, io.env);
    if (hinted !== undefined) return hinted;
    const { cacheDir } = await import('../cache/detail-cache.js');
    const dir = cacheDir(io.env);
    const known = (await production.readKnownAccounts(dir))[profile];
    if (known !== undefined) return known;
    const connection = await resolveConnection({ flags: { profile, endpointUrl: str(values, 'endpoint-url'), region }, env: io.env });
    const other = spexOf(connection, region);
    try {
      // Its instances in the target's region, else in its own region (an account may have none here).
      const regions = [...new Set([region, ...(connection.region === undefined ? [] : [connection.region])])];
      let account: string | undefined;
      for (const r of regions) {
        const service = other.forRegion(r);
        account = production.accountOfConnectArn((await service.listInstances())[0]?.arn ?? '') ?? service.account();
        if (account !== undefined) break;
      }
      if (account !== undefined) await production.rememberAccount(dir, profile, account);
      return account;
    } finally {
      other.close();
    }
  };

  /** The Spex of the one account the flags and environment name. */
  const spexOf = (connection: Connection, region: string | undefined): Spex =>
    createSpex({
      ...common,
      ...(region ? { region } : {}),
      ...(connection.profile ? { profile: connection.profile } : {}),
      ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
      ...(connection.connectEndpoint ? { connectEndpoint: connection.connectEndpoint } : {}),
      credentials: connection.credentials,
      env: io.env,
      ...cacheFor(values['no-cache'] === true, io.env, connection.endpoint, connection.profile),
    });

  return {
    io,
    values,
    positionals: parsed.positionals,
    output,
    readOnly,
    async service() {
      if (service) return service;
      const flagRegion = str(values, 'region');
      const wrong = flagRegion === undefined ? undefined : regionProblem(flagRegion);
      if (wrong) throw new UsageError(`--region: ${wrong}`);
      if (isDemo) {
        const opened = await openDemo();
        // --profile names one of the demo's accounts, as it names an account of the AWS config files.
        const profile = str(values, 'profile');
        const accounts = opened.fleet([]).accounts;
        const account = profile === undefined ? undefined : accounts.find((a) => a.profile === profile);
        if (profile !== undefined && account === undefined) throw new UsageError(`--profile: the demo has no AWS profile '${profile}' (it has ${accounts.map((a) => a.profile).join(', ')})`);
        service = (account?.spex ?? opened.spex).forRegion(str(values, 'region') ?? opened.region);
        return service;
      }
      const connection = await resolveConnection({
        flags: { region: str(values, 'region'), profile: str(values, 'profile'), endpointUrl: str(values, 'endpoint-url') },
        env: io.env,
      });
      if (!connection.region) {
        throw new UsageError('no region: pass --region, set AWS_REGION, or configure a region for the AWS profile');
      }
      const problem = regionProblem(connection.region);
      if (problem) throw new UsageError(`${connection.regionSource ?? 'region'}: ${problem}`);
      spex = spexOf(connection, connection.region);
      service = spex.forRegion(connection.region);
      return service;
    },
    production: settings.production ?? [],
    async confirmProduction(regionService, instanceArn) {
      const entries = settings.production ?? [];
      if (entries.length === 0 || values['confirm-production'] === true) return;
      const { isProductionInstance, productionOf } = await import('../fleet/fleet.js');
      const name = str(values, 'profile') ?? (isDemo ? (await import('../demo.js')).DEMO_FLEET_PROFILES.main : (io.env.AWS_PROFILE ?? 'default'));
      const rule = { production: productionOf(name, entries) };
      let instance = { arn: instanceArn, id: instanceArn.split('/').at(-1) ?? instanceArn } as import('../domain/profile/security-profile.js').ConnectInstance;
      // An entry may name the instance by its alias: then the list says which alias this ARN has.
      if (rule.production !== true && rule.production.length > 0 && !isProductionInstance(rule, instance)) {
        instance = (await regionService.listInstances()).find((i) => i.arn === instanceArn) ?? instance;
      }
      if (isProductionInstance(rule, instance)) {
        throw new UsageError(`${name}:${instance.alias ?? instance.id} is production (config.json "production"): add --confirm-production to write to it`);
      }
      // The same account reached otherwise (environment credentials, another profile) is production too.
      const production = await import('../fleet/production.js');
      const others = entries.filter((e) => production.parseProductionEntry(e).name !== name);
      if (others.length === 0) return;
      const accountRule = await production.accountRule(others, (profile) => accountOf(profile, regionService.region));
      const refusing = production.isProductionByAccount(accountRule, instance) || accountRule.unresolved.length > 0;
      // The alias tells when an entry names the instance by it, and names the instance in a refusal.
      if ((production.needsAlias(accountRule, instanceArn) || refusing) && instance.alias === undefined) {
        instance = (await regionService.listInstances()).find((i) => i.arn === instanceArn) ?? instance;
      }
      const target = `${instance.alias ?? instance.id} (account ${production.accountOfConnectArn(instanceArn) ?? 'unknown'})`;
      if (production.isProductionByAccount(accountRule, instance)) {
        throw new UsageError(`${target} is production (config.json "production" marks its account): add --confirm-production to write to it`);
      }
      const unknown = accountRule.unresolved[0];
      if (unknown !== undefined) {
        throw new UsageError(`cannot tell whether ${target} is production: config.json "production" names '${unknown.name}', whose account spex could not learn (${unknown.why}); add --confirm-production to write anyway`);
      }
    },
    async fleet() {
      if (fleet) return fleet;
      const { fleetRegions, productionOf } = await import('../fleet/fleet.js');
      const { isFleetRequest, openFleet, regionsFlag } = await import('../fleet/open.js');
      const only = regionsFlag(str(values, 'region'));
      const flags = { profile: str(values, 'profile'), allProfiles: values['all-profiles'] === true, fleet: str(values, 'fleet'), region: str(values, 'region'), endpointUrl: str(values, 'endpoint-url'), noCache: values['no-cache'] === true };
      if (isDemo) {
        const opened = await openDemo();
        const whole = opened.fleet(settings.production);
        const asked = flags.profile === undefined ? undefined : flags.profile.split(',');
        const accounts = whole.accounts.filter((a) => asked === undefined || asked.includes(a.profile)).map((a) => ({ ...a, regions: fleetRegions(opened.region, only) }));
        fleet = { accounts, close: whole.close };
      } else if (isFleetRequest(flags)) {
        fleet = await openFleet(flags, io.env, settings, common);
      } else {
        // One account: the flags' and environment's (as every other command has it).
        const connection = await resolveConnection({ flags: { profile: flags.profile, endpointUrl: flags.endpointUrl, region: only?.[0] }, env: io.env });
        const region = connection.region !== undefined && regionProblem(connection.region) === undefined ? connection.region : undefined;
        const name = connection.profile ?? 'default';
        spex = spexOf(connection, region);
        fleet = { accounts: [{ profile: name, spex, regions: fleetRegions(region, only), production: productionOf(name, settings.production) }], close: async () => undefined };
      }
      return fleet;
    },
    async close() {
      await fleet?.close();
      spex?.close();
      await closeDemo?.();
    },
  };
}
