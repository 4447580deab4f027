// Page mode in Chromium (sandbox with api: 'private': the contract answers 404, the page uses its
// own API): 500 dialog rows selected in our panel and withdrawn through the page's own checkboxes
// and button, 50 at a time (10 of the page's own requests). page_mode_500_ms: confirm → result
// card finished, timed in the page (lib/confirm-clock.ts, as bench/bulk.ts does), median of 5
// runs. page_mode_page_own_ms: what the page alone needs for those 10 requests: in a Chromium
// without the extension, 50 rows ticked, the page's button pressed, until its 50 rows are gone,
// 10 times, summed (median of 15, three a round: OWN_PER_ROUND says why). Target: ours ≤ 1.5 ×
// the page's own.
// Reported beside it: page_mode_page_own_painted_ms, the same with each batch timed until the frame
// that shows its rows gone is drawn (the next animation frame, then a task after it). The page's own
// run stops its clock when its rows leave the DOM, and the browser draws that change between two of
// the driver's calls, unclocked; ours draws a frame per batch inside its clock.
// Reported too: page_mode_floor_ms, the least any tool that works through the page does (floorRun):
// in the page's own world, without the extension, from the state ours starts in (the 500 rows
// ticked in the page, as the administrator ticked them), the list's scrolling box hidden as ours
// hides it (content-visibility, its size kept), each batch's 50 rows left ticked and every other
// box unticked, the page's button pressed, and as soon as those 50 rows are gone the next batch,
// 10 times, no reading, checking or progress shown; the clock from hiding the list to the last
// batch's rows gone, as ours runs from the confirm click to its result. Its
// ratio to the page's own 10 requests is the least that ratio can be
// (page_mode_floor_ratio_to_page), and ours ÷ the floor is what our own work adds
// (page_mode_ratio_to_floor).
import type { Browser, Page } from 'playwright-core';
import { launchPlainChromium } from '../test/e2e/harness/chromium.ts';
import { startTestSandbox, type TestSandbox } from '../test/e2e/harness/sandbox.ts';
import { BIG_TOOL_ID } from '../test/sandbox/data/fixtures.ts';
import { launch, median, openToolPage, ours } from './lib/browser.ts';
import { armConfirmClock, readConfirmClock, waitConfirmClock } from './lib/confirm-clock.ts';
import { recordBench } from './results.ts';

const RUNS = Number(process.env.LICENSKOLL_BENCH_RUNS ?? 5);
/**
 * Runs of the page's own 10 requests per round (one of ours a round), the target's denominator:
 * three times as many as ours. Its runs spread far more than ours within one bench (154–422,
 * 177–468 and 181–379 ms in three full runs on 3cb72b9; ours 429–524, 414–535 and 348–465 in the
 * same): each request's clock takes in a frame of the page's drawn 2,000-row list or not, by chance
 * (80 requests timed one by one: 8–19 ms without a frame, 21–104 ms with one; 3–5 of each run's 10
 * had one, the runs took 214–354 ms). The median of five such runs ranged 253–390 ms over five full
 * runs of one build, and the ratio with it; fifteen give that median as steadily as five give ours.
 * Neither side is favoured: the median of more runs is the same median, less scattered.
 */
const OWN_PER_ROUND = 3;
const ROWS = 500;
const BATCH = 50;

