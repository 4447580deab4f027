// Shared by the browser benches: the sandbox build (built by bench/run.ts, or here when missing),
// Chromium with it loaded, a signed-in license page, and small statistics helpers.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, launchChromiumWithExtension } from '../../test/e2e/harness/chromium.ts';
import { DIST } from '../../test/e2e/harness/paths.ts';
import type { TestSandbox } from '../../test/e2e/harness/sandbox.ts';

export { median, percentile } from './stats.ts';

export function ensureBuilt(): void {
  if (existsSync(join(DIST.chromeSandbox, 'manifest.json'))) return;
  const built = spawnSync('npx', ['tsx', 'scripts/build.ts', '--only', 'chrome-sandbox'], {
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('the chrome-sandbox build failed');
}

export async function launch(): Promise<ExtensionBrowser> {
  ensureBuilt();
  return launchChromiumWithExtension(DIST.chromeSandbox);
}

/** Signs in and lands on a tool's license page, with Licenskoll recognising it. */
export async function openToolPage(
  browser: ExtensionBrowser,
  sandbox: TestSandbox,
  toolId: string,
): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  // tsx names functions with esbuild's __name helper, which code sent to page.evaluate lacks.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(sandbox.loginUrl({ toolId }));
  await page
    .locator('licenskoll-root[data-page="license-page"]')
    .waitFor({ state: 'attached', timeout: 30_000 });
  return page;
}

export const ours = (page: Page, what: string) => page.locator(`licenskoll-root [data-lk="${what}"]`);
