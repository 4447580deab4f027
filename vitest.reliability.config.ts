import { defineConfig } from 'vitest/config';

// The reliability suite: test/reliability/**/*.rel.ts against the built extension and
// the sandbox. LICENSKOLL_RELIABILITY=full runs the full sizes (`npm run test:reliability`);
// otherwise the light variant that `npm test` runs. Never retried. The full suite runs one file at a
// time (its soaks are long and want both cores); the light one runs two files side by side, as the
// end-to-end tests do (each file has its own sandbox and browser), to keep CI within its 15 minutes.
const full = process.env.LICENSKOLL_RELIABILITY === 'full';
export default defineConfig({
  define: { __LICENSKOLL_FLAVOUR__: JSON.stringify('sandbox') },
  test: {
    include: ['test/reliability/**/*.rel.ts'],
    globalSetup: ['test/e2e/harness/global-setup.ts'],
    fileParallelism: !full,
    maxWorkers: full ? 1 : 2,
    // As in the e2e run: a worker's files share its loaded modules (each starts its own sandbox
    // and browser), so playwright, puppeteer and the harness load once per worker.
    isolate: false,
    testTimeout: 1_200_000,
    hookTimeout: 120_000,
    retry: 0,
  },
});
