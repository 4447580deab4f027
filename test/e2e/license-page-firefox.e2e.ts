// The search + withdraw flow in Firefox (puppeteer-core over WebDriver BiDi): "asa" finds the
// Åsa rows; class 9B and role Elev, select all matching, withdraw, exactly once; undo restores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxWithExtension, launchFirefoxWithExtension, setViewport } from './harness/firefox.ts';
import { clickOurs, confirmOurWithdrawal, until, waitForOurs } from './harness/firefox-ui.ts';
import { DIST } from './harness/paths.ts';
import { startTestSandbox, type TestSandbox } from './harness/sandbox.ts';
import { class9BStudents, matching, studentLicenseAssignments, TOOL_PATH } from './license-page-support.ts';

let sandbox: TestSandbox;
let firefox: FirefoxWithExtension;

beforeAll(async () => {
  sandbox = await startTestSandbox(2000);
  firefox = await launchFirefoxWithExtension(DIST.firefoxSandbox);
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

function visibleRowCount(): number {
  const rows = document.querySelectorAll<HTMLElement>('[role="dialog"] tbody tr');
  return Array.from(rows).filter((r) => r.offsetParent !== null).length;
}

describe('Firefox', () => {
  it('searches, filters, withdraws exactly once and undoes', async () => {
    await sandbox.reset();
    const all = await studentLicenseAssignments(sandbox.client);
    const asa = matching(all, 'asa');
    const target = class9BStudents(all);
    const page = await firefox.browser.newPage();
    await setViewport(page, 1600, 1000);
    await page.goto(`${sandbox.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=sv&next=${TOOL_PATH}`);
    await page.waitForSelector('licenskoll-root[data-page="license-page"]', { timeout: 30_000 });
    await page.waitForSelector('[role="tabpanel"]:not([hidden]) tbody tr button');
    await page.click('[role="tabpanel"]:not([hidden]) tbody tr button');
    await page.waitForSelector('[role="dialog"] tbody tr');
    await waitForOurs(page, '[data-lk="panel"][data-ready="true"]');

    await clickOurs(page, 'search');
    await page.keyboard.type('asa');
    await until(page, visibleRowCount, asa.length);
    await page.keyboard.press('Escape');
    await until(page, visibleRowCount, all.length);

    await clickOurs(page, 'class-9B');
    await clickOurs(page, 'role-STUDENT');
    await until(page, visibleRowCount, target.length);
    await clickOurs(page, 'select-all');
    await waitForOurs(page, `[data-lk="panel"][data-selected="${target.length}"]`);
    await clickOurs(page, 'withdraw');
    await confirmOurWithdrawal(page, target.length);
    await waitForOurs(page, '[data-lk="result"][data-state="finished"][data-kind="withdraw"]', 60_000);
    const counts = await sandbox.revocationsPerId();
    expect([...counts.keys()].sort()).toEqual(target.map((a) => a.id).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);

    await clickOurs(page, 'undo');
    await clickOurs(page, 'undo-yes');
    await waitForOurs(page, '[data-lk="result"][data-state="finished"][data-kind="undo"]', 60_000);
    const holders = new Set((await studentLicenseAssignments(sandbox.client)).map((a) => a.assignee.id));
    for (const a of target) expect(holders.has(a.assignee.id)).toBe(true);
    await page.close();
  });
});
