// Scheduled withdrawals against the in-process sandbox: resolved fresh when due (class changes since
// saving count), a confirmation above the threshold, a wait for sign-in, a run at the next start
// when the computer was off, never twice, one job per school, journaled and undoable, and page mode.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sameFakeAsPolyfill } from '../../../test/support/extension-api.ts';
import { jobItemKeys, journalKeys } from '../../shared/store.ts';

const browserState = vi.hoisted(() => ({
  local: new Map<string, unknown>(),
  session: new Map<string, unknown>(),
  alarms: new Map<string, { when?: number }>(),
  notifications: [] as { id: string; options: { message: string; buttons?: { title: string }[] } }[],
  tabs: [] as { id: number; url: string }[],
}));

vi.mock('../../shared/extension-api.ts', () => sameFakeAsPolyfill());
vi.mock('webextension-polyfill', () => {
  const area = (map: Map<string, unknown>) => ({
    get: async (key: string) => (map.has(key) ? { [key]: structuredClone(map.get(key)) } : {}),
    set: async (items: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(items)) map.set(k, structuredClone(v));
    },
  });
  return {
    default: {
      runtime: {
        id: 'own',
        sendMessage: async () => undefined,
        getManifest: () => ({ version: '0.0.0' }),
        getURL: (path: string) => `chrome-extension://own/${path}`,
      },
      i18n: {
        getMessage: (key: string, subs: string[] = []) => [key, ...subs].join('|'),
        getUILanguage: () => 'sv',
      },
      storage: { local: area(browserState.local), session: area(browserState.session) },
      tabs: {
        query: async () => [],
        sendMessage: async () => undefined,
        create: async ({ url }: { url: string }) => {
          const tab = { id: 100 + browserState.tabs.length, url };
          browserState.tabs.push(tab);
          return tab;
        },
      },
      alarms: {
        get: async (name: string) => browserState.alarms.get(name),
        create: (name: string, info: { when?: number }) => {
          browserState.alarms.set(name, info);
        },
        clear: async (name: string) => browserState.alarms.delete(name),
      },
      notifications: {
        create: async (id: string, options: (typeof browserState.notifications)[number]['options']) => {
          browserState.notifications.push({ id, options });
          return id;
        },
      },
    },
  };
});

const { BIG_TOOL_ID, CLASS_9B_ID, CLASS_9B_NAME, DEMO_SCHOOL_ID, INACTIVE_HOLDER_ID, OTHER_SCHOOL_ID } =
  await import('../../../test/sandbox/data/fixtures.ts');
type Assignment = import('../../shared/model.ts').Assignment;
const { revokedCounts } = await import('../../../test/sandbox/client.ts');
const { useSandboxStore } = await import('../../../test/support/sandbox-store.ts');
const { NO_VIEW_FILTERS } = await import('../../shared/plans.ts');
type Schedule = import('../../shared/plans.ts').Schedule;
type ViewFilters = import('../../shared/plans.ts').ViewFilters;
const { planHandlers } = await import('../messaging/plan-handlers.ts');
const { pageHandlers } = await import('../messaging/page-handlers.ts');
const { runJob } = await import('../jobs/runner.ts');
const { createUndoJob } = await import('../jobs/undo.ts');
const { loadSettings, saveSettings } = await import('../platform/settings-store.ts');
const { runAwaitingLogin, runDueSchedules, runSchedule } = await import('./scheduler.ts');

const env = useSandboxStore(400);
const HOUR = 3_600_000;
const CLASS_9B: ViewFilters = { ...NO_VIEW_FILTERS, classes: [CLASS_9B_NAME] };
const fromPage = { url: 'chrome-extension://own/src/popup/index.html' };

beforeEach(() => {
  browserState.local.clear();
  browserState.session.clear();
  browserState.alarms.clear();
  browserState.notifications.length = 0;
  browserState.tabs.length = 0;
});

/** The scheduler once more, with run-state of its own (as a second worker would have). */
const anotherWorker = (tag: string) =>
  import(/* @vite-ignore */ `./scheduler.ts?${tag}`) as Promise<typeof import('./scheduler.ts')>;

