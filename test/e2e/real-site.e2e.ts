// Licenskoll on copies of Skolon that differ from ours: history or hash routing, an HTML table or
// an ARIA grid of divs, the license contract or a private API the extension cannot speak. In each,
// in Chromium: word-start search ("ali" finds Ali but not Natalie, "oberg" finds Öberg but not
// Sjöberg, "berg" not Lindberg), select all matching, withdraw (through the API, or through the page's own
// boxes and button in page mode) with every selected row revoked exactly once and no other row
// touched, then undo (API) or the plain "undo needs the API" (page mode). And a paged dialog of
// 1,000 holders in page mode: select all matching for a class loads the page's further rows
// first and withdraws every member of the class, and nobody else.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { matchesAtWordStart } from '../../src/shared/word-search.ts';
import { BIG_LICENSE_ID, BIG_TOOL_ID, CLASS_9B_NAME } from '../sandbox/data/fixtures.ts';
import { type ExtensionBrowser, launchChromiumWithExtension, serviceWorker } from './harness/chromium.ts';
import { DIST } from './harness/paths.ts';
import { holdersInClass, type SandboxModes, startTestSandbox, type TestSandbox } from './harness/sandbox.ts';
import {
  type AssignmentTruth,
  confirmWithdrawal,
  studentLicenseAssignments,
} from './license-page-support.ts';

let chromium: ExtensionBrowser;
beforeAll(async () => {
  chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
});
afterAll(async () => {
  await chromium?.close();
});

const ours = (page: Page, what: string) => page.locator(`licenskoll-root [data-lk="${what}"]`);

/** Rows of the dialog that hold a checkbox (not the header), by whatever markup the page uses. */
const ROW_SELECTOR = 'tbody tr, [role="rowgroup"] > [role="row"]';

async function visibleRowTexts(dialog: Locator): Promise<string[]> {
  return dialog.evaluate((element, selector) => {
    const rows = Array.from(element.querySelectorAll<HTMLElement>(selector));
    return rows
      .filter(
        (r) =>
          r.querySelector('input[type="checkbox"],[role="checkbox"]') &&
          !r.querySelector('[role="columnheader"]') &&
          r.offsetParent !== null,
      )
      .map((r) => r.textContent ?? '');
  }, ROW_SELECTOR);
}

async function rowCount(dialog: Locator): Promise<number> {
  return dialog.evaluate(
    (element, selector) =>
      Array.from(element.querySelectorAll(selector)).filter(
        (r) =>
          r.querySelector('input[type="checkbox"],[role="checkbox"]') &&
          !r.querySelector('[role="columnheader"]'),
      ).length,
    ROW_SELECTOR,
  );
}

async function openToolPage(sandbox: TestSandbox, toolId: string): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(sandbox.loginUrl({ toolId }));
  await page
    .locator('licenskoll-root[data-page="license-page"]')
    .waitFor({ state: 'attached', timeout: 30_000 });
  return page;
}

/** The gear of the first license row (the students' license of the big tool). */
async function openFirstDialog(page: Page): Promise<Locator> {
  await page.getByRole('tabpanel').first().locator('tbody tr button, [role="row"] button').first().click();
  const dialog = page.getByRole('dialog');
  await expect.poll(() => rowCount(dialog), { timeout: 30_000 }).toBeGreaterThan(0);
  await ours(page, 'panel').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 30_000 });
  return dialog;
}

async function waitForResult(page: Page, kind: 'withdraw' | 'undo'): Promise<Locator> {
  const result = ours(page, 'result').and(page.locator(`[data-state="finished"][data-kind="${kind}"]`));
  await result.waitFor({ timeout: 120_000 });
  return result;
}

