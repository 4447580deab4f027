// Alarms wake a stopped worker: a job tick while jobs are unfinished (resume; also a keep-alive),
// a periodic sync while the administrator is signed in, and one alarm per scheduled withdrawal at
// its time (`licenskoll-schedule:<id>`). Chrome's minimum period is 30 s.
import browser from 'webextension-polyfill';

export const JOB_ALARM = 'licenskoll-jobs';
export const SYNC_ALARM = 'licenskoll-sync';
const JOB_PERIOD_MINUTES = 0.5;
const SYNC_PERIOD_MINUTES = 15;

export async function ensureJobAlarm(): Promise<void> {
  if (!(await browser.alarms.get(JOB_ALARM))) {
    browser.alarms.create(JOB_ALARM, {
      periodInMinutes: JOB_PERIOD_MINUTES,
      delayInMinutes: JOB_PERIOD_MINUTES,
    });
  }
}

export async function clearJobAlarm(): Promise<void> {
  await browser.alarms.clear(JOB_ALARM);
}

export async function ensureSyncAlarm(): Promise<void> {
  if (!(await browser.alarms.get(SYNC_ALARM))) {
    browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
  }
}

/** One alarm per schedule, named with this prefix and the schedule's id. */
export const SCHEDULE_ALARM_PREFIX = 'licenskoll-schedule:';

/** Sets (or moves) a schedule's alarm to `when`; a time already passed fires at once. */
export function setScheduleAlarm(scheduleId: string, when: number): void {
  browser.alarms.create(`${SCHEDULE_ALARM_PREFIX}${scheduleId}`, { when });
}

export async function clearScheduleAlarm(scheduleId: string): Promise<void> {
  await browser.alarms.clear(`${SCHEDULE_ALARM_PREFIX}${scheduleId}`);
}

/**
 * Routes fired alarms: by exact name, or by a name's prefix (the handler gets the rest of the
 * name, e.g. a schedule's id).
 */
export function onAlarm(
  handlers: Record<string, () => Promise<void>>,
  byPrefix: Record<string, (rest: string) => Promise<void>> = {},
): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    const exact = handlers[alarm.name];
    const prefix = exact ? undefined : Object.keys(byPrefix).find((p) => alarm.name.startsWith(p));
    const run = exact
      ? exact()
      : prefix !== undefined
        ? byPrefix[prefix]?.(alarm.name.slice(prefix.length))
        : undefined;
    run?.catch((error: unknown) => console.warn(`[Licenskoll] alarm ${alarm.name}`, error));
  });
}
