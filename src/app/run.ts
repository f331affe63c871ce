// `spex` (no command): the terminal UI. Parses its flags, builds the Spex (or starts the demo),
// renders, and after the app ends releases every socket and prints what could not be shown.
import { createNoteFeed, createRetryFeed } from '../hooks/use-slow-down-notice.js';
import { createCredentialFeed } from '../hooks/use-credential-asks.js';
import type { Spex } from '../aws/types.js';
import type { Fleet } from '../fleet/fleet.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import { stateDir } from '../drafts/draft-store.js';
import { batchesDir } from '../fleet/assignments.js';
import { promotionsDir } from '../fleet/promotion.js';
import type { Settings } from '../config/settings.js';
import { readLastUsed, writeLastUsed } from '../config/last-used.js';
import { readSettings, SettingsError } from '../config/settings.js';
import { effectiveSettings, openBackend } from '../fleet/backend.js';
import { createDraftStore, draftDir } from '../drafts/draft-store.js';
import { askLine, askMfaCode, EXIT_FAILURE, EXIT_OK, type Io, runOnTerminal } from '../io.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
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

/** What the service layer tells the app: retries, notes for the status line, MFA codes to ask for. */
interface Feeds {
  retries: ReturnType<typeof createRetryFeed>;
  notes: ReturnType<typeof createNoteFeed>;
  asks: ReturnType<typeof createCredentialFeed>;
}

/** The TUI's backend over the one way to open AWS (fleet/backend.ts). */
async function openTuiBackend(flags: TuiFlags, io: Io, debug: ((line: string) => void) | undefined, feeds: Feeds, settings: Settings, drawing: () => boolean): Promise<TuiBackend> {
  const backend = openBackend(flags, io.env, settings, {
    onRetry: feeds.retries.emit,
    onConnectUnavailable: (region: string, reason: string) => feeds.notes.emit(`${region}: ${reason}`),
    ...(debug === undefined ? {} : { debug }),
    // Asked before the app draws (the backend opens first): a masked prompt on the terminal naming the
    // device; once the app draws (a session renewed later), a masked prompt over the app.
    askMfa: askMfaCode(io, drawing, feeds.asks.askCode),
    // An Identity Center session ending once the app draws: a prompt over the app offers `aws sso login`.
    // Before (the backend opening), openWithLogin below offers it on the terminal.
    askSsoLogin: (what, command) => (drawing() ? feeds.asks.askLogin(what, command) : undefined),
  });
  try {
    if (backend.isDemo) {
      const demo = await backend.demo();
      feeds.notes.emit(flags.demoState === undefined ? 'Demo data: it resets each start (--demo-state FILE keeps it between runs)' : `Demo data kept in ${flags.demoState}`);
      // The demo's two accounts as a fleet, unless a region or instance was asked for.
      const asFleet = flags.region === undefined && flags.instance === undefined;
      return { spex: demo.spex, ...(asFleet ? { fleet: await backend.fleet() } : {}), configuredRegion: flags.region ?? demo.region, close: backend.close };
    }
    if (backend.isFleetRequest) {
      const fleet = await backend.fleet();
      return { spex: fleet.accounts[0]!.spex, fleet, configuredRegion: undefined, close: backend.close };
    }
    const [{ spex, connection }, productionOf] = await Promise.all([backend.account(), backend.productionOf()]);
    // A role assumed with MFA: its code is asked now, on the plain terminal, not under the app.
    if (typeof connection.credentials === 'function' && connection.needsMfa) await connection.credentials();
    return { spex, configuredRegion: connection.region, productionOf, close: backend.close };
  } catch (error) {
    await backend.close();
    throw error;
  }
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
    // The flags and the settings file decided together, as for the headless commands.
    const effective = effectiveSettings(flags, settings);
    flags.readOnly = effective.readOnly;
    flags.cloudControlOnly = effective.cloudControlOnly;
    if (effective.rateShare !== undefined) flags.rateShare = effective.rateShare;
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    io.stderr.write(`spex: ${error.message}\n`);
    return EXIT_FAILURE;
  }
  const debug = debugSink(flags, io);
  const feeds: Feeds = { retries: createRetryFeed(), notes: createNoteFeed(), asks: createCredentialFeed() };
  // The Ink bundle loads while the backend opens; a backend that opened is closed whatever fails next.
  const mounting = import('./mount.js');
  mounting.catch(() => undefined); // handled below, once the backend is open
  let drawing = false;
  const [last, backend] = await Promise.all([readLastUsed(io.env), openWithLogin(() => openTuiBackend(flags, io, debug.log, feeds, settings, () => drawing), io)]);
  let mountTui: Awaited<typeof mounting>['mountTui'];
  try {
    ({ mountTui } = await mounting);
  } catch (error) {
    await backend.close();
    throw error;
  }
  let remembered: Remembered | undefined;
  try {
    drawing = true;
    const result = await mountTui({
      spex: backend.spex,
      ...(backend.fleet ? { fleet: backend.fleet, journalDir: promotionsDir(stateDir(io.env)) } : {}),
      ...(backend.productionOf ? { productionOf: backend.productionOf } : {}),
      // The demo's data lives only while it runs: a batch journalled there could not be resumed against the next.
      ...(flags.demo ? {} : { batchDir: batchesDir(stateDir(io.env)) }),
      initial: { ...initialOptionsFor(flags, backend.configuredRegion, flags.demo ? {} : last), readOnly: flags.readOnly },
      io,
      draftStore: createDraftStore(draftDir(io.env)),
      ...feeds,
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

/**
 * Opens the backend; when an IAM Identity Center session has expired (the error names the command
 * that renews it), offers to run that command on the terminal, then tries once more.
 */
async function openWithLogin(open: () => Promise<TuiBackend>, io: Io): Promise<TuiBackend> {
  try {
    return await open();
  } catch (error) {
    const login = /run `(aws sso login [^`]+)`/.exec(error instanceof Error ? error.message : '')?.[1];
    if (login === undefined || io.stdin.isTTY !== true) throw error;
    io.stderr.write(`spex: ${sanitizeLine((error as Error).message)}\n`);
    const answer = await askLine(io, `Run \`${login}\` now? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw error;
    const failed = await runOnTerminal(login, io.env);
    if (failed !== undefined) throw new Error(failed);
    return open();
  }
}
