// Notifications when a job finishes or pauses while no Licenskoll UI is on screen (if the popup,
// options page or the license page's panel is open, the administrator already sees it there).
import browser, { type Runtime } from 'webextension-polyfill';
import { type MessageKey, t } from '../../shared/i18n.ts';
import { jobProgress } from '../../shared/job-progress.ts';
import type { Job, JobState } from '../../shared/jobs-model.ts';
import { initLanguage } from '../../shared/language-choice.ts';
import { stripBidi } from '../../shared/ui/text.ts';
import { type ShowingMessage, UI_PORT_PREFIX } from '../../shared/ui/visibility.ts';
import { keepNewest } from './maps.ts';
import { sessionArea } from './session-area.ts';

/** The moments worth a notification: a job ends, or stops and needs the administrator. */
export type JobMoment = 'done' | 'paused' | null;

export function momentOf(previous: JobState | undefined, job: Pick<Job, 'state'>): JobMoment {
  if (previous === job.state) return null;
  if (job.state === 'done') return 'done';
  // A pause the administrator asked for needs no notification; the others do.
  if (job.state === 'paused') return 'paused';
  return null;
}

/** Why a job paused, in words; 'server-busy' comes from the runner (a 429 or 5xx that outlasts its retries). */
const PAUSE_TEXT: Record<string, MessageKey> = {
  'session-expired': 'jobPausedSession',
  'server-busy': 'jobPausedBusy',
  offline: 'jobPausedOffline',
  user: 'jobPausedUser',
};

export function notificationFor(
  job: Job,
  moment: Exclude<JobMoment, null>,
): { title: string; message: string } {
  const undo = job.kind === 'undo';
  const { changed: done, failed } = jobProgress(job);
  // A notification cannot isolate a name's direction: its bidi controls are dropped instead.
  const label = stripBidi(job.label ?? '');
  if (moment === 'done') {
    return {
      title: undo ? t('notifyUndoneTitle') : t('notifyJobDoneTitle'),
      message: stripBidi(t('notifyJobDone', label, done, job.total, failed)),
    };
  }
  const why = PAUSE_TEXT[job.pauseReason ?? 'offline'] ?? 'jobPausedOther';
  return { title: t('notifyJobPausedTitle'), message: stripBidi(t(why)) };
}

/** What a card's port says it shows, and the tab it is in. */
interface CardSees {
  showing: string | null;
  starting: boolean;
  tabId: number | undefined;
}

/**
 * Open Licenskoll UIs by port. The popup and options page show every job (all); the license page's
 * result card shows one job, which it names over its port ({ showing }). Before it knows that job's
 * id it says { starting: true }: the job its tab is starting then counts as shown, so a small job
 * that ends before the card names it is not notified as if nobody saw it.
 */
const openPorts = new Map<Runtime.Port, { all: true } | CardSees>();

/** The tab each job was started from (only jobs a license page started; in memory, like the ports). */
const startedInTab = new Map<string, number>();

export function trackUiPorts(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (!port.name.startsWith(UI_PORT_PREFIX)) return;
    const content = port.name === `${UI_PORT_PREFIX}content`;
    const tabId = port.sender?.tab?.id;
    openPorts.set(port, content ? { showing: null, starting: false, tabId } : { all: true });
    if (content)
      port.onMessage.addListener((message: unknown) => {
        const said = message as Partial<ShowingMessage> | null;
        const showing = said?.showing;
        if (typeof showing === 'string' || showing === null)
          openPorts.set(port, { showing, starting: said?.starting === true, tabId });
      });
    port.onDisconnect.addListener(() => openPorts.delete(port));
  });
}

/** A job started by a message from a tab (the license page's confirmation, retry or undo). */
export function jobStartedFrom(jobId: string, sender: { tab?: { id?: number } }): void {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return;
  startedInTab.set(jobId, tabId);
  // Only the latest jobs matter; a page starts a handful.
  keepNewest(startedInTab, 50);
}

/** Does an open port show this job (a popup or options page shows them all)? */
function portShowsJob(jobId: string): boolean {
  const tab = startedInTab.get(jobId);
  for (const seen of openPorts.values()) {
    if ('all' in seen || seen.showing === jobId) return true;
    if (seen.starting && tab !== undefined && seen.tabId === tab) return true;
  }
  return false;
}

type ContextsApi = { getContexts?: (filter: { contextTypes: string[] }) => Promise<unknown[]> };

/** Is a Licenskoll UI on screen that shows this job (the popup and options show all jobs)? */
async function anyUiVisible(jobId: string): Promise<boolean> {
  if (portShowsJob(jobId)) return true;
  const runtime = (globalThis as { chrome?: { runtime?: ContextsApi } }).chrome?.runtime;
  if (runtime?.getContexts) {
    // Chrome 116+: the popup and our pages in tabs (the options page opens in a tab).
    const contexts = await runtime
      .getContexts({ contextTypes: ['POPUP', 'TAB', 'SIDE_PANEL'] })
      .catch(() => []);
    return contexts.length > 0;
  }
  // Firefox's background page can list the extension's open views.
  const views = browser.extension?.getViews?.() ?? [];
  return views.some((view) => view !== (globalThis as unknown as Window));
}

/** Last state seen per job: in storage.session, so a restarted worker does not notify twice. */
const SEEN_KEY = 'notify.jobStates';

async function seenStates(): Promise<Record<string, JobState>> {
  return ((await sessionArea().get(SEEN_KEY))[SEEN_KEY] as Record<string, JobState> | undefined) ?? {};
}

async function remember(jobId: string, state: JobState): Promise<void> {
  const seen = await seenStates();
  seen[jobId] = state;
  // Keep the record small: only the latest 50 jobs matter.
  const entries = Object.entries(seen).slice(-50);
  await sessionArea().set({ [SEEN_KEY]: Object.fromEntries(entries) });
}

/** Call on every job change (the background does so where it broadcasts `jobChanged`). */
export async function notifyJobChanged(job: Job): Promise<void> {
  const previous = (await seenStates())[job.id];
  await remember(job.id, job.state);
  const moment = momentOf(previous, job);
  if (!moment || (moment === 'paused' && job.pauseReason === 'user')) return;
  if (await anyUiVisible(job.id)) return;
  await initLanguage();
  const { title, message } = notificationFor(job, moment);
  await browser.notifications
    .create(`licenskoll-job-${job.id}-${job.state}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title,
      message,
    })
    .catch((error: unknown) => console.warn('[Licenskoll] notification failed', error));
}
