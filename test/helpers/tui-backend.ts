// The set-up most TUI tests share: a fresh emulator backend for each test, and after it every rendered
// tree unmounted and the backend closed. The returned object stands for the current test's backend,
// so the tests read `backend.spex`, `backend.emulator` … as if they had started it themselves.
import { afterEach, beforeEach } from 'vitest';
import { startTestBackend, type TestBackend, type TestBackendOptions } from './emulator.js';
import { cleanupTui } from './render-tui.js';

export function backendPerTest(options: TestBackendOptions = {}): TestBackend {
  let current: TestBackend | undefined;
  beforeEach(async () => {
    current = await startTestBackend(options);
  });
  afterEach(async () => {
    cleanupTui();
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as TestBackend, {
    get(_target, key) {
      if (current === undefined) throw new Error('the test backend exists only while a test runs');
      return Reflect.get(current, key);
    },
  });
}
