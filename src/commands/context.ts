// What every headless command shares: the common flags, the output format, and a region service
// built lazily from the flags and io.env (or the in-process demo), closed once the command ends.
import { readSettingsSync } from '../config/settings.js';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { RegionService, RetryEvent } from '../aws/index.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import { type Backend, type BackendFlags, effectiveSettings, openBackend } from '../fleet/backend.js';
import { askMfaCode, type Io, parseConcurrency, parseRateShare, UsageError } from '../io.js';
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
  // Throttled reads still succeed after the SDK's retries; the user gets one note, not one per retry.
  let slowedDown = false;
  const onRetry = (event: RetryEvent): void => {
    if (event.reason !== 'throttled' || slowedDown) return;
    slowedDown = true;
    io.stderr.write('spex: AWS is throttling requests; slowing down and retrying.\n');
  };
  // Opened on first use, from the flags as they are then (promote names its accounts from --from and --to).
  const flagsNow = (): BackendFlags => ({
    demo: values.demo === true,
    demoState: str(values, 'demo-state'),
    region: str(values, 'region'),
    profile: str(values, 'profile'),
    endpointUrl: str(values, 'endpoint-url'),
    allProfiles: values['all-profiles'] === true,
    fleet: str(values, 'fleet'),
    org: values.org === true,
    orgRole: str(values, 'org-role'),
    externalId: str(values, 'external-id'),
    orgUnit: str(values, 'org-unit'),
    orgAccount: str(values, 'org-account'),
    sso: str(values, 'sso'),
    ssoRole: str(values, 'sso-role'),
    mfaCode: str(values, 'mfa-code'),
    noCache: values['no-cache'] === true,
    readOnly: values['read-only'] === true,
    cloudControlOnly: values['cloudcontrol-only'] === true,
    concurrency: parseConcurrency(str(values, 'concurrency')),
    rateShare: parseRateShare(str(values, 'rate-share')),
  });
  const events = {
    onRetry,
    // A role assumed with MFA asks on the terminal (or is refused, naming --mfa-code, without one).
    ...(io.stdin.isTTY === true ? { askMfa: askMfaCode(io) } : {}),
    // Said once on stderr: what working on Cloud Control alone costs.
    onConnectUnavailable: (region: string, reason: string) => void io.stderr.write(`spex: note: ${region}: ${reason}.\n`),
    ...(values.debug === true ? { debug: (line: string) => void io.stderr.write(`${line}\n`) } : {}),
  };
  let opened: Backend | undefined;
  const backend = (): Backend => (opened ??= openBackend(flagsNow(), io.env, settings, events));
  let service: Promise<RegionService> | undefined;
  return {
    io,
    values,
    positionals: parsed.positionals,
    output,
    readOnly: effectiveSettings(flagsNow(), settings).readOnly,
    service: () => (service ??= backend().service()),
    // Every account known before a command works on them (an organisation's fleet opens while its tree is read).
    fleet: async () => {
      const fleet = await backend().fleet();
      await fleet.growth?.done;
      return fleet;
    },
    production: settings.production ?? [],
    async confirmProduction(regionService, instanceArn) {
      const entries = settings.production ?? [];
      if (entries.length === 0 || values['confirm-production'] === true) return;
      const { isProductionInstance, productionOf } = await import('../fleet/fleet.js');
      const name = str(values, 'profile') ?? (backend().isDemo ? (await import('../demo.js')).DEMO_FLEET_PROFILES.main : (io.env.AWS_PROFILE ?? 'default'));
      const rule = { production: productionOf(name, entries) };
      let instance = { arn: instanceArn, id: instanceArn.split('/').at(-1) ?? instanceArn } as ConnectInstance;
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
      const accountRule = await production.accountRule(others, (profile) => backend().accountOf(profile, regionService.region));
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
    close: async () => opened?.close(),
  };
}
