import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { CHANNEL, type ErrorCode, type RequestType } from '../../../src/shared/protocol/types.ts';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet on a closed network and workable as root in CI. */
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** A plain Chromium without the extension (for driving the sandbox page as a person would). */
export async function launchPlainChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: QUIET_FLAGS });
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

/** Chromium with the built extension loaded, in a fresh profile of its own. */
export async function launchChromiumWithExtension(extensionDir: string): Promise<ExtensionBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'licenskoll-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...QUIET_FLAGS],
  });
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Stops the extension's service worker through the DevTools protocol, as Chromium does to an idle
 * worker, and waits until it is gone. The next event (a message, an alarm) starts it again.
 */
export async function stopServiceWorker(browser: ExtensionBrowser): Promise<void> {
  const { context, extensionId } = browser;
  const prefix = `chrome-extension://${extensionId}/`;
  const running = context.serviceWorkers().filter((w) => w.url().startsWith(prefix));
  const closed = Promise.all(
    running.map((w) => new Promise<void>((resolve) => w.once('close', () => resolve()))),
  );
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as {
        targetInfos: { type: string; url: string }[];
      };
      if (!targetInfos.some((t) => t.type === 'service_worker' && t.url.startsWith(prefix))) break;
      if (Date.now() > deadline) throw new Error('the service worker did not stop');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await cdp.detach();
  }
  // Playwright learns of the stop a little later (or never, when an event restarted the worker at once).
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 3_000))]);
}

/** The running service worker, started again by an event if it was stopped. */
export async function serviceWorker(browser: ExtensionBrowser) {
  const { context, extensionId } = browser;
  const prefix = `chrome-extension://${extensionId}/`;
  return (
    context.serviceWorkers().find((w) => w.url().startsWith(prefix)) ??
    (await context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().startsWith(prefix),
      timeout: 15_000,
    }))
  );
}

/**
 * Sends a Licenskoll request from one of our extension pages (a page, so the worker wakes up for
 * it), on the protocol's channel and with one of its request types (src/shared/protocol/types.ts).
 */
export async function sendFromPage<T = unknown>(
  page: import('playwright-core').Page,
  type: RequestType,
  payload: unknown,
): Promise<{ ok: true; data: T } | { ok: false; error: string; code: ErrorCode }> {
  return page.evaluate(([channel, t, p]) => chrome.runtime.sendMessage({ channel, type: t, payload: p }), [
    CHANNEL,
    type,
    payload,
  ] as const);
}
