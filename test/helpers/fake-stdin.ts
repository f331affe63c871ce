// A terminal's stdin for Ink, driven by writes: what the tests and the benchmark type into.
// (ink-testing-library's own Stdin, plus the raw-mode and ref methods Ink 6 calls.)
import { EventEmitter } from 'node:events';

export class FakeStdin extends EventEmitter {
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
