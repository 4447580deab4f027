// `npm run bench`: every performance figure the project claims, printed (never asserted in tests).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

spawnSync('npx', ['tsx', 'scripts/build.ts', '--only', 'chrome-production,chrome-sandbox'], {
  stdio: 'inherit',
});
const benches = readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .sort();
let failed = 0;
for (const bench of benches) {
  if (!existsSync(`bench/${bench}`)) continue;
  console.log(`\n── ${bench}`);
  const result = spawnSync('npx', ['tsx', `bench/${bench}`], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
