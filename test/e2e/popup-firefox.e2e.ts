// The popup summary in Firefox: after a sync, the counts equal the sandbox's truth for every tool.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READY_MARK, REPLAYED_GLOBAL } from '../../src/popup/first-paint/view.ts';
import type { Sandbox } from '../sandbox/server.ts';
import {
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  openExtensionPage,
} from './harness/firefox.ts';
import { DIST } from './harness/paths.ts';
import { countsOf, startTestSandbox, truthTools } from './popup-support.ts';

let sandbox: Sandbox;
let firefox: FirefoxWithExtension;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  firefox = await launchFirefoxWithExtension(DIST.firefoxSandbox);
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

async function sendFrom(page: Page, type: string, payload: unknown): Promise<unknown> {
  const reply = (await page.evaluate(
    (type, payload) => chrome.runtime.sendMessage({ channel: 'licenskoll/v1', type, payload }),
    type,
    payload,
  )) as { ok: boolean; data?: unknown; error?: string };
  if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
  return reply.data;
}

const countsInPage = (page: Page) =>
  page.evaluate(() => {
    const out: Record<string, { assigned: number; seats: number }> = {};
    for (const li of document.querySelectorAll<HTMLElement>('[data-tool-id]')) {
      const counts = li.querySelector<HTMLElement>('[data-assigned]');
      out[li.dataset.toolId ?? ''] = {
        assigned: Number(counts?.dataset.assigned),
        seats: Number(counts?.dataset.seats),
      };
    }
    return out;
  });

describe('the popup in Firefox', () => {
  it('shows the sandbox’s counts for every tool after a sync', async () => {
    const tab = await firefox.browser.newPage();
    await tab.goto(`${sandbox.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=sv&next=/skoladmin/verktyg`);
    const options = await openExtensionPage(firefox.browser, 'src/options/index.html');
    await sendFrom(options, 'setSettings', {
      patch: { origins: ['https://app.skolon.com', sandbox.url], activeOrigin: sandbox.url },
    });

    const popup = await openExtensionPage(firefox.browser, 'src/popup/index.html');
    const truth = countsOf(await truthTools(sandbox));
    await expect.poll(() => countsInPage(popup), { timeout: 45_000, interval: 250 }).toEqual(truth);
    expect(Object.keys(truth).length).toBeGreaterThan(10);

    // Opened again, it first paints the view the last open kept (src/popup/first-paint), then the
    // live popup takes its place with the same counts.
    const reopen = async () => {
      const again = await openExtensionPage(firefox.browser, 'src/popup/index.html');
      try {
        await again.waitForFunction(
          (mark: string) => performance.getEntriesByName(mark).length > 0,
          { timeout: 15_000 },
          READY_MARK,
        );
        return await again.evaluate(
          (replayedFlag: string) => ({
            replayed: (globalThis as Record<string, unknown>)[replayedFlag] === true,
            inert: document.getElementById('app')?.hasAttribute('inert') ?? true,
            rows: document.querySelectorAll('[data-tool-id]').length,
          }),
          REPLAYED_GLOBAL,
        );
      } finally {
        await again.close();
      }
    };
    await expect
      .poll(reopen, { timeout: 45_000, interval: 250 })
      .toEqual({ replayed: true, inert: false, rows: expect.any(Number) });
  });
});
