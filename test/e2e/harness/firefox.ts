import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import baseManifest from '../../../manifest.json' with { type: 'json' };

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const GECKO_ID = baseManifest.browser_specific_settings.gecko.id;
/** Pinned, so that moz-extension:// URLs are known before the add-on is installed. */
export const FIXED_UUID = '6f1c7a52-3b1e-4a8e-9d0c-2c5b1f0e7a11';
export const EXTENSION_ORIGIN = `moz-extension://${FIXED_UUID}`;

export interface FirefoxWithExtension {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(extensionDir: string): Promise<FirefoxWithExtension> {
  const profile = await mkdtemp(join(tmpdir(), 'licenskoll-firefox-'));
  const launch = () =>
    puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: profile,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIXED_UUID }),
      },
    });
  // A browser that fails to launch gets one more try; assertions are never retried.
  const browser = await launch().catch(() => launch());
  await browser.installExtension(extensionDir);
  return {
    browser,
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Opens an extension page. page.goto on moz-extension:// never resolves (known quirk): poll instead. */
export async function openExtensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `${EXTENSION_ORIGIN}/${path}`;
  page.goto(url).catch(() => undefined);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const href = await page.evaluate(() => location.href).catch(() => '');
    const ready = await page.evaluate(() => document.readyState).catch(() => '');
    if (href.startsWith(url) && ready === 'complete') return page;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`extension page ${url} did not open`);
}
