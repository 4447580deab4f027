// An origin added in the options page gets the content script at once (no reinstall), through a
// registration in `scripting`; removing it (or revoking its access in the browser) takes it away.
//
// The page lives on http://127.0.0.2 (loopback on Linux), which the sandbox manifest does not cover.
// Granting: Chromium's permission prompt is a native dialog no automation can press, and Chromium
// never prompts for a host the user already allowed in the extension's site access. So the test
// first allows the host the way chrome://extensions → Site access → "Add a site" does
// (developerPrivate.addHostPermission), and then the options page's own permissions.request, from a
// real click, resolves true at once without a prompt.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchChromiumWithExtension, stopServiceWorker } from './harness/chromium.ts';
import { DIST } from './harness/paths.ts';
import { type PlainSite, startPlainSite } from './harness/plain-site.ts';
import { optionsUrl } from './popup-support.ts';

const HOST_PATTERN = 'http://127.0.0.2/*';
const SCRIPT_ID = `licenskoll-origin:${HOST_PATTERN}`;

let chromium: ExtensionBrowser;
let server: Server;
let added: string; // http://127.0.0.2:<port>
let control: PlainSite; // http://127.0.0.1:<port>, which the manifest covers

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Skolon elsewhere</title><h1>Skolon on another address</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  added = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
  control = await startPlainSite();
  chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
});
afterAll(async () => {
  await chromium?.close();
  await control?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function openOptions(): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.goto(optionsUrl(chromium.extensionId));
  await page.evaluate(() => chrome.storage.local.set({ uiLanguage: 'sv' }));
  await page.reload();
  await page.locator('[data-origin]').first().waitFor({ timeout: 15_000 });
  return page;
}

/** What chrome://extensions → Site access → "Add a site" (or "Remove") does for this extension. */
async function siteAccess(action: 'addHostPermission' | 'removeHostPermission'): Promise<void> {
  const page = await chromium.context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(
    ([method, id, host]) =>
      (
        chrome as unknown as {
          developerPrivate: Record<string, (id: string, host: string) => Promise<void>>;
        }
      ).developerPrivate[method]?.(id, host),
    [action, chromium.extensionId, HOST_PATTERN] as const,
  );
  await page.close();
}

/** The extension's own view: its registered scripts and whether it holds the host permission. */
async function extensionState(page: Page) {
  return page.evaluate(async (pattern) => {
    const scripts = await chrome.scripting.getRegisteredContentScripts();
    return {
      scripts: scripts.map((s) => ({ id: s.id, js: s.js, matches: s.matches, runAt: s.runAt })),
      granted: await chrome.permissions.contains({ origins: [pattern] }),
      staticJs: chrome.runtime.getManifest().content_scripts?.[0]?.js,
    };
  }, HOST_PATTERN);
}

/** Loads the added origin's page in a fresh tab, and waits until the content script's element is there. */
async function pageWithScript(): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.goto(`${added}/`);
  await page
    .locator('licenskoll-root[data-state="connected"]')
    .waitFor({ state: 'attached', timeout: 15_000 });
  return page;
}

/**
 * Loads the added origin's page in a fresh tab and shows that the content script did not run there:
 * after its load, a page on a covered origin loaded later gets the script (so injection had its turn)
 * while this one still has no element.
 */
async function expectNoScript(): Promise<void> {
  const page = await chromium.context.newPage();
  await page.goto(`${added}/`, { waitUntil: 'load' });
  const covered = await chromium.context.newPage();
  await covered.goto(`${control.url}/`);
  await covered
    .locator('licenskoll-root[data-state="connected"]')
    .waitFor({ state: 'attached', timeout: 15_000 });
  expect(await page.locator('licenskoll-root').count()).toBe(0);
  await page.close();
  await covered.close();
}

describe('an origin added in the options page', () => {
  it('gets the content script without a reinstall, and loses it when removed', async () => {
    const options = await openOptions();
    expect(await extensionState(options)).toMatchObject({ scripts: [], granted: false });
    await expectNoScript();

    await siteAccess('addHostPermission');
    await options.getByLabel('Lägg till en adress').fill(added);
    await options.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await options.locator(`[data-origin="${added}"]`).waitFor({ timeout: 15_000 });
    const state = await extensionState(options);
    expect(state.granted).toBe(true);
    expect(state.scripts).toEqual([
      { id: SCRIPT_ID, js: state.staticJs, matches: [HOST_PATTERN], runAt: 'document_idle' },
    ]);

    // A page opened before the change gets the script on its next load, without any reinstall.
    const page = await chromium.context.newPage();
    await page.goto(`${added}/`);
    await page.reload();
    await page
      .locator('licenskoll-root[data-state="connected"]')
      .waitFor({ state: 'attached', timeout: 15_000 });
    await page.close();

    // The registration outlives the worker (persistAcrossSessions): a stopped worker changes nothing.
    await stopServiceWorker(chromium);
    (await pageWithScript()).close();

    await options.getByRole('button', { name: `Ta bort ${added}` }).click();
    await options.locator(`[data-origin="${added}"]`).waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(() => extensionState(options), { timeout: 15_000 })
      .toMatchObject({ scripts: [], granted: false });
    await expectNoScript();
    await options.close();
  });

  it('loses the content script when its access is revoked in the browser, though it stays listed', async () => {
    const options = await openOptions();
    await siteAccess('addHostPermission');
    await options.getByLabel('Lägg till en adress').fill(added);
    await options.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await options.locator(`[data-origin="${added}"]`).waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await extensionState(options)).scripts.length, { timeout: 15_000 })
      .toBe(1);
    (await pageWithScript()).close();

    await siteAccess('removeHostPermission');
    await expect
      .poll(() => extensionState(options), { timeout: 15_000 })
      .toMatchObject({ scripts: [], granted: false });
    await expectNoScript();
    await options.reload();
    await options.locator(`[data-origin="${added}"]`).waitFor({ timeout: 15_000 });
    await options.close();
  });
});
