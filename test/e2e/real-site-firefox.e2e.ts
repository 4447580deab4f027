// Firefox on a copy of Skolon unlike ours: hash routing, ARIA grids of divs, and a private API the
// extension cannot speak (page mode). Word-start search, select all matching for class 9B
// students, withdraw through the page's own boxes and button (each selected row revoked exactly
// once, nothing else), and the plain "undo needs the API".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_TOOL_ID } from '../sandbox/data/fixtures.ts';
import { type FirefoxWithExtension, launchFirefoxWithExtension, setViewport } from './harness/firefox.ts';
import { clickOurs, confirmOurWithdrawal, ourText, until, waitForOurs } from './harness/firefox-ui.ts';
import { DIST } from './harness/paths.ts';
import { startTestSandbox, type TestSandbox } from './harness/sandbox.ts';
import { class9BStudents, matching, studentLicenseAssignments } from './license-page-support.ts';

let sandbox: TestSandbox;
let firefox: FirefoxWithExtension;

beforeAll(async () => {
  sandbox = await startTestSandbox({ students: 2000, routing: 'hash', markup: 'grid', api: 'private' });
  firefox = await launchFirefoxWithExtension(DIST.firefoxSandbox);
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

/** Visible grid rows of the dialog that hold a checkbox, the header left out. */
function visibleGridRows(): number {
  const rows = document.querySelectorAll<HTMLElement>('[role="dialog"] [role="rowgroup"] > [role="row"]');
  return Array.from(rows).filter(
    (r) =>
      r.querySelector('[role="checkbox"]') &&
      !r.querySelector('[role="columnheader"]') &&
      r.offsetParent !== null,
  ).length;
}

describe('Firefox on hash routing, ARIA grids and a private API', () => {
  it('searches at word starts, withdraws through the page exactly once, and says undo needs the API', async () => {
    await sandbox.reset();
    const all = await studentLicenseAssignments(sandbox.client);
    const ali = matching(all, 'ali');
    const target = class9BStudents(all);
    expect(target.length).toBeGreaterThan(3);
    const page = await firefox.browser.newPage();
    await setViewport(page, 1600, 1000);
    await page.goto(sandbox.loginUrl({ toolId: BIG_TOOL_ID }));
    await page.waitForSelector('licenskoll-root[data-page="license-page"]', { timeout: 30_000 });
    await page.waitForSelector('[role="tabpanel"]:not([hidden]) [role="row"] button');
    await page.click('[role="tabpanel"]:not([hidden]) [role="row"] button');
    await page.waitForSelector('[role="dialog"] [role="rowgroup"] > [role="row"] [role="checkbox"]');
    await waitForOurs(page, '[data-lk="panel"][data-ready="true"][data-mode="page"]');
    expect(await ourText(page, '[data-lk="page-mode"]')).toContain(
      'Sidläge: Licenskoll använder Skolons egna knappar',
    );

    await clickOurs(page, 'search');
    await page.keyboard.type('ali');
    await until(page, visibleGridRows, ali.length);
    await page.keyboard.press('Escape');
    await until(page, visibleGridRows, all.length);

    await clickOurs(page, 'class-9B');
    await clickOurs(page, 'role-STUDENT');
    await until(page, visibleGridRows, target.length);
    await clickOurs(page, 'select-all');
    await waitForOurs(page, `[data-lk="panel"][data-selected="${target.length}"]`);
    await clickOurs(page, 'withdraw');
    await confirmOurWithdrawal(page, target.length);
    await waitForOurs(page, '[data-lk="result"][data-state="finished"][data-kind="withdraw"]', 90_000);
    const counts = await sandbox.revocationsPerId();
    expect([...counts.keys()].sort()).toEqual(target.map((a) => a.id).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await ourText(page, '[data-lk="undo-unavailable"]')).toContain('Ångra kräver');
    expect(await ourText(page, '[data-lk="undo"]')).toBeNull();
    await page.close();
  });
});
