// The scheduler: a schedule falls due (its alarm, or the first start after its time when the
// computer was off), is resolved again against FRESH data (people who joined the class since are
// in, people who left it are out), and then either waits (a sign-in, a confirmation above the
// threshold, or the administrator on the tool's page in page mode) or runs: one job per school
// through the ordinary withdrawal path, so it is journaled and undoable like any other.
//
// A schedule runs once per due time: the move to 'ran' is one IndexedDB transaction that checks
// the schedule is still as the run found it, before any job starts; the alarm and a worker start
// that both find it due resolve it at most twice and start its jobs once.
import browser from 'webextension-polyfill';
import { t } from '../../shared/i18n.ts';
import { initLanguage } from '../../shared/language-choice.ts';
import { factsOf, matchesView, type Schedule, type SchedulePreview } from '../../shared/plans.ts';
import type { Store } from '../../shared/store.ts';
import { stripBidi } from '../../shared/ui/text.ts';
import { isSessionExpired } from '../api/license-api.ts';
import { syncAssignments, syncSchool } from '../cache/sync.ts';
import { runJob } from '../jobs/runner.ts';
import { startWithdrawal } from '../jobs/withdraw.ts';
import { ensureJobAlarm } from '../platform/alarms.ts';
import { apiPresence, modeFor } from '../platform/discovery.ts';
import { apiFor } from '../platform/session.ts';
import { loadSettings } from '../platform/settings-store.ts';
import { rememberPendingView, takePageRun } from './pending-views.ts';
import { getSchedule, listSchedules, updateSchedule } from './schedules.ts';

/** An alarm may fire a little before its time; never a schedule moved later since. */
const ALARM_EARLY_MS = 60_000;
/** Page mode opens at most this many tool pages for one schedule. */
const MAX_PAGE_TABS = 10;

interface SchoolResolution {
  schoolId: string;
  selections: { toolId: string; assignmentIds: string[] }[];
  matched: number;
  people: Set<string>;
  tools: Map<string, { toolName: string; assignments: number }>;
  error: string | null;
}

type Resolution =
  | { kind: 'login'; detail: string }
  | { kind: 'page'; detail: string }
  | { kind: 'resolved'; schools: SchoolResolution[] };

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One school: its tools and the relevant tools' assignments read again, then the rule applied. */
async function resolveSchool(store: Store, schedule: Schedule, schoolId: string): Promise<SchoolResolution> {
  const api = await apiFor(store, schedule.origin);
  // The tool list only (which tools hold licenses): the rule needs assignments, not seat counts.
  await syncSchool(store, { schoolId, fresh: true, details: false }, schedule.origin);
  const all = await store.getAllFromIndex('tools', 'bySchool', schoolId);
  const wanted = schedule.toolIds;
  const tools =
    wanted === null
      ? all.filter((tool) => tool.toolType === 'INTEGRATED')
      : all.filter((t) => wanted.includes(t.id));
  await Promise.all(
    tools.map((tool) => syncAssignments(store, api, schoolId, tool.id, undefined, { fresh: true })),
  );
  const people = schedule.people === null ? null : new Set(schedule.people.map((p) => `${p.type}|${p.id}`));
  const result: SchoolResolution = {
    schoolId,
    selections: [],
    matched: 0,
    people: new Set(),
    tools: new Map(),
    error: null,
  };
  for (const tool of tools) {
    const assignments = (await store.getAllFromIndex('assignments', 'byTool', [schoolId, tool.id])).filter(
      (a) =>
        (people === null || people.has(`${a.assignee.type}|${a.assignee.id}`)) &&
        matchesView(factsOf(a.assignee), schedule.filters),
    );
    if (assignments.length === 0) continue;
    result.selections.push({ toolId: tool.id, assignmentIds: assignments.map((a) => a.id) });
    result.tools.set(tool.id, { toolName: tool.name, assignments: assignments.length });
    result.matched += assignments.length;
    for (const a of assignments) result.people.add(`${a.assignee.type}|${a.assignee.id}`);
  }
  return result;
}

