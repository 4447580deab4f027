// Builds every target once before the end-to-end run, so each test loads the real extension.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { RESULTS, ROOT } from './paths.ts';

export default function setup(): void {
  mkdirSync(RESULTS, { recursive: true });
  if (process.env.LICENSKOLL_SKIP_BUILD === '1') return;
  execFileSync('npx', ['tsx', 'scripts/build.ts'], { cwd: ROOT, stdio: 'inherit' });
}
