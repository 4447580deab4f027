import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs the hostile-data and hostile-page parts of the reliability suite on their own, until (and
// beside) the suite's own vitest.reliability.config.ts: one file at a time (2 cores), the builds
// made once by the end-to-end global setup (LICENSKOLL_SKIP_BUILD=1 skips it), never retried.
//   npx vitest run --config test/reliability/vitest.hostile.config.ts
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  define: { __LICENSKOLL_FLAVOUR__: JSON.stringify('sandbox') },
  test: {
    include: ['test/reliability/hostile-*.rel.ts'],
    globalSetup: ['test/e2e/harness/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    retry: 0,
  },
});