/** What the schedule would withdraw now, per school; or why it cannot be resolved here. */
async function resolve(store: Store, schedule: Schedule): Promise<Resolution> {
  let mode = await modeFor(store, schedule.origin);
  if (mode.mode === 'page' && mode.reason === 'session-expired') {
    // The last probe said "expired", but this may run because of a sign-in since: ask again.
    await apiPresence(store, schedule.origin, { force: true });
    mode = await modeFor(store, schedule.origin);
  }
  if (mode.mode === 'page') {
    return mode.reason === 'session-expired'
      ? { kind: 'login', detail: 'session expired' }
      : { kind: 'page', detail: mode.reason ?? 'page mode' };
  }
  const schools: SchoolResolution[] = [];
  for (const schoolId of schedule.schoolIds) {
    try {
      schools.push(await resolveSchool(store, schedule, schoolId));
    } catch (error) {
      if (isSessionExpired(error)) return { kind: 'login', detail: describe(error) };
      // One school that fails does not stop the others.
      schools.push({
        schoolId,
        selections: [],
        matched: 0,
        people: new Set(),
        tools: new Map(),
        error: describe(error),
      });
    }
  }
  return { kind: 'resolved', schools };
}

const matchedIn = (schools: SchoolResolution[]) => schools.reduce((n, s) => n + s.matched, 0);

/** A fresh resolution without running anything (the popup's preview). */
export async function previewSchedule(
  store: Store,
  scheduleId: string,
  now = Date.now(),
): Promise<SchedulePreview> {
  const schedule = await getSchedule(store, scheduleId);
  const settings = await loadSettings(store);
  const preview: SchedulePreview = {
    scheduleId,
    people: 0,
    assignments: 0,
    tools: [],
    needsConfirmation: false,
    error: null,
    resolvedAt: now,
  };
  let resolution: Resolution;
  try {
    resolution = await resolve(store, schedule);
  } catch (error) {
    preview.error = describe(error);
    return preview;
  }
  if (resolution.kind !== 'resolved') {
    preview.error = resolution.kind === 'login' ? 'session-expired' : `page mode: ${resolution.detail}`;
    return preview;
  }
  const people = new Set<string>();
  const tools = new Map<string, SchedulePreview['tools'][number]>();
  for (const school of resolution.schools) {
    for (const person of school.people) people.add(person);
    for (const [toolId, { toolName, assignments }] of school.tools) {
      const entry = tools.get(toolId) ?? { toolId, toolName, assignments: 0 };
      entry.assignments += assignments;
      tools.set(toolId, entry);
    }
  }
  preview.people = people.size;
  preview.assignments = matchedIn(resolution.schools);
  preview.tools = [...tools.values()].sort((a, b) => b.assignments - a.assignments);
  preview.needsConfirmation =
    preview.assignments >= settings.confirmThreshold && schedule.confirmedAt === null;
  const failed = resolution.schools.filter((s) => s.error !== null);
  if (failed.length > 0) preview.error = failed.map((s) => `${s.schoolId}: ${s.error}`).join('; ');
  return preview;
}

/** Why a run was asked for; each may start only from the states it names. */
type Trigger = 'due' | 'now' | 'login' | 'confirmed';

function mayStart(schedule: Schedule, trigger: Trigger, now: number): boolean {
  switch (trigger) {
    case 'due':
      return schedule.state === 'scheduled' && schedule.runAt <= now + ALARM_EARLY_MS;
    case 'login':
      return schedule.state === 'awaiting-login';
    case 'confirmed':
      return schedule.state !== 'ran' && schedule.state !== 'paused' && schedule.confirmedAt !== null;
    case 'now':
      return schedule.state !== 'ran';
  }
}

/** One run of a schedule at a time in this worker (the alarm and a start may both find it due). */
const inFlight = new Map<string, Promise<Schedule>>();

/**
 * Runs a schedule if `trigger` may start it: resolves it fresh, then waits (login, page,
 * confirmation) or starts one job per school. Answers the schedule as stored afterwards.
 */
export function runSchedule(
  store: Store,
  scheduleId: string,
  trigger: Trigger,
  now = Date.now(),
): Promise<Schedule> {
  const running = inFlight.get(scheduleId);
  if (running) return running;
  const work = drive(store, scheduleId, trigger, now).finally(() => inFlight.delete(scheduleId));
  inFlight.set(scheduleId, work);
  return work;
}

