// One way to open AWS, for the terminal UI (app/run.ts) and every headless command
// (commands/context.ts): the settings file merged with the flags, the in-process demo started when
// asked, the one account of the flags and environment or a fleet of several, and config.json's
// production rules for what is opened. Everything is opened lazily and closed once.
import type { Connection, MfaCodeSource, RegionService, Spex, SpexOptions, SsoLoginAsk } from '../aws/index.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import { regionProblem } from '../domain/service/regions.js';
import type { Settings } from '../config/settings.js';
import { UsageError } from '../io.js';
import type { Fleet } from './fleet.js';
import { isFleetRequest as isFleetFlags, missingProfiles } from './open.js';

/** The flags that say where to connect and how (each declared once in cli-spec.ts). */
export interface BackendFlags {
  demo?: boolean | undefined;
  demoState?: string | undefined;
  region?: string | undefined;
  profile?: string | undefined;
  endpointUrl?: string | undefined;
  allProfiles?: boolean | undefined;
  fleet?: string | undefined;
  /** --org, --org-role NAME, --external-id ID: the organisation's accounts (fleet/org.ts). */
  org?: boolean | undefined;
  orgRole?: string | undefined;
  externalId?: string | undefined;
  /** --org-unit a,b and --org-account a,b: only these accounts of the organisation (or of --sso). */
  orgUnit?: string | undefined;
  orgAccount?: string | undefined;
  /** --sso NAME (--sso-role ROLE): the accounts of an IAM Identity Center session (fleet/sso.ts). */
  sso?: string | undefined;
  ssoRole?: string | undefined;
  /** --mfa-code CODE: for a profile that assumes a role with MFA. */
  mfaCode?: string | undefined;
  noCache?: boolean | undefined;
  readOnly?: boolean | undefined;
  cloudControlOnly?: boolean | undefined;
  concurrency?: number | undefined;
  rateShare?: number | undefined;
}

/** What the flags and config.json decide together: a setting counts like its flag, a flag wins a value. */
export interface Effective {
  readOnly: boolean;
  cloudControlOnly: boolean;
  rateShare: number | undefined;
}

export function effectiveSettings(flags: BackendFlags, settings: Settings): Effective {
  return { readOnly: flags.readOnly === true || settings.readOnly, cloudControlOnly: flags.cloudControlOnly === true || settings.cloudControlOnly, rateShare: flags.rateShare ?? settings.rateShare };
}

/** How the run hears from the service layer (retries, Connect unavailable, debug lines). */
export type BackendEvents = Pick<SpexOptions, 'onRetry' | 'onConnectUnavailable' | 'debug'> & {
  /** Asks for an MFA code (on the terminal); without it, and without --mfa-code, such a profile is refused. */
  askMfa?: MfaCodeSource | undefined;
  /** Offers `aws sso login` when an Identity Center session ends while spex runs (`--sso`, an SSO profile). */
  askSsoLogin?: SsoLoginAsk | undefined;
};

export interface Backend {
  readonly isDemo: boolean;
  readonly effective: Effective;
  /** The demo, started on first use (with --demo or --demo-state). */
  demo(): Promise<import('../demo.js').Demo>;
  /** The one account the flags and environment name, in the region they name (a usage error without one). */
  service(): Promise<RegionService>;
  /** The connection and Spex of the one account (the TUI opens the region picker on it). */
  account(): Promise<{ spex: Spex; connection: Connection }>;
  /** Whether the flags ask for several accounts: `--profile a,b`, `--all-profiles`, `--fleet NAME`. */
  readonly isFleetRequest: boolean;
  /**
   * The accounts to look at: the fleet the flags name, the demo's (maybe narrowed by --profile), else the
   * one account. An organisation's opens with its first accounts and grows (`growth`) as its tree is read.
   */
  fleet(): Promise<Fleet>;
  /** The one account's production rule, as known without a call (the config files, the accounts spex learned). */
  productionOf(): Promise<(instance: ConnectInstance) => string | undefined>;
  /** The account an AWS profile reaches, for the production guard (the config files, what spex learned, else one read). */
  accountOf(profile: string, region: string): Promise<string | undefined>;
  readonly close: () => Promise<void>;
}

