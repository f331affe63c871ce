// The set-up most TUI tests share: a fresh emulator backend for each test, and after it every rendered
// tree unmounted and the backend closed; or one backend and one scratch folder for a whole file, with
// what each test opened closed after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTestBackend, type TestBackend, type TestBackendOptions } from './emulator.js';
import { perTest } from './per-test.js';
import { cleanupTui } from './render-tui.js';

export function backendPerTest(options: TestBackendOptions = {}): TestBackend {
  return perTest(
    () => startTestBackend(options),
    async (backend) => {
      cleanupTui();
      await backend.close();
    },
  );
}

export interface FileBackend {
  readonly backend: TestBackend;
  /** A scratch folder (`prefix…` under the temp dir), removed after the file's tests. */
  readonly dir: string;
  /** Closes `close` after the test that calls it, once its TUI is unmounted. */
  closeAfterTest(close: () => Promise<void>): void;
}

export function backendPerFile(options: TestBackendOptions, prefix: string): FileBackend {
  let backend: TestBackend | undefined;
  let dir: string | undefined;
  const closing: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    backend = await startTestBackend(options);
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    cleanupTui();
    for (const close of closing.splice(0)) await close();
  });
  afterAll(async () => {
    await backend?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get backend() {
      return backend!;
    },
    get dir() {
      return dir!;
    },
    closeAfterTest: (close) => void closing.push(close),
  };
}
