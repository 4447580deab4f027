// Driving Licenskoll's UI inside its shadow root in Firefox (puppeteer-core over WebDriver BiDi):
// wait for, read and click our elements by data-lk, with real (trusted) input; poll the page for
// a condition. Shared by every Firefox e2e file that works on a license page.
import type { ElementHandle, Page } from 'puppeteer-core';

function shadowHas(selector: string): boolean {
  return document.querySelector('licenskoll-root')?.shadowRoot?.querySelector(selector) != null;
}

function shadowText(selector: string): string | null {
  const el = document.querySelector('licenskoll-root')?.shadowRoot?.querySelector(selector);
  return el ? (el.textContent ?? '') : null;
}

/** Waits until our element matching `selector` (e.g. '[data-lk="panel"][data-ready="true"]') exists. */
export async function waitForOurs(page: Page, selector: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(shadowHas, { timeout, polling: 100 }, selector);
}

/** The text of our element, or null when there is none. */
export async function ourText(page: Page, selector: string): Promise<string | null> {
  return page.evaluate(shadowText, selector);
}

/** Clicks our element with real (trusted) input: puppeteer moves the mouse to its box. */
export async function clickOurs(page: Page, what: string): Promise<void> {
  const selector = `[data-lk="${what}"]`;
  await waitForOurs(page, selector);
  const handle = await page.evaluateHandle(
    (s) => document.querySelector('licenskoll-root')?.shadowRoot?.querySelector<HTMLElement>(s) ?? null,
    selector,
  );
  const element = handle.asElement() as ElementHandle<HTMLElement> | null;
  if (!element) throw new Error(`no ${what}`);
  await element.click();
}

/** Polls `read` in the page until it returns `want` (conditions, never fixed sleeps). */
export async function until<T>(page: Page, read: () => T, want: T, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const got = await page.evaluate(read);
    if (got === want) return;
    if (Date.now() > deadline) throw new Error(`expected ${String(want)}, got ${String(got)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Confirms a withdrawal; from the confirmation threshold up, the count is typed first. */
export async function confirmOurWithdrawal(page: Page, count: number): Promise<void> {
  await waitForOurs(page, '[data-lk="confirm-withdraw"]');
  if ((await ourText(page, '[data-lk="confirm-count"]')) !== null) {
    await clickOurs(page, 'confirm-count');
    await page.keyboard.type(String(count));
  }
  await clickOurs(page, 'confirm-withdraw');
}