async function expectRevokedExactly(sandbox: TestSandbox, ids: string[]): Promise<void> {
  const counts = await sandbox.revocationsPerId();
  expect([...counts.keys()].sort()).toEqual([...ids].sort());
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

const text = (a: AssignmentTruth) => ({
  name: a.assignee.name,
  email: a.assignee.email ?? '',
  classes: (a.assignee.groups ?? []).map((g) => g.name),
});

const COMBOS: Pick<SandboxModes, 'routing' | 'markup' | 'api'>[] = [
  { routing: 'history', markup: 'table', api: 'contract' },
  { routing: 'hash', markup: 'grid', api: 'contract' },
  { routing: 'history', markup: 'grid', api: 'private' },
  { routing: 'hash', markup: 'table', api: 'private' },
];

for (const combo of COMBOS) {
  const name = `${combo.routing}+${combo.markup}+${combo.api}`;
  const pageMode = combo.api === 'private';
  describe(name, () => {
    let sandbox: TestSandbox;
    beforeAll(async () => {
      sandbox = await startTestSandbox({ students: 2000, ...combo });
    });
    afterAll(async () => {
      await sandbox?.close();
    });
    beforeEach(async () => {
      await sandbox.reset();
      const worker = await serviceWorker(chromium);
      await worker.evaluate(() => chrome.storage.local.set({ forcePageMode: false }));
    });

    it(`search, select all matching, withdraw${pageMode ? ' through the page' : ' and undo'}`, async () => {
      const all = await studentLicenseAssignments(sandbox.client);
      const page = await openToolPage(sandbox, BIG_TOOL_ID);
      const dialog = await openFirstDialog(page);
      const panel = ours(page, 'panel');
      await expect
        .poll(() => panel.getAttribute('data-mode'), { timeout: 30_000 })
        .toBe(pageMode ? 'page' : 'api');
      if (pageMode) {
        expect(await ours(page, 'page-mode').textContent()).toContain(
          'Sidläge: Licenskoll använder Skolons egna knappar',
        );
      }
      expect(await rowCount(dialog)).toBe(all.length);

      // Word starts only: "ali" finds Ali… and ali…@ but never the "ali" inside a word.
      const ali = all.filter((a) => matchesAtWordStart(text(a), 'ali'));
      const inside = all.filter(
        (a) => a.assignee.name.toLowerCase().includes('ali') && !matchesAtWordStart(text(a), 'ali'),
      );
      expect(inside.some((a) => a.assignee.name.startsWith('Natalie'))).toBe(true);
      await ours(page, 'search').fill('ali');
      await expect
        .poll(async () => (await visibleRowTexts(dialog)).length, { timeout: 15_000 })
        .toBe(ali.length);
      const shown = await visibleRowTexts(dialog);
      for (const a of inside) expect(shown.some((t) => t.includes(a.assignee.name))).toBe(false);
      for (const a of ali) expect(shown.some((t) => t.includes(a.assignee.name))).toBe(true);

      // "oberg" finds Öberg but never Sjöberg; "berg" finds Berg… but never Lindberg.
      for (const [q, within] of [
        ['oberg', 'Sjöberg'],
        ['berg', 'Lindberg'],
      ] as const) {
        const found = all.filter((a) => matchesAtWordStart(text(a), q));
        const hidden = all.filter((a) => a.assignee.name.includes(within) && !found.includes(a));
        expect(found.length).toBeGreaterThan(0);
        expect(hidden.length).toBeGreaterThan(0);
        await ours(page, 'search').fill(q);
        await expect
          .poll(async () => (await visibleRowTexts(dialog)).length, { timeout: 15_000 })
          .toBe(found.length);
        const rows = await visibleRowTexts(dialog);
        for (const a of hidden) expect(rows.some((t) => t.includes(a.assignee.name))).toBe(false);
      }

      // Class 9B by its word start, students only: select all matching, withdraw.
      const target = all.filter(
        (a) =>
          a.assignee.role === 'STUDENT' && (a.assignee.groups ?? []).some((g) => g.name === CLASS_9B_NAME),
      );
      expect(target.length).toBeGreaterThan(3);
      await ours(page, 'search').fill(CLASS_9B_NAME.toLowerCase());
      await ours(page, 'role-STUDENT').click();
      await expect
        .poll(async () => (await visibleRowTexts(dialog)).length, { timeout: 15_000 })
        .toBe(target.length);
      await ours(page, 'select-all').click();
      await expect
        .poll(() => panel.getAttribute('data-selected'), { timeout: 15_000 })
        .toBe(String(target.length));
      await ours(page, 'withdraw').click();
      await confirmWithdrawal(page, target.length);
      const result = await waitForResult(page, 'withdraw');
      await expectRevokedExactly(
        sandbox,
        target.map((a) => a.id),
      );

      if (pageMode) {
        // No API, no undo: said plainly, and no Ångra button that would do nothing.
        expect(await result.locator('[data-lk="undo-unavailable"]').textContent()).toContain('Ångra kräver');
        expect(await result.locator('[data-lk="undo"]').count()).toBe(0);
      } else {
        await result.locator('[data-lk="undo"]').click();
        // Undo says what goes back and asks first.
        await ours(page, 'confirm-undo').locator('[data-lk="undo-yes"]').click();
        await waitForResult(page, 'undo');
        const restored = new Set((await studentLicenseAssignments(sandbox.client)).map((a) => a.assignee.id));
        for (const a of target) expect(restored.has(a.assignee.id)).toBe(true);
      }
      await page.close();
    });
  });
}

describe('a paged dialog of 1,000 holders in page mode', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ students: 2000, api: 'private', dialog: 'paged', routing: 'hash' });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('select all matching for a class loads every row first and withdraws every member, and nobody else', async () => {
    const members = await holdersInClass(sandbox.client, BIG_TOOL_ID, CLASS_9B_NAME, BIG_LICENSE_ID);
    const { assignments } = await sandbox.client.state<{ assignments: unknown[] }>('assignments', {
      toolId: BIG_TOOL_ID,
      licenseId: BIG_LICENSE_ID,
    });
    expect(assignments.length).toBeGreaterThanOrEqual(1000);
    expect(BIG_LICENSE_ID).toBe(BIG_LICENSE_ID);
    const page = await openToolPage(sandbox, BIG_TOOL_ID);
    const dialog = await openFirstDialog(page);
    expect(await rowCount(dialog)).toBe(50);
    // The panel says the page shows only part of the list.
    expect(await ours(page, 'paging').textContent()).toContain(`50 av ${assignments.length}`);

    await ours(page, 'search').fill(CLASS_9B_NAME.toLowerCase());
    await ours(page, 'select-all').click();
    await expect
      .poll(() => ours(page, 'panel').getAttribute('data-selected'), { timeout: 120_000 })
      .toBe(String(members.length));
    expect(await rowCount(dialog)).toBe(assignments.length);
    expect(await ours(page, 'paging').count()).toBe(0);
    await ours(page, 'withdraw').click();
    await confirmWithdrawal(page, members.length);
    await waitForResult(page, 'withdraw');
    await expectRevokedExactly(
      sandbox,
      members.map((m) => m.assignmentId),
    );
    await page.close();
  });

  it('"Hämta alla rader" loads every row through the page, so search and the chips see them all', async () => {
    await sandbox.reset();
    const { assignments } = await sandbox.client.state<{ assignments: unknown[] }>('assignments', {
      toolId: BIG_TOOL_ID,
      licenseId: BIG_LICENSE_ID,
    });
    const page = await openToolPage(sandbox, BIG_TOOL_ID);
    const dialog = await openFirstDialog(page);
    expect(await rowCount(dialog)).toBe(50);
    await ours(page, 'load-all').click();
    await ours(page, 'paging').waitFor({ state: 'detached', timeout: 120_000 });
    expect(await rowCount(dialog)).toBe(assignments.length);
    await expect
      .poll(() => ours(page, 'panel').getAttribute('data-matches'), { timeout: 15_000 })
      .toBe(String(assignments.length));
    expect(await revokedNothing(sandbox)).toBe(true);
    await page.close();
  });
});

async function revokedNothing(sandbox: TestSandbox): Promise<boolean> {
  return (await sandbox.revocationsPerId()).size === 0;
}
