// Accessibility and looks in Chromium: axe-core finds no serious or critical violation in the popup
// and the options page, light and dark; screenshots (sv) go to test-results/ for review.
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { type ExtensionBrowser, launchChromiumWithExtension } from './harness/chromium.ts';
import { DIST, RESULTS } from './harness/paths.ts';
import { optionsUrl, popupUrl, send, signInAndPoint, startTestSandbox } from './popup-support.ts';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Extension pages forbid inline scripts (CSP); the DevTools protocol's evaluate is not a page script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = (await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

let sandbox: Sandbox;
let chromium: ExtensionBrowser;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
  const admin = await signInAndPoint(chromium.context, chromium.extensionId, sandbox);
  // A scheduled withdrawal, so the Jobb tab shows its section (rule, time, preview, actions).
  await send(admin, 'saveSchedule', {
    schedule: {
      name: 'Åk 9 slutar',
      filters: { query: '', classes: ['9B'], roles: ['STUDENT'], leftOnly: false },
      viewId: null,
      people: null,
      toolIds: ['t-matematik'],
      runAt: Date.now() + 7 * 24 * 60 * 60_000,
    },
  });
});
afterAll(async () => {
  await chromium?.close();
  await sandbox?.close();
});

describe.each(['light', 'dark'] as const)('in %s mode', (scheme) => {
  it('the popup has no serious or critical axe violation, in every view', async () => {
    const page = await chromium.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 380, height: 600 });
    await page.goto(popupUrl(chromium.extensionId));
    await page.locator('[data-tool-id]').first().waitFor({ timeout: 30_000 });
    await page.locator('main[data-state="signed-in"]').waitFor();
    // The picture shows the settled popup, not its refresh in flight.
    await expect
      .poll(() => page.locator('[data-fetched-at]').textContent(), { timeout: 30_000 })
      .toMatch(/^Uppdaterad /);
    await page.screenshot({ path: join(RESULTS, `popup-sv-${scheme}.png`) });
    const found: string[] = await seriousViolations(page);
    for (const tab of ['Dra tillbaka', 'Frigör', 'Jobb']) {
      await page.getByRole('tab', { name: tab }).click();
      if (tab === 'Dra tillbaka') {
        await page.getByLabel('Namn, e-post eller klass').fill('Quickström');
        await page.locator('[data-person-id="u-00020"]').click();
        await page.locator('[data-assignment-id]').first().waitFor({ timeout: 15_000 });
      }
      if (tab === 'Frigör') await page.locator('[data-reclaim-total]').waitFor({ timeout: 30_000 });
      if (tab === 'Jobb') {
        await page.locator('[data-schedule-preview="ok"]').waitFor({ timeout: 30_000 });
        await page.screenshot({ path: join(RESULTS, `popup-jobb-sv-${scheme}.png`), fullPage: true });
      }
      found.push(...(await seriousViolations(page)).map((v) => `${tab}: ${v}`));
    }
    expect(found).toEqual([]);
    await page.close();
  });

  it('the options page has no serious or critical axe violation', async () => {
    const page = await chromium.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 900, height: 1400 });
    await page.goto(optionsUrl(chromium.extensionId));
    await page.locator('[data-origin]').first().waitFor({ timeout: 15_000 });
    await page.locator('[data-command]').first().waitFor();
    if (scheme === 'light') await page.screenshot({ path: join(RESULTS, 'options-sv.png'), fullPage: true });
    else await page.screenshot({ path: join(RESULTS, 'options-sv-dark.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
