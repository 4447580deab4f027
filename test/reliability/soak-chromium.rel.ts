// Soak in Chromium: withdrawal jobs through the real built extension under the
// fault mix (10 % 500/503, 429 bursts with Retry-After 1–3 s, 5 % drop-after-commit, 2 %
// truncate-after-commit, 2 s latency spikes, one session expiry with re-login) while the service
// worker is stopped at drawn moments, some of them with a request in flight (asserted from the
// sandbox log); then undo. It proves: every item withdrawn exactly once, none lost, none twice,
// one journal entry each, and every one restored by undo. Full: 5 jobs × 1,000 and 5 stops (≥ 3 in
// flight); light (inside npm test): 1 job × 150 and 2 stops (≥ 1 in flight).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/shared/jobs-model.ts';
import type { RequestType } from '../../src/shared/protocol/types.ts';
import {
  type ExtensionBrowser,
  launchChromiumWithExtension,
  stopServiceWorker,
} from '../e2e/harness/chromium.ts';
import { readAllInPage } from '../e2e/harness/idb.ts';
import { DIST } from '../e2e/harness/paths.ts';
import { loginInChromium, startTestSandbox, type TestSandbox } from '../e2e/harness/sandbox.ts';
import { send } from '../e2e/popup-support.ts';
import { RELIABILITY_FULL, recordFigures } from './figures.ts';
import { faultMix, figureLine, runSoak, type SoakDriver, type SoakPlan } from './soak.ts';

const PLAN: SoakPlan = RELIABILITY_FULL
  ? {
      jobs: 5,
      perJob: 1000,
      stops: 5,
      aimedStops: 3,
      stopWindow: [0.05, 0.8],
      seed: 12,
      batchSize: 10,
      concurrency: 4,
      requestsPerSecond: 20,
      faults: faultMix(200),
      undoFaults: { rateLimitBurstRate: 0.01, latencySpikeRate: 0.05, latencySpikeMs: 2_000 },
      undoBatchSize: 50,
      timeoutMs: 600_000,
    }
  : {
      jobs: 1,
      perJob: 150,
      stops: 2,
      aimedStops: 1,
      stopWindow: [0.1, 0.5],
      seed: 12,
      batchSize: 5,
      concurrency: 4,
      requestsPerSecond: 20,
      // The same kinds at higher rates: ~30 calls must still meet the faults after the effect and
      // a spike for the aimed stop.
      faults: {
        ...faultMix(12),
        latencySpikeRate: 0.3,
        dropAfterCommitRate: 0.2,
        truncateAfterCommitRate: 0.1,
      },
      undoFaults: { rateLimitBurstRate: 0.01, latencySpikeRate: 0.05, latencySpikeMs: 2_000 },
      undoBatchSize: 50,
      timeoutMs: 120_000,
    };

let sandbox: TestSandbox;
let chromium: ExtensionBrowser;
let options: Page;

beforeAll(async () => {
  sandbox = await startTestSandbox(RELIABILITY_FULL ? 10_000 : 2_000);
  chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
  await loginInChromium(chromium.context, sandbox.url);
  options = await chromium.context.newPage();
  await options.goto(`chrome-extension://${chromium.extensionId}/src/options/index.html`);
  await call('setSettings', { patch: { origins: [sandbox.url], activeOrigin: sandbox.url } });
});
afterAll(async () => {
  await chromium?.close();
  await sandbox?.close();
});

/** One protocol request from the extension page `options` (popup-support.ts's send). */
const call = <T = unknown>(type: RequestType, payload: unknown): Promise<T> =>
  send<T>(options, type, payload);

const driver: SoakDriver = {
  call,
  journal: async () => (await options.evaluate(readAllInPage, { store: 'journal' })) as JournalEntry[],
  store: (name) => options.evaluate(readAllInPage, { store: name }),
  relogin: () => loginInChromium(chromium.context, sandbox.url),
  stopBackground: () => stopServiceWorker(chromium),
};

describe('soak in Chromium', () => {
  it(`withdraws ${PLAN.jobs} × ${PLAN.perJob} exactly once under faults after the effect and ${PLAN.stops} worker stops, and undo restores every one`, async () => {
    const figures = await runSoak(sandbox, driver, PLAN);
    recordFigures('soak-chromium', figures);
    console.log(figureLine('soak-chromium', figures));
    const n = PLAN.jobs * PLAN.perJob;
    expect({
      exactlyOnce: figures.exactlyOnce,
      lost: figures.lost,
      twice: figures.twice,
      journal: figures.journal,
      undoRestored: figures.undoRestored,
    }).toEqual({ exactlyOnce: n, lost: 0, twice: 0, journal: n, undoRestored: n });
    expect(figures.backgroundStops).toBe(PLAN.stops);
    expect(figures.stopsInFlight).toBeGreaterThanOrEqual(PLAN.aimedStops);
    // The mix really happened: each fault kind fired, and the session expired and was renewed.
    expect(figures.dropAfterCommit + figures.truncateAfterCommit).toBeGreaterThan(0);
    expect(figures.errors500or503).toBeGreaterThan(0);
    expect(figures.latencySpikes).toBeGreaterThan(0);
    expect(figures.sessionExpiries).toBeGreaterThan(0);
    expect(figures.relogins).toBeGreaterThan(0);
    expect(figures.keyReplays).toBeGreaterThan(0);
    if (RELIABILITY_FULL) {
      expect(figures.dropAfterCommit).toBeGreaterThan(0);
      expect(figures.truncateAfterCommit).toBeGreaterThan(0);
      expect(figures.rateLimited429).toBeGreaterThan(0);
    }
  });
});
