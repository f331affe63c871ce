// `spex` (no command): the terminal UI. Parses its flags, builds the Spex (or starts the demo),
// renders, and after the app ends releases every socket and prints what could not be shown.
import { createNoteFeed, createRetryFeed } from '../hooks/use-slow-down-notice.js';
import type { Spex } from '../aws/types.js';
import type { Fleet } from '../fleet/fleet.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import { stateDir } from '../drafts/draft-store.js';
import { promotionsDir } from '../fleet/promotion.js';
import type { Settings } from '../config/settings.js';
import { UsageError } from '../io.js';
import { readLastUsed, writeLastUsed } from '../config/last-used.js';
import { readSettings, SettingsError } from '../config/settings.js';
import { cacheFor } from '../cache/detail-cache.js';
import { createDraftStore, draftDir } from '../drafts/draft-store.js';
import { EXIT_FAILURE, EXIT_OK, type Io } from '../io.js';
import type { Remembered } from './app.js';
import { initialOptionsFor, parseTuiFlags, type TuiFlags } from './flags.js';

/** What a TUI run opened (the Spex, maybe an in-process demo emulator), closed when it ends. */
interface TuiBackend {
  spex: Spex;
  /** Several accounts (or the demo's two): the fleet screen comes first. */
  fleet?: Fleet;
  /** One account: which of its instances config.json marks production. */
  productionOf?: (instance: ConnectInstance) => string | undefined;
  /** The region from flags, environment or AWS config, before the last-used one. */
  configuredRegion: string | undefined;
  readonly close: () => Promise<void>;
}

/** Debug lines cannot go to a terminal the app is drawing on: keep them and print them after. */
function debugSink(flags: TuiFlags, io: Io): { log?: (line: string) => void; flush(): void } {
  if (!flags.debug) return { flush() {} };
  if (io.stderr.isTTY !== true) return { log: (line) => void io.stderr.write(`${line}\n`), flush() {} };
  const kept: string[] = [];
  return {
    log: (line) => {
      kept.push(line);
      if (kept.length > 500) kept.shift();
    },
    flush: () => {
      for (const line of kept) io.stderr.write(`${line}\n`);
    },
  };
}

async function openBackend(
  flags: TuiFlags,
  io: Io,
  debug: ((line: string) => void) | undefined,
  retries: ReturnType<typeof createRetryFeed>,
  notes: ReturnType<typeof createNoteFeed>,
  settings: Settings,
): Promise<TuiBackend> {
  const common = {
    readOnly: flags.readOnly,
    onRetry: retries.emit,
    onConnectUnavailable: (region: string, reason: string) => notes.emit(`${region}: ${reason}`),
    ...(debug === undefined ? {} : { debug }),
    ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
    ...(flags.cloudControlOnly ? { cloudControlOnly: true } : {}),
    ...(flags.rateShare !== undefined ? { rateShare: flags.rateShare } : {}),
  };
  if (flags.demo) {
    const { startDemo } = await import('../demo.js');
    const demo = await startDemo({ spex: common, ...(flags.demoState === undefined ? {} : { statePath: flags.demoState }) });
    notes.emit(flags.demoState === undefined ? 'Demo data: it resets each start (--demo-state FILE keeps it between runs)' : `Demo data kept in ${flags.demoState}`);
    // The demo's two accounts as a fleet, unless a region or instance was asked for.
    const asFleet = flags.region === undefined && flags.instance === undefined;
    return { spex: demo.spex, ...(asFleet ? { fleet: demo.fleet(settings.production) } : {}), configuredRegion: flags.region ?? demo.region, close: demo.close };
  }
  const { isFleetRequest, openFleet } = await import('../fleet/open.js');
  if (isFleetRequest(flags)) {
    const fleet = await openFleet(flags, io.env, settings, common);
    return { spex: fleet.accounts[0]!.spex, fleet, configuredRegion: undefined, close: fleet.close };
  }
  if (flags.region?.includes(',')) throw new UsageError('--region takes one region (several only with a fleet: --profile a,b, --all-profiles or --fleet NAME)');
  const { createSpex, resolveConnection } = await import('../aws/index.js');
  const connection = await resolveConnection({
    flags: {
      ...(flags.region === undefined ? {} : { region: flags.region }),
      ...(flags.profile === undefined ? {} : { profile: flags.profile }),
      ...(flags.endpointUrl === undefined ? {} : { endpointUrl: flags.endpointUrl }),
    },
    env: io.env,
  });
  const spex = createSpex({
    ...common,
    ...(connection.region === undefined ? {} : { region: connection.region }),
    ...(connection.profile === undefined ? {} : { profile: connection.profile }),
    ...(connection.endpoint === undefined ? {} : { endpoint: connection.endpoint }),
    ...(connection.connectEndpoint === undefined ? {} : { connectEndpoint: connection.connectEndpoint }),
    credentials: connection.credentials,
    env: io.env,
    ...cacheFor(flags.noCache === true, io.env, connection.endpoint, connection.profile),
  });
  const { isProductionInstance, productionOf } = await import('../fleet/fleet.js');
  const profileName = connection.profile ?? 'default';
  const production = { production: productionOf(profileName, settings.production) };
  // The same account reached through other credentials is marked too: the entries' accounts as the
  // config files and the accounts spex has learned tell them (no call at start; headless writes also ask AWS).
  const byAccount = await import('../fleet/production.js');
  const { profileAccountHint } = await import('../aws/accounts.js');
  const { cacheDir } = await import('../cache/detail-cache.js');
  const known = await byAccount.readKnownAccounts(cacheDir(io.env));
  const accountRule = await byAccount.accountRule(settings.production ?? [], async (name) => (await profileAccountHint(name, io.env)) ?? known[name]);
  return {
    spex,
    configuredRegion: connection.region,
    productionOf: (instance) =>
      isProductionInstance(production, instance) || byAccount.isProductionByAccount(accountRule, instance) ? `${profileName}:${instance.alias ?? instance.id}` : undefined,
    close: async () => spex.close(),
  };
}

