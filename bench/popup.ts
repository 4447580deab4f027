// Popup paint from a warm cache: opens the popup page in Chromium (sandbox build) after one sync
// of a school with 300 tools (on the sandbox: see largeSchool) and reads the moment the cached
// summary was in the page (performance mark), from navigation start. Since 2026-12-03 an open whose
// stored figures, school, language and day are those the last open kept a first paint for has that
// paint replayed by the early script (src/popup/first-paint) and the mark is set then; the live
// popup takes its place after it is painted (popup_live_p95_ms, reported: navigation start → the
// live popup's first render; popup_after_read_ms: the early read answered → the summary in the
// page; popup_replayed_share: the opens that replayed). Otherwise the mark is the live popup's
// first render, as before. Each open
// brings the figures up to date after its paint as the popup does: a sync of 229 tools' licenses,
// one call each, unless the last sync ended less than a minute before: then only the session
// (since 2026-12-02; before, the worker was syncing through every open that followed). The opens
// start right after the warm sync, so they sync again only once they have taken over a minute.
// popup_first_paint_p95_ms: p95 over 20 opens, median of 5 such runs (target ≤ 100). Printed,
// never asserted.
// Each open starts once the last one's refresh has ended (since 2026-12-02; before, right after
// its paint, while the last one's work after its paint still ran).
// popup_first_paint_syncing_p95_ms (reported): the opens back to back, each right after the last
// paint and after a sync of the school was asked for as the refresh button asks (it joins the one
// under way), so that the worker syncs through them: what an open meets while a large school's
// sync runs and the last open's work goes on (the target's figure before 2026-12-02).
// popup_blank_page_p95_ms (reported): the floor under that figure. A minimal extension (no
// permissions, an empty worker) with one blank page whose one-line module script sets the same
// mark, opened the same way in its own Chromium: what the browser takes from navigation start to
// a first script of an extension page, before any code of ours could run.
// popup_blank_read_p95_ms (reported): the same blank page, but its script first reads the keys our
// popup reads (language, its messages, the summary snapshot, the kept first paint) from
// storage.local, holding the values ours held at the end of its first run, then writes one text
// and sets the mark: the least any popup that paints stored figures waits for, before rendering any
// of them. Its read starts in a classic script in the head, as ours does (first-paint/early.ts
// without its replay).
// The three are measured in rounds (since 2026-12-03): one run of ours, then one of each floor,
// their browsers open throughout, so that a floor meets the host that ours met.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  EARLY_READ_GLOBAL,
  KEEPING_GLOBAL,
  PAINTED_MARK,
  POPUP_READS,
  READ_MARK,
  READY_MARK,
  REFRESHED_MARK,
  REPLAYED_GLOBAL,
  START_MARK,
} from '../src/popup/first-paint/view.ts';
import type { ResponseOf } from '../src/shared/protocol/types.ts';
import { type ExtensionBrowser, launchChromiumWithExtension } from '../test/e2e/harness/chromium.ts';
import { DIST } from '../test/e2e/harness/paths.ts';
import { popupUrl, send, signInAndPoint } from '../test/e2e/popup-support.ts';
import { DEMO_SCHOOL_ID } from '../test/sandbox/data/fixtures.ts';
import type { Dataset } from '../test/sandbox/data/generate.ts';
import { startSandbox } from '../test/sandbox/server.ts';
import { median, percentile } from './lib/stats.ts';
import { recordBench } from './results.ts';

const OPENS = 20;
const RUNS = 5;
const TOOLS = 300;

if (!existsSync(join(DIST.chromeSandbox, 'manifest.json'))) {
  spawnSync('npx', ['tsx', 'scripts/build.ts', '--only', 'chrome-sandbox'], { stdio: 'inherit' });
}
/**
 * `runs` × OPENS navigations of `page` to `url` (RUNS unless given): each paint and start mark,
 * and each run's p95.
 * `beforeEach` is started (not awaited) before each navigation. `settled`: after each paint, the
 * next open waits until this holds in the page (the open's own work after its paint has ended).
 */
