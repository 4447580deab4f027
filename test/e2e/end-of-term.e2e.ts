// End-of-term planning in Chromium against the sandbox (issue 14): a view saved on the license page
// and applied on another visit, scheduled from there; schedules resolve their rule again when they
// fall due (a class's new member in, a member who moved out not), wait for a confirmation above the
// threshold, and run through the job runner (journaled, undoable) after the worker was stopped.
//
// Chromium's alarms cannot be fast-forwarded: a test that needs a schedule's time to have passed
// moves the stored time into the past while the worker is stopped (setScheduleTimeInPage), as if
// the clock had passed it, and the worker's check of due schedules at its next start finds it.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/jobs-model.ts';
import type { Schedule } from '../../src/shared/plans.ts';
import { BIG_TOOL_ID, CLASS_9B_ID, CLASS_9B_NAME } from '../sandbox/data/fixtures.ts';
import { stopServiceWorker } from './harness/chromium.ts';
import { setScheduleTimeInPage } from './harness/idb.ts';
import { RESULTS } from './harness/paths.ts';
import { startTestSandbox } from './harness/sandbox.ts';
import { TOOL_PATH } from './license-page-support.ts';
import {
  perTestChromium,
  popupUrl,
  send,
  signInAndPoint,
  type TruthAssignment,
  truthAssignments,
} from './popup-support.ts';

const env = perTestChromium(() => startTestSandbox(300));

const revokeCalls = async () => {
  const res = await fetch(`${env.sandbox.url}/__sandbox/log?operation=revoke`);
  const { calls } = (await res.json()) as { calls: { dryRun?: boolean; status: number }[] };
  return calls.filter((c) => !c.dryRun);
};

const isStudent = (a: TruthAssignment) => a.assignee.type === 'USER' && a.assignee.role === 'STUDENT';
const in9B = (a: TruthAssignment) => a.assignee.groups?.some((g) => g.id === CLASS_9B_ID) ?? false;

/** The 9B students who hold the big tool, by the sandbox's truth: their assignment ids. */
async function ninthBStudents(): Promise<string[]> {
  const all = await truthAssignments(env.sandbox.sandbox, BIG_TOOL_ID);
  return all
    .filter((a) => isStudent(a) && in9B(a))
    .map((a) => a.id)
    .sort();
}

const ours = (page: Page, what: string) => page.locator(`licenskoll-root [data-lk="${what}"]`);

/** A visit to the big tool's license page with its students' dialog open and our panel ready. */
async function openStudentDialog(): Promise<Page> {
  const page = await env.chromium.context.newPage();
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`${env.sandbox.url}${TOOL_PATH}`);
  await page.locator('licenskoll-root[data-page="license-page"]').waitFor({ state: 'attached' });
  await page.getByRole('tabpanel').locator('tbody tr button').first().click();
  await page.getByRole('dialog').locator('tbody tr').first().waitFor();
  await ours(page, 'panel').and(page.locator('[data-ready="true"]')).waitFor();
  return page;
}

