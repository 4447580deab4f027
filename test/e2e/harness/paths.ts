import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** LICENSKOLL_OUT moves the builds (default dist/), so two runs on one machine never share one. */
const OUT = join(ROOT, process.env.LICENSKOLL_OUT ?? 'dist');
export const DIST = {
  chromeSandbox: join(OUT, 'chrome-sandbox'),
  firefoxSandbox: join(OUT, 'firefox-sandbox'),
  chromeProduction: join(OUT, 'chrome-production'),
  firefoxProduction: join(OUT, 'firefox-production'),
};
export const RESULTS = join(ROOT, 'test-results');
