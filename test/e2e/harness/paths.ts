import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const DIST = {
  chromeSandbox: join(ROOT, 'dist', 'chrome-sandbox'),
  firefoxSandbox: join(ROOT, 'dist', 'firefox-sandbox'),
  chromeProduction: join(ROOT, 'dist', 'chrome-production'),
  firefoxProduction: join(ROOT, 'dist', 'firefox-production'),
};
export const RESULTS = join(ROOT, 'test-results');
