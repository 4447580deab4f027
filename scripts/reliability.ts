// `npm run test:reliability`: the full reliability suite with LICENSKOLL_RELIABILITY=full:
// builds the extension, runs test/reliability/**/*.rel.ts through vitest.reliability.config.ts,
// then prints one figure line per part and writes reliability-results.json (with the machine).
// `npm run test:reliability -- --light` runs the light variant that `npm test` runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { partLine, readParts, writeResults } from './reliability-summary.ts';

const variant = process.argv.includes('--light') ? 'light' : 'full';
const partsDir = resolve(process.env.LICENSKOLL_RELIABILITY_DIR ?? 'reliability-parts');
const report = 'test-results/reliability.json';
mkdirSync('test-results', { recursive: true });
// Figures left by an earlier run must never be reported as this run's.
rmSync(partsDir, { recursive: true, force: true });
rmSync(report, { force: true });

const started = Date.now();
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--config',
    'vitest.reliability.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      LICENSKOLL_RELIABILITY: variant === 'full' ? 'full' : 'light',
      LICENSKOLL_RELIABILITY_DIR: partsDir,
    },
  },
);
const seconds = Math.round((Date.now() - started) / 1000);

let passed = 0;
let failed = 1;
try {
  const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  passed = json.numPassedTests;
  failed = json.numFailedTests + (run.status === 0 || json.numFailedTests > 0 ? 0 : 1);
} catch {
  // No report: the run failed before any test.
}

const parts = readParts(partsDir);
console.log(`\nReliability (${variant}), ${seconds} s:`);
for (const part of parts) console.log(`  ${partLine(part)}`);
if (parts.length === 0) console.log('  no part recorded figures');
writeResults('reliability-results.json', { variant, seconds, passed, failed, parts });
console.log(`${passed} passed, ${failed} failed · reliability-results.json written`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
