// Renders the app into the real terminal: alternate screen, Ctrl-C handled by the app itself
// (exitOnCtrlC: false, so it can abort reads and leave through its one exit site), and the terminal
// restored on every way out.
import type { NoteFeed, RetryFeed } from '../hooks/use-slow-down-notice.js';
import { render } from 'ink';
import type { Spex } from '../aws/types.js';
import { ThemeProvider } from '../components/theme.js';
import type { DraftStore } from '../drafts/draft-store.js';
import { createOperationLog, inFlightReport, type OperationLog } from '../state/operation-log.js';
import { SpexProvider } from '../hooks/spex-context.js';
import { type Io, runOnTerminal } from '../io.js';
import type { InitialStateOptions } from '../state/app-state.js';
import { App, type Remembered } from './app.js';
import type { Fleet } from '../fleet/fleet.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import { FleetShell } from './fleet/fleet-shell.js';
import { CredentialGate } from './credential-gate.js';
import type { CredentialFeed } from '../hooks/use-credential-asks.js';
import { handOver } from './hand-over.js';
import { enterAlternateScreen, osc52, SIGNAL_EXIT } from './terminal.js';
import { frameDiffStdout } from './frame-diff.js';
import { ClipboardContext } from '../hooks/use-clipboard.js';

export interface MountOptions {
  spex: Spex;
  /** Several accounts: the fleet screen first (FleetShell), each instance in its account's Spex. */
  fleet?: Fleet;
  journalDir?: string;
  /** Where holders' batches are journalled (state/batches); none for the demo, whose data lives only while it runs. */
  batchDir?: string;
  /** One account: the instances config.json marks production. */
  productionOf?: (instance: ConnectInstance) => string | undefined;
  initial: InitialStateOptions;
  io: Io;
  onRemember?: (value: Remembered) => void;
  /** Where unsaved drafts are kept (the user's state directory). */
  draftStore?: DraftStore;
  log?: OperationLog;
  retries?: RetryFeed;
  notes?: NoteFeed;
  /** What the credentials ask while the app draws (an MFA code, an Identity Center sign-in): a prompt over the app. */
  asks?: CredentialFeed;
}

export interface MountResult {
  /** Set when a signal ended the app: the exit status to report. */
  signalStatus?: number;
}

/** True unless NO_COLOR is set to something (https://no-color.org). */
export function isColorAllowed(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}

/** Requests still running when spex ends: the user can follow them with `spex requests`. */
function reportInFlight(log: OperationLog, io: Io): void {
  const lines = inFlightReport(log);
  if (lines.length === 0) return;
  io.stderr.write(`spex: ${lines.length === 1 ? 'a request was' : `${lines.length} requests were`} still running when spex closed:\n`);
  for (const line of lines) io.stderr.write(`  ${line}\n`);
}

export async function mountTui({ spex, fleet, journalDir, batchDir, productionOf, initial, io, onRemember, draftStore, retries, notes, asks, log = createOperationLog() }: MountOptions): Promise<MountResult> {
  const stdout = io.stdout as NodeJS.WriteStream;
  const terminal = enterAlternateScreen(stdout);
  const result: MountResult = {};
  const frames = frameDiffStdout(stdout);
  // `aws sso login`, run with the terminal lent to it, when a session ends while the app runs.
  const lent = handOver({ stdout, frames, stdin: io.stdin as NodeJS.ReadStream }, (command) => runOnTerminal(command, io.env));
  const instance = render(
    <SpexProvider spex={spex}>
      <ClipboardContext.Provider value={(text) => void stdout.write(osc52(text))}>
      <ThemeProvider isColor={isColorAllowed(io.env)}>
      <CredentialGate feed={asks} runCommand={lent.run}>
        {fleet !== undefined ? (
        <FleetShell
          fleet={fleet}
          {...(journalDir === undefined ? {} : { journalDir })}
          initial={initial}
          operationLog={log}
          {...(batchDir === undefined ? {} : { batchDir })}
          {...(draftStore === undefined ? {} : { draftStore })}
          {...(onRemember === undefined ? {} : { onRemember })}
          {...(retries === undefined ? {} : { retries })}
          {...(notes === undefined ? {} : { notes })}
        />
        ) : (
        <App
          initial={initial}
          {...(productionOf === undefined ? {} : { productionOf })}
          operationLog={log}
          {...(batchDir === undefined ? {} : { batchDir })}
          {...(draftStore === undefined ? {} : { draftStore })}
          {...(onRemember === undefined ? {} : { onRemember })}
          {...(retries === undefined ? {} : { retries })}
          {...(notes === undefined ? {} : { notes })}
        />
        )}
      </CredentialGate>
      </ThemeProvider>
      </ClipboardContext.Provider>
    </SpexProvider>,
    {
      // Only the lines that changed are written (frame-diff.ts); test/app/frame-diff.test.ts checks
      // the screen stays what a full redraw would show.
      stdout: frames,
      stdin: io.stdin as NodeJS.ReadStream,
      stderr: io.stderr as NodeJS.WriteStream,
      exitOnCtrlC: false,
    },
  );
  const onSignal = (signal: 'SIGTERM' | 'SIGHUP' | 'SIGINT'): void => {
    // A Ctrl-C typed while a command has the terminal is the command's (it ends, and the app comes back).
    if (signal === 'SIGINT' && lent.isHandedOver) return;
    result.signalStatus = SIGNAL_EXIT[signal];
    // Unmounting restores raw mode and the cursor and runs the effects' cleanups (aborting reads).
    instance.unmount();
  };
  const onFatal = (error: unknown): void => {
    try {
      // Unmounting writes any pending draft to disk and turns raw mode off.
      instance.unmount();
    } finally {
      terminal.restore();
      io.stderr.write(`spex: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      reportInFlight(log, io);
      process.exit(1);
    }
  };
  const signals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  try {
    await instance.waitUntilExit();
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
    process.off('uncaughtException', onFatal);
    process.off('unhandledRejection', onFatal);
    terminal.restore();
  }
  reportInFlight(log, io);
  return result;
}
