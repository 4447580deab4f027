// Every withdrawal deliberate on the license page, in Chromium against the
// sandbox: the popup's confirmation threshold holds here too (the count is typed), focus starts on
// Cancel or the count so Enter never confirms from a pre-focused button, undo (u or Ångra) shows
// what goes back and asks first, and a job paused for an expired session says so with the way on.
// No fixed sleeps: every wait is a condition with a timeout.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchChromiumWithExtension, serviceWorker } from './harness/chromium.ts';
import { DIST } from './harness/paths.ts';
import { startTestSandbox, type TestSandbox } from './harness/sandbox.ts';
import { matching, studentLicenseAssignments, TOOL_PATH } from './license-page-support.ts';

let sandbox: TestSandbox;
let chromium: ExtensionBrowser;

beforeAll(async () => {
  sandbox = await startTestSandbox(2000);
  chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
});
afterAll(async () => {
  await chromium?.close();
  await sandbox?.close();
});
beforeEach(async () => {
  await sandbox.reset();
  await sandbox.faults({ expireSessionAfterRequests: null });
  const worker = await serviceWorker(chromium);
  await worker.evaluate(() => chrome.storage.local.set({ forcePageMode: false }));
});

/** Sets the threshold as the options page does (it mirrors it for the license page on load). */
async function setThreshold(threshold: number): Promise<void> {
  const { context, extensionId } = chromium;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await options.evaluate(
    (patch) =>
      chrome.runtime.sendMessage({ channel: 'licenskoll/v1', type: 'setSettings', payload: { patch } }),
    { confirmThreshold: threshold },
  );
  await options.reload();
  const worker = await serviceWorker(chromium);
  await expect
    .poll(
      () =>
        worker.evaluate(
          async () =>
            (await chrome.storage.local.get('licenskoll.confirmThreshold'))['licenskoll.confirmThreshold'],
        ),
      { timeout: 15_000 },
    )
    .toBe(threshold);
  await options.close();
}

const ours = (page: Page, what: string) => page.locator(`licenskoll-root [data-lk="${what}"]`);
/** Which of our elements has the focus inside our shadow root. */
const focused = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelector('licenskoll-root')?.shadowRoot?.activeElement?.getAttribute('data-lk') ?? null,
  );

async function openDialog(): Promise<{ page: Page; dialog: Locator }> {
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`${sandbox.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=sv&next=${TOOL_PATH}`);
  await page
    .locator('licenskoll-root[data-page="license-page"]')
    .waitFor({ state: 'attached', timeout: 20_000 });
  await page.getByRole('tabpanel').locator('tbody tr button').first().click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('tbody tr').first().waitFor();
  await ours(page, 'panel').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 20_000 });
  return { page, dialog };
}

async function selectMatching(page: Page, query: string, count: number): Promise<void> {
  await ours(page, 'search').fill(query);
  await expect
    .poll(() => ours(page, 'panel').getAttribute('data-matches'), { timeout: 15_000 })
    .toBe(String(count));
  await ours(page, 'select-all').click();
  await expect
    .poll(() => ours(page, 'panel').getAttribute('data-selected'), { timeout: 15_000 })
    .toBe(String(count));
}

const revoked = async () => [...(await sandbox.revocationsPerId()).keys()];

async function result(page: Page, state: string, kind: 'withdraw' | 'undo'): Promise<Locator> {
  const card = ours(page, 'result').and(page.locator(`[data-state="${state}"][data-kind="${kind}"]`));
  await card.waitFor({ timeout: 60_000 });
  return card;
}

describe('the license page asks deliberately', () => {
  it('at the threshold the count is typed; Enter before that confirms nothing; undo asks first', async () => {
    const all = await studentLicenseAssignments(sandbox.client);
    const nineB = matching(all, '9b');
    expect(nineB.length).toBeGreaterThanOrEqual(3);
    await setThreshold(3);
    const { page } = await openDialog();
    await selectMatching(page, '9b', nineB.length);
    await page.keyboard.press('Shift+D');
    await ours(page, 'confirm-count').waitFor({ timeout: 15_000 });
    expect(await focused(page)).toBe('confirm-count');
    expect(await ours(page, 'confirm-withdraw').isDisabled()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await ours(page, 'confirm').count()).toBe(1);
    expect(await revoked()).toEqual([]);
    await page.keyboard.type(String(nineB.length - 1));
    await page.keyboard.press('Enter');
    expect(await ours(page, 'confirm-withdraw').isDisabled()).toBe(true);
    await ours(page, 'confirm-count').fill(String(nineB.length));
    await page.keyboard.press('Enter');
    await result(page, 'finished', 'withdraw');
    expect((await revoked()).sort()).toEqual(nineB.map((a) => a.id).sort());

    // u shows what goes back and starts on Cancel: Enter there undoes nothing.
    await page.keyboard.press('u');
    const confirmUndo = ours(page, 'confirm-undo');
    await confirmUndo.waitFor({ timeout: 15_000 });
    expect(await confirmUndo.textContent()).toContain(String(nineB.length));
    expect(await focused(page)).toBe('undo-cancel');
    await page.keyboard.press('Enter');
    await confirmUndo.waitFor({ state: 'detached', timeout: 15_000 });
    await result(page, 'finished', 'withdraw');
    const holders = new Set((await studentLicenseAssignments(sandbox.client)).map((a) => a.assignee.id));
    for (const a of nineB) expect(holders.has(a.assignee.id)).toBe(false);

    // The Ångra button asks too; the yes re-assigns them, once.
    await ours(page, 'undo').click();
    await ours(page, 'undo-yes').click();
    await result(page, 'finished', 'undo');
    const back = new Set((await studentLicenseAssignments(sandbox.client)).map((a) => a.assignee.id));
    for (const a of nineB) expect(back.has(a.assignee.id)).toBe(true);
    await page.close();
  });

  it('below the threshold focus starts on Cancel, and Enter cancels', async () => {
    const all = await studentLicenseAssignments(sandbox.client);
    const nineB = matching(all, '9b');
    await setThreshold(1000);
    const { page } = await openDialog();
    await selectMatching(page, '9b', nineB.length);
    await page.keyboard.press('Shift+D');
    await ours(page, 'confirm-withdraw').waitFor({ timeout: 15_000 });
    expect(await ours(page, 'confirm-count').count()).toBe(0);
    expect(await focused(page)).toBe('cancel');
    await page.keyboard.press('Enter');
    await ours(page, 'confirm').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await revoked()).toEqual([]);
    await page.close();
  });

  it('a job paused for an expired session says so, with the way on, not "running"', async () => {
    const all = await studentLicenseAssignments(sandbox.client);
    const nineB = matching(all, '9b');
    await setThreshold(1000);
    const { page } = await openDialog();
    await selectMatching(page, '9b', nineB.length);
    await ours(page, 'withdraw').click();
    await ours(page, 'confirm-withdraw').waitFor({ timeout: 15_000 });
    // The session ends between the preview and the withdrawal.
    await sandbox.faults({ expireSessionAfterRequests: 0 });
    await ours(page, 'confirm-withdraw').click();
    const card = await result(page, 'paused', 'withdraw');
    expect(await card.locator('[data-lk="paused"]').getAttribute('data-reason')).toBe('session-expired');
    expect(await card.locator('[data-lk="paused"]').textContent()).toContain('Logga in i Skolon igen');
    expect(await card.locator('[data-lk="sign-in"]').getAttribute('href')).toBe(`${sandbox.url}/`);
    await sandbox.faults({ expireSessionAfterRequests: null });
    await page.close();
  });
});