const handlers = () => planHandlers(async () => env.store);

async function threshold(confirmThreshold: number): Promise<void> {
  await saveSettings(env.store, { ...(await loadSettings(env.store)), confirmThreshold });
}

async function schedule(
  filters: ViewFilters,
  patch: { toolIds?: string[] | null; schoolIds?: string[]; runAt?: number } = {},
): Promise<Schedule> {
  const { schedule } = await handlers().saveSchedule(
    {
      schedule: {
        name: 'Åk 9 slutar',
        filters,
        viewId: null,
        people: null,
        toolIds: patch.toolIds === undefined ? [BIG_TOOL_ID] : patch.toolIds,
        runAt: patch.runAt ?? Date.now() + HOUR,
        ...(patch.schoolIds ? { schoolIds: patch.schoolIds } : {}),
      },
    },
    fromPage,
  );
  return schedule;
}

/** The jobs a run started, after they finished. */
async function finishedJobs(ran: Schedule) {
  const ids = (ran.lastRun?.schools ?? []).flatMap((s) => (s.jobId ? [s.jobId] : []));
  for (const id of ids) await runJob(env.store, id);
  return Promise.all(ids.map(async (id) => env.store.get('jobs', id)));
}

async function itemAssignees(jobId: string): Promise<string[]> {
  return (await env.store.getAll('jobItems', jobItemKeys(jobId))).map((i) => i.assignee.id);
}

async function sandboxHolders(toolId: string, schoolId = DEMO_SCHOOL_ID): Promise<Set<string>> {
  const { assignments } = await env.client.state<{ assignments: { assignee: { id: string } }[] }>(
    'assignments',
    { toolId, schoolId },
  );
  return new Set(assignments.map((a) => a.assignee.id));
}

