// Renders the app keeping every byte it writes (render-tui strips escape sequences from its frames,
// which would hide the very thing a hostile-data test looks for). Ink's debug mode with colour off
// writes plain text only, so any ESC in this output came from data.
import { EventEmitter } from 'node:events';
import { render, type Instance } from 'ink';
import type { ReactElement } from 'react';
import { yieldTurn } from '../helpers/render-tui.js';

class RawStdout extends EventEmitter {
  chunks: string[] = [];
  isTTY = true;
  columns = 120;
  rows = 32;
  write = (chunk: string): boolean => {
    this.chunks.push(chunk);
    return true;
  };
}

class RawStdin extends EventEmitter {
  isTTY = true;
  private chunk: string | null = null;
  write(data: string): void {
    this.chunk = data;
    this.emit('readable');
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

export interface RawHandle {
  /** Everything written so far. */
  output(): string;
  last(): string;
  waitFor(text: string, timeoutMs?: number): Promise<string>;
  press(...keys: string[]): Promise<void>;
  /** Writes each chunk on its own, back to back, with no turn between: faster than any re-render. */
  writeNow(...chunks: string[]): void;
  unmount(): void;
}

export function renderRaw(tree: ReactElement): RawHandle {
  const stdout = new RawStdout();
  const stdin = new RawStdin();
  const instance: Instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stdout as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const last = (): string => stdout.chunks.at(-1) ?? '';
  return {
    output: () => stdout.chunks.join(''),
    last,
    async waitFor(text, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!last().includes(text)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}; last frame:\n${last()}`);
        await yieldTurn();
      }
      // Then let the new screen's key handler attach (an effect after the commit that drew it).
      await yieldTurn();
      await yieldTurn();
      return last();
    },
    async press(...keys) {
      for (const key of keys) {
        stdin.write(key);
        await yieldTurn();
        if (key === '\u001B') await yieldTurn();
      }
    },
    writeNow(...chunks) {
      for (const chunk of chunks) stdin.write(chunk);
    },
    unmount: () => instance.unmount(),
  };
}
