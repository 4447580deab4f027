// `npm run zip`: store-ready zips of the production builds, plus the source zip Firefox review asks for.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import pkg from '../package.json' with { type: 'json' };

const out = 'artifacts';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync('npx', ['tsx', 'scripts/build.ts', '--only', 'chrome-production,firefox-production'], {
  stdio: 'inherit',
});
for (const browser of ['chrome', 'firefox']) {
  const filename = `licenskoll-${browser}-${pkg.version}.zip`;
  execFileSync(
    'npx',
    [
      'web-ext',
      'build',
      '--source-dir',
      `dist/${browser}-production`,
      '--artifacts-dir',
      out,
      '--filename',
      filename,
      '--overwrite-dest',
    ],
    { stdio: 'inherit' },
  );
}
// Reviewers rebuild from this: everything tracked by git, nothing built or installed.
execFileSync('git', ['archive', '--format=zip', '-o', `${out}/licenskoll-source-${pkg.version}.zip`, 'HEAD']);
console.log(`zips in ${out}/`);
