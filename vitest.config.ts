import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Unit tests: no crx plugin (it wants a whole extension build), fake-indexeddb for the store.
export default defineConfig({
  plugins: [preact()],
  define: { __LICENSKOLL_FLAVOUR__: JSON.stringify('sandbox') },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}', 'test/sandbox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Vitest leaves one core free by default: on CI's 2 cores that is one worker. Two halve the wall time.
    maxWorkers: 2,
    // Worker threads start faster than forked processes: 73 s against 93–120 s for the whole suite here.
    pool: 'threads',
  },
});
