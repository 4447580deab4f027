// Hostile names on screen, in Chromium against a sandbox whose people and tools
// carry markup (<script>, <img onerror>, <svg onload>), an unclosed right-to-left override beside
// digits, right-to-left text, zero-width characters, a 10,000-character name and emoji. Proves that
// on the license page (Licenskoll's panel, preview, result and undo confirmation) and in the popup
// (Översikt, Dra tillbaka, Frigör, Jobb) every such name is inert text: no injected script ran (the flag
// the markup would set stays unset, no dialog opened, no element came from a name), no error
// reached the console, and no name moves the digits beside it (each digit outside a name keeps
// its logical order on screen, and the digits after a name stay on its right).
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchChromiumWithExtension } from '../e2e/harness/chromium.ts';
import { DIST } from '../e2e/harness/paths.ts';
import { startTestSandbox, type TestSandbox } from '../e2e/harness/sandbox.ts';
import { TOOL_PATH } from '../e2e/license-page-support.ts';
import { popupUrl, signInAndPoint } from '../e2e/popup-support.ts';
import { BIG_TOOL_ID } from '../sandbox/data/fixtures.ts';
import { RELIABILITY_FULL, recordFigures } from './figures.ts';
import { HOSTILE_NAMES, HOSTILE_TOOLS, hostileData } from './hostile-names.ts';

let sandbox: TestSandbox;
let chromium: ExtensionBrowser;
let renamed = new Map<string, string>();
const problems: string[] = [];
const dialogs: string[] = [];
const figures = { namesShown: 0, placesChecked: 0, digitsChecked: 0, scriptsRun: 0, consoleErrors: 0 };

beforeAll(async () => {
  sandbox = await startTestSandbox({
    students: 400,
    patchData: (ds) => {
      renamed = hostileData(ds);
    },
  });
  chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
  await signInAndPoint(chromium.context, chromium.extensionId, sandbox.sandbox);
});
afterAll(async () => {
  await chromium?.close();
  await sandbox?.close();
});

