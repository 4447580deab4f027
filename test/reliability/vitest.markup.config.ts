import { defineConfig } from 'vitest/config';

// The markup part of the reliability suite on its own (test/reliability/markup.rel.ts), for as
// long as no vitest.reliability.config.ts runs every *.rel.ts: the end-to-end harness's build
// first, one file at a time, never retried.
//   npx vitest run --config test/reliability/vitest.markup.config.ts
//   LICENSKOLL_RELIABILITY=full npx vitest run --config test/reliability/vitest.markup.config.ts
export default defineConfig({
  test: {
    include: ['test/reliability/markup.rel.ts'],
    globalSetup: ['test/e2e/harness/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    retry: 0,
  },
});
