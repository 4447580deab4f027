// The popup without the license API, in Chromium: the sandbox runs with its private API (the
// contract answers 404 HTML), so Licenskoll is in page mode. The administrator opens a tool's page,
// the content script reports its counter, and the popup shows that tool's assigned/total as the
// sandbox's truth has them, with the figure's age, and a state line that explains page mode.
// Quick withdrawal and reclaim say why they are not there; axe finds nothing serious, light or dark
// (screenshots go to test-results/popup-pagemode-sv-*.png for review).
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { READY_MARK } from '../../src/popup/first-paint/view.ts';
import { PSYKOLOGI_TOOL_ID } from '../sandbox/data/fixtures.ts';
import { type ExtensionBrowser, launchChromiumWithExtension } from './harness/chromium.ts';
import { DIST, RESULTS } from './harness/paths.ts';
import { startTestSandbox, type TestSandbox } from './harness/sandbox.ts';
import { popupCounts, popupUrl, send, signInAndPoint, truthTools } from './popup-support.ts';

interface Figure {
  toolId: string | null;
  assigned: number;
  total: number;
  source: string;
}

let sandbox: TestSandbox;
let chromium: ExtensionBrowser;
beforeAll(async () => {
  sandbox = await startTestSandbox({ api: 'private' });
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  await sandbox.reset();
  chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
});
afterEach(async () => {
  await chromium?.close();
});

/** Signs in, opens the tool's license page, and waits until the background holds its counter. */
async function seeToolPage(toolId: string): Promise<Page> {
  const { context, extensionId } = chromium;
  const admin = await signInAndPoint(context, extensionId, sandbox.sandbox);
  const tab = await context.newPage();
  await tab.goto(sandbox.toolPageUrl(toolId));
  await expect
    .poll(
      async () =>
        (await send<{ pageFigures: Figure[] }>(admin, 'getSummary', {})).pageFigures.some(
          (f) => f.toolId === toolId && f.source === 'tool-page',
        ),
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true);
  return admin;
}

async function openPopup(): Promise<Page> {
  const popup = await chromium.context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(popupUrl(chromium.extensionId));
  await popup.locator('main[data-state="page-mode"]').waitFor({ timeout: 30_000 });
  // The live popup, not the first paint an earlier open kept (src/popup/first-paint).
  await popup.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, READY_MARK, {
    timeout: 30_000,
  });
  return popup;
}

describe('the popup in page mode (the sandbox’s private API)', () => {
  it('shows the tool page’s counter as the sandbox’s truth, its age, and explains page mode', async () => {
    await seeToolPage(PSYKOLOGI_TOOL_ID);
    const popup = await openPopup();
    const truth = (await truthTools(sandbox.sandbox)).find((t) => t.id === PSYKOLOGI_TOOL_ID);
    expect(truth).toBeDefined();
    await expect
      .poll(async () => (await popupCounts(popup))[PSYKOLOGI_TOOL_ID], { timeout: 30_000 })
      .toEqual({ assigned: truth?.assigned, seats: truth?.seats });

    const row = popup.locator(`[data-tool-id="${PSYKOLOGI_TOOL_ID}"]`);
    expect(await row.getAttribute('data-source')).toBe('page');
    expect(await row.locator('[data-seen-at]').textContent()).toMatch(
      /^sett på sidan (nu|för \d+ \w+ sedan)$/,
    );
    // (Its status line says "Uppdaterar…" while the open's refresh runs.)
    await expect
      .poll(() => popup.locator('[data-sources="page"]').textContent(), { timeout: 30_000 })
      .toContain('avlästa från Skolons sidor');

    const notice = popup.locator('[data-notice="page-mode"]');
    expect(await notice.locator('h2').textContent()).toBe(
      'Sidläge: Licenskoll använder Skolons egna knappar',
    );
    expect(await notice.locator('[data-mode-reason]').getAttribute('data-mode-reason')).toBe('absent');
    expect(await notice.textContent()).toContain('svarar inte på den här adressen');
    // Nothing that contradicts page mode.
    expect(await popup.locator('[data-notice="never-synced"], [data-notice="session-expired"]').count()).toBe(
      0,
    );

    // "Försök igen" asks the API again; it still does not answer, so page mode stays, figures too.
    await notice.getByRole('button', { name: 'Försök igen' }).click();
    await expect
      .poll(() => notice.getByRole('button', { name: 'Försök igen' }).isEnabled(), { timeout: 30_000 })
      .toBe(true);
    expect(await popup.locator('main').getAttribute('data-state')).toBe('page-mode');
    expect((await popupCounts(popup))[PSYKOLOGI_TOOL_ID]).toEqual({
      assigned: truth?.assigned,
      seats: truth?.seats,
    });
  });

  it('replaces quick withdrawal and reclaim with why, by keyboard too; axe finds nothing serious', async () => {
    await seeToolPage(PSYKOLOGI_TOOL_ID);
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await openPopup();
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.locator(`[data-tool-id="${PSYKOLOGI_TOOL_ID}"]`).waitFor({ timeout: 30_000 });
      await popup.screenshot({ path: join(RESULTS, `popup-pagemode-sv-${scheme}.png`) });
      const found = await seriousViolations(popup);
      await popup.getByRole('tab', { name: 'Översikt' }).focus();
      await popup.keyboard.press('ArrowRight');
      const quick = popup.locator('[data-panel="quick"][data-needs-api]');
      await quick.waitFor({ timeout: 5_000 });
      expect(await quick.textContent()).toContain('kräver Skolons licens-API');
      expect(await popup.locator('#person-query').count()).toBe(0);
      found.push(...(await seriousViolations(popup)).map((v) => `Dra tillbaka: ${v}`));
      await popup.keyboard.press('ArrowRight');
      const reclaim = popup.locator('[data-panel="reclaim"][data-needs-api]');
      await reclaim.waitFor({ timeout: 5_000 });
      expect(await reclaim.textContent()).toContain('kräver Skolons licens-API');
      found.push(...(await seriousViolations(popup)).map((v) => `Frigör: ${v}`));
      await popup.keyboard.press('ArrowRight');
      await popup.locator('[data-panel="jobs"]').waitFor({ timeout: 5_000 });
      expect(found, scheme).toEqual([]);
      await popup.close();
    }
  });
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
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
