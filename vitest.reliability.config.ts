import { defineConfig } from 'vitest/config';

// The reliability suite: test/reliability/**/*.rel.ts against the built extension and
// the sandbox. LICENSKOLL_RELIABILITY=full runs the full sizes (`npm run test:reliability`);
// otherwise the light variant that `npm test` runs. One file at a time (2 cores), never retried.
export default defineConfig({
  define: { __LICENSKOLL_FLAVOUR__: JSON.stringify('sandbox') },
  test: {
    include: ['test/reliability/**/*.rel.ts'],
    globalSetup: ['test/e2e/harness/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 1_200_000,
    hookTimeout: 120_000,
    retry: 0,
  },
});
