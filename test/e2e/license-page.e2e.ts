// The license page with Licenskoll, in Chromium against the sandbox:
// search and filters over the page's withdraw dialog, select all matching, withdraw with a
// preview (seats freed per license, and every name when ten or fewer), progress, the page's own
// table and counter showing the new count, and undo (in sv, nb, en); the same with the keyboard
// only; Alt+Shift+F through Chromium's real command path focusing our search; a page script's
// synthetic events and messages withdraw nothing; axe finds no serious violation in our UI; and
// page mode withdraws through the page's own button; a 5,000-row dialog lists its matches in our
// panel and leaves the page's rows shown (its timings are printed). No fixed sleeps: every wait is a condition.
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIG_LICENSE_ID } from '../sandbox/data/fixtures.ts';
import { type ExtensionBrowser, launchChromiumWithExtension, serviceWorker } from './harness/chromium.ts';
import { DIST } from './harness/paths.ts';
import { startTestSandbox, type TestSandbox } from './harness/sandbox.ts';
import {
  type AssignmentTruth,
  class9BStudents,
  confirmWithdrawal,
  matching,
  studentLicenseAssignments,
  TOOL_PATH,
} from './license-page-support.ts';

const require = createRequire(import.meta.url);
const axeSource = (require('axe-core') as { source: string }).source;

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
  const worker = await serviceWorker(chromium);
  await worker.evaluate(() => chrome.storage.local.set({ forcePageMode: false }));
});

type Locale = 'sv' | 'nb' | 'en';

async function openToolPage(locale: Locale): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`${sandbox.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=${locale}&next=${TOOL_PATH}`);
  await page
    .locator('licenskoll-root[data-page="license-page"]')
    .waitFor({ state: 'attached', timeout: 20_000 });
  return page;
}

/** The gear of the students' license (the first gear: "Elev, Lärare", the big license). */
async function openStudentDialog(page: Page, _locale: Locale): Promise<Locator> {
  await page.getByRole('tabpanel').locator('tbody tr button').first().click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('tbody tr').first().waitFor();
  const panel = page.locator('licenskoll-root [data-lk="panel"]');
  await panel.and(page.locator('[data-ready="true"]')).waitFor();
  return dialog;
}

const ours = (page: Page, what: string) => page.locator(`licenskoll-root [data-lk="${what}"]`);
/** The data-lk of the element focused inside our UI, or null. */
const focusedLk = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelector('licenskoll-root')?.shadowRoot?.activeElement?.getAttribute('data-lk') ?? null,
  );
const visibleRows = (dialog: Locator) => dialog.locator('tbody tr:visible');

async function visibleNames(dialog: Locator): Promise<string[]> {
  return (await visibleRows(dialog).locator('td:nth-child(2) > span:first-child').allTextContents()).sort();
}

async function revokedIds(): Promise<Map<string, number>> {
  return sandbox.revocationsPerId();
}

async function currentHolderIds(): Promise<Set<string>> {
  return new Set((await studentLicenseAssignments(sandbox.client)).map((a) => a.assignee.id));
}