async function drive(store: Store, scheduleId: string, trigger: Trigger, now: number): Promise<Schedule> {
  const seen = await getSchedule(store, scheduleId);
  if (!mayStart(seen, trigger, now)) return seen;
  const [resolution, settings] = await Promise.all([resolve(store, seen), loadSettings(store)]);
  // Every change below is refused if the schedule moved meanwhile (edited, paused, ran, deleted).
  const unchanged = (s: Schedule) => s.state === seen.state && s.updatedAt === seen.updatedAt;
  const wait = async (state: 'awaiting-login' | 'awaiting-page' | 'awaiting-confirmation', count = 0) => {
    await initLanguage().catch(() => undefined);
    const message = waitingText(state, seen.name, count);
    const { schedule, changed } = await updateSchedule(store, scheduleId, (s) =>
      unchanged(s) ? { ...s, state, message } : null,
    );
    if (changed && (seen.state !== state || trigger === 'now')) {
      if (state === 'awaiting-page') await openPages(store, schedule);
      await notifyWaiting(schedule, state, message);
    }
    return schedule;
  };
  if (resolution.kind === 'login') return wait('awaiting-login');
  if (resolution.kind === 'page') return wait('awaiting-page');
  const matched = matchedIn(resolution.schools);
  if (matched >= settings.confirmThreshold && seen.confirmedAt === null)
    return wait('awaiting-confirmation', matched);

  // The one move to 'ran', checked and written in one transaction before any job starts.
  const at = Date.now();
  const schools = resolution.schools.map((s) => ({
    schoolId: s.schoolId,
    jobId: null,
    matched: s.matched,
    error: s.error,
  }));
  const claimed = await updateSchedule(store, scheduleId, (s) =>
    unchanged(s) ? { ...s, state: 'ran', message: null, lastRun: { at, schools } } : null,
  );
  if (!claimed.changed) return claimed.schedule;
  const outcomes: NonNullable<Schedule['lastRun']>['schools'] = [];
  for (const school of resolution.schools) {
    if (school.error !== null || school.selections.length === 0) {
      outcomes.push({ schoolId: school.schoolId, jobId: null, matched: school.matched, error: school.error });
      continue;
    }
    try {
      const job = await startWithdrawal(
        store,
        { schoolId: school.schoolId, selections: school.selections, label: seen.name },
        seen.origin,
      );
      await ensureJobAlarm();
      void runJob(store, job.id);
      outcomes.push({ schoolId: school.schoolId, jobId: job.id, matched: school.matched, error: null });
    } catch (error) {
      outcomes.push({
        schoolId: school.schoolId,
        jobId: null,
        matched: school.matched,
        error: describe(error),
      });
    }
  }
  const { schedule } = await updateSchedule(store, scheduleId, (s) =>
    s.lastRun?.at === at ? { ...s, lastRun: { at, schools: outcomes } } : null,
  );
  return schedule;
}

/**
 * The due-check: every 'scheduled' schedule whose time has come (at a worker start and on the
 * browser's start, when its alarm may have been missed while the computer was off).
 */
export async function runDueSchedules(store: Store, now = Date.now()): Promise<Schedule[]> {
  const due = (await listSchedules(store)).filter((s) => s.state === 'scheduled' && s.runAt <= now);
  return Promise.all(due.map((s) => runSchedule(store, s.id, 'due', now)));
}

/** After a sign-in: the schedules that waited for one. */
export async function runAwaitingLogin(store: Store): Promise<Schedule[]> {
  const waiting = (await listSchedules(store)).filter((s) => s.state === 'awaiting-login');
  return Promise.all(waiting.map((s) => runSchedule(store, s.id, 'login')));
}

/** The administrator confirmed a run above the threshold: it runs, resolved fresh once more. */
export async function confirmSchedule(store: Store, scheduleId: string, now = Date.now()): Promise<Schedule> {
  await updateSchedule(
    store,
    scheduleId,
    (s) => {
      if (s.state === 'ran') throw new Error('the schedule has already run');
      if (s.state !== 'awaiting-confirmation')
        throw new Error('the schedule does not wait for a confirmation');
      return { ...s, confirmedAt: now };
    },
    now,
  );
  return runSchedule(store, scheduleId, 'confirmed', now);
}

/**
 * Page mode: the administrator confirmed on a page a schedule had opened with its view, and the
 * page's own "Dra tillbaka" withdrew `recorded` people (journaled as `jobId`): the schedule has run.
 */
export async function pageRunRecorded(
  store: Store,
  tabId: number | undefined,
  run: { schoolId: string; jobId: string; recorded: number },
): Promise<void> {
  const scheduleId = tabId === undefined ? null : await takePageRun(tabId);
  if (scheduleId === null) return;
  const at = Date.now();
  await updateSchedule(store, scheduleId, (s) =>
    s.state === 'awaiting-page'
      ? {
          ...s,
          state: 'ran',
          message: null,
          lastRun: {
            at,
            schools: [{ schoolId: run.schoolId, jobId: run.jobId, matched: run.recorded, error: null }],
          },
        }
      : null,
  ).catch(() => undefined); // deleted meanwhile: the journal still holds the withdrawal
}

