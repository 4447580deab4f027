// End-of-term planning in Chromium against the sandbox (issue 14): scheduled withdrawals resolve
// their rule again when they fall due, wait for a confirmation above the threshold, and run through
// the job runner (journaled, undoable) after the worker was stopped in between.
//
// Chromium's alarms cannot be fast-forwarded: a test that needs a schedule's time to have passed
// moves the stored time into the past while the worker is stopped (setScheduleTimeInPage), as if
// the clock had passed it, and the worker's check of due schedules at its next start finds it.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/jobs-model.ts';
import type { Schedule } from '../../src/shared/plans.ts';
import { BIG_TOOL_ID, CLASS_9B_ID, CLASS_9B_NAME } from '../sandbox/data/fixtures.ts';
import type { Sandbox } from '../sandbox/server.ts';
import { type ExtensionBrowser, launchChromiumWithExtension, stopServiceWorker } from './harness/chromium.ts';
import { setScheduleTimeInPage } from './harness/idb.ts';
import { DIST } from './harness/paths.ts';
import { popupUrl, send, signInAndPoint, startTestSandbox, truthAssignments } from './popup-support.ts';

let sandbox: Sandbox;
let chromium: ExtensionBrowser;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
  chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
});
afterEach(async () => {
  await chromium?.close();
});

const revokeCalls = async () => {
  const res = await fetch(`${sandbox.url}/__sandbox/log?operation=revoke`);
  const { calls } = (await res.json()) as { calls: { dryRun?: boolean; status: number }[] };
  return calls.filter((c) => !c.dryRun);
};

/** The 9B students who hold the big tool, by the sandbox's truth. */
async function ninthBStudents(): Promise<string[]> {
  const all = await truthAssignments(sandbox, BIG_TOOL_ID);
  return all
    .filter(
      (a) =>
        a.assignee.type === 'USER' &&
        a.assignee.role === 'STUDENT' &&
        a.assignee.groups?.some((g) => g.id === CLASS_9B_ID),
    )
    .map((a) => a.id)
    .sort();
}

/** Makes a schedule due: the worker is stopped, the clock "passes" its time, the worker starts again. */
async function passTimeOf(admin: Page, scheduleId: string): Promise<void> {
  await stopServiceWorker(chromium);
  await admin.evaluate(setScheduleTimeInPage, { id: scheduleId, runAt: Date.now() - 1_000 });
  // Any event starts the worker again; its start-up checks for due schedules.
  await send(admin, 'getSettings', {});
}

const scheduleOf = async (admin: Page, id: string) =>
  (await send<{ schedules: Schedule[] }>(admin, 'listSchedules', {})).schedules.find((s) => s.id === id);

describe('a scheduled withdrawal above the confirmation threshold', () => {
  it('waits for a confirmation from the popup, then withdraws exactly the rule’s people as a job', async () => {
    const { context, extensionId } = chromium;
    const admin = await signInAndPoint(context, extensionId, sandbox);
    const expected = await ninthBStudents();
    expect(expected.length).toBeGreaterThan(20); // above the default threshold (20)
    const { schedule } = await send<{ schedule: Schedule }>(admin, 'saveSchedule', {
      schedule: {
        name: '9B elever slutar',
        filters: { query: '', classes: [CLASS_9B_NAME], roles: ['STUDENT'], leftOnly: false },
        viewId: null,
        people: null,
        toolIds: [BIG_TOOL_ID],
        runAt: Date.now() + 2 * 60_000,
      },
    });
    await passTimeOf(admin, schedule.id);
    await expect
      .poll(async () => (await scheduleOf(admin, schedule.id))?.state, { timeout: 30_000 })
      .toBe('awaiting-confirmation');
    // Nothing runs without the confirmation: a moment later still no revoke has reached Skolon.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await revokeCalls()).toEqual([]);

    const popup = await context.newPage();
    await popup.goto(popupUrl(extensionId));
    await popup.getByRole('tab', { name: /Jobb/ }).click();
    const item = popup.locator(`[data-schedule-id="${schedule.id}"]`);
    await item.and(popup.locator('[data-schedule-state="awaiting-confirmation"]')).waitFor();
    await item.locator('[data-action="confirm"]').click();
    const confirm = popup.locator('[data-confirm]');
    await confirm.waitFor({ timeout: 30_000 });
    const withdraw = confirm.getByRole('button', { name: new RegExp(String(expected.length)) });
    // From the threshold up the count is typed first.
    expect(await withdraw.isDisabled()).toBe(true);
    await confirm.locator('#confirm-count').fill(String(expected.length));
    await withdraw.click();

    // It ran: its school's job is recorded once started.
    await expect
      .poll(async () => (await scheduleOf(admin, schedule.id))?.lastRun?.schools, { timeout: 30_000 })
      .toEqual([
        expect.objectContaining({ jobId: expect.any(String), matched: expected.length, error: null }),
      ]);
    const ran = await scheduleOf(admin, schedule.id);
    expect(ran?.state).toBe('ran');
    const jobId = ran?.lastRun?.schools[0]?.jobId ?? '';
    await expect
      .poll(async () => (await send<{ job: Job }>(admin, 'getJob', { jobId })).job.state, { timeout: 30_000 })
      .toBe('done');
    const remaining = new Set((await truthAssignments(sandbox, BIG_TOOL_ID)).map((a) => a.id));
    expect(expected.filter((id) => remaining.has(id))).toEqual([]);
    const job = (await send<{ job: Job }>(admin, 'getJob', { jobId })).job;
    expect(job.counts.revoked).toBe(expected.length);
  });
});