async function expectWithdrawnExactlyOnce(expected: AssignmentTruth[]): Promise<void> {
  const counts = await revokedIds();
  expect([...counts.keys()].sort()).toEqual(expected.map((a) => a.id).sort());
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

/** Ångra shows what goes back and asks first. */
async function confirmUndo(page: Page): Promise<void> {
  await ours(page, 'confirm-undo').locator('[data-lk="undo-yes"]').click();
}

/**
 * The dry-run preview says what will happen: the seats freed per license (every selected row here
 * holds the students' license, so one line with the whole count) and, for ten or fewer, each name.
 */
async function expectPreview(page: Page, selected: AssignmentTruth[]): Promise<void> {
  const confirm = ours(page, 'confirm');
  await confirm.locator('[data-lk="confirm-withdraw"]').waitFor({ timeout: 30_000 });
  const licenses = [...new Set(selected.map((a) => a.licenseId))];
  expect(licenses).toEqual([BIG_LICENSE_ID]);
  const seats = await confirm.locator('[data-lk="seats"] li').allTextContents();
  expect(seats).toHaveLength(1);
  expect(seats[0]?.match(/\d+/)?.[0]).toBe(String(selected.length));
  const names = confirm.locator('[data-lk="names"] li');
  if (selected.length <= 10) {
    expect((await names.allTextContents()).sort()).toEqual(selected.map((a) => a.assignee.name).sort());
  } else {
    expect(await names.count()).toBe(0);
  }
}

/** The tab's counter ("72/107 tilldelade") and the license row's holders ("62 användare"), as the page shows them. */
async function pageCounts(page: Page): Promise<{ assigned: number; seats: number; rowHolders: number }> {
  const panel = page.getByRole('tabpanel').first();
  const [assigned, seats] = (
    (await panel
      .locator('span', { hasText: /^\d+\/\d+ / })
      .first()
      .textContent()) ?? ''
  )
    .split(' ')[0]
    ?.split('/')
    .map(Number) ?? [NaN, NaN];
  const gearRow = panel.locator('tbody tr', { has: page.locator('button') }).first();
  const rowHolders = Number(((await gearRow.locator('td').nth(1).textContent()) ?? '').split(' ')[0]);
  return { assigned: assigned ?? NaN, seats: seats ?? NaN, rowHolders };
}

async function waitForResult(page: Page, kind: 'withdraw' | 'undo'): Promise<Locator> {
  const result = ours(page, 'result').and(page.locator(`[data-state="finished"][data-kind="${kind}"]`));
  await result.waitFor({ timeout: 60_000 });
  return result;
}

describe('search, filter, select all matching, withdraw and undo', () => {
  for (const locale of ['sv', 'nb', 'en'] as const) {
    it(`works with the mouse (${locale})`, async () => {
      const all = await studentLicenseAssignments(sandbox.client);
      const asa = matching(all, 'asa');
      const target = class9BStudents(all);
      expect(asa.length).toBeGreaterThan(0);
      expect(target.length).toBeGreaterThan(3);
      const page = await openToolPage(locale);
      const dialog = await openStudentDialog(page, locale);
      expect(await visibleRows(dialog).count()).toBe(all.length);

      // "asa" finds every Åsa (accent- and case-blind), and only rows that match.
      await ours(page, 'search').fill('asa');
      await expect.poll(() => visibleRows(dialog).count(), { timeout: 15_000 }).toBe(asa.length);
      expect(await visibleNames(dialog)).toEqual(asa.map((a) => a.assignee.name).sort());
      expect(asa.some((a) => a.assignee.name.startsWith('Åsa'))).toBe(true);
      // The preview of a few names each of them, and the seats freed; Avbryt withdraws nothing.
      expect(asa.length).toBeLessThanOrEqual(10);
      await ours(page, 'select-all').click();
      await expect
        .poll(() => ours(page, 'panel').getAttribute('data-selected'), { timeout: 15_000 })
        .toBe(String(asa.length));
      await ours(page, 'withdraw').click();
      await expectPreview(page, asa);
      await ours(page, 'cancel').click();
      await ours(page, 'confirm').waitFor({ state: 'detached', timeout: 15_000 });
      await ours(page, 'clear').click();
      await expect
        .poll(() => ours(page, 'panel').getAttribute('data-selected'), { timeout: 15_000 })
        .toBe('0');
      expect(await revokedIds()).toEqual(new Map());
      await ours(page, 'search').fill('');
      await expect.poll(() => visibleRows(dialog).count(), { timeout: 15_000 }).toBe(all.length);
      const before = await pageCounts(page);
      expect(before.rowHolders).toBe(all.length);

      // Class 9B and role Elev → select all matching → withdraw.
      await ours(page, 'class-9B').click();
      await ours(page, 'role-STUDENT').click();
      await expect.poll(() => visibleRows(dialog).count(), { timeout: 15_000 }).toBe(target.length);
      await ours(page, 'select-all').click();
      await expect
        .poll(() => ours(page, 'panel').getAttribute('data-selected'), { timeout: 15_000 })
        .toBe(String(target.length));
      // The page's own checkboxes follow our selection, in the next frame (the controller writes
      // the page's boxes once per frame; the panel's count is rendered before it).
      await expect
        .poll(() => dialog.locator('tbody input[type="checkbox"]:checked').count(), { timeout: 15_000 })
        .toBe(target.length);
      await ours(page, 'withdraw').click();
      await expectPreview(page, target);
      await confirmWithdrawal(page, target.length);
      const result = await waitForResult(page, 'withdraw');
      expect(await result.locator('[data-lk="progress-text"]').textContent()).toContain(`${target.length}`);
      await expectWithdrawnExactlyOnce(target);
      // The page refreshed: its dialog closed and the table shows the new count.
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expect
        .poll(() => pageCounts(page), { timeout: 15_000 })
        .toEqual({
          assigned: before.assigned - target.length,
          seats: before.seats,
          rowHolders: before.rowHolders - target.length,
        });
      const remaining = await currentHolderIds();
      for (const a of target) expect(remaining.has(a.assignee.id)).toBe(false);

      // Undo brings them back.
      await result.locator('[data-lk="undo"]').click();
      await confirmUndo(page);
      await waitForResult(page, 'undo');
      const restored = await currentHolderIds();
      for (const a of target) expect(restored.has(a.assignee.id)).toBe(true);
      await page.close();
    });
  }

  it('works with the keyboard only (sv)', async () => {
    const all = await studentLicenseAssignments(sandbox.client);
    const target = class9BStudents(all);
    const page = await openToolPage('sv');
    const dialog = await openStudentDialog(page, 'sv');
    const { keyboard } = page;

    await keyboard.press('/');
    await keyboard.type('asa');
    await expect
      .poll(() => visibleRows(dialog).count(), { timeout: 15_000 })
      .toBe(matching(all, 'asa').length);
    // Enter in the search submits nothing: the page is not reloaded, the search stays. (A
    // submission would have navigated by the time the next keys are handled and their rows shown.)
    const url = page.url();
    let navigated = 0;
    const onNavigated = () => navigated++;
    page.on('framenavigated', onNavigated);
    await page.evaluate(() => {
      (window as unknown as { beforeEnter: boolean }).beforeEnter = true;
    });
    await keyboard.press('Enter');
    await keyboard.press('Backspace');
    await expect
      .poll(() => visibleRows(dialog).count(), { timeout: 15_000 })
      .toBe(matching(all, 'as').length);
    await keyboard.type('a');
    await expect
      .poll(() => visibleRows(dialog).count(), { timeout: 15_000 })
      .toBe(matching(all, 'asa').length);
    page.off('framenavigated', onNavigated);
    expect(navigated).toBe(0);
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => (window as unknown as { beforeEnter?: boolean }).beforeEnter)).toBe(
      true,
    );
    expect(await ours(page, 'search').inputValue()).toBe('asa');
    await keyboard.press('Escape');
    await expect.poll(() => visibleRows(dialog).count(), { timeout: 15_000 }).toBe(all.length);
    expect(await page.getByRole('dialog').count()).toBe(1);

    // "9b" narrows to the class. Tab goes from the search to what acts on its matches first
    // (Markera alla, then the enabled buttons under it), then on to the chips: it reaches the role
    // chip "Elev" in a few steps, and Space presses it.
    await keyboard.press('/');
    await keyboard.type('9b');
    await keyboard.press('Tab');
    expect(await focusedLk(page)).toBe('select-all');
    let tabs = 1;
    while (tabs < 8 && (await focusedLk(page)) !== 'role-STUDENT') {
      await keyboard.press('Tab');
      tabs++;
    }
    expect(await focusedLk(page)).toBe('role-STUDENT');
    await keyboard.press('Space');
    await expect.poll(() => visibleRows(dialog).count(), { timeout: 15_000 }).toBe(target.length);
    await keyboard.press('Alt+KeyA');
    await expect
      .poll(() => ours(page, 'panel').getAttribute('data-selected'), { timeout: 15_000 })
      .toBe(String(target.length));

    // j/k move through the rows, x toggles the focused one (and toggles it back).
    await keyboard.press('j');
    await keyboard.press('x');
    await expect
      .poll(() => ours(page, 'panel').getAttribute('data-selected'), { timeout: 15_000 })
      .toBe(String(target.length - 1));
    await keyboard.press('x');
    await expect
      .poll(() => ours(page, 'panel').getAttribute('data-selected'), { timeout: 15_000 })
      .toBe(String(target.length));

    // ? opens the help and Esc closes it.
    await keyboard.press('?');
    await ours(page, 'help').waitFor();
    await keyboard.press('Escape');
    await ours(page, 'help').waitFor({ state: 'detached' });

    // From the threshold up, focus starts in the count field: the count is typed, then Enter.
    await keyboard.press('Shift+D');
    await ours(page, 'confirm-count').waitFor({ timeout: 30_000 });
    await keyboard.type(String(target.length));
    await keyboard.press('Enter');
    await waitForResult(page, 'withdraw');
    await expectWithdrawnExactlyOnce(target);

    // u asks first (focus on Cancel); Tab reaches "Ja, ångra", Enter undoes.
    await keyboard.press('u');
    await ours(page, 'undo-yes').waitFor({ timeout: 15_000 });
    // Focus lands on Avbryt once the question has rendered; Tab from there.
    await expect.poll(() => focusedLk(page), { timeout: 15_000 }).toBe('undo-cancel');
    await keyboard.press('Tab');
    await keyboard.press('Enter');
    await waitForResult(page, 'undo');
    const restored = await currentHolderIds();
    for (const a of target) expect(restored.has(a.assignee.id)).toBe(true);
    await page.close();
  });
});