/** A later batch of the same page withdrawal: the schedule that ran as that job matched more. */
export async function pageRunContinued(store: Store, jobId: string, recorded: number): Promise<void> {
  const ran = (await store.getAll('schedules')).filter((s) =>
    s.lastRun?.schools.some((school) => school.jobId === jobId),
  );
  for (const { id } of ran) {
    await updateSchedule(store, id, (s) =>
      s.lastRun
        ? {
            ...s,
            lastRun: {
              ...s.lastRun,
              schools: s.lastRun.schools.map((school) =>
                school.jobId === jobId ? { ...school, matched: school.matched + recorded } : school,
              ),
            },
          }
        : null,
    ).catch(() => undefined); // deleted meanwhile: the journal still holds the withdrawal
  }
}

// --- waiting: its words, its notification, its pages ---------------------------------------------

function waitingText(
  state: 'awaiting-login' | 'awaiting-page' | 'awaiting-confirmation',
  name: string,
  count: number,
): string {
  const clean = stripBidi(name);
  if (state === 'awaiting-login') return t('schedNotifyLogin', clean);
  if (state === 'awaiting-page') return t('schedNotifyPage', clean);
  return t('schedNotifyConfirm', count, clean);
}

const NOTIFICATION_PREFIX = 'licenskoll-schedule-';
const CONFIRM_NOTIFICATION = `${NOTIFICATION_PREFIX}confirm:`;

/** Firefox's notifications have no buttons: its administrators confirm in the popup. */
const hasNotificationButtons = () => {
  try {
    return !browser.runtime.getURL('').startsWith('moz-extension:');
  } catch {
    return false;
  }
};

async function notifyWaiting(schedule: Schedule, state: Schedule['state'], message: string): Promise<void> {
  const confirm = state === 'awaiting-confirmation';
  const id = confirm
    ? `${CONFIRM_NOTIFICATION}${schedule.id}`
    : `${NOTIFICATION_PREFIX}${state}:${schedule.id}`;
  await browser.notifications
    .create(id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title: t('schedNotifyTitle'),
      message,
      ...(confirm && hasNotificationButtons() ? { buttons: [{ title: t('schedNotifyConfirmButton') }] } : {}),
    })
    .catch((error: unknown) => console.warn('[Licenskoll] schedule notification failed', error));
}

/** The tool's license page where it was last seen (else the Skolon's start page), per tool. */
async function pageUrl(store: Store, origin: string, toolId: string | null): Promise<string> {
  if (toolId === null) return `${origin}/`;
  const seen = (await store.getAllFromIndex('pageFigures', 'byOrigin', origin))
    .filter((f) => f.toolId === toolId && f.url !== undefined && f.url.startsWith(`${origin}/`))
    .sort((a, b) => b.seenAt - a.seenAt)[0];
  return seen?.url ?? `${origin}/`;
}

/** Page mode: a tab per tool with the view waiting for it; the administrator confirms there. */
async function openPages(store: Store, schedule: Schedule): Promise<void> {
  const toolIds = schedule.toolIds === null ? [null] : schedule.toolIds.slice(0, MAX_PAGE_TABS);
  for (const toolId of toolIds) {
    try {
      const tab = await browser.tabs.create({
        url: await pageUrl(store, schedule.origin, toolId),
        active: true,
      });
      if (tab.id === undefined) continue;
      await rememberPendingView(tab.id, {
        scheduleId: schedule.id,
        toolId,
        filters: schedule.filters,
        origin: schedule.origin,
      });
    } catch (error) {
      console.warn('[Licenskoll] opening the tool page failed', error);
    }
  }
}

type ActionApi = { openPopup?: () => Promise<void> };

/** The notification's button confirms (Chromium); a click on it opens the popup where it can. */
export function listenScheduleNotifications(store: () => Promise<Store>): void {
  browser.notifications.onButtonClicked?.addListener((notificationId, buttonIndex) => {
    if (!notificationId.startsWith(CONFIRM_NOTIFICATION) || buttonIndex !== 0) return;
    const scheduleId = notificationId.slice(CONFIRM_NOTIFICATION.length);
    void browser.notifications.clear(notificationId).catch(() => undefined);
    store()
      .then((s) => confirmSchedule(s, scheduleId))
      .catch((error: unknown) => console.warn('[Licenskoll] confirming the schedule failed', error));
  });
  browser.notifications.onClicked.addListener((notificationId) => {
    if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return;
    try {
      const action = (browser as unknown as { action?: ActionApi }).action;
      action?.openPopup?.().catch(() => undefined);
    } catch {
      // Not offered here (older browsers, or no user gesture): the notification stays the pointer.
    }
  });
}
