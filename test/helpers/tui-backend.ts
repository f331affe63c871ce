// The set-up most TUI tests share: a fresh emulator backend for each test, and after it every rendered
// tree unmounted and the backend closed.
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