export function openBackend(flags: BackendFlags, env: NodeJS.ProcessEnv, settings: Settings, events: BackendEvents): Backend {
  const effective = effectiveSettings(flags, settings);
  const { askMfa, askSsoLogin, ...serviceEvents } = events;
  const mfaCode: MfaCodeSource | undefined = flags.mfaCode !== undefined ? async () => flags.mfaCode! : askMfa;
  const common = {
    readOnly: effective.readOnly,
    cloudControlOnly: effective.cloudControlOnly,
    ...serviceEvents,
    ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
    ...(effective.rateShare !== undefined ? { rateShare: effective.rateShare } : {}),
  };
  const isDemo = flags.demo === true || flags.demoState !== undefined;
  const isFleetRequest = isFleetFlags(flags);
  let demo: Promise<import('../demo.js').Demo> | undefined;
  let account: Promise<{ spex: Spex; connection: Connection }> | undefined;
  let fleet: Promise<Fleet> | undefined;
  const opened: Spex[] = [];

  const openDemo = (): Promise<import('../demo.js').Demo> =>
    (demo ??= import('../demo.js').then(({ startDemo }) => startDemo({ spex: common, ...(flags.demoState === undefined ? {} : { statePath: flags.demoState }) })));

  /** A Spex over a resolved connection (closed with the backend). */
  const spexOf = async (connection: Connection, region: string | undefined): Promise<Spex> => {
    const [{ createSpex }, { cacheFor }] = await Promise.all([import('../aws/index.js'), import('../cache/detail-cache.js')]);
    const spex = createSpex({
      ...common,
      ...(region ? { region } : {}),
      ...(connection.profile ? { profile: connection.profile } : {}),
      ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
      ...(connection.connectEndpoint ? { connectEndpoint: connection.connectEndpoint } : {}),
      credentials: connection.credentials,
      env,
      ...cacheFor(flags.noCache === true, env, connection.endpoint, connection.profile),
    });
    opened.push(spex);
    return spex;
  };
  const connect = async (profile: string | undefined, region: string | undefined): Promise<Connection> => {
    const [{ resolveConnection, credentialsFromEnv }, { readAccountProfiles }] = await Promise.all([import('../aws/index.js'), import('../aws/accounts.js')]);
    // A profile named (by the flag, or AWS_PROFILE where no key pair in the environment comes first)
    // that the files do not have is refused before anything is sent, as a fleet's are. Not "default":
    // without files, the SDK's chain goes on to container and instance roles for it.
    const named = profile || (credentialsFromEnv(env) === undefined ? env.AWS_PROFILE || undefined : undefined);
    const missing = named === undefined || named === 'default' ? undefined : missingProfiles([named], await readAccountProfiles(env));
    if (missing !== undefined) throw new UsageError(missing);
    return resolveConnection({ flags: { region, profile, endpointUrl: flags.endpointUrl, mfaCode, askSsoLogin }, env });
  };

  /** A fleet that remembers its last scan (the TUI shows it at once), unless --no-cache. */
  const withMemory = async (opened: Fleet): Promise<Fleet> => {
    if (flags.noCache === true) return opened;
    const [{ fleetMemory }, { cacheDir }, { endpointFromEnv }] = await Promise.all([import('../cache/fleet-cache.js'), import('../cache/detail-cache.js'), import('../aws/index.js')]);
    return { ...opened, memory: fleetMemory(cacheDir(env), opened.memoryKey !== undefined ? { key: opened.memoryKey } : opened.accounts, endpointFromEnv(flags, env)) };
  };

  /** An organisation's or an Identity Center session's accounts: by the flags, or a fleet saved as one (the flags win). */
  const openAccounts = async (only: string[] | undefined): Promise<Fleet | undefined> => {
    const saved = flags.fleet === undefined ? undefined : settings.fleets?.[flags.fleet];
    const org = saved !== undefined && 'org' in saved ? saved.org : flags.org === true ? {} : undefined;
    const sso = flags.sso !== undefined ? { name: flags.sso } : saved !== undefined && 'sso' in saved ? saved.sso : undefined;
    const [{ splitList }, { endpointFromEnv }] = await Promise.all([import('./open.js'), import('../aws/index.js')]);
    const list = (flag: string | undefined, kept: string[] | undefined): string[] | undefined => (flag !== undefined ? splitList(flag) : kept);
    if (sso !== undefined) {
      const { openSsoFleet } = await import('./sso.js');
      const endpoint = endpointFromEnv(flags, env);
      const regions = only ?? ('regions' in sso ? sso.regions : undefined);
      return withMemory(await openSsoFleet({ name: sso.name, role: flags.ssoRole ?? ('role' in sso ? sso.role : undefined), accounts: list(flags.orgAccount, 'accounts' in sso ? sso.accounts : undefined), regions, region: regions?.[0], endpoint, noCache: flags.noCache, askLogin: askSsoLogin }, env, settings, common));
    }
    if (org === undefined) return undefined;
    const { openOrgFleet } = await import('./org.js');
    const regions = only ?? org.regions;
    const flagsOf = { role: flags.orgRole ?? org.role, externalId: flags.externalId ?? org.externalId, units: list(flags.orgUnit, org.units), accounts: list(flags.orgAccount, org.accounts), regions, noCache: flags.noCache };
    return withMemory(await openOrgFleet(await connect(flags.profile ?? org.profile, regions?.[0]), flagsOf, env, settings, common));
  };

  const backend: Backend = {
    isDemo,
    effective,
    isFleetRequest,
    demo: openDemo,
    account() {
      return (account ??= (async () => {
        if (flags.region?.includes(',')) throw new UsageError('--region takes one region (several only with a fleet: --profile a,b, --all-profiles or --fleet NAME)');
        const connection = await connect(flags.profile, flags.region);
        return { connection, spex: await spexOf(connection, connection.region) };
      })());
    },
    async service() {
      const wrong = flags.region === undefined ? undefined : regionProblem(flags.region);
      if (wrong) throw new UsageError(`--region: ${wrong}`);
      if (isDemo) {
        const opened = await openDemo();
        // --profile names one of the demo's accounts, as it names an account of the AWS config files.
        const accounts = opened.fleet([]).accounts;
        const named = flags.profile === undefined ? undefined : accounts.find((a) => a.profile === flags.profile);
        if (flags.profile !== undefined && named === undefined) throw new UsageError(`--profile: the demo has no AWS profile '${flags.profile}' (it has ${accounts.map((a) => a.profile).join(', ')})`);
        return (named?.spex ?? opened.spex).forRegion(flags.region ?? opened.region);
      }
      const { connection, spex } = await backend.account();
      if (!connection.region) throw new UsageError('no region: pass --region, set AWS_REGION, or configure a region for the AWS profile');
      const problem = regionProblem(connection.region);
      if (problem) throw new UsageError(`${connection.regionSource ?? 'region'}: ${problem}`);
      return spex.forRegion(connection.region);
    },
    fleet() {
      return (fleet ??= (async () => {
        const [{ fleetRegions, productionOf }, { openFleet, regionsFlag }] = await Promise.all([import('./fleet.js'), import('./open.js')]);
        const only = regionsFlag(flags.region);
        if (isDemo) {
          const opened = await openDemo();
          const whole = opened.fleet(settings.production);
          const asked = flags.profile === undefined ? undefined : flags.profile.split(',');
          return { accounts: whole.accounts.filter((a) => asked === undefined || asked.includes(a.profile)).map((a) => ({ ...a, regions: fleetRegions(opened.region, only) })), close: whole.close };
        }
        const opened = await openAccounts(only);
        if (opened !== undefined) return opened;
        if (isFleetRequest) return withMemory(await openFleet({ ...flags, mfaSource: mfaCode, ssoLogin: askSsoLogin }, env, settings, common));
        // One account: the flags' and environment's (as every other command has it).
        const connection = await connect(flags.profile, only?.[0]);
        const region = connection.region !== undefined && regionProblem(connection.region) === undefined ? connection.region : undefined;
        const name = connection.profile ?? 'default';
        const spex = await spexOf(connection, region);
        return { accounts: [{ profile: name, spex, regions: fleetRegions(region, only), production: productionOf(name, settings.production) }], close: async () => undefined };
      })());
    },
    async productionOf() {
      const [{ connection }, { isProductionInstance, productionOf }, byAccount, { profileAccountHint }, { cacheDir }] = await Promise.all([
        backend.account(),
        import('./fleet.js'),
        import('./production.js'),
        import('../aws/accounts.js'),
        import('../cache/detail-cache.js'),
      ]);
      const name = connection.profile ?? 'default';
      const rule = { production: productionOf(name, settings.production) };
      // The same account reached through other credentials is marked too: the entries' accounts as the
      // config files and the accounts spex has learned tell them (no call at start; headless writes also ask AWS).
      const known = await byAccount.readKnownAccounts(cacheDir(env));
      const accountRule = await byAccount.accountRule(settings.production ?? [], async (profile) => (await profileAccountHint(profile, env)) ?? known[profile]);
      return (instance) => (isProductionInstance(rule, instance) || byAccount.isProductionByAccount(accountRule, instance) ? `${name}:${instance.alias ?? instance.id}` : undefined);
    },
    async accountOf(profile, region) {
      const production = await import('./production.js');
      if (isDemo) {
        const named = (await openDemo()).fleet([]).accounts.find((a) => a.profile === profile);
        if (named === undefined) return undefined;
        const instances = await named.spex.forRegion(region).listInstances();
        return production.accountOfConnectArn(instances[0]?.arn ?? '') ?? named.spex.forRegion(region).account();
      }
      const [{ profileAccountHint }, { cacheDir }] = await Promise.all([import('../aws/accounts.js'), import('../cache/detail-cache.js')]);
      const hinted = await profileAccountHint(profile, env);
      if (hinted !== undefined) return hinted;
      const dir = cacheDir(env);
      const known = (await production.readKnownAccounts(dir))[profile];
      if (known !== undefined) return known;
      const connection = await connect(profile, region);
      const other = await spexOf(connection, region);
      // Its instances in the target's region, else in its own region (an account may have none here).
      for (const r of [...new Set([region, ...(connection.region === undefined ? [] : [connection.region])])]) {
        const service = other.forRegion(r);
        const found = production.accountOfConnectArn((await service.listInstances())[0]?.arn ?? '') ?? service.account();
        if (found !== undefined) {
          await production.rememberAccount(dir, profile, found);
          return found;
        }
      }
      return undefined;
    },
    async close() {
      await (await fleet?.catch(() => undefined))?.close();
      for (const spex of opened) spex.close();
      await (await demo?.catch(() => undefined))?.close();
    },
  };
  return backend;
}
