import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on CI's two. Most tests wait on the
    // emulator, timers and frames rather than compute, so two files at a time nearly halve the run.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