/** "YYYY-MM-DDTHH:mm" in the browser's own time zone, `ms` from now (a datetime-local value). */
const localInputValue = (page: Page, ms: number) =>
  page.evaluate((ahead) => {
    const d = new Date(Date.now() + ahead);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, ms);

/** Makes a schedule due: the worker is stopped, the clock "passes" its time, the worker starts again. */
async function passTimeOf(admin: Page, scheduleId: string): Promise<void> {
  await stopServiceWorker(env.chromium);
  await admin.evaluate(setScheduleTimeInPage, { id: scheduleId, runAt: Date.now() - 1_000 });
  // Any event starts the worker again; its start-up checks for due schedules.
  await send(admin, 'getSettings', {});
}

const scheduleOf = async (admin: Page, id: string) =>
  (await send<{ schedules: Schedule[] }>(admin, 'listSchedules', {})).schedules.find((s) => s.id === id);

describe('the end of term, prepared on the license page', () => {
  it('saves "9B elever", applies it on another visit, schedules it 2 minutes ahead, and the run takes the class as it is then', async () => {
    const { context, extensionId } = env.chromium;
    const admin = await signInAndPoint(context, extensionId, env.sandbox.sandbox);
    // Below the threshold: this run needs no confirmation (the next test is about that).
    await send(admin, 'setSettings', { patch: { confirmThreshold: 1_000 } });
    const before = await truthAssignments(env.sandbox.sandbox, BIG_TOOL_ID);

    // 1. Save the view: class 9B, role Elev, under a name.
    const first = await openStudentDialog();
    await ours(first, 'class-9B').click();
    await ours(first, 'role-STUDENT').click();
    await ours(first, 'view-save-open').click();
    await ours(first, 'view-name').fill('9B elever');
    await ours(first, 'view-save').click();
    await ours(first, 'view').filter({ hasText: '9B elever' }).waitFor();
    await first.close();

    // 2. Another visit: one click applies it.
    const page = await openStudentDialog();
    const dialog = page.getByRole('dialog');
    const expectedBefore = await ninthBStudents();
    await ours(page, 'view').filter({ hasText: '9B elever' }).locator('[data-lk="view-apply"]').click();
    await expect
      .poll(() => dialog.locator('tbody tr:visible').count(), { timeout: 15_000 })
      .toBe(expectedBefore.length);

    // 3. Schedule it for two minutes ahead, for this tool.
    await ours(page, 'schedule-open').click();
    const when = await localInputValue(page, 2 * 60_000);
    await ours(page, 'schedule-when').fill(when);
    await ours(page, 'lk-sched-scope-tool').check();
    // The picture in the README's end-of-term workflow (copied from test-results/ by hand).
    await page.screenshot({ path: join(RESULTS, 'end-of-term-sv.png') });
    await ours(page, 'schedule-submit').click();
    await ours(page, 'schedule-status').waitFor();
    const { schedules } = await send<{ schedules: Schedule[] }>(admin, 'listSchedules', {});
    expect(schedules).toHaveLength(1);
    const [schedule] = schedules as [Schedule];
    expect(schedule).toMatchObject({
      name: '9B elever',
      state: 'scheduled',
      toolIds: [BIG_TOOL_ID],
      people: null,
      filters: { classes: [CLASS_9B_NAME], roles: ['STUDENT'], leftOnly: false, query: '' },
    });
    expect(schedule.runAt - Date.now()).toBeGreaterThan(55_000);
    expect(schedule.runAt - Date.now()).toBeLessThanOrEqual(2 * 60_000);
    const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId));
    const alarm = await worker?.evaluate(
      (name) => chrome.alarms.get(name),
      `licenskoll-schedule:${schedule.id}`,
    );
    expect(alarm?.scheduledTime).toBe(schedule.runAt);
    await page.close();

    // 4. Meanwhile the school moves one student into 9B and one out of it.
    const joiner = before.find((a) => isStudent(a) && !in9B(a));
    const leaver = before.find((a) => isStudent(a) && in9B(a));
    if (!joiner || !leaver) throw new Error('the seed lacks a student to move');
    await env.sandbox.client.setClasses(joiner.assignee.id, [CLASS_9B_ID]);
    await env.sandbox.client.setClasses(leaver.assignee.id, ['g-9a']);
    const expected = await ninthBStudents();
    expect(expected).toContain(joiner.id);
    expect(expected).not.toContain(leaver.id);

    // 5. The worker is stopped, and its time passes: the start-up check runs it.
    await passTimeOf(admin, schedule.id);
    await expect
      .poll(async () => (await scheduleOf(admin, schedule.id))?.lastRun?.schools, { timeout: 60_000 })
      .toEqual([
        expect.objectContaining({ jobId: expect.any(String), matched: expected.length, error: null }),
      ]);
    const jobId = (await scheduleOf(admin, schedule.id))?.lastRun?.schools[0]?.jobId ?? '';
    await expect
      .poll(async () => (await send<{ job: Job }>(admin, 'getJob', { jobId })).job.state, { timeout: 30_000 })
      .toBe('done');

    // Exactly the class as it was at the time, each once; journaled; and undone.
    const revoked = await env.sandbox.revocationsPerId();
    expect([...revoked.keys()].sort()).toEqual(expected);
    expect([...revoked.values()].every((n) => n === 1)).toBe(true);
    const { entries } = await send<{ entries: { jobId: string; assignmentId: string }[] }>(
      admin,
      'listJournal',
      {
        limit: 1_000,
        jobId,
      },
    );
    expect(entries.map((e) => e.assignmentId).sort()).toEqual(expected);
    const { job: undo } = await send<{ job: Job }>(admin, 'undoJob', { jobId });
    await expect
      .poll(async () => (await send<{ job: Job }>(admin, 'getJob', { jobId: undo.id })).job.state, {
        timeout: 30_000,
      })
      .toBe('done');
    const holders = new Set(
      (await truthAssignments(env.sandbox.sandbox, BIG_TOOL_ID)).map((a) => `${a.assignee.id}`),
    );
    const revokedPeople = before.filter((a) => expected.includes(a.id)).map((a) => a.assignee.id);
    expect(revokedPeople.filter((id) => !holders.has(id))).toEqual([]);
  });
});

describe('a scheduled withdrawal above the confirmation threshold', () => {
  it('waits for a confirmation from the popup, then withdraws exactly the rule’s people as a job', async () => {
    const { context, extensionId } = env.chromium;
    const admin = await signInAndPoint(context, extensionId, env.sandbox.sandbox);
    const expected = await ninthBStudents();
    expect(expected.length).toBeGreaterThanOrEqual(20); // the default threshold (20): from there up it asks
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
    const remaining = new Set((await truthAssignments(env.sandbox.sandbox, BIG_TOOL_ID)).map((a) => a.id));
    expect(expected.filter((id) => remaining.has(id))).toEqual([]);
    const job = (await send<{ job: Job }>(admin, 'getJob', { jobId })).job;
    expect(job.counts.revoked).toBe(expected.length);
  });
});
