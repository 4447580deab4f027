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
    // A worker runs its files one after another without loading playwright, puppeteer, the harness
    // and the sandbox again for each: imports took 12 s in all, against ~100 s with isolation.
    // Each file still starts its own sandbox and browser, so no test sees another's state.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    retry: 0,
  },
});
