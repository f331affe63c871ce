// Renders an Ink tree into in-memory streams of a chosen size (ink-testing-library's are fixed at
// 100 columns and have no height or resize), and drives it like a user: one key per write, then a
// macrotask yield; assertions wait for a frame instead of sleeping, and fail showing the last frame.
import { EventEmitter } from 'node:events';
import { render, type Instance } from 'ink';
import type { ReactElement } from 'react';

const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/g;

class TestStdout extends EventEmitter {
  readonly frames: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (chunk: string): boolean => {
    this.frames.push(chunk.replace(ANSI, ''));
    return true;
  };
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

class TestStdin extends EventEmitter {
  isTTY = true;
  private chunk: string | null = null;
  write(data: string): void {
    this.chunk = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = (): string | null => {
    const { chunk } = this;
    this.chunk = null;
    return chunk;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
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
  resize(columns: number, rows: number): Promise<void>;
  /** Resolves when the app exits by itself (its one exit site). */
  waitUntilExit(): Promise<unknown>;
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

export function renderTui(tree: ReactElement, options: RenderTuiOptions = {}): TuiHandle {
  const stdout = new TestStdout(options.columns ?? 100, options.rows ?? 30);
  const stdin = new TestStdin();
  const stderr = new TestStdout(100, 30);
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  mounted.add(instance);
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
    async press(...keys) {
      for (const key of keys) {
        stdin.write(key);
        await yieldTurn();
        // Ink holds a lone ESC back until setImmediate: give it a second turn.
        if (key === '\u001B') await yieldTurn();
      }
    },
    async type(text) {
      for (const ch of text) {
        stdin.write(ch);
        await yieldTurn();
      }
    },
    async resize(columns, rows) {
      stdout.resize(columns, rows);
      await yieldTurn();
    },
    waitUntilExit: () => instance.waitUntilExit(),
    unmount() {
      if (mounted.delete(instance)) instance.unmount();
    },
  };
}

/** Unmounts everything still mounted (for afterEach). */
export function cleanupTui(): void {
  for (const instance of mounted) instance.unmount();
  mounted.clear();
}
