// The skeleton, proven in real browsers: the background runs, the content script on a 127.0.0.1
// page gets a typed reply, the popup renders, and what the background wrote to IndexedDB reads back.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchChromiumWithExtension, stopServiceWorker } from './harness/chromium.ts';
import {
  EXTENSION_ORIGIN,
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  openExtensionPage,
} from './harness/firefox.ts';
import { readAllInPage } from './harness/idb.ts';
import { DIST } from './harness/paths.ts';
import { type PlainSite, startPlainSite } from './harness/plain-site.ts';

interface VisitRecord {
  url: string;
  page: string;
}

let site: PlainSite;
beforeAll(async () => {
  site = await startPlainSite();
});
afterAll(async () => {
  await site.close();
});

describe('Chromium', () => {
  let chromium: ExtensionBrowser;
  beforeAll(async () => {
    chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
  });
  afterAll(async () => {
    await chromium.close();
  });

  it('runs the background, answers the content script, renders the popup and stores the visit', async () => {
    const { context, extensionId } = chromium;
    const page = await context.newPage();
    await page.goto(`${site.url}/some/page`);
    const root = page.locator('licenskoll-root');
    await expect.poll(() => root.getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
    expect(await root.getAttribute('data-version')).toMatch(/^\d+\.\d+\.\d+$/);
    // The host page is untouched but for our one element.
    expect(await page.locator('h1').textContent()).toBe('Plain page');

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
    await expect.poll(() => popup.locator('main[data-state]').count(), { timeout: 15_000 }).toBe(1);
    const visits = (await popup.evaluate(readAllInPage, { store: 'visits' })) as VisitRecord[];
    expect(visits).toEqual([expect.objectContaining({ url: `${site.url}/some/page`, page: 'other' })]);
  });

  it('rejects a message of an unknown type or a malformed payload, and keeps serving', async () => {
    const { context, extensionId } = chromium;
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    const replies = await page.evaluate(async () => {
      const send = (m: unknown) => chrome.runtime.sendMessage(m);
      return [
        await send({ channel: 'licenskoll/v1', type: 'dropTables', payload: {} }),
        await send({ channel: 'licenskoll/v1', type: 'listVisits', payload: { limit: 'all' } }),
        await send({ channel: 'licenskoll/v1', type: 'listVisits', payload: { limit: 5 } }),
      ];
    });
    expect(replies[0]).toEqual({
      ok: false,
      error: expect.stringContaining('unknown message type dropTables'),
      code: 'REJECTED',
    });
    expect(replies[1]).toEqual({
      ok: false,
      error: expect.stringContaining('bad payload for listVisits'),
      code: 'REJECTED',
    });
    expect(replies[2]).toEqual({ ok: true, data: { visits: expect.any(Array) } });
  });

  it('starts the service worker again after it was stopped, with its data intact', async () => {
    const { context, extensionId } = chromium;
    // Open extension pages hold ports that keep a worker alive; an idle browser has none.
    for (const open of context.pages()) await open.close();
    await stopServiceWorker(chromium);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    const reply = await page.evaluate(() =>
      chrome.runtime.sendMessage({ channel: 'licenskoll/v1', type: 'listVisits', payload: { limit: 10 } }),
    );
    expect(reply).toEqual({ ok: true, data: { visits: [expect.objectContaining({ page: 'other' })] } });
  });
});

describe('Firefox', () => {
  let firefox: FirefoxWithExtension;
  beforeAll(async () => {
    firefox = await launchFirefoxWithExtension(DIST.firefoxSandbox);
  });
  afterAll(async () => {
    await firefox?.close();
  });

  it('runs the background, answers the content script, renders the popup and stores the visit', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${site.url}/firefox/page`);
    await page.waitForSelector('licenskoll-root[data-state="connected"]', { timeout: 15_000 });

    const popup = await openExtensionPage(firefox.browser, 'src/popup/index.html');
    expect(await popup.evaluate(() => location.origin)).toBe(EXTENSION_ORIGIN);
    await popup.waitForSelector('main[data-state]', { timeout: 15_000 });
    const visits = (await popup.evaluate(readAllInPage, { store: 'visits' })) as VisitRecord[];
    expect(visits).toEqual([expect.objectContaining({ url: `${site.url}/firefox/page`, page: 'other' })]);
  });
});

describe('built production manifests', () => {
  it.each([DIST.chromeProduction, DIST.firefoxProduction])('%s reaches no local origin', async (dir) => {
    const manifest = await readFile(join(dir, 'manifest.json'), 'utf8');
    expect(manifest).not.toMatch(/localhost|127\.0\.0\.1/);
    expect(JSON.parse(manifest).host_permissions).toEqual(['https://app.skolon.com/*']);
  });
});