export async function runTuiCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseTuiFlags(argv);
  if (io.stdin.isTTY !== true || io.stdout.isTTY !== true) {
    io.stderr.write('spex: the terminal UI needs an interactive terminal; for scripts use a command (spex --help)\n');
    return EXIT_FAILURE;
  }
  let settings: Settings;
  try {
    // A read-only setting in the config file counts like the flag (and a broken file is not ignored).
    settings = await readSettings(io.env);
    if (settings.readOnly) flags.readOnly = true;
    if (settings.cloudControlOnly) flags.cloudControlOnly = true;
    if (flags.rateShare === undefined && settings.rateShare !== undefined) flags.rateShare = settings.rateShare;
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    io.stderr.write(`spex: ${error.message}\n`);
    return EXIT_FAILURE;
  }
  const debug = debugSink(flags, io);
  const retries = createRetryFeed();
  const notes = createNoteFeed();
  // The Ink bundle loads while the backend opens; a backend that opened is closed whatever fails next.
  const mounting = import('./mount.js');
  mounting.catch(() => undefined); // handled below, once the backend is open
  const [last, backend] = await Promise.all([readLastUsed(io.env), openBackend(flags, io, debug.log, retries, notes, settings)]);
  let mountTui: Awaited<typeof mounting>['mountTui'];
  try {
    ({ mountTui } = await mounting);
  } catch (error) {
    await backend.close();
    throw error;
  }
  let remembered: Remembered | undefined;
  try {
    const result = await mountTui({
      spex: backend.spex,
      ...(backend.fleet ? { fleet: backend.fleet, journalDir: promotionsDir(stateDir(io.env)) } : {}),
      ...(backend.productionOf ? { productionOf: backend.productionOf } : {}),
      initial: { ...initialOptionsFor(flags, backend.configuredRegion, flags.demo ? {} : last), readOnly: flags.readOnly },
      io,
      draftStore: createDraftStore(draftDir(io.env)),
      retries,
      notes,
      // The demo's instances exist only while it runs: remembering them would mislead the next real run.
      ...(flags.demo || backend.fleet ? {} : { onRemember: (value: Remembered) => void (remembered = value) }),
    });
    return result.signalStatus ?? EXIT_OK;
  } catch (error) {
    io.stderr.write(`spex: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  } finally {
    await backend.close();
    if (remembered !== undefined) await writeLastUsed(io.env, remembered);
    debug.flush();
  }
}