async function ourRun(page: Page, sandbox: TestSandbox): Promise<number> {
  await page.getByRole('tabpanel').locator('tbody tr button').first().click();
  await ours(page, 'panel')
    .and(page.locator('[data-ready="true"][data-mode="page"]'))
    .waitFor({ timeout: 60_000 });
  const boxes = page.getByRole('dialog').locator('tbody tr input[type="checkbox"]');
  await boxes.nth(0).click();
  await boxes.nth(ROWS - 1).click({ modifiers: ['Shift'] });
  await ours(page, 'panel')
    .and(page.locator(`[data-selected="${ROWS}"]`))
    .waitFor({ timeout: 30_000 });
  await ours(page, 'withdraw').click();
  const confirm = ours(page, 'confirm');
  await confirm.locator('[data-lk="confirm-withdraw"]').waitFor({ timeout: 30_000 });
  const count = confirm.locator('[data-lk="confirm-count"]');
  if ((await count.count()) > 0) await count.fill(String(ROWS));
  const since = Math.max(0, ...(await sandbox.log()).map((c) => c.seq));
  await armConfirmClock(page);
  await confirm.locator('[data-lk="confirm-withdraw"]').click();
  await waitConfirmClock(page, 300_000);
  const ms = await readConfirmClock(page);
  const revoked = (await sandbox.log({ since, operation: 'revoke' })).flatMap((c) =>
    (c.outcomes ?? []).filter((o) => o.outcome === 'REVOKED'),
  ).length;
  if (revoked !== ROWS) throw new Error(`page mode revoked ${revoked}, not ${ROWS}`);
  return ms;
}

interface ThroughThePage {
  /** Batches sent in this call. */
  batches: number;
  /** Boxes ticked first, unclocked (the administrator's selection). */
  selected: number;
  /** 'requests': from each press of the button until its rows are gone, summed; 'run': from the first batch's ticks to the last batch's rows gone. */
  clock: 'requests' | 'run';
  /** Each request's clock runs on until the frame that shows its rows gone is drawn. */
  painted: boolean;
  /** The list's box is not drawn while the batches run (as page mode does: its pauseListDrawing). */
  hideList: boolean;
}

/**
 * The page driven by a script of its own, in its world: per batch, only the first 50 of its boxes
 * left ticked, its button pressed, until those rows are gone; the next batch at once.
 */
function throughThePage(page: Page, options: ThroughThePage): Promise<number> {
  return page.evaluate(
    async ({ batches, selected, clock, painted, hideList, n }) => {
      const dialog = document.querySelector('[role="dialog"]') as HTMLElement;
      const body = dialog.querySelector('tbody') as HTMLElement;
      const button = [...dialog.querySelectorAll('button')].find((x) =>
        /dra tillbaka/i.test(x.textContent ?? ''),
      );
      if (!button) throw new Error('no withdraw button');
      const boxOf = (row: Element) => row.querySelector<HTMLInputElement>('input[type="checkbox"]');
      for (const row of [...body.querySelectorAll('tr')].slice(0, selected)) boxOf(row)?.click();
      const started = performance.now();
      const box = body.closest('table')?.parentElement;
      if (hideList && box) {
        box.style.setProperty('contain-intrinsic-size', `${box.clientWidth}px ${box.clientHeight}px`);
        box.style.setProperty('content-visibility', 'hidden');
      }
      let requests = 0;
      for (let b = 0; b < batches; b++) {
        const all = [...body.querySelectorAll('tr')];
        const batch = all.slice(0, n);
        for (const [i, row] of all.entries()) {
          const box = boxOf(row);
          if (box && box.checked !== i < n) box.click();
        }
        const pressed = performance.now();
        await new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            if (batch.every((row) => !row.isConnected)) {
              observer.disconnect();
              resolve();
            }
          });
          observer.observe(body, { childList: true });
          button.click();
        });
        if (painted) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        requests += performance.now() - pressed;
      }
      const ended = performance.now();
      if (hideList && box) box.style.removeProperty('content-visibility');
      return clock === 'run' ? ended - started : requests;
    },
    { ...options, n: BATCH },
  );
}

/**
 * The page by itself: 10 × (tick 50 of its boxes, press its button, until the 50 rows are gone),
 * each batch a call of its own, so that what the browser does between them is not clocked.
 */
async function pageOwnRun(page: Page, painted: boolean): Promise<number> {
  let total = 0;
  for (let b = 0; b < ROWS / BATCH; b++)
    total += await throughThePage(page, {
      batches: 1,
      selected: 0,
      clock: 'requests',
      painted,
      hideList: false,
    });
  return total;
}

/**
 * The floor: the 500 rows ticked first (the administrator's selection, unclocked), then the list
 * hidden and 10 × (only the batch's 50 boxes left ticked, the page's button pressed, until the 50
 * rows are gone), the next batch sent in the same task as the last one's rows leave, timed in the
 * page as one run.
 */
