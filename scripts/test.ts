// `npm test`: lint and typecheck (side by side), unit and end-to-end tests and the light reliability suite, then one
// plain line that CI reads: "N passed, N failed", summed over the unit, end-to-end and reliability
// runs. Exits non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { partLine, readParts } from './reliability-summary.ts';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  success: boolean;
}

const run = (label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(
    `◀ ${label}: ${result.status === 0 ? 'ok' : `exit ${result.status}`} (${Math.round((Date.now() - started) / 1000)} s)`,
  );
  return result.status === 0;
};

/** Like `run`, but its output is collected and printed in one piece when it ends (runs beside others). */
function runQuietly(label: string, command: string, args: string[]): Promise<boolean> {
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('close', (status) => {
      console.log(`\n▶ ${label}`);
      process.stdout.write(Buffer.concat(output));
      console.log(
        `◀ ${label}: ${status === 0 ? 'ok' : `exit ${status}`} (${Math.round((Date.now() - started) / 1000)} s)`,
      );
      resolvePromise(status === 0);
    });
    child.on('error', (error) => {
      console.log(`\n▶ ${label}\n${String(error)}\n◀ ${label}: could not start`);
      resolvePromise(false);
    });
  });
}

const vitest = (label: string, config: string, env: NodeJS.ProcessEnv = {}) => {
  const report = `test-results/${label}.json`;
  // A report left by an earlier run must never be counted as this run's.
  rmSync(report, { force: true });
  const ok = run(
    label,
    'npx',
    [
      'vitest',
      'run',
      '--config',
      config,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    env,
  );
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
    // A run that fails outside any test (a suite that cannot load) still counts as a failure.
    const failed = json.numFailedTests + (ok || json.numFailedTests > 0 ? 0 : 1);
    return { passed: json.numPassedTests, failed, skipped: json.numPendingTests };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
};

mkdirSync('test-results', { recursive: true });
const only = process.argv.slice(2);
const want = (step: string) => only.length === 0 || only.includes(step);
let checksFailed = 0;
// Lint and typecheck are independent and mostly single-threaded: side by side on CI's 2 cores,
// each one's output printed whole when it ends.
const checks = await Promise.all(
  [
    { step: 'lint', args: ['run', '--silent', 'lint'] },
    { step: 'typecheck', args: ['run', '--silent', 'typecheck'] },
  ]
    .filter(({ step }) => want(step))
    .map(({ step, args }) => runQuietly(step, 'npm', args)),
);
checksFailed += checks.filter((ok) => !ok).length;
const unit = want('unit') ? vitest('unit', 'vitest.config.ts') : { passed: 0, failed: 0, skipped: 0 };

/** The browsers the end-to-end tests drive; a missing one is named with the command that installs it. */
const browsers = [
  { name: 'Chromium', path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium' },
  { name: 'Firefox ESR', path: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
];
const missingBrowsers = want('e2e') || want('reliability') ? browsers.filter((b) => !existsSync(b.path)) : [];
if (missingBrowsers.length > 0) {
  console.log(
    `\n✗ e2e not run: ${missingBrowsers.map((b) => `${b.name} (${b.path})`).join(' and ')} missing. Install with:\n` +
      `    sudo apt-get update && sudo apt-get install -y ${missingBrowsers.map((b) => b.pkg).join(' ')}\n` +
      '  (Debian/Ubuntu; or set CHROMIUM_PATH / FIREFOX_PATH to your own binaries)',
  );
  checksFailed++;
}
const e2e =
  want('e2e') && missingBrowsers.length === 0
    ? vitest('e2e', 'vitest.e2e.config.ts')
    : { passed: 0, failed: 0, skipped: 0 };

// The light reliability suite: the same parts as `npm run test:reliability` at small
// sizes, on the builds the e2e run just made.
const partsDir = resolve('test-results/reliability-parts');
rmSync(partsDir, { recursive: true, force: true });
const reliability =
  want('reliability') && missingBrowsers.length === 0
    ? vitest('reliability', 'vitest.reliability.config.ts', {
        LICENSKOLL_RELIABILITY: 'light',
        LICENSKOLL_RELIABILITY_DIR: partsDir,
        ...(want('e2e') ? { LICENSKOLL_SKIP_BUILD: '1' } : {}),
      })
    : { passed: 0, failed: 0, skipped: 0 };
for (const part of readParts(partsDir)) console.log(`  ${partLine(part)}`);

const passed = unit.passed + e2e.passed + reliability.passed;
const failed = unit.failed + e2e.failed + reliability.failed + checksFailed;
const skipped = unit.skipped + e2e.skipped + reliability.skipped;
console.log(
  `\nunit: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped · ` +
    `e2e: ${e2e.passed} passed, ${e2e.failed} failed, ${e2e.skipped} skipped · ` +
    `reliability (light): ${reliability.passed} passed, ${reliability.failed} failed, ${reliability.skipped} skipped · ` +
    `lint/typecheck/browsers failed: ${checksFailed}`,
);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