describe('the focus-search browser command', () => {
  it('Alt+Shift+F, pressed as a key the browser receives, runs the command and focuses our search', async () => {
    const page = await openToolPage('sv');
    await openStudentDialog(page, 'sv');
    const worker = await serviceWorker(chromium);
    // Only watches: the extension's own listener (src/background/platform/commands.ts) does the work.
    await worker.evaluate(() => {
      const g = globalThis as unknown as { commandsSeen?: string[] };
      g.commandsSeen = [];
      chrome.commands.onCommand.addListener((command) => g.commandsSeen?.push(command));
    });
    expect(await worker.evaluate(() => chrome.commands.getAll())).toContainEqual(
      expect.objectContaining({ name: 'focus-search', shortcut: 'Alt+Shift+F' }),
    );
    // Focus starts on one of the page's own checkboxes, not on our search.
    await page.getByRole('dialog').locator('tbody input[type="checkbox"]').first().focus();
    expect(
      await page.evaluate(
        () =>
          document.querySelector('licenskoll-root')?.shadowRoot?.activeElement?.getAttribute('data-lk') ??
          null,
      ),
    ).toBeNull();
    // A raw key down (as the OS delivers it) goes through the browser's accelerators, so the
    // extension command fires; Playwright's keyboard.press sends a keyDown with text, which the
    // page gets but the browser's shortcut handling does not.
    const cdp = await chromium.context.newCDPSession(page);
    const ALT_SHIFT = 1 | 8;
    for (const type of ['rawKeyDown', 'keyUp'] as const) {
      await cdp.send('Input.dispatchKeyEvent', {
        type,
        modifiers: ALT_SHIFT,
        key: 'F',
        code: 'KeyF',
        windowsVirtualKeyCode: 70,
        nativeVirtualKeyCode: 70,
      });
    }
    await cdp.detach();
    await expect
      .poll(
        () => worker.evaluate(() => (globalThis as unknown as { commandsSeen?: string[] }).commandsSeen),
        {
          timeout: 15_000,
        },
      )
      .toEqual(['focus-search']);
    await expect.poll(() => focusedLk(page), { timeout: 15_000 }).toBe('search');
    await page.close();
  });
});

