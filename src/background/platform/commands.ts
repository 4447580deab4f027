// Browser commands (manifest `commands`):
// - "focus-search" is relayed to the active tab's content script, which focuses Licenskoll's
//   search on the license page. Nobody listening is normal.
// - "undo-last-job" never undoes by itself: it picks the newest withdrawal of the last 24 hours
//   (never walking back to older ones when that one is undone already) and opens the popup on the
//   Jobb tab with that job's confirmation (what goes back, how many, how long ago). The popup is
//   the one confirmation that works in Chrome and Firefox alike: notification buttons exist only in
//   Chrome, while both open the popup from a command (action.openPopup, a user action); where that
//   is refused, the popup page opens in a small window instead. Firefox honours openPopup only in
//   the command's own synchronous handling, so there the popup opens first and receives the job
//   through storage (it listens while open). The undo itself then goes through createUndoJob,
//   which starts one job however often the key was pressed.
import browser from 'webextension-polyfill';
import { t } from '../../shared/i18n.ts';
import { canUndo, type Job } from '../../shared/jobs-model.ts';
import { CHANNEL, type EventMessage } from '../../shared/protocol/types.ts';
import { openStore, type Store } from '../../shared/store.ts';
import { UNDO_REQUEST_KEY, type UndoRequest } from '../../shared/ui/undo-request.ts';
import { recentJobs } from '../jobs/job-store.ts';
import { sandboxBuild } from './flavour.ts';

const FOCUS_SEARCH_COMMAND = 'focus-search';
const UNDO_LAST_JOB_COMMAND = 'undo-last-job';
/** The undo command reaches back one day at most. */
export const UNDO_COMMAND_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The job the undo command offers: the newest withdrawal of the last 24 hours, if it can be undone.
 * Once it is undone (or under way, or revoked nothing) there is nothing to offer: a second press
 * never reaches an older job.
 */
export function undoCommandTarget(jobs: readonly Job[], now: number): Job | null {
  const newest = jobs
    .filter((j) => j.kind === 'withdraw' && j.createdAt <= now && now - j.createdAt < UNDO_COMMAND_WINDOW_MS)
    .sort((a, b) => b.createdAt - a.createdAt)[0];
  return newest && canUndo(newest) ? newest : null;
}

let shared: Promise<Store> | null = null;
const sharedStore = () => {
  shared ??= openStore();
  return shared;
};
/** When the confirmation was last opened, per job: a second press within seconds opens nothing new. */
let lastOpened: { jobId: string; at: number } | null = null;
const REOPEN_AFTER_MS = 3_000;

type ActionApi = { openPopup?: () => Promise<void> };

const actionApi = () => (browser as unknown as { action?: ActionApi; browserAction?: ActionApi }).action;

/** Firefox: the popup must be opened before the first await of the command's handling. */
const opensOnlySynchronously = () => {
  try {
    return browser.runtime.getURL('').startsWith('moz-extension:');
  } catch {
    return false;
  }
};

function openPopupNow(): Promise<boolean> {
  try {
    const open = actionApi()?.openPopup;
    if (!open) return Promise.resolve(false);
    return open().then(
      () => true,
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  }
}

async function openUndoConfirmation(jobId: string, now: number, opened?: Promise<boolean>): Promise<void> {
  const area = browser.storage.session ?? browser.storage.local;
  await area.set({ [UNDO_REQUEST_KEY]: { jobId, at: now } satisfies UndoRequest });
  const since = lastOpened?.jobId === jobId ? now - lastOpened.at : Number.POSITIVE_INFINITY;
  const again = since >= 0 && since < REOPEN_AFTER_MS;
  lastOpened = { jobId, at: now };
  if (await (opened ?? openPopupNow())) return;
  if (again) return; // the window the first press opened is still coming up
  const manifest = browser.runtime.getManifest() as { action?: { default_popup?: string } };
  const page = manifest.action?.default_popup ?? 'src/popup/index.html';
  await browser.windows.create({
    url: browser.runtime.getURL(`${page}?undo=${encodeURIComponent(jobId)}`),
    type: 'popup',
    width: 420,
    height: 640,
  });
}

export async function undoLastJobCommand(
  now = Date.now(),
  store: () => Promise<Store> = sharedStore,
  opened?: Promise<boolean>,
): Promise<string | null> {
  const target = undoCommandTarget(await recentJobs(await store(), 50), now);
  if (!target) {
    await browser.notifications.create('licenskoll-undo-nothing', {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title: t('extName'),
      message: t('notifyNothingRecentToUndo'),
    });
    return null;
  }
  await openUndoConfirmation(target.id, now, opened);
  return target.id;
}

function focusSearch(): Promise<unknown> {
  return browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
    if (tab?.id !== undefined)
      return browser.tabs.sendMessage(tab.id, {
        channel: CHANNEL,
        event: 'focusSearch',
        payload: {},
      } satisfies EventMessage<'focusSearch'>);
  });
}

export function onCommand(command: string): Promise<unknown> {
  if (command === FOCUS_SEARCH_COMMAND) return focusSearch().catch(() => undefined);
  if (command === UNDO_LAST_JOB_COMMAND) {
    const opened = opensOnlySynchronously() ? openPopupNow() : undefined;
    return undoLastJobCommand(Date.now(), sharedStore, opened).catch((error: unknown) =>
      console.warn('[Licenskoll] undo command failed', error),
    );
  }
  return Promise.resolve();
}

browser.commands?.onCommand.addListener((command) => void onCommand(command));

// A command cannot be pressed in a headless test: the sandbox build lets the e2e tests press it.
if (sandboxBuild) (globalThis as { licenskollCommand?: typeof onCommand }).licenskollCommand = onCommand;
