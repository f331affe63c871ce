// Renders the real spex App in-process the way `spex` mounts it (Ink's normal, throttled renderer,
// not the debug one the tests use), into a fake terminal that timestamps every frame it receives.
// Key latency is then "stdin write → the next frame written to stdout".
import { EventEmitter } from 'node:events';
import { Box, render, Text, useInput, type Instance } from 'ink';
import { type ReactElement, useState } from 'react';
import { type FrameDiffStats, frameDiffStdout } from '../../src/app/frame-diff.js';
import { App } from '../../src/app/app.js';
import type { Spex } from '../../src/aws/types.js';
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
  /**
   * The bytes spex would send to a real terminal: every write also goes through the production
   * frame-diff stdout (src/app/frame-diff.ts) into a counter. `bytesAfterMark` is that of the first
   * frame after the mark.
   */
  readonly diffStats: FrameDiffStats = { frames: 0, bytes: 0 };
  bytesAfterMark: number | undefined;
  private readonly diff = frameDiffStdout({ write: () => true, columns: 0, rows: 0 } as unknown as NodeJS.WriteStream, this.diffStats);
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (chunk: string | Uint8Array): boolean => {
    const at = performance.now();
    const before = this.diffStats.bytes;
    this.diff.write(chunk);
    const written = this.diffStats.bytes - before;
    const text = (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')).replace(ANSI, '');
    // Synchronised-update markers and cursor moves strip to nothing: they are not frames.
    if (text.trim() === '') return true;
    this.frame = text;
    this.frameCount += 1;
    this.lastFrameAt = at;
    if (this.firstAfterMark === undefined && at >= this.markAt) {
      this.firstAfterMark = at;
      this.inkMsAfterMark = this.lastInkMs;
      this.bytesAfterMark = written;
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
  timePress(key: string, timeoutMs?: number): Promise<{ ms: number; inkMs: number; bytes: number }>;
  /** Resolves once no frame has been written for `quietMs` and `extra()` holds. */
  settle(quietMs: number, extra?: () => boolean, timeoutMs?: number): Promise<void>;
  unmount(): void;
}

export function renderBenchTui({ spex, initial, columns = 100, rows = 30, concurrency, retries }: BenchTuiOptions): BenchTui {
  return renderInBench(
    <SpexProvider spex={spex}>
      <ThemeProvider isColor={false}>
        <App initial={initial} {...(concurrency === undefined ? {} : { concurrency })} {...(retries === undefined ? {} : { retries })} />
      </ThemeProvider>
    </SpexProvider>,
    columns,
    rows,
  );
}

/**
 * The floor to compare spex's key latency with: a bare Ink app drawing a frame of the same size (a
 * window of full-width rows with a cursor that ↓ moves), through the same renderer and terminal.
 */
function BareInk({ count, rows, columns }: { readonly count: number; readonly rows: number; readonly columns: number }) {
  const [cursor, setCursor] = useState(0);
  useInput((_input, key) => {
    if (key.downArrow) setCursor((c) => (c + 1) % count);
  });
  const height = rows - 1;
  const top = Math.max(0, Math.min(cursor - Math.floor(height / 2), count - height));
  const lines = [];
  for (let i = top; i < Math.min(count, top + height); i++) {
    lines.push(
      <Text key={i} wrap="truncate-end">
        {`${i === cursor ? '›' : ' '}  row ${String(i).padStart(5, '0')} `.padEnd(columns - 1, i % 2 === 0 ? '.' : ' ')}
      </Text>,
    );
  }
  return <Box flexDirection="column">{lines}</Box>;
}

export function renderBareInk(count: number, columns: number, rows: number): BenchTui {
  return renderInBench(<BareInk count={count} rows={rows} columns={columns} />, columns, rows);
}

export function renderInBench(app: ReactElement, columns: number, rows: number): BenchTui {
  const stdout = new BenchStdout(columns, rows);
  const stdin = new FakeStdin();
  const stderr = new BenchStdout(columns, rows);
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
      stdout.bytesAfterMark = undefined;
      const t0 = performance.now();
      stdout.markAt = t0;
      stdin.write(key);
      await waitUntil(() => stdout.firstAfterMark !== undefined, `a frame after key ${JSON.stringify(key)}`, timeoutMs, () => `last frame:\n${stdout.frame}`);
      stdout.markAt = Number.POSITIVE_INFINITY;
      return { ms: (stdout.firstAfterMark ?? Number.NaN) - t0, inkMs: stdout.inkMsAfterMark ?? Number.NaN, bytes: stdout.bytesAfterMark ?? Number.NaN };
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
    // Without the marks a row gains as its detail arrives (! ⊘ ✎ ≈): the same profile, one name.
    .map((l) => (l.slice(3).split(/\s{2,}/)[0] ?? '').trim().replace(/^(?:[!⊘✎≈] )+/, ''));
}

/** The footer's shown/total counter, e.g. "1000/1000" or "25/1000+" while streaming. */
export function counterOf(frame: string): string | undefined {
  return /(\d+\/\d+\+?)\s*$/.exec(frame.trimEnd())?.[1];
}

/** Visible rows still waiting for details (the "…"/"·" markers in the count columns). */
export function hasPendingRows(frame: string): boolean {
  return /[…·]\s+[…·]\s+\d{4}-/.test(frame);
}