describe('a hostile page', () => {
  it('cannot withdraw through synthetic keys, clicks or messages', async () => {
    const page = await openToolPage('sv');
    const dialog = await openStudentDialog(page, 'sv');
    await page.evaluate(async () => {
      const key = (init: KeyboardEventInit) => {
        for (const target of [document.body, window, document.activeElement ?? document.body]) {
          target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init }));
        }
      };
      key({ key: '/' });
      key({ key: 'a', code: 'KeyA', altKey: true });
      key({ key: 'D', shiftKey: true });
      key({ key: 'Enter' });
      key({ key: 'u' });
      const shadow = document.querySelector('licenskoll-root')?.shadowRoot;
      const click = (what: string) => {
        const el = shadow?.querySelector<HTMLElement>(`[data-lk="${what}"]`);
        el?.click();
        el?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      };
      for (const chip of ['role-STUDENT', 'class-9B', 'select-all', 'withdraw', 'confirm-withdraw', 'undo'])
        click(chip);
      const search = shadow?.querySelector<HTMLInputElement>('[data-lk="search"]');
      if (search) {
        search.value = 'asa';
        search.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      }
      for (const message of [
        {
          channel: 'licenskoll/v1',
          type: 'startWithdrawal',
          payload: { toolId: 't-matematik', assignmentIds: ['x'] },
        },
        { channel: 'licenskoll/v1', event: 'focusSearch', payload: {} },
        'withdraw',
      ])
        window.postMessage(message, '*');
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300)));
    });
    // Nothing happened: no selection, no filter, no confirmation, and the sandbox saw no revoke.
    expect(await ours(page, 'panel').getAttribute('data-selected')).toBe('0');
    expect(await ours(page, 'confirm').count()).toBe(0);
    expect(await dialog.locator('tbody tr:visible').count()).toBe(
      (await studentLicenseAssignments(sandbox.client)).length,
    );
    expect(await sandbox.log({ operation: 'revoke' })).toEqual([]);
    await page.close();
  });
});