async function opens(
  page: Page,
  url: string,
  {
    beforeEach,
    settled,
    runs = RUNS,
    label = '',
  }: {
    beforeEach?: () => Promise<unknown>;
    settled?: (names: { keeping: string; refreshed: string }) => boolean;
    runs?: number;
    label?: string;
  } = {},
) {
  const started: Promise<unknown>[] = [];
  const times: number[] = [];
  const starts: number[] = [];
  /** Each open's read answered → summary painted (ours: what our code took once it had its data). */
  const afterRead: number[] = [];
  /** Each open's live popup rendered (ours: after a replayed first paint, the live popup in its place). */
  const readies: number[] = [];
  let replays = 0;
  const p95s: number[] = [];
  const readyP95s: number[] = [];
  for (let run = 0; run < runs; run++) {
    const runTimes: number[] = [];
    const runReadies: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      if (beforeEach) started.push(beforeEach());
      await page.goto(url);
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, PAINTED_MARK, {
        timeout: 10_000,
      });
      if (settled)
        await page.waitForFunction(
          settled,
          { keeping: KEEPING_GLOBAL, refreshed: REFRESHED_MARK },
          { timeout: 30_000 },
        );
      const [start = Number.NaN, painted = Number.NaN, read = Number.NaN, ready = Number.NaN, replayed] =
        await page.evaluate(
          ([marks, flag]) => [
            ...marks.map((m) => performance.getEntriesByName(m)[0]?.startTime ?? Number.NaN),
            (globalThis as Record<string, unknown>)[flag] === true ? 1 : 0,
          ],
          [[START_MARK, PAINTED_MARK, READ_MARK, READY_MARK], REPLAYED_GLOBAL] as const,
        );
      runTimes.push(painted);
      times.push(painted);
      starts.push(start);
      afterRead.push(painted - read);
      runReadies.push(ready);
      readies.push(ready);
      replays += replayed ?? 0;
    }
    p95s.push(percentile(runTimes, 0.95));
    readyP95s.push(percentile(runReadies, 0.95));
    console.log(
      `  ${label}run ${run + 1}: p95 ${p95s[p95s.length - 1]?.toFixed(1)} ms over ${OPENS} opens` +
        (replays
          ? ` (${replays} replayed so far; live popup p95 ${readyP95s[readyP95s.length - 1]?.toFixed(1)} ms)`
          : ''),
    );
  }
  await Promise.all(started);
  return { times, starts, afterRead, readies, replays, p95s, readyP95s };
}

/** A floor's page, opened again for each of its opens (see opens). */
interface FloorPage {
  opens: (label: string) => Promise<number[]>;
  close: () => Promise<void>;
}

/**
 * The browser's floor: a blank page of a minimal extension, opened as the popup is (see the top).
 * With `stored`, the extension may use storage and holds those items, and the page reads the
 * popup's keys before it writes its text and sets the mark. Launched once; each `opens` call is
 * one run of OPENS opens.
 */
async function blankPage(stored?: Record<string, unknown>): Promise<FloorPage> {
  const dir = mkdtempSync(join(tmpdir(), 'licenskoll-blank-'));
  let blank: ExtensionBrowser | null = null;
  const close = async () => {
    await blank?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        manifest_version: 3,
        name: 'blank',
        version: '1',
        background: { service_worker: 'worker.js' },
        ...(stored ? { permissions: ['storage'] } : {}),
      }),
    );
    writeFileSync(join(dir, 'worker.js'), '');
    // With `stored`, the read starts as ours does: a classic script in the head, whose promise the
    // module waits for.
    writeFileSync(
      join(dir, 'blank.html'),
      '<!doctype html><html><head><meta charset="utf-8"><title>blank</title>' +
        (stored ? '<script src="./popup-early.js"></script>' : '') +
        '</head><body><div id="app"></div><script type="module" src="./blank.js"></script></body></html>',
    );
    // The read alone, as the popup's early script starts it (first-paint/early.ts, without its replay).
    if (stored)
      writeFileSync(
        join(dir, 'popup-early.js'),
        `globalThis.${EARLY_READ_GLOBAL} = (globalThis.browser ?? globalThis.chrome).storage.local.get(${JSON.stringify(POPUP_READS)});\n`,
      );
    const paint = `document.getElementById('app').textContent = '-'; performance.mark(${JSON.stringify(PAINTED_MARK)});`;
    writeFileSync(
      join(dir, 'blank.js'),
      stored
        ? `performance.mark(${JSON.stringify(START_MARK)}); globalThis.${EARLY_READ_GLOBAL}.then(() => { ${paint} });\n`
        : `performance.mark(${JSON.stringify(START_MARK)}); ${paint}\n`,
    );
    blank = await launchChromiumWithExtension(dir);
    const page = await blank.context.newPage();
    const url = `chrome-extension://${blank.extensionId}/blank.html`;
    if (stored) {
      await page.goto(url);
      await page.evaluate((items) => chrome.storage.local.set(items), stored);
    }
    return { opens: async (label) => (await opens(page, url, { runs: 1, label })).p95s, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The sandbox's school gets copies of its tools (each with copies of its licenses and pools, no
 * assignments) up to TOOLS, as a large school has them: on the server, so that the sync each open
 * starts after its paint succeeds. (Until 2026-12-02 the copies were written into the cache only:
 * each of their calls answered 404 and failed its sync; alternated, the popup was no quicker with
 * them on the server.)
 */
