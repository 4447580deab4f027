// Sync into IndexedDB, in the extension's service worker (Chromium, sandbox build):
// - sync_10k_ms: the `sync` request for the big tool with ~10,000 assignments (sandbox at
//   18,400 students), from an extension page to its answer: the worker pages through the API and
//   writes every assignment to IndexedDB. The cache's ETags are cleared before each run so that
//   every run fetches and writes all of them. Median of 5 runs (target ≤ 1,500).
// - worker_heap_mb: the worker's used JS heap after the last sync, after a garbage collection
//   (CDP Runtime.getHeapUsage on the service-worker target). Reported.
import type { CDPSession, Page } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../src/shared/settings.ts';
import { sendFromPage } from '../test/e2e/harness/chromium.ts';
import { startTestSandbox } from '../test/e2e/harness/sandbox.ts';
import { optionsUrl } from '../test/e2e/popup-support.ts';
import { BIG_TOOL_ID } from '../test/sandbox/data/fixtures.ts';
import { launch, median } from './lib/browser.ts';
import { recordBench } from './results.ts';

const RUNS = 5;
const STUDENTS = 18_400;

/** A CDP session on another target (the worker), through a page's session (non-flat). */
async function attachTo(cdp: CDPSession, url: string) {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(url));
  if (!target) throw new Error('no service worker target');
  const { sessionId } = (await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  })) as {
    sessionId: string;
  };
  let id = 0;
  return {
    async send<T = unknown>(method: string, params: object = {}): Promise<T> {
      const mine = ++id;
      const answer = new Promise<T>((resolve) => {
        const on = (event: { sessionId: string; message: string }) => {
          const message = JSON.parse(event.message) as { id?: number; result?: T };
          if (event.sessionId === sessionId && message.id === mine) {
            cdp.off('Target.receivedMessageFromTarget', on);
            resolve(message.result as T);
          }
        };
        cdp.on('Target.receivedMessageFromTarget', on);
      });
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id: mine, method, params }),
      });
      return answer;
    },
    detach: () => cdp.send('Target.detachFromTarget', { sessionId }),
  };
}

interface Profile {
  nodes: { id: number; callFrame: { url: string; functionName: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

async function clearEtags(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('licenskoll');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('datasets', 'readwrite');
          tx.objectStore('datasets').clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

/** One `sync` of the big tool from an extension page to its answer, in ms. */
function timedSync(page: Page): Promise<number> {
  return page.evaluate(async (toolId) => {
    const started = performance.now();
    const answer = (await chrome.runtime.sendMessage({
      channel: 'licenskoll/v1',
      type: 'sync',
      payload: { toolId, assignments: true },
    })) as { ok: boolean; data?: { updated: string[] }; error?: string };
    if (!answer.ok) throw new Error(answer.error);
    if (!answer.data?.updated.some((k) => k.includes('assignments'))) throw new Error('nothing was fetched');
    return performance.now() - started;
  }, BIG_TOOL_ID);
}

const sandbox = await startTestSandbox({ students: STUDENTS });
const browser = await launch();
try {
  const { assignments } = await sandbox.client.state<{ assignments: unknown[] }>('assignments', {
    toolId: BIG_TOOL_ID,
  });
  const login = await browser.context.newPage();
  await login.goto(sandbox.loginUrl());
  await login.close();
  const page = await browser.context.newPage();
  await page.goto(optionsUrl(browser.extensionId));
  await sendFromPage(page, 'setSettings', {
    patch: { origins: ['https://app.skolon.com', sandbox.url], activeOrigin: sandbox.url },
  });
  // Once to warm the worker (the tool list, the session), then timed.
  const warm = await sendFromPage(page, 'sync', { toolId: BIG_TOOL_ID, assignments: true });
  if (!warm.ok) throw new Error(`sync failed: ${warm.error}`);
  const cdp = await browser.context.newCDPSession(page);
  const worker = await attachTo(cdp, `chrome-extension://${browser.extensionId}/`);
  const detail = process.env.LICENSKOLL_BENCH_DETAIL !== undefined;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await clearEtags(page);
    if (detail && i === 0) {
      await worker.send('Profiler.enable');
      await worker.send('Profiler.setSamplingInterval', { interval: 500 });
      await worker.send('Profiler.start');
    }
    const since = Math.max(0, ...(await sandbox.log()).map((c) => c.seq));
    const startedAt = Date.now();
    const ms = await timedSync(page);
    times.push(ms);
    if (detail && i === 0) {
      const { profile } = await worker.send<{ profile: Profile }>('Profiler.stop');
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const fns = new Map<string, number>();
      profile.samples.forEach((id, k) => {
        const f = byId.get(id)?.callFrame;
        const key = `${f?.functionName || '(anon)'} ${f?.url.split('/').pop()}:${f?.lineNumber}`;
        fns.set(key, (fns.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
      });
      console.log(
        [...fns]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 15)
          .map(([k, v]) => `  ${v.toFixed(0)} ms ${k}`)
          .join('\n'),
      );
      const calls = await sandbox.log({ since });
      console.log(
        `  API calls: ${calls.map((c) => `${c.operation}@${Date.parse(c.at) - startedAt}`).join(' ')} → answered @${ms.toFixed(0)}`,
      );
    }
  }
  // The same sync with the request ceiling at the settings' most (50 a second): what our own code
  // costs when the default ceiling (25 a second) does not bind at all (reported).
  await sendFromPage(page, 'setSettings', { patch: { requestsPerSecond: 50 } });
  const at50: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await clearEtags(page);
    at50.push(await timedSync(page));
  }
  await sendFromPage(page, 'setSettings', {
    patch: { requestsPerSecond: DEFAULT_SETTINGS.requestsPerSecond },
  });
  const cached = await page.evaluate(
    (toolId) =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('licenskoll');
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('assignments').objectStore('assignments').getAll();
          req.onsuccess = () => {
            resolve(
              (req.result as { toolId?: string }[]).filter((a) => a.toolId === toolId || !a.toolId).length,
            );
            db.close();
          };
        };
      }),
    BIG_TOOL_ID,
  );
  await worker.send('HeapProfiler.collectGarbage');
  const heap = await worker.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
  await worker.detach();
  const heapMb = heap.usedSize / 1024 / 1024;
  console.log(
    `sync of ${assignments.length} assignments into IndexedDB: median ${median(times).toFixed(0)} ms ` +
      `(${times.map((t) => t.toFixed(0)).join(', ')}; target ≤ 1500); ${cached} assignment records in the cache`,
  );
  console.log(
    `worker heap after the sync (after GC): ${heapMb.toFixed(1)} MB used of ${(heap.totalSize / 1048576).toFixed(1)} MB`,
  );
  console.log(
    `the same sync at 50 requests a second: median ${median(at50).toFixed(0)} ms (${at50.map((t) => t.toFixed(0)).join(', ')})`,
  );
  recordBench({
    sync_10k_ms: times,
    sync_10k_at_50rps_ms: at50,
    sync_10k_assignments: assignments.length,
    worker_heap_mb: heapMb,
  });
} finally {
  await browser.close();
  await sandbox.close();
}
