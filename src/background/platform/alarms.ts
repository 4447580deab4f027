// Alarms wake a stopped worker: a job tick while jobs are unfinished (resume; also a keep-alive),
// and a periodic sync while the administrator is signed in. Chrome's minimum period is 30 s.
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

export function onAlarm(handlers: Record<string, () => Promise<void>>): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    handlers[alarm.name]?.().catch((error: unknown) =>
      console.warn(`[Licenskoll] alarm ${alarm.name}`, error),
    );
  });
}
