// The background service worker: the only context that calls the license API and writes the store.
// Top level runs on every start, so it resumes unfinished jobs (the worker may have been stopped).

import browser from 'webextension-polyfill';
import { setBroadcastOrigins } from './messaging/broadcast.ts';
import {
  clearJobAlarm,
  ensureJobAlarm,
  ensureSyncAlarm,
  JOB_ALARM,
  onAlarm,
  SCHEDULE_ALARM_PREFIX,
  SYNC_ALARM,
} from './platform/alarms.ts';
import './platform/commands.ts'; // the browser commands: focus-search to the active tab, undo the last job
import { storeProvider } from './cache/store-provider.ts';
import { keepSummarySnapshot } from './cache/summary-snapshot.ts';
import { syncSchool } from './cache/sync.ts';
import { jobsInState, pruneFinishedJobs } from './jobs/job-store.ts';
import { resumePausedJobs, resumeRunningJobs } from './jobs/runner.ts';
import { createHandlers } from './messaging/handlers.ts';
import { listen } from './messaging/router.ts';
import {
  listenScheduleNotifications,
  runAwaitingLogin,
  runDueSchedules,
  runSchedule,
} from './plans/scheduler.ts';
import { startContentScripts } from './platform/content-scripts.ts';
import { trackUiPorts } from './platform/notify.ts';
import { onSignedIn, readSession } from './platform/session.ts';
import { loadSettings } from './platform/settings-store.ts';

/** The store, opened on first use; a failed or blocked open is tried again by the next caller. */
const store = storeProvider();

listen(createHandlers(store));
keepSummarySnapshot(store); // the popup's first paint, in storage.local
trackUiPorts(); // notifications only while no Licenskoll UI shows the job
listenScheduleNotifications(store); // a schedule's "Bekräfta" button (Chromium) and clicks
startContentScripts(async () => (await loadSettings(await store())).origins); // sync now and on permission changes

onSignedIn(() => {
  store()
    .then((s) => resumePausedJobs(s, ['session-expired']))
    .catch(() => undefined);
  store()
    .then(runAwaitingLogin) // scheduled withdrawals that fell due while the session had expired
    .catch(() => undefined);
  ensureSyncAlarm().catch(() => undefined);
});

onAlarm(
  {
    async [JOB_ALARM]() {
      const s = await store();
      await resumePausedJobs(s); // offline and server-busy pass by themselves
      await resumeRunningJobs(s);
      await pruneFinishedJobs(s);
      const unfinished = (await jobsInState(s, 'running')).length + (await jobsInState(s, 'paused')).length;
      if (unfinished === 0) await clearJobAlarm();
    },
    async [SYNC_ALARM]() {
      const s = await store();
      if ((await readSession(s))?.status !== 'signed-in') return;
      await syncSchool(s, {});
    },
  },
  {
    // A scheduled withdrawal's time (plans/scheduler.ts): resolved fresh, then run or made to wait.
    async [SCHEDULE_ALARM_PREFIX](scheduleId) {
      await runSchedule(await store(), scheduleId, 'due');
    },
  },
);

/** Schedules whose time passed while the browser was closed (their alarm may never fire). */
const runDue = () => {
  store()
    .then((s) => runDueSchedules(s, Date.now()))
    .catch((error: unknown) => console.warn('[Licenskoll] due schedules', error));
};
browser.runtime.onStartup.addListener(runDue);

async function start(): Promise<void> {
  const s = await store();
  setBroadcastOrigins((await loadSettings(s)).origins);
  if ((await jobsInState(s, 'running')).length > 0) await ensureJobAlarm();
  await resumeRunningJobs(s);
  runDue();
  // Finished jobs older than 90 days go (their journal stays).
  await pruneFinishedJobs(s).catch((error: unknown) => console.warn('[Licenskoll] pruning jobs', error));
}

start().catch((error: unknown) => console.error('[Licenskoll] start failed', error));