describe('a due schedule is resolved again against fresh data', () => {
  it('includes a class member who joined after saving and leaves out one who left', async () => {
    await threshold(1_000);
    const saved = await schedule(CLASS_9B);
    // The school's own administration moves two students after the schedule was saved.
    const { assignments } = await env.client.state<{ assignments: Assignment[] }>('assignments', {
      toolId: BIG_TOOL_ID,
    });
    const students = assignments
      .map((a) => a.assignee)
      .filter((p) => p.type === 'USER' && p.role === 'STUDENT' && p.active !== false);
    const classesOf = (p: Assignment['assignee']) => (p.groups ?? []).map((g) => g.id);
    const joiner = students.find((p) => !classesOf(p).includes(CLASS_9B_ID));
    const leaver = students.find((p) => classesOf(p).includes(CLASS_9B_ID) && p.id !== INACTIVE_HOLDER_ID);
    if (!joiner || !leaver) throw new Error('the sandbox data has no one to move');
    await env.client.setClasses(joiner.id, [...classesOf(joiner), CLASS_9B_ID]);
    await env.client.setClasses(
      leaver.id,
      classesOf(leaver).filter((g) => g !== CLASS_9B_ID),
    );

    const ran = await runSchedule(env.store, saved.id, 'due', saved.runAt);
    expect(ran.state).toBe('ran');
    const [job] = await finishedJobs(ran);
    expect(job?.state).toBe('done');
    const withdrawn = await itemAssignees(job?.id ?? '');
    expect(withdrawn).toContain(joiner.id);
    expect(withdrawn).not.toContain(leaver.id);
    const holders = await sandboxHolders(BIG_TOOL_ID);
    expect(holders.has(joiner.id)).toBe(false);
    expect(holders.has(leaver.id)).toBe(true);
  });

  it('waits for a confirmation at or above the threshold, and runs after confirmSchedule', async () => {
    await threshold(20);
    const saved = await schedule(CLASS_9B);
    const waiting = await runSchedule(env.store, saved.id, 'due', saved.runAt);
    expect(waiting.state).toBe('awaiting-confirmation');
    expect(await env.client.log({ operation: 'revoke' })).toEqual([]);
    const note = browserState.notifications.find((n) => n.id.endsWith(saved.id));
    expect(note?.options.message).toMatch(/^schedNotifyConfirm\|\d+\|Åk 9 slutar$/);
    expect(note?.options.buttons).toEqual([{ title: 'schedNotifyConfirmButton' }]);
    // A later due-check or alarm does not run it either.
    await runDueSchedules(env.store, saved.runAt + HOUR);
    expect(await env.client.log({ operation: 'revoke' })).toEqual([]);

    const { schedule: confirmed } = await handlers().confirmSchedule({ scheduleId: saved.id }, fromPage);
    expect(confirmed).toMatchObject({ state: 'ran' });
    expect(confirmed.confirmedAt).not.toBeNull();
    const [job] = await finishedJobs(confirmed);
    const matched = confirmed.lastRun?.schools[0]?.matched ?? 0;
    expect(matched).toBeGreaterThanOrEqual(20);
    expect(job).toMatchObject({ state: 'done', total: matched, label: 'Åk 9 slutar' });
    expect(revokedCounts(await env.client.log({ operation: 'revoke' })).size).toBe(matched);
  });

  it('waits for a sign-in when the session expired, and runs after it', async () => {
    await threshold(1_000);
    const saved = await schedule(CLASS_9B);
    await env.client.faults({ expireSessionAfterRequests: 0 });
    const waiting = await runSchedule(env.store, saved.id, 'due', saved.runAt);
    expect(waiting.state).toBe('awaiting-login');
    expect(waiting.message).toBe('schedNotifyLogin|Åk 9 slutar');
    expect(browserState.notifications.map((n) => n.options.message)).toEqual([
      'schedNotifyLogin|Åk 9 slutar',
    ]);

    await env.signIn();
    const [ran] = await runAwaitingLogin(env.store);
    expect(ran?.state).toBe('ran');
    const [job] = await finishedJobs(ran as Schedule);
    expect(job?.state).toBe('done');
    // No second "log in" notice (the job's own notice says it finished).
    expect(browserState.notifications.filter((n) => n.id.startsWith('licenskoll-schedule-'))).toHaveLength(1);
  });

  it('runs at the next start when its time passed while the browser was closed', async () => {
    await threshold(1_000);
    const saved = await schedule(CLASS_9B, { runAt: Date.now() + 2 * HOUR });
    expect(browserState.alarms.get(`licenskoll-schedule:${saved.id}`)).toEqual({ when: saved.runAt });
    // Started before its time: nothing happens.
    expect(await runDueSchedules(env.store, saved.runAt - HOUR)).toEqual([]);
    // The computer was off at the time; the browser starts a day later.
    const [ran] = await runDueSchedules(env.store, saved.runAt + 24 * HOUR);
    expect(ran?.state).toBe('ran');
    expect(browserState.alarms.has(`licenskoll-schedule:${saved.id}`)).toBe(false);
    const [job] = await finishedJobs(ran as Schedule);
    expect(job?.state).toBe('done');
  });

  it('never runs twice for one due time (its alarm and the start-up check at once, and again later)', async () => {
    await threshold(1_000);
    const saved = await schedule(CLASS_9B);
    const at = saved.runAt + 1;
    const [fromAlarm, fromStart] = await Promise.all([
      runSchedule(env.store, saved.id, 'due', at),
      runDueSchedules(env.store, at),
    ]);
    expect(fromAlarm.state).toBe('ran');
    expect(fromStart.map((s) => s.state)).toEqual(['ran']);
    await finishedJobs(fromAlarm);
    // Late comers find it ran, also one with run-state of its own (as a restarted worker would be).
    const { runSchedule: elsewhere } = await anotherWorker('restarted');
    expect((await elsewhere(env.store, saved.id, 'due', at)).state).toBe('ran');
    await runSchedule(env.store, saved.id, 'due', at);
    await runDueSchedules(env.store, at + HOUR);
    const jobs = await env.store.getAll('jobs');
    expect(jobs).toHaveLength(1);
    const counts = revokedCounts(await env.client.log({ operation: 'revoke' }));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.size).toBe(jobs[0]?.total);
  });

  it('two runners that both resolved it start its jobs once (the move to "ran" is guarded)', async () => {
    await threshold(1_000);
    const saved = await schedule(CLASS_9B);
    const { runSchedule: elsewhere } = await anotherWorker('second');
    const both = await Promise.all([
      runSchedule(env.store, saved.id, 'due', saved.runAt),
      elsewhere(env.store, saved.id, 'due', saved.runAt),
    ]);
    expect(both.map((s) => s.state)).toEqual(['ran', 'ran']);
    expect(await env.store.count('jobs')).toBe(1);
    await finishedJobs((await env.store.get('schedules', saved.id)) as Schedule);
  });

  it('runs one job per school, each with its own outcome, and a failing school does not stop the other', async () => {
    await env.signIn('ORG_ADMIN');
    await threshold(100_000);
    const left: ViewFilters = { ...NO_VIEW_FILTERS, leftOnly: true };
    const both = await schedule(left, { toolIds: null, schoolIds: [DEMO_SCHOOL_ID, OTHER_SCHOOL_ID] });
    const ran = await runSchedule(env.store, both.id, 'due', both.runAt);
    expect(ran.state).toBe('ran');
    expect(ran.lastRun?.schools.map((s) => s.schoolId)).toEqual([DEMO_SCHOOL_ID, OTHER_SCHOOL_ID]);
    const jobs = await finishedJobs(ran);
    expect(jobs.map((j) => j?.schoolId)).toEqual([DEMO_SCHOOL_ID, OTHER_SCHOOL_ID]);
    for (const [i, school] of (ran.lastRun?.schools ?? []).entries()) {
      expect(school.matched).toBeGreaterThan(0);
      expect(school.error).toBeNull();
      expect(jobs[i]).toMatchObject({ state: 'done', total: school.matched });
    }

    // Norrbyskolan answers 403 now: Demoskolan's part still runs.
    env.intercept = (url, _init, pass) =>
      url.includes(`/schools/${OTHER_SCHOOL_ID}/`)
        ? Promise.resolve(
            new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'not yours' } }), {
              status: 403,
              headers: { 'content-type': 'application/json' },
            }),
          )
        : pass();
    await env.client.reset();
    const again = await schedule(left, { toolIds: null, schoolIds: [DEMO_SCHOOL_ID, OTHER_SCHOOL_ID] });
    const partly = await runSchedule(env.store, again.id, 'now');
    expect(partly.state).toBe('ran');
    const [demo, other] = partly.lastRun?.schools ?? [];
    expect(demo).toMatchObject({ schoolId: DEMO_SCHOOL_ID, error: null });
    expect(demo?.jobId).not.toBeNull();
    expect(other).toMatchObject({ schoolId: OTHER_SCHOOL_ID, jobId: null, matched: 0 });
    expect(other?.error).toBeTruthy();
    await finishedJobs(partly);
  });

  it('journals the run, and undo gives every license back', async () => {
    await threshold(1_000);
    const saved = await schedule(CLASS_9B);
    const before = await sandboxHolders(BIG_TOOL_ID);
    const ran = await runSchedule(env.store, saved.id, 'due', saved.runAt);
    const [job] = await finishedJobs(ran);
    const withdrawn = await itemAssignees(job?.id ?? '');
    expect(withdrawn.length).toBeGreaterThan(0);
    expect(await env.store.countFromIndex('journal', 'byJobAssignment', journalKeys(job?.id ?? ''))).toBe(
      withdrawn.length,
    );
    expect([...(await sandboxHolders(BIG_TOOL_ID))].filter((id) => withdrawn.includes(id))).toEqual([]);

    const undo = await createUndoJob(env.store, job?.id ?? '');
    await runJob(env.store, undo.id);
    expect(await env.store.get('jobs', undo.id)).toMatchObject({ state: 'done' });
    expect(await sandboxHolders(BIG_TOOL_ID)).toEqual(before);
  });

  it('a zero match runs with nothing to do and starts no job', async () => {
    const saved = await schedule({ ...NO_VIEW_FILTERS, query: 'zzzingen-heter-så' });
    const ran = await runSchedule(env.store, saved.id, 'due', saved.runAt);
    expect(ran).toMatchObject({
      state: 'ran',
      lastRun: { schools: [{ matched: 0, jobId: null, error: null }] },
    });
    expect(await env.store.count('jobs')).toBe(0);
  });
});

