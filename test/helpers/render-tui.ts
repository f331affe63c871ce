// Renders an Ink tree into in-memory streams of a chosen size (ink-testing-library's are fixed at
// 100 columns and have no height or resize), and drives it like a user: one key per write, then a
// macrotask yield; assertions wait for a frame instead of sleeping, and fail showing the last frame.
// `renderTui` strips escape sequences from its frames; `renderRaw` keeps every byte, for the tests
// that look for escape sequences coming from hostile data (Ink's debug mode with colour off writes
// plain text only, so any ESC in its output came from data).
import { EventEmitter } from 'node:events';
import { render, type Instance } from 'ink';
import type { ReactElement } from 'react';
import { FakeStdin } from './fake-stdin.js';

const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/g;

class TestStdout extends EventEmitter {
  readonly frames: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
    private readonly keepEscapes = false,
  ) {
    super();
  }
  write = (chunk: string): boolean => {
    this.frames.push(this.keepEscapes ? chunk : chunk.replace(ANSI, ''));
    return true;
  };
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}


export type FrameMatch = string | RegExp | ((frame: string) => boolean);

export interface RenderTuiOptions {
  columns?: number;
  rows?: number;
}

export interface TuiHandle {
  frame(): string;
  frames: string[];
  waitForFrame(match: FrameMatch, options?: { timeoutMs?: number }): Promise<string>;
  /** Each key is written on its own, with a yield after it. */
  press(...keys: string[]): Promise<void>;
  /** Types text one character at a time. */
  type(text: string): Promise<void>;
  /** Writes each chunk on its own, back to back, with no turn between: faster than any re-render. */
  writeNow(...chunks: string[]): void;
  resize(columns: number, rows: number): Promise<void>;
  /** Resolves when the app exits by itself (its one exit site). */
  /** Waits for the app to exit; fails (with the last frame) after `timeoutMs` instead of hanging the suite. */
  waitUntilExit(timeoutMs?: number): Promise<unknown>;
  unmount(): void;
}

/** One macrotask turn: lets Ink flush input (a lone ESC waits for setImmediate) and React commit. */
export function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setTimeout(resolve, 0)));
}

function matches(match: FrameMatch, frame: string): boolean {
  if (typeof match === 'string') return frame.includes(match);
  if (match instanceof RegExp) return match.test(frame);
  return match(frame);
}

const mounted = new Set<Instance>();

/** Renders into test streams (debug mode: each frame written whole) and keeps the instance for cleanupTui. */
function mount(tree: ReactElement, stdout: TestStdout, stderr: TestStdout): { stdin: FakeStdin; unmount(): void; instance: Instance } {
  const stdin = new FakeStdin();
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  mounted.add(instance);
  return {
    stdin,
    instance,
    unmount() {
      if (mounted.delete(instance)) instance.unmount();
    },
  };
}

/** Each key written on its own, with a yield after it (two after a lone ESC, which Ink holds back a turn). */
async function pressKeys(stdin: FakeStdin, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    stdin.write(key);
    await yieldTurn();
    if (key === '\u001B') await yieldTurn();
  }
}

export function renderTui(tree: ReactElement, options: RenderTuiOptions = {}): TuiHandle {
  const stdout = new TestStdout(options.columns ?? 100, options.rows ?? 30);
  const { stdin, instance, unmount } = mount(tree, stdout, new TestStdout(100, 30));
  const frame = (): string => stdout.frames.at(-1) ?? '';
  return {
    frame,
    frames: stdout.frames,
    async waitForFrame(match, { timeoutMs = 5000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = frame();
        if (matches(match, current)) return current;
        if (Date.now() > deadline) {
          throw new Error(`timed out after ${timeoutMs} ms waiting for a frame matching ${String(match)}; last frame:\n${current}`);
        }
        await yieldTurn();
      }
    },
    press: (...keys) => pressKeys(stdin, keys),
    async type(text) {
      for (const ch of text) {
        stdin.write(ch);
        await yieldTurn();
      }
    },
    writeNow(...chunks) {
      for (const chunk of chunks) stdin.write(chunk);
    },
    async resize(columns, rows) {
      stdout.resize(columns, rows);
      await yieldTurn();
    },
    waitUntilExit: (timeoutMs = 5000) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the app did not exit within ${timeoutMs} ms; last frame:\n${frame()}`)), timeoutMs);
      });
      return Promise.race([instance.waitUntilExit(), timeout]).finally(() => clearTimeout(timer));
    },
    unmount,
  };
}

export interface RawHandle {
  /** Everything written so far. */
  output(): string;
  last(): string;
  /** Waits for a frame with `text`, then lets the new screen's key handler attach. */
  waitFor(text: string, timeoutMs?: number): Promise<string>;
  press(...keys: string[]): Promise<void>;
  /** Writes each chunk on its own, back to back, with no turn between: faster than any re-render. */
  writeNow(...chunks: string[]): void;
  unmount(): void;
}

/** Renders keeping every byte written (120×32), so a test can look for escape sequences from data. */
export function renderRaw(tree: ReactElement): RawHandle {
  const stdout = new TestStdout(120, 32, true);
  const { stdin, unmount } = mount(tree, stdout, stdout);
  const last = (): string => stdout.frames.at(-1) ?? '';
  return {
    output: () => stdout.frames.join(''),
    last,
    async waitFor(text, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!last().includes(text)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}; last frame:\n${last()}`);
        await yieldTurn();
      }
      // An effect after the commit that drew the screen attaches its key handler.
      await yieldTurn();
      await yieldTurn();
      return last();
    },
    press: (...keys) => pressKeys(stdin, keys),
    writeNow(...chunks) {
      for (const chunk of chunks) stdin.write(chunk);
    },
    unmount,
  };
}

/** Unmounts everything still mounted (for afterEach). */
export function cleanupTui(): void {
  for (const instance of mounted) instance.unmount();
  mounted.clear();
}
