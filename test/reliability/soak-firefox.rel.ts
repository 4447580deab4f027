// Soak in Firefox: the Chromium soak's fault mix (faults after the effect, 429
// bursts, spikes, a session expiry with re-login) on 1 job × 1,000 withdrawals while the
// background event page is suspended (as Firefox does to an idle one) and woken by the next
// message 3 times; then undo. It proves: 1,000 withdrawn exactly once, 0 lost, 0 twice, one journal
// entry each, all restored. Light (inside npm test): 1 × 100 with 1 suspension.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/shared/jobs-model.ts';
import {
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  openExtensionPage,
  suspendBackground,
} from '../e2e/harness/firefox.ts';
import { readAllInPage } from '../e2e/harness/idb.ts';
import { DIST } from '../e2e/harness/paths.ts';
import { loginInFirefox, startTestSandbox, type TestSandbox } from '../e2e/harness/sandbox.ts';
import { RELIABILITY_FULL, recordFigures } from './figures.ts';
import { faultMix, figureLine, runSoak, type SoakDriver, type SoakPlan } from './soak.ts';

const PLAN: SoakPlan = RELIABILITY_FULL
  ? {
      jobs: 1,
      perJob: 1000,
      stops: 3,
      aimedStops: 2,
      stopWindow: [0.1, 0.8],
      seed: 33,
      batchSize: 10,
      concurrency: 4,
      requestsPerSecond: 20,
      faults: faultMix(60),
      undoFaults: { rateLimitBurstRate: 0.01, latencySpikeRate: 0.05, latencySpikeMs: 2_000 },
      undoBatchSize: 50,
      timeoutMs: 600_000,
    }
  : {
      jobs: 1,
      perJob: 100,
      stops: 1,
      aimedStops: 1,
      stopWindow: [0.1, 0.4],
      seed: 33,
      batchSize: 5,
      concurrency: 4,
      requestsPerSecond: 20,
      faults: {
        ...faultMix(8),
        latencySpikeRate: 0.3,
        dropAfterCommitRate: 0.2,
        truncateAfterCommitRate: 0.1,
      },
      undoFaults: { rateLimitBurstRate: 0.01, latencySpikeRate: 0.05, latencySpikeMs: 2_000 },
      undoBatchSize: 50,
      timeoutMs: 120_000,
    };

let sandbox: TestSandbox;
let firefox: FirefoxWithExtension;
let options: Page;
let loginPage: Page;

beforeAll(async () => {
  sandbox = await startTestSandbox(2_000);
  firefox = await launchFirefoxWithExtension(DIST.firefoxSandbox);
  loginPage = await firefox.browser.newPage();
  await loginInFirefox(loginPage, sandbox.url);
  options = await openExtensionPage(firefox.browser, 'src/options/index.html');
  await call('setSettings', { patch: { origins: [sandbox.url], activeOrigin: sandbox.url } });
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

async function call<T>(type: string, payload: unknown): Promise<T> {
  const reply = (await options.evaluate(
    (t, p) => chrome.runtime.sendMessage({ channel: 'licenskoll/v1', type: t, payload: p }),
    type,
    payload as never,
  )) as { ok: true; data: T } | { ok: false; error: string };
  if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
  return reply.data;
}

const driver: SoakDriver = {
  call,
  journal: async () => (await options.evaluate(readAllInPage, { store: 'journal' })) as JournalEntry[],
  store: (name) => options.evaluate(readAllInPage, { store: name }),
  relogin: () => loginInFirefox(loginPage, sandbox.url),
  async stopBackground() {
    expect(await suspendBackground(firefox.browser)).toBe('stopped');
  },
};

describe('soak in Firefox', () => {
  it(`withdraws ${PLAN.perJob} exactly once under faults after the effect while the event page is suspended ${PLAN.stops} times, and undo restores every one`, async () => {
    const figures = await runSoak(sandbox, driver, PLAN);
    recordFigures('soak-firefox', figures);
    console.log(figureLine('soak-firefox', figures));
    const n = PLAN.jobs * PLAN.perJob;
    expect({
      exactlyOnce: figures.exactlyOnce,
      lost: figures.lost,
      twice: figures.twice,
      journal: figures.journal,
      undoRestored: figures.undoRestored,
    }).toEqual({ exactlyOnce: n, lost: 0, twice: 0, journal: n, undoRestored: n });
    expect(figures.backgroundStops).toBe(PLAN.stops);
    expect(figures.dropAfterCommit + figures.truncateAfterCommit).toBeGreaterThan(0);
    expect(figures.sessionExpiries).toBeGreaterThan(0);
    expect(figures.relogins).toBeGreaterThan(0);
  });
});