describe('previewSchedule', () => {
  it('resolves fresh without changing anything', async () => {
    await threshold(20);
    const saved = await schedule(CLASS_9B);
    const preview = await handlers().previewSchedule({ scheduleId: saved.id }, fromPage);
    expect(preview).toMatchObject({ scheduleId: saved.id, needsConfirmation: true, error: null });
    expect(preview.assignments).toBeGreaterThanOrEqual(20);
    expect(preview.people).toBeGreaterThan(0);
    expect(preview.people).toBeLessThanOrEqual(preview.assignments); // a teacher may hold two seats
    expect(preview.tools).toEqual([
      expect.objectContaining({ toolId: BIG_TOOL_ID, assignments: preview.assignments }),
    ]);
    expect(await env.store.get('schedules', saved.id)).toMatchObject({ state: 'scheduled' });
    expect(await env.client.log({ operation: 'revoke' })).toEqual([]);
  });
});

describe('page mode', () => {
  it('opens the tool page where it was seen, waits there, withdraws nothing, and hands the view over once', async () => {
    await threshold(1_000);
    const pageUrl = `${env.sandbox.url}/skoladmin/verktyg/${BIG_TOOL_ID}`;
    const tab = { id: 7, url: pageUrl };
    await pageHandlers(async () => env.store).reportPageFigures(
      {
        school: 'Demoskolan',
        figures: [
          { toolId: BIG_TOOL_ID, toolName: 'Matematik', assigned: 10, total: 20, source: 'tool-page' },
        ],
      },
      { tab, url: pageUrl } as never,
    );
    const saved = await schedule(CLASS_9B);
    browserState.local.set('forcePageMode', true);
    const waiting = await runSchedule(env.store, saved.id, 'due', saved.runAt);
    expect(waiting.state).toBe('awaiting-page');
    expect(browserState.tabs).toEqual([{ id: 100, url: pageUrl }]);
    expect(browserState.notifications.map((n) => n.options.message)).toEqual(['schedNotifyPage|Åk 9 slutar']);
    expect(await env.client.log({ operation: 'revoke' })).toEqual([]);
    expect(await env.store.count('jobs')).toBe(0);

    const opened = { tab: { id: 100, url: pageUrl }, url: pageUrl } as never;
    const other = { tab: { id: 101, url: pageUrl }, url: pageUrl } as never;
    expect(await handlers().takePendingView({}, other)).toEqual({ pending: null });
    expect(await handlers().takePendingView({}, opened)).toEqual({
      pending: { scheduleId: saved.id, toolId: BIG_TOOL_ID, filters: CLASS_9B },
    });
    expect(await handlers().takePendingView({}, opened)).toEqual({ pending: null });

    // The administrator confirms on that page: its withdrawal is journaled and the schedule has run.
    const entry = { name: 'Ada Elev', email: '', classes: ['9B'], assignmentId: null, licenseId: null };
    const { jobId } = await pageHandlers(async () => env.store).recordPageWithdrawal(
      { toolId: BIG_TOOL_ID, entries: [entry, { ...entry, name: 'Bo Elev' }] },
      opened,
    );
    expect(await env.store.get('schedules', saved.id)).toMatchObject({
      state: 'ran',
      lastRun: { schools: [expect.objectContaining({ jobId, matched: 2, error: null })] },
    });
    // The withdrawal's next batch joins its job: the schedule matched that many more.
    await pageHandlers(async () => env.store).recordPageWithdrawal(
      { toolId: BIG_TOOL_ID, entries: [{ ...entry, name: 'Cilla Elev' }], jobId },
      opened,
    );
    expect(await env.store.get('schedules', saved.id)).toMatchObject({
      lastRun: { schools: [expect.objectContaining({ jobId, matched: 3 })] },
    });
    // Another tab's page withdrawal changes no schedule.
    const again = await schedule(CLASS_9B);
    await pageHandlers(async () => env.store).recordPageWithdrawal(
      { toolId: BIG_TOOL_ID, entries: [entry] },
      other,
    );
    expect(await env.store.get('schedules', again.id)).toMatchObject({ state: 'scheduled' });
  });
});