function largeSchool(ds: Dataset): void {
  const school = DEMO_SCHOOL_ID;
  const ids = ds.schoolToolIds[school] ?? [];
  const mine = ds.tools.filter((t) => ids.includes(t.id));
  for (let k = 0; ids.length < TOOLS; k++) {
    const tool = mine[k % mine.length];
    if (!tool) throw new Error('the sandbox school has no tools to copy');
    const copy = (id: string) => `${id}-bench-${k}`;
    ds.tools.push({ ...tool, id: copy(tool.id), name: `${tool.name} (${k})` });
    ids.push(copy(tool.id));
    for (const l of ds.licenses.filter((l) => l.schoolId === school && l.toolId === tool.id))
      ds.licenses.push({ ...l, id: copy(l.id), toolId: copy(tool.id), poolId: l.poolId && copy(l.poolId) });
    for (const p of ds.pools.filter((p) => p.schoolId === school && p.toolId === tool.id))
      ds.pools.push({ ...p, id: copy(p.id), toolId: copy(tool.id), licenseIds: p.licenseIds.map(copy) });
  }
}

const sandbox = await startSandbox({ port: 0, students: 2000, patchData: largeSchool });
const chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
try {
  const admin = await signInAndPoint(chromium.context, chromium.extensionId, sandbox);
  // The default: the browser's language (an override adds one fetch of that locale's messages).
  const language = process.env.LICENSKOLL_BENCH_LANGUAGE ?? 'auto';
  await admin.evaluate((uiLanguage) => chrome.storage.local.set({ uiLanguage }), language);
  // Warm the cache: one popup open syncs the school (its tool list, then one call per tool at the
  // read ceiling). The opens start once the sync asked for here has ended (the popup's own request,
  // for the active school: it joins the open's): every licensed tool's licenses are cached by then.
  const warm = await chromium.context.newPage();
  await warm.goto(popupUrl(chromium.extensionId));
  await warm.locator('[data-tool-id]').first().waitFor({ timeout: 30_000 });
  const syncAll = () => send<ResponseOf<'sync'>>(admin, 'sync', {});
  const synced = await syncAll();
  const cachedTools = [...synced.updated, ...synced.notModified].filter((k) =>
    k.startsWith('detail|'),
  ).length;
  console.log(`  ${TOOLS} tools in the school, ${cachedTools} with their licenses in the cache`);
  await warm.close();

  // One tab, navigated to the popup again for each open: the extension's renderer stays warm, as it
  // does for a toolbar popup opened again (a brand-new tab adds ~150 ms of process start outside
  // our code).
  const page = await chromium.context.newPage();
  // Each open once the last one has brought its figures up to date (the popup's refreshed mark), as
  // a person opens the popup again after reading it. Opened at once after the paint, the last
  // open's own work (the session asked for, the summary read and stored) ran beside the next one's
  // start (2026-12-02: p95 252.9 ms back to back, 148.7 ms settled; that work ended a median 143 ms
  // after the paint).
  // And once it has kept its view of those figures for the next open (first-paint/keep.tsx): a
  // person reads the popup for longer than that takes.
  const refreshed = ({ keeping, refreshed }: { keeping: string; refreshed: string }) =>
    performance.getEntriesByName(refreshed).length > 0 &&
    (globalThis as Record<string, unknown>)[keeping] !== true;
  // What the popup read before its first render at the last open of ours' first run (its own early
  // read, first-paint/early.ts): the read floor's storage holds the same.
  const popupRead = () =>
    page.evaluate(
      (name) => (globalThis as Record<string, unknown>)[name] as Promise<Record<string, unknown>>,
      EARLY_READ_GLOBAL,
    );
  // By rounds: each round one run of ours, then one of each floor, every browser open from the
  // start. Measured one after the other (until 2026-12-03), a floor taken minutes after ours met
  // another host: this VM's CPU steal drifts within one bench, and one morning's run had ours at
  // p95 155-202 ms in its first three runs and 94-96 in its last two.
  const times: number[] = [];
  const afterRead: number[] = [];
  const p95s: number[] = [];
  const readyP95s: number[] = [];
  let replays = 0;
  const blankP95s: number[] = [];
  const readP95s: number[] = [];
  let stored: Record<string, unknown> = {};
  const blank = await blankPage();
  let readFloor: FloorPage | null = null;
  try {
    for (let round = 1; round <= RUNS; round++) {
      const ours = await opens(page, popupUrl(chromium.extensionId), {
        settled: refreshed,
        runs: 1,
        label: `round ${round}, ours: `,
      });
      times.push(...ours.times);
      afterRead.push(...ours.afterRead);
      p95s.push(...ours.p95s);
      readyP95s.push(...ours.readyP95s);
      replays += ours.replays;
      blankP95s.push(...(await blank.opens(`round ${round}, the blank page: `)));
      if (!readFloor) {
        stored = await popupRead();
        readFloor = await blankPage(stored);
      }
      readP95s.push(...(await readFloor.opens(`round ${round}, the blank page with the read: `)));
    }
  } finally {
    await blank.close();
    await readFloor?.close();
  }
  const shownTools = await page.locator('[data-tool-id]').count();
  console.log(`  last open shows ${shownTools} tools`);
  // Back to back, each right after the last paint, with a full sync asked for before each.
  const syncing = await opens(page, popupUrl(chromium.extensionId), {
    beforeEach: syncAll,
    label: 'syncing: ',
  });
  await page.close();
  const paintMedian = median(times);
  const oursMedian = median(afterRead);
  const p95 = median(p95s);
  console.log(
    `popup paint from cache (${TOOLS} tools): median ${paintMedian.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms ` +
      `(median of ${RUNS} runs' p95 over ${OPENS} opens; target ≤ 100) ${p95 <= 100 ? 'OK' : 'OVER'}`,
  );
  console.log(
    `  ${replays} of ${times.length} opens replayed the kept first paint; our code after the read answered ` +
      `(→ summary in the page): median ${oursMedian.toFixed(1)} ms; the live popup in its place: ` +
      `p95 ${median(readyP95s).toFixed(1)} ms (median of ${RUNS} runs' p95; reported)`,
  );
  console.log(
    `the same opens back to back with the worker syncing the school: median ${median(syncing.times).toFixed(1)} ms, ` +
      `p95 ${median(syncing.p95s).toFixed(1)} ms (median of ${RUNS} runs' p95; reported)`,
  );
  console.log(
    `the floor, a blank page of a minimal extension opened the same way → its first script: p95 ${median(blankP95s).toFixed(1)} ms ` +
      `(median of ${RUNS} runs' p95, one a round): the browser's part, before any code of ours`,
  );
  console.log(
    `the blank page → the popup's storage read (${(JSON.stringify(stored).length / 1024).toFixed(0)} KB) → ` +
      `its text: p95 ${median(readP95s).toFixed(1)} ms (median of ${RUNS} runs' p95): the least a popup painting stored figures waits`,
  );
  recordBench({
    popup_blank_page_p95_ms: blankP95s,
    popup_blank_read_p95_ms: readP95s,
    popup_first_paint_p95_ms: p95s,
    popup_first_paint_syncing_p95_ms: syncing.p95s,
    popup_first_paint_median_ms: paintMedian,
    popup_after_read_ms: oursMedian,
    popup_live_p95_ms: readyP95s,
    popup_replayed_share: replays / times.length,
  });
} finally {
  await chromium.close();
  await sandbox.close();
}
