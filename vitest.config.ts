import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Unit tests: no crx plugin (it wants a whole extension build), fake-indexeddb for the store.
export default defineConfig({
  plugins: [preact()],
  // No popup module in unit tests: the early script (src/popup/first-paint/early.ts) runs none.
  define: {
    __LICENSKOLL_FLAVOUR__: JSON.stringify('sandbox'),
    __LICENSKOLL_POPUP_MODULE__: JSON.stringify(''),
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}', 'test/sandbox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Vitest leaves one core free by default: on CI's 2 cores that is one worker. Two halve the wall time.
    maxWorkers: 2,
    // Worker threads rather than forked processes: by hand the suite took 73–133 s in threads and
    // 94–129 s in forks on this (noisy) host; threads start lighter, the gain is not proven.
    pool: 'threads',
  },
});
