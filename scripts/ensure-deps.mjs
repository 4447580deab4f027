// The pre-step of `npm start` and `npm test`: installs the packages when node_modules is missing or
// was installed from another package-lock.json, so both commands work right after `git clone`.
// Dependency-free on purpose (it runs before anything is installed).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const LOCK = 'package-lock.json';
const STAMP = 'node_modules/.licenskoll-lock-sha256';

const wanted = createHash('sha256').update(readFileSync(LOCK)).digest('hex');
const installed = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : null;

if (installed !== wanted) {
  // A stamp that is missing on a full node_modules (installed by hand or by CI's own `npm ci`)
  // only needs writing; anything else installs exactly what the lock file says.
  const complete =
    installed === null && existsSync('node_modules/.package-lock.json') && existsSync('node_modules/vitest');
  if (!complete) {
    console.log(
      existsSync('node_modules') ? 'package-lock.json changed: npm ci' : 'no node_modules yet: npm ci',
    );
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], {
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      console.error('npm ci failed; see above (the npm registry must be reachable).');
      process.exit(result.status ?? 1);
    }
  }
  writeFileSync(STAMP, `${wanted}\n`);
}
