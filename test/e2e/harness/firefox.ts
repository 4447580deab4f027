import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import baseManifest from '../../../manifest.json' with { type: 'json' };

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const GECKO_ID = baseManifest.browser_specific_settings.gecko.id;
/** Pinned, so that moz-extension:// URLs are known before the add-on is installed. */
const FIXED_UUID = '6f1c7a52-3b1e-4a8e-9d0c-2c5b1f0e7a11';
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

interface BidiConnection {
  send(method: string, params: unknown): Promise<{ result: unknown }>;
}

/**
 * The page's viewport, through WebDriver BiDi's browsingContext.setViewport alone. Puppeteer's
 * page.setViewport also sends emulation.setScreenOrientationOverride, which Firefox ESR 140 (the
 * ESR Debian bookworm ships) answers "unknown command".
 */
export async function setViewport(page: Page, width: number, height: number): Promise<void> {
  const connection = (page.browser() as unknown as { connection: BidiConnection }).connection;
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  await connection.send('browsingContext.setViewport', { context, viewport: { width, height } });
}

/**
 * Runs `expression` (an async function body's expression, awaited) in Firefox's parent process,
 * where the add-on manager lives. WebDriver BiDi reaches it through the browser window's chrome
 * context, which Firefox exposes because the harness starts it with --remote-allow-system-access.
 */
async function inParentProcess(browser: Browser, expression: string): Promise<unknown> {
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 }))
    .result as { contexts: { context: string }[] };
  const context = tree.contexts[0]?.context;
  if (!context) throw new Error('no chrome context (is --remote-allow-system-access set?)');
  const { result } = (await connection.send('script.evaluate', {
    expression,
    target: { context },
    awaitPromise: true,
  })) as { result: { type: string; result?: { value?: unknown }; exceptionDetails?: { text?: string } } };
  if (result.type !== 'success')
    throw new Error(`parent process: ${result.exceptionDetails?.text ?? 'failed'}`);
  return result.result?.value;
}

/**
 * Suspends Licenskoll's background event page, as Firefox does to an idle one (the same call as
 * about:debugging's "Terminate background script"), and returns its state afterwards ('stopped').
 * The next event (a message, an alarm) wakes it again. Firefox ESR 140 gives WebDriver BiDi no
 * chrome context (its `moz:scope` is ignored there, and WebExtensionPolicy is not defined in the
 * content realm it answers with), so there the button itself is pressed on about:debugging.
 */
export async function suspendBackground(browser: Browser): Promise<string> {
  try {
    return String(
      await inParentProcess(
        browser,
        `(async () => {
          const extension = WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension;
          await extension.terminateBackground({ ignoreDevToolsAttached: true });
          return String(extension.backgroundState);
        })()`,
      ),
    );
  } catch (error) {
    if (!/WebExtensionPolicy is not defined/.test(String(error))) throw error;
    return suspendOnAboutDebugging(browser);
  }
}

const debuggingPages = new WeakMap<Browser, Page>();

/** about:debugging's card of this add-on: its background state, and its "Terminate" button pressed. */
async function suspendOnAboutDebugging(browser: Browser): Promise<string> {
  let page = debuggingPages.get(browser);
  if (!page || page.isClosed()) {
    page = await browser.newPage();
    debuggingPages.set(browser, page);
    // Like moz-extension:// pages, this navigation never resolves: poll for the card instead.
    page.goto('about:debugging#/runtime/this-firefox').catch(() => undefined);
  }
  // Pressed, then watched: the soak's next message wakes the page at once, so "Stopped" may show
  // for a moment only. The card is looked for until about:debugging has listed the add-on.
  const pressAndWatch = (id: string) =>
    new Promise<string | null>((resolve) => {
      const item = [...document.querySelectorAll('li')].filter((li) => li.textContent?.includes(id)).at(-1);
      const button = [...(item?.querySelectorAll('button') ?? [])].find((b) =>
        /Terminate background script/.test(b.textContent ?? ''),
      );
      if (!item || !button) {
        resolve(null);
        return;
      }
      const stateOf = () =>
        /Background script\s*(Running|Stopped)/i.exec(item.textContent ?? '')?.[1]?.toLowerCase();
      const observer = new MutationObserver(() => {
        if (stateOf() !== 'stopped') return;
        observer.disconnect();
        resolve('stopped');
      });
      observer.observe(item, { subtree: true, childList: true, characterData: true });
      setTimeout(() => {
        observer.disconnect();
        resolve(stateOf() ?? 'unknown');
      }, 10_000);
      button.click();
    });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const state = await page.evaluate(pressAndWatch, GECKO_ID).catch(() => null);
    if (state !== null) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('about:debugging did not list the add-on with its "Terminate background script"');
}
