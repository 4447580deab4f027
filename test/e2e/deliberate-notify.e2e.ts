// Notifications only when no Licenskoll UI shows the job, in Chromium against
// the sandbox: the license page's result card counts as a visible UI for the job it shows (no
// notification), and the same kind of job finishing after its tab was closed does notify.
import type { Page } from 'playwright-core';
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
  await sandbox.faults({ latencyMs: 0 });
});

const ours = (page: Page, what: string) => page.locator(`licenskoll-root [data-lk="${what}"]`);

/** The job states the background has seen (notify.ts keeps them in storage.session). */
async function seenJobs(): Promise<Record<string, string>> {
  const worker = await serviceWorker(chromium);
  return worker.evaluate(
    async () =>
      ((await chrome.storage.session.get('notify.jobStates'))['notify.jobStates'] ?? {}) as Record<
        string,
        string
      >,
  );
}

async function notificationIds(): Promise<string[]> {
  const worker = await serviceWorker(chromium);
  return worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}

/** Opens the tool page, selects class 9B and brings up the confirmation. */
async function confirmationFor9B(): Promise<Page> {
  const all = await studentLicenseAssignments(sandbox.client);
  const nineB = matching(all, '9b');
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`${sandbox.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=sv&next=${TOOL_PATH}`);
  await page
    .locator('licenskoll-root[data-page="license-page"]')
    .waitFor({ state: 'attached', timeout: 20_000 });
  await page.getByRole('tabpanel').locator('tbody tr button').first().click();
  await page.getByRole('dialog').locator('tbody tr').first().waitFor();
  await ours(page, 'panel').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 20_000 });
  await ours(page, 'search').fill('9b');
  await expect
    .poll(() => ours(page, 'panel').getAttribute('data-matches'), { timeout: 15_000 })
    .toBe(String(nineB.length));
  await ours(page, 'select-all').click();
  await ours(page, 'withdraw').click();
  await ours(page, 'confirm-withdraw').waitFor({ timeout: 15_000 });
  if ((await ours(page, 'confirm-count').count()) > 0)
    await ours(page, 'confirm-count').fill(String(nineB.length));
  return page;
}

async function newDoneJob(before: Record<string, string>): Promise<string> {
  let id = '';
  await expect
    .poll(
      async () => {
        const seen = await seenJobs();
        id = Object.keys(seen).find((k) => !(k in before) && seen[k] === 'done') ?? '';
        return id;
      },
      { timeout: 60_000 },
    )
    .not.toBe('');
  return id;
}

describe('job notifications and the license page', () => {
  it('stay away while the page’s result card shows the job, and come when its tab is gone', async () => {
    // The card shows the job from start to end: no notification for it.
    const before = await seenJobs();
    const page = await confirmationFor9B();
    await ours(page, 'confirm-withdraw').click();
    await ours(page, 'result').and(page.locator('[data-state="finished"]')).waitFor({ timeout: 60_000 });
    const shown = await newDoneJob(before);
    expect(await notificationIds()).not.toContain(`licenskoll-job-${shown}-done`);

    // The undo of it, started and then left: its tab closes while the job runs, so it notifies.
    await ours(page, 'undo').click();
    await sandbox.faults({ latencyMs: 1_500 });
    const seenBefore = await seenJobs();
    await ours(page, 'undo-yes').click();
    await ours(page, 'result').and(page.locator('[data-state="running"][data-kind="undo"]')).waitFor();
    await page.close();
    const left = await newDoneJob(seenBefore);
    await expect.poll(notificationIds, { timeout: 30_000 }).toContain(`licenskoll-job-${left}-done`);
  });
});
