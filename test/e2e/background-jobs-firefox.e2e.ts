// The 1,000-item withdrawal in Firefox (puppeteer-core over WebDriver BiDi): exactly once under
// 503s and a rate limit, journaled, and undone. The worker-stop case is Chromium-only (CDP).
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/jobs-model.ts';
import { BIG_TOOL_ID } from '../sandbox/data/fixtures.ts';
import {
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  openExtensionPage,
} from './harness/firefox.ts';
import { readAllInPage } from './harness/idb.ts';
import { DIST } from './harness/paths.ts';
import {
  assignmentIdsOf,
  exactlyOnce,
  holdersOf,
  loginInFirefox,
  startTestSandbox,
  type TestSandbox,
} from './harness/sandbox.ts';

let sandbox: TestSandbox;
let firefox: FirefoxWithExtension;
let options: Page;

beforeAll(async () => {
  sandbox = await startTestSandbox(2000);
  firefox = await launchFirefoxWithExtension(DIST.firefoxSandbox);
  await loginInFirefox(await firefox.browser.newPage(), sandbox.url);
  options = await openExtensionPage(firefox.browser, 'src/options/index.html');
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

async function call<T = unknown>(type: string, payload: unknown): Promise<T> {
  const reply = (await options.evaluate(
    (t, p) => chrome.runtime.sendMessage({ channel: 'licenskoll/v1', type: t, payload: p }),
    type,
    payload as never,
  )) as { ok: true; data: T } | { ok: false; error: string };
  if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
  return reply.data;
}

const jobOf = async (jobId: string) => (await call<{ job: Job }>('getJob', { jobId })).job;

async function waitForJob(jobId: string, state: Job['state']): Promise<Job> {
  await expect.poll(async () => (await jobOf(jobId)).state, { timeout: 60_000, interval: 250 }).toBe(state);
  return jobOf(jobId);
}

describe('withdrawal jobs in Firefox', () => {
  it('withdraws 1,000 assignments exactly once under faults, journals them, and undo restores them', async () => {
    await call('setSettings', { patch: { origins: [sandbox.url], activeOrigin: sandbox.url } });
    const ids = await assignmentIdsOf(sandbox.client, BIG_TOOL_ID, 1000);
    const before = await holdersOf(sandbox.client, BIG_TOOL_ID);
    await call('sync', { toolId: BIG_TOOL_ID });
    await sandbox.faults({ errorRate: 0.1, rateLimitPerSecond: 5 });

    const { job } = await call<{ job: Job }>('startWithdrawal', { toolId: BIG_TOOL_ID, assignmentIds: ids });
    const done = await waitForJob(job.id, 'done');
    expect(done.counts).toMatchObject({ pending: 0, revoked: 1000, failed: 0 });
    expect(exactlyOnce(await sandbox.revocationsPerId(), ids)).toEqual({
      missing: [],
      repeated: [],
      extra: [],
    });
    // The cookie went with the extension's requests: every revoke call had a session.
    const revokes = await sandbox.log({ operation: 'revoke' });
    expect(revokes.every((c) => c.sessionId !== null)).toBe(true);

    const journal = (await options.evaluate(readAllInPage, { store: 'journal' })) as { jobId: string }[];
    expect(journal.filter((e) => e.jobId === job.id)).toHaveLength(1000);

    const { job: undo } = await call<{ job: Job }>('undoJob', { jobId: job.id });
    const undone = await waitForJob(undo.id, 'done');
    expect(undone.counts).toMatchObject({ pending: 0, assigned: 1000 });
    const after = await holdersOf(sandbox.client, BIG_TOOL_ID);
    expect([...before].filter((h) => !after.has(h))).toEqual([]);
  });
});
