// An Io held in memory: what a command writes, and a stdin that may or may not be a terminal.
import { PassThrough, Writable } from 'node:stream';
import type { Io } from '../../src/io.js';

export interface MemoryIo extends Io {
  out(): string;
  err(): string;
}

class Capture extends Writable {
  text = '';
  isTTY: boolean;
  columns = 120;
  constructor(isTTY: boolean) {
    super();
    this.isTTY = isTTY;
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export function memoryIo(options: { env?: NodeJS.ProcessEnv; stdoutTTY?: boolean; stdinTTY?: boolean; input?: string } = {}): MemoryIo {
  const stdout = new Capture(options.stdoutTTY ?? false);
  const stderr = new Capture(false);
  const stdin = Object.assign(new PassThrough(), { isTTY: options.stdinTTY ?? false });
  if (options.input !== undefined) stdin.end(options.input);
  return { stdout, stderr, stdin, env: options.env ?? {}, out: () => stdout.text, err: () => stderr.text };
}
