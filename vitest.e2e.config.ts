import { defineConfig } from 'vitest/config';

// End-to-end tests drive real browsers against the sandbox: one file at a time (2 cores),
// generous timeouts, never retried (an assertion that fails is a failure).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/harness/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    retry: 0,
  },
});
