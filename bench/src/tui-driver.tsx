// Renders the real spex App in-process the way `spex` mounts it (Ink's normal, throttled renderer,
// not the debug one the tests use), into a fake terminal that timestamps every frame it receives.
// Key latency is then "stdin write → the next frame written to stdout".
import { EventEmitter } from 'node:events';
import { render, type Instance } from 'ink';
import { App } from '../../src/app/app.js';
import type { Spex } from '../../src/cloudcontrol/types.js';
import { ThemeProvider } from '../../src/components/theme.js';
import { SpexProvider } from '../../src/hooks/spex-context.js';
import type { RetryFeed } from '../../src/hooks/use-slow-down-notice.js';
import type { InitialStateOptions } from '../../src/state/app-state.js';
import { waitUntil } from './stats.js';
import { FakeStdin } from '../../test/helpers/fake-stdin.js';

const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/g;

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  enter: '\r',
  escape: '\u001B',
  backspace: '\u007F',
} as const;

/** A terminal that keeps only the latest frame (as text) and when frames arrived. */
class BenchStdout extends EventEmitter {
  isTTY = true;
  frame = '';
  frameCount = 0;
  lastFrameAt = 0;
  /** Time of the first frame written after `markAt`, if any. */
  firstAfterMark: number | undefined;
  /** Ink's renderTime (building the output from the laid-out tree) of that frame. */
  inkMsAfterMark: number | undefined;
  /** Set by Ink's onRender just before it writes the frame. */
  lastInkMs = 0;
  /** When Ink last rendered, whether or not the frame changed (and so was written). */
  lastRenderAt = 0;
  markAt = Number.POSITIVE_INFINITY;
  watchers: ((frame: string, at: number) => void)[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (chunk: string | Uint8Array): boolean => {
    const at = performance.now();
    const text = (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')).replace(ANSI, '');
    // Synchronised-update markers and cursor moves strip to nothing: they are not frames.
    if (text.trim() === '') return true;
    this.frame = text;
    this.frameCount += 1;
    this.lastFrameAt = at;
    if (this.firstAfterMark === undefined && at >= this.markAt) {
      this.firstAfterMark = at;
      this.inkMsAfterMark = this.lastInkMs;
    }
    for (const watch of this.watchers) watch(text, at);
    return true;
  };
}


export interface BenchTuiOptions {
  spex: Spex;
  initial: InitialStateOptions;
  columns?: number;
  rows?: number;
  concurrency?: number;
  retries?: RetryFeed;
}

export interface BenchTui {
  frame(): string;
  frameCount(): number;
  lastFrameAt(): number;
  /** When Ink last rendered (an unchanged frame is rendered but not written). */
  lastRenderAt(): number;
  /** Calls `watch` on every frame as it is written (exact timing, no polling). */
  watch(watch: (frame: string, at: number) => void): () => void;
  waitForFrame(match: (frame: string) => boolean, description: string, timeoutMs?: number): Promise<string>;
  /** Writes one key now, without timing it. */
  press(key: string): void;
  /**
   * Writes one key and resolves with the ms until the next frame, and how much of that was Ink's
   * output stage (its onRender renderTime); rejects when no frame comes.
   */
  timePress(key: string, timeoutMs?: number): Promise<{ ms: number; inkMs: number }>;
  /** Resolves once no frame has been written for `quietMs` and `extra()` holds. */
  settle(quietMs: number, extra?: () => boolean, timeoutMs?: number): Promise<void>;
  unmount(): void;
}

export function renderBenchTui({ spex, initial, columns = 100, rows = 30, concurrency, retries }: BenchTuiOptions): BenchTui {
  const stdout = new BenchStdout(columns, rows);
  const stdin = new FakeStdin();
  const stderr = new BenchStdout(columns, rows);
  const app = (
    <SpexProvider spex={spex}>
      <ThemeProvider isColor={false}>
        <App initial={initial} {...(concurrency === undefined ? {} : { concurrency })} {...(retries === undefined ? {} : { retries })} />
      </ThemeProvider>
    </SpexProvider>
  );
  // As mount.tsx renders it (debug off, default frame throttle), minus the alternate screen.
  const instance: Instance = render(app, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
    onRender: ({ renderTime }) => {
      stdout.lastInkMs = renderTime;
      stdout.lastRenderAt = performance.now();
    },
  });
  let mounted = true;
  return {
    frame: () => stdout.frame,
    frameCount: () => stdout.frameCount,
    lastFrameAt: () => stdout.lastFrameAt,
    lastRenderAt: () => stdout.lastRenderAt,
    watch(watch) {
      stdout.watchers.push(watch);
      return () => {
        stdout.watchers = stdout.watchers.filter((w) => w !== watch);
      };
    },
    async waitForFrame(match, description, timeoutMs = 30_000) {
      await waitUntil(() => match(stdout.frame), description, timeoutMs, () => `last frame:\n${stdout.frame}`);
      return stdout.frame;
    },
    press(key) {
      stdin.write(key);
    },
    async timePress(key, timeoutMs = 5000) {
      stdout.firstAfterMark = undefined;
      stdout.inkMsAfterMark = undefined;
      const t0 = performance.now();
      stdout.markAt = t0;
      stdin.write(key);
      await waitUntil(() => stdout.firstAfterMark !== undefined, `a frame after key ${JSON.stringify(key)}`, timeoutMs, () => `last frame:\n${stdout.frame}`);
      stdout.markAt = Number.POSITIVE_INFINITY;
      return { ms: (stdout.firstAfterMark ?? Number.NaN) - t0, inkMs: stdout.inkMsAfterMark ?? Number.NaN };
    },
    async settle(quietMs, extra = () => true, timeoutMs = 30_000) {
      await waitUntil(() => performance.now() - stdout.lastFrameAt >= quietMs && extra(), `${quietMs} ms without a frame`, timeoutMs, () => `last frame:\n${stdout.frame}`);
    },
    unmount() {
      if (!mounted) return;
      mounted = false;
      instance.unmount();
    },
  };
}

/** Data rows of the profile table in a frame: lines after the column header that start like a row. */
export function tableNames(frame: string): string[] {
  const lines = frame.split('\n');
  const header = lines.findIndex((l) => /^\s+Name\s+/.test(l));
  if (header < 0) return [];
  return lines
    .slice(header + 1)
    .filter((l) => /^[› ][✓ ] \S/.test(l))
    .map((l) => (l.slice(3).split(/\s{2,}/)[0] ?? '').trim());
}

/** The footer's shown/total counter, e.g. "1000/1000" or "25/1000+" while streaming. */
export function counterOf(frame: string): string | undefined {
  return /(\d+\/\d+\+?)\s*$/.exec(frame.trimEnd())?.[1];
}

/** Visible rows still waiting for details (the "…"/"·" markers in the count columns). */
export function hasPendingRows(frame: string): boolean {
  return /[…·]\s+[…·]\s+\d{4}-/.test(frame);
}