describe('accessibility', () => {
  it('axe finds no serious or critical violation in the injected UI', async () => {
    const page = await openToolPage('sv');
    await openStudentDialog(page, 'sv');
    await ours(page, 'role-STUDENT').click();
    await ours(page, 'select-all').click();
    await page.addScriptTag({ content: axeSource });
    const run = () =>
      page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                c: unknown,
                o: unknown,
              ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
            };
          }
        ).axe;
        const result = await axe.run(
          { include: [['licenskoll-root', '.lk']] },
          { resultTypes: ['violations'] },
        );
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
      });
    expect(await run()).toEqual([]);
    await ours(page, 'withdraw').click();
    await ours(page, 'confirm-withdraw').waitFor();
    expect(await run()).toEqual([]);
    await ours(page, 'cancel').click();
    await page.keyboard.press('?');
    await ours(page, 'help').waitFor();
    expect(await run()).toEqual([]);
    await page.keyboard.press('Escape');
    await ours(page, 'help').waitFor({ state: 'detached' });
    // Saved views and the schedule form, open, in light and in dark.
    await ours(page, 'view-save-open').click();
    await ours(page, 'view-name').waitFor();
    await ours(page, 'schedule-open').click();
    await ours(page, 'schedule-when').waitFor();
    expect(await run()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await run()).toEqual([]);
    await page.close();
  });
});

describe('page mode', () => {
  it("withdraws through the page's own checkboxes and button", async () => {
    const worker = await serviceWorker(chromium);
    await worker.evaluate(() => chrome.storage.local.set({ forcePageMode: true }));
    const all = await studentLicenseAssignments(sandbox.client);
    const target = class9BStudents(all);
    const page = await openToolPage('sv');
    const dialog = await openStudentDialog(page, 'sv');
    await expect.poll(() => ours(page, 'panel').getAttribute('data-mode'), { timeout: 15_000 }).toBe('page');
    await ours(page, 'class-9B').click();
    await ours(page, 'role-STUDENT').click();
    await expect.poll(() => visibleRows(dialog).count(), { timeout: 15_000 }).toBe(target.length);
    await ours(page, 'select-all').click();
    // What the page's list looks like each time its own button is pressed, seen from the page.
    await page.evaluate(() => {
      const w = window as unknown as { listAtPress: string[]; listBox: HTMLElement };
      const dialog = document.querySelector('[role="dialog"]') as HTMLElement;
      w.listBox = (dialog.querySelector('table') as HTMLElement).parentElement as HTMLElement;
      w.listAtPress = [];
      const button = [...dialog.querySelectorAll('button')].find((b) =>
        /dra tillbaka/i.test(b.textContent ?? ''),
      );
      button?.addEventListener('click', () =>
        w.listAtPress.push(getComputedStyle(w.listBox).contentVisibility),
      );
    });
    await ours(page, 'withdraw').click();
    await confirmWithdrawal(page, target.length);
    await waitForResult(page, 'withdraw');
    await expectWithdrawnExactlyOnce(target);
    // The list was not drawn while Licenskoll pressed the page's button, and is drawn again after:
    // once the result card has been drawn (withdrawThroughPage's showListLater), a frame after the
    // card shows the result, so it is waited for, not read at once.
    const atPress = await page.evaluate(() => (window as unknown as { listAtPress: string[] }).listAtPress);
    expect(atPress.length).toBeGreaterThan(0);
    expect(new Set(atPress)).toEqual(new Set(['hidden']));
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            // The page may close its dialog when it is done: the box's own style is read, not the computed.
            (window as unknown as { listBox: HTMLElement }).listBox.style.getPropertyValue(
              'content-visibility',
            ),
          ),
        { timeout: 5_000 },
      )
      .toBe('');
    // Every revoke came from the page itself: its origin, without the extension's Idempotency-Key.
    const calls = (await sandbox.log({ operation: 'revoke' })).filter((c) => !c.dryRun);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.origin).toBe(sandbox.url);
      expect(call.idempotencyKey).toBeUndefined();
    }
    await page.close();
  });
});

