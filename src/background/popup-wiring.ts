// The popup's part of the worker: notifications while no Licenskoll UI is visible, and the
// "undo the last job" keyboard command. Wired from index.ts with one call.
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import type { Job } from '../shared/jobs-model.ts';
import type { Store } from '../shared/store.ts';
import { ensureJobAlarm } from './alarms.ts';
import { recentJobs } from './job-store.ts';
import { runJob } from './jobs.ts';
import { trackUiPorts } from './notify.ts';
import { createUndoJob } from './undo.ts';

export const UNDO_LAST_JOB_COMMAND = 'undo-last-job';

/** The newest finished withdrawal that revoked something and has not been undone. */
export function lastUndoable(jobs: Job[]): Job | null {
  return (
    [...jobs]
      .sort((a, b) => b.createdAt - a.createdAt)
      .find(
        (j) => j.kind === 'withdraw' && j.state === 'done' && j.undoneBy === null && j.counts.revoked > 0,
      ) ?? null
  );
}

export function startPopupServices(storePromise: Promise<Store>): void {
  trackUiPorts();
  browser.commands?.onCommand.addListener((command) => {
    if (command !== UNDO_LAST_JOB_COMMAND) return;
    undoLastJob(storePromise).catch((error: unknown) =>
      console.warn('[Licenskoll] undo command failed', error),
    );
  });
}

async function undoLastJob(storePromise: Promise<Store>): Promise<void> {
  const store = await storePromise;
  const target = lastUndoable(await recentJobs(store, 50));
  if (!target) {
    await browser.notifications.create('licenskoll-undo-nothing', {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title: t('extName'),
      message: t('notifyNothingToUndo'),
    });
    return;
  }
  const undo = await createUndoJob(store, target.id);
  await ensureJobAlarm();
  // The undo job reports through jobChanged like any job (and notifies when nobody sees it finish).
  void runJob(store, undo.id);
}
