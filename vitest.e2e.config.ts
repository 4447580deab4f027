import { defineConfig } from 'vitest/config';

// End-to-end tests drive real browsers against the sandbox: two files at a time (CI has 2 cores;
// each file starts its own sandbox on a free port and its own browser profile), generous
// timeouts, never retried (an assertion that fails is a failure). Nothing here asserts a timing.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/harness/global-setup.ts'],
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    retry: 0,
  },
});