describe('a large dialog', () => {
  let big: TestSandbox;
  beforeAll(async () => {
    big = await startTestSandbox(9400);
  });
  afterAll(async () => {
    await big?.close();
  });

  it('filters and selects all matching in a 5,000-row dialog', async () => {
    const rows = await studentLicenseAssignments(big.client);
    expect(rows.length).toBeGreaterThanOrEqual(5000);
    const page = await chromium.context.newPage();
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(`${big.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=sv&next=${TOOL_PATH}`);
    await page
      .locator('licenskoll-root[data-page="license-page"]')
      .waitFor({ state: 'attached', timeout: 30_000 });
    const dialog = await openStudentDialog(page, 'sv');
    expect(await dialog.locator('tbody tr').count()).toBe(rows.length);
    // Long tasks (> 50 ms on the main thread) while the person types, then while selecting.
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    const takeLongTasks = () =>
      page.evaluate(() => {
        const w = window as unknown as { longTasks: number[] };
        const taken = w.longTasks.map(Math.round);
        w.longTasks = [];
        return taken;
      });
    // Before any search, the list's box is there with a hint: the first keystroke fills it, and
    // the panel's parts below it stay where they are.
    await ours(page, 'match-hint').waitFor({ state: 'visible', timeout: 15_000 });
    const below = async () => (await ours(page, 'select-all').boundingBox())?.y;
    const belowBefore = await below();
    await ours(page, 'search').click();
    const started = Date.now();
    await page.keyboard.type('asa', { delay: 30 });
    // A dialog this large is filtered in our panel's list (a virtual list), not in place: the page's
    // rows all stay shown.
    await expect
      .poll(() => ours(page, 'match-list').getAttribute('data-count'), { timeout: 15_000 })
      .toBe(String(matching(rows, 'asa').length));
    const typing = Date.now() - started;
    const typingTasks = await takeLongTasks();
    expect(await ours(page, 'match').count()).toBeLessThan(100);
    expect(await below()).toBe(belowBefore);
    expect(await dialog.locator('tbody tr[style*="none"]').count()).toBe(0);
    // A box in our list is the page's box for that person.
    await ours(page, 'match').first().locator('input').click();
    await expect
      .poll(() => dialog.locator('tbody input[type="checkbox"]:checked').count(), { timeout: 15_000 })
      .toBe(1);
    await expect.poll(() => ours(page, 'panel').getAttribute('data-selected'), { timeout: 15_000 }).toBe('1');
    await ours(page, 'clear').click();
    await ours(page, 'search').fill('');
    await ours(page, 'role-STUDENT').click();
    await ours(page, 'select-all').click();
    await expect
      .poll(() => ours(page, 'panel').getAttribute('data-selected'), { timeout: 15_000 })
      .not.toBe('0');
    const selectingTasks = await takeLongTasks();
    // How fast is the bench's business (keystroke_5k, augment_5k in `npm run bench`): a timed
    // bound here failed whenever two e2e files shared the machine's 2 cores. Printed for the log.
    console.log(
      `${rows.length}-row dialog: typing "asa" → the panel's list of matches in ${typing} ms (incl. 90 ms of typing and polling); ` +
        `long tasks while typing ${JSON.stringify(typingTasks)}, while filtering and selecting all ${JSON.stringify(selectingTasks)}`,
    );
    // Select all matching covered every student row, not only those rendered in view.
    expect(Number(await ours(page, 'panel').getAttribute('data-selected'))).toBe(
      Number(await ours(page, 'panel').getAttribute('data-matches')),
    );
    // A laptop's window: no room beside the dialog, so the panel is a sheet along the bottom. A
    // search shows its count, its first matches and Markera alla there without scrolling it.
    await ours(page, 'clear').click();
    await page.setViewportSize({ width: 1400, height: 900 });
    await ours(page, 'search').fill('asa');
    await expect
      .poll(() => ours(page, 'match-list').getAttribute('data-count'), { timeout: 15_000 })
      .toBe(String(matching(rows, 'asa').length));
    const inView = async (what: string) => {
      const box = await ours(page, what).first().boundingBox();
      const panel = await ours(page, 'panel').boundingBox();
      return (
        box !== null && panel !== null && box.y >= panel.y && box.y + box.height <= panel.y + panel.height
      );
    };
    await expect
      .poll(() => ours(page, 'panel').evaluate((p) => p.style.maxHeight), { timeout: 15_000 })
      .toBe('40vh');
    expect(await ours(page, 'panel').evaluate((p) => p.scrollTop)).toBe(0);
    for (const what of ['count', 'match', 'select-all']) expect(await inView(what), what).toBe(true);
    await page.close();
  });
});