/** Every page we open: dialogs (alert from a name) and console errors are problems. */
function watch(page: Page, where: string): Page {
  page.on('dialog', (dialog) => {
    dialogs.push(`${where}: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => {
    figures.consoleErrors++;
    problems.push(`${where}: page error ${error.message}`);
  });
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    // The page's own images: a name's <img src=x> would have been our bug, and it is counted below.
    figures.consoleErrors++;
    problems.push(`${where}: console error ${message.text().slice(0, 200)}`);
  });
  return page;
}

interface Inspection {
  /** Elements a name's markup would have made (img[src=x], script with a body, svg[onload]). */
  injected: number;
  /** window.__pwned, set by any of the names' scripts. */
  pwned: boolean;
  /** Hostile names found as text in the inspected root. */
  names: number;
  digits: number;
  /** Digits out of their logical order on a line, or crossing a name. */
  disorder: string[];
}

/**
 * Looks at `rootSelector` (a document, or licenskoll-root's shadow root when `shadow`): injected
 * elements, the pwned flag, and where every digit outside a hostile name is drawn. Runs in the
 * page (main world: the flag an injected handler would set is there).
 */
async function inspect(page: Page, shadow: boolean, blocks: string): Promise<Inspection> {
  return page.evaluate(
    ({ shadow, blocks, names }) => {
      const root: ParentNode | null | undefined = shadow
        ? document.querySelector('licenskoll-root')?.shadowRoot
        : document;
      const out = {
        injected: 0,
        pwned: (window as unknown as { __pwned?: unknown }).__pwned !== undefined,
        names: 0,
        digits: 0,
        disorder: [] as string[],
      };
      if (!root) return out;
      out.injected = root.querySelectorAll(
        'img[src="x"], svg[onload], script:not([src]), [onerror], [onload]',
      ).length;
      // Names as the UI may show them: verbatim, without bidi controls, or clipped (first 200 units).
      const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
      const forms = names.flatMap((n) => [n, n.replace(BIDI, '')]).map((n) => n.slice(0, 200));
      for (const block of root.querySelectorAll<HTMLElement>(blocks)) {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        const parts: { node: Text; start: number }[] = [];
        let text = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          parts.push({ node: n as Text, start: text.length });
          text += (n as Text).data;
        }
        const at = (i: number) => {
          const part = [...parts].reverse().find((p) => p.start <= i);
          return part ? { node: part.node, offset: i - part.start } : null;
        };
        const rectOf = (from: number, to: number) => {
          const a = at(from);
          const b = at(to - 1);
          if (!a || !b) return null;
          const range = document.createRange();
          range.setStart(a.node, a.offset);
          range.setEnd(b.node, b.offset + 1);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          return rects.length ? rects : null;
        };
        // Where names sit in this block's text.
        const spans: [number, number][] = [];
        for (const form of forms) {
          if (form.length < 3) continue;
          for (let i = text.indexOf(form); i !== -1; i = text.indexOf(form, i + 1))
            spans.push([i, i + form.length]);
        }
        out.names += spans.length;
        const inName = (i: number) => spans.some(([s, e]) => i >= s && i < e);
        const digits: { i: number; x: number; top: number; h: number }[] = [];
        for (let i = 0; i < text.length; i++) {
          if (!/[0-9]/.test(text[i] ?? '') || inName(i)) continue;
          const rect = rectOf(i, i + 1)?.[0];
          if (!rect) continue;
          digits.push({ i, x: rect.left, top: rect.top, h: rect.height });
        }
        out.digits += digits.length;
        const sameLine = (a: { top: number; h: number }, b: { top: number; h: number }) =>
          Math.abs(a.top - b.top) < Math.min(a.h, b.h) / 2;
        const label = text.replace(/\s+/g, ' ').slice(0, 80);
        for (let k = 1; k < digits.length; k++) {
          const a = digits[k - 1];
          const b = digits[k];
          if (a && b && sameLine(a, b) && b.x < a.x)
            out.disorder.push(`"${label}": digit ${b.i} drawn left of digit ${a.i}`);
        }
        // The digits right after a name (on its line) are drawn right of it, those before on its left.
        for (const [s, e] of spans) {
          const rects = rectOf(s, e);
          if (!rects) continue;
          // What is drawn of the name: a box that clips it (text-overflow: ellipsis) bounds it.
          let clipLeft = Number.NEGATIVE_INFINITY;
          let clipRight = Number.POSITIVE_INFINITY;
          for (
            let el = at(s)?.node.parentElement ?? null;
            el && el !== block.parentElement;
            el = el.parentElement
          ) {
            if (getComputedStyle(el).overflowX === 'visible') continue;
            const clip = el.getBoundingClientRect();
            clipLeft = Math.max(clipLeft, clip.left);
            clipRight = Math.min(clipRight, clip.right);
          }
          for (const d of digits) {
            // The name's part on the digit's line (a long name wraps over several).
            const line = rects.filter((r) => sameLine({ top: r.top, h: r.height }, d));
            if (line.length === 0) continue;
            const left = Math.max(clipLeft, Math.min(...line.map((r) => r.left)));
            const right = Math.min(clipRight, Math.max(...line.map((r) => r.right)));
            const where = `digit ${d.i} at x ${Math.round(d.x)}, name [${s}, ${e}) drawn from ${Math.round(left)} to ${Math.round(right)}`;
            if (d.i >= e && d.x < right - 1)
              out.disorder.push(`"${label}": ${where}: the digit is inside or left of it`);
            if (d.i < s && d.x > left + 1)
              out.disorder.push(`"${label}": ${where}: the digit is inside or right of it`);
          }
        }
      }
      return out;
    },
    { shadow, blocks, names: Object.values(HOSTILE_NAMES) },
  );
}

function account(where: string, seen: Inspection, expectNames: boolean): void {
  figures.placesChecked++;
  figures.namesShown += seen.names;
  figures.digitsChecked += seen.digits;
  if (seen.pwned) {
    figures.scriptsRun++;
    problems.push(`${where}: an injected script ran`);
  }
  if (seen.injected > 0) problems.push(`${where}: ${seen.injected} element(s) made from a name`);
  if (expectNames && seen.names === 0) problems.push(`${where}: no hostile name shown (nothing was checked)`);
  problems.push(...new Set(seen.disorder.map((d) => `${where}: ${d}`)));
}

const ours = (page: Page, what: string) => page.locator(`licenskoll-root [data-lk="${what}"]`);
const OUR_BLOCKS = 'li, p, h2, h3, [data-lk="progress-text"], [data-lk="undo-label"]';
const POPUP_BLOCKS = 'li, p, h2, h3, button, .row';

describe('hostile names are inert text and keep the digits beside them in place', () => {
  it('on the license page: panel, preview of the named people, result and undo confirmation', async () => {
    expect(renamed.size).toBe(Object.keys(HOSTILE_NAMES).length);
    const page = watch(await chromium.context.newPage(), 'license page');
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(`${sandbox.url}${TOOL_PATH}`);
    await page
      .locator('licenskoll-root[data-page="license-page"]')
      .waitFor({ state: 'attached', timeout: 30_000 });
    await page.getByRole('tabpanel').locator('tbody tr button').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    await ours(page, 'panel').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 30_000 });
    account('license page panel', await inspect(page, true, OUR_BLOCKS), false);

    // Tick each hostile-named person with the page's own checkbox (the person's trusted clicks).
    const rows = await dialog
      .locator('tbody tr')
      .evaluateAll(
        (trs, names) => trs.flatMap((tr, i) => (names.some((n) => tr.textContent?.includes(n)) ? [i] : [])),
        [...renamed.values()],
      );
    expect(rows.length).toBe(renamed.size);
    for (const i of rows) await dialog.locator('tbody tr').nth(i).locator('input[type="checkbox"]').click();
    await expect
      .poll(() => ours(page, 'panel').getAttribute('data-selected'), { timeout: 15_000 })
      .toBe(String(renamed.size));

    // The preview names them (≤ 10): as text, each one whole or clipped, never as markup.
    await ours(page, 'withdraw').click();
    await ours(page, 'confirm-withdraw').waitFor({ timeout: 30_000 });
    const shown = await ours(page, 'names').locator('li').allTextContents();
    expect(shown.length).toBe(renamed.size);
    for (const name of renamed.values()) {
      const plain = name.replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');
      expect(
        shown.some(
          (s) => s === name || s === plain || (s.length >= 100 && name.startsWith(s.replace(/…$/, ''))),
        ),
      ).toBe(true);
    }
    account('license page preview', await inspect(page, true, OUR_BLOCKS), true);

    // Withdraw them, then open the undo confirmation: the tool's name (an unclosed RLO) beside counts.
    await ours(page, 'confirm-withdraw').click();
    const result = ours(page, 'result').and(page.locator('[data-state="finished"][data-kind="withdraw"]'));
    await result.waitFor({ timeout: 60_000 });
    account('license page result', await inspect(page, true, OUR_BLOCKS), false);
    await result.locator('[data-lk="undo"]').click();
    await ours(page, 'confirm-undo').waitFor({ timeout: 15_000 });
    expect(await ours(page, 'undo-label').textContent()).toContain(
      HOSTILE_TOOLS[BIG_TOOL_ID]?.slice(1) ?? '-',
    );
    account('license page undo confirmation', await inspect(page, true, OUR_BLOCKS), true);
    await ours(page, 'undo-cancel').click();
    const revoked = await sandbox.revocationsPerId();
    expect(revoked.size).toBe(renamed.size);
    await page.close();
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('in the popup: Översikt, Dra tillbaka, Frigör and Jobb', async () => {
    const page = watch(await chromium.context.newPage(), 'popup');
    await page.setViewportSize({ width: 420, height: 900 });
    await page.goto(popupUrl(chromium.extensionId));
    for (const toolId of Object.keys(HOSTILE_TOOLS)) {
      await page.locator(`[data-tool-id="${toolId}"]`).waitFor({ timeout: 30_000 });
    }
    for (const [toolId, name] of Object.entries(HOSTILE_TOOLS)) {
      expect(await page.locator(`[data-tool-id="${toolId}"] a bdi`).textContent()).toBe(name);
    }
    account('popup Översikt', await inspect(page, false, POPUP_BLOCKS), true);

    // Dra tillbaka: people found by a word of two hostile names, then one of them chosen.
    await page.getByRole('tab', { name: 'Dra tillbaka' }).click();
    await page.locator('#person-query').fill('Olsson');
    const rlo = [...renamed].find(([, n]) => n === HOSTILE_NAMES.rlo)?.[0] ?? '';
    await page.locator(`[data-person-id="${rlo}"]`).waitFor({ timeout: 30_000 });
    account('popup search results', await inspect(page, false, POPUP_BLOCKS), true);
    await page.locator(`[data-person-id="${rlo}"]`).click();
    await page.locator(`[data-holdings-of="${rlo}"]`).waitFor({ timeout: 30_000 });
    account('popup holdings', await inspect(page, false, POPUP_BLOCKS), true);

    // Frigör: seats per reason and per tool ("<tool>: <count>"), the big tool's unclosed RLO among them.
    await page.getByRole('tab', { name: 'Frigör' }).click();
    await page.locator('[data-reclaim-total]').waitFor({ timeout: 30_000 });
    for (const summary of await page.locator('[data-panel="reclaim"] details summary').all())
      await summary.click();
    await page.locator(`[data-reclaim-tool="${BIG_TOOL_ID}"]`).first().waitFor({ timeout: 15_000 });
    account('popup Frigör', await inspect(page, false, POPUP_BLOCKS), true);

    // Jobb: the withdrawal of the license page, labelled with the tool's hostile name, and its counts.
    await page.getByRole('tab', { name: 'Jobb' }).click();
    await expect
      .poll(() => page.locator('[data-panel="jobs"]').textContent(), { timeout: 30_000 })
      .toContain('Olle 123 Olsson');
    account('popup Jobb', await inspect(page, false, POPUP_BLOCKS), true);
    await page.close();

    recordFigures('hostile-names', { ...figures, dialogs: dialogs.length, problems: problems.length });
    console.log(
      `hostile-names (${RELIABILITY_FULL ? 'full' : 'light'}): ${figures.placesChecked} places, ` +
        `${figures.namesShown} hostile names shown as text, ${figures.digitsChecked} digits in place, ` +
        `${figures.scriptsRun} scripts run, ${dialogs.length} dialogs, ${figures.consoleErrors} console errors`,
    );
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });
});