function floorRun(page: Page): Promise<number> {
  return throughThePage(page, {
    batches: ROWS / BATCH,
    selected: ROWS,
    clock: 'run',
    painted: false,
    hideList: true,
  });
}

const sandbox = await startTestSandbox({ students: 2000, api: 'private' });
const ourTimes: number[] = [];
const ownTimes: number[] = [];
const ownPaintedTimes: number[] = [];
const floorTimes: number[] = [];
/** One run of the page by itself in the plain Chromium (no extension), from its dialog open. */
async function plainRun(plain: Browser, run: (page: Page) => Promise<number>): Promise<number> {
  await sandbox.reset();
  const page = await plain.newPage();
  try {
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(sandbox.loginUrl({ toolId: BIG_TOOL_ID }));
    await page.getByRole('tabpanel').locator('tbody tr button').first().click();
    await page.getByRole('dialog').locator('tbody tr').first().waitFor();
    return await run(page);
  } finally {
    await page.close();
  }
}
try {
  // Both browsers open from the start, and the runs interleaved by rounds: each round one of ours,
  // then the page's own (three), its painted one and the floor. The target is a ratio of two
  // medians; measured one after the other (until 2026-12-03), a host whose load drifts within the
  // bench (this VM's CPU steal rose 4 → 27 % within 50 minutes) put its drift into the ratio.
  const browser = await launch();
  const plain = await launchPlainChromium();
  try {
    for (let round = 0; round < RUNS; round++) {
      await sandbox.reset();
      const page = await openToolPage(browser, sandbox, BIG_TOOL_ID);
      ourTimes.push(await ourRun(page, sandbox));
      await page.close();
      for (let i = 0; i < OWN_PER_ROUND; i++)
        ownTimes.push(await plainRun(plain, (p) => pageOwnRun(p, false)));
      ownPaintedTimes.push(await plainRun(plain, (p) => pageOwnRun(p, true)));
      floorTimes.push(await plainRun(plain, floorRun));
    }
  } finally {
    await plain.close();
    await browser.close();
  }
} finally {
  await sandbox.close();
}
const ratio = median(ourTimes) / median(ownTimes);
console.log(
  `page mode: ${ROWS} rows in batches of ${BATCH}, confirm → done: median ${median(ourTimes).toFixed(0)} ms ` +
    `(${ourTimes.map((t) => t.toFixed(0)).join(', ')}); the page's own 10 requests ${median(ownTimes).toFixed(0)} ms ` +
    `(${ownTimes.length} runs, ${Math.min(...ownTimes).toFixed(0)}–${Math.max(...ownTimes).toFixed(0)}); ` +
    `ratio ${ratio.toFixed(2)} (target ≤ 1.5)`,
);
const paintedRatio = median(ourTimes) / median(ownPaintedTimes);
console.log(
  `  the page's own 10 requests, each until its frame is drawn: ${median(ownPaintedTimes).toFixed(0)} ms ` +
    `(${ownPaintedTimes.map((t) => t.toFixed(0)).join(', ')}); ours ÷ that ${paintedRatio.toFixed(2)} (reported)`,
);
const floorRatio = median(floorTimes) / median(ownTimes);
const oursToFloor = median(ourTimes) / median(floorTimes);
console.log(
  `  the floor (the list hidden, ticks and presses through the page, nothing else): ${median(floorTimes).toFixed(0)} ms ` +
    `(${floorTimes.map((t) => t.toFixed(0)).join(', ')}); ÷ the page's own ${floorRatio.toFixed(2)}; ` +
    `ours ÷ the floor ${oursToFloor.toFixed(2)} (reported)`,
);
recordBench({
  page_mode_500_ms: ourTimes,
  page_mode_page_own_ms: ownTimes,
  page_mode_ratio_to_page: ratio,
  page_mode_page_own_painted_ms: ownPaintedTimes,
  page_mode_ratio_to_painted_page: paintedRatio,
  page_mode_floor_ms: floorTimes,
  page_mode_floor_ratio_to_page: floorRatio,
  page_mode_ratio_to_floor: oursToFloor,
});
