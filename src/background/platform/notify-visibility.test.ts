// Notifications appear only when no Licenskoll UI shows the job: the license page's result card
// counts for the one job it shows (it says which over its port), the popup for all.
import { describe, expect, it, vi } from 'vitest';
import { sameFakeAsPolyfill } from '../../../test/support/extension-api.ts';
import { emptyCounts, type Job } from '../../shared/jobs-model.ts';

type Listener = (...args: unknown[]) => void;
const connectListeners: Listener[] = [];
const created: { id: string; message: string }[] = [];
const sessionArea = new Map<string, unknown>();
const area = {
  get: async (key: string) => (sessionArea.has(key) ? { [key]: sessionArea.get(key) } : {}),
  set: async (items: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(items)) sessionArea.set(k, v);
  },
};
vi.mock('../../shared/extension-api.ts', () => sameFakeAsPolyfill());
vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: { getMessage: (key: string, subs: string[] = []) => [key, ...subs].join('|') },
    runtime: {
      onConnect: { addListener: (l: Listener) => connectListeners.push(l) },
      getURL: (p: string) => p,
    },
    storage: { session: area, local: area },
    notifications: {
      create: async (id: string, options: { message: string }) => {
        created.push({ id, message: options.message });
        return id;
      },
    },
  },
}));
vi.mock('../../shared/language-choice.ts', async (original) => ({
  ...(await original<typeof import('../../shared/language-choice.ts')>()),
  initLanguage: async () => undefined,
}));
const { jobStartedFrom, notifyJobChanged, notificationFor, trackUiPorts } = await import('./notify.ts');

function fakePort(name: string, tabId?: number) {
  const onMessage: Listener[] = [];
  const onDisconnect: Listener[] = [];
  return {
    name,
    sender: tabId === undefined ? {} : { tab: { id: tabId } },
    onMessage: { addListener: (l: Listener) => onMessage.push(l) },
    onDisconnect: { addListener: (l: Listener) => onDisconnect.push(l) },
    say: (m: unknown) => {
      for (const l of onMessage) l(m);
    },
    close: () => {
      for (const l of onDisconnect) l();
    },
  };
}

const job = (id: string, patch: Partial<Job> = {}): Job => ({
  id,
  kind: 'withdraw',
  schoolId: 's',
  origin: 'https://app.skolon.com',
  label: 'Matematik',
  state: 'done',
  pauseReason: null,
  message: null,
  createdAt: 0,
  updatedAt: 0,
  finishedAt: 0,
  total: 1,
  counts: { ...emptyCounts(), revoked: 1 },
  outcomes: {},
  toolIds: [],
  undoOf: null,
  undoneBy: null,
  ...patch,
});

describe('notifications and the license page’s result card', () => {
  it('stay quiet for the job the card shows, and notify for any other job', async () => {
    trackUiPorts();
    const card = fakePort('licenskoll-ui:content');
    for (const l of connectListeners) l(card);
    card.say({ showing: 'shown' });
    await notifyJobChanged(job('shown'));
    expect(created).toEqual([]);
    await notifyJobChanged(job('other'));
    expect(created.map((c) => c.id)).toEqual(['licenskoll-job-other-done']);
    // The card closed: the job it showed is no longer seen.
    card.close();
    await notifyJobChanged(job('shown', { state: 'paused', pauseReason: 'session-expired' }));
    expect(created.map((c) => c.id)).toContain('licenskoll-job-shown-paused');
  });

  it('count the job a card is starting as shown, before the card knows its id, in its own tab only', async () => {
    trackUiPorts();
    created.length = 0;
    const card = fakePort('licenskoll-ui:content', 7);
    for (const l of connectListeners) l(card);
    // The card opened its port and said it is starting a job; the job ends before its id arrives.
    card.say({ showing: null, starting: true });
    jobStartedFrom('quick', { tab: { id: 7 } });
    jobStartedFrom('elsewhere', { tab: { id: 8 } });
    await notifyJobChanged(job('quick'));
    expect(created).toEqual([]);
    // Another tab's job is not the card's.
    await notifyJobChanged(job('elsewhere'));
    expect(created.map((c) => c.id)).toEqual(['licenskoll-job-elsewhere-done']);
    // Once the card names its job, a later job from the same tab is no longer covered by "starting".
    card.say({ showing: 'quick' });
    jobStartedFrom('next', { tab: { id: 7 } });
    await notifyJobChanged(job('next'));
    expect(created.map((c) => c.id)).toContain('licenskoll-job-next-done');
    // The tab closed while it was starting one: that job notifies.
    card.say({ showing: null, starting: true });
    jobStartedFrom('left', { tab: { id: 7 } });
    card.close();
    await notifyJobChanged(job('left'));
    expect(created.map((c) => c.id)).toContain('licenskoll-job-left-done');
  });

  it('drop bidi controls from the text and name a busy server', () => {
    const text = notificationFor(job('x', { label: '\u202Eevil\u202C' }), 'done').message;
    expect(text).toBe('notifyJobDone|evil|1|1|0');
    const busy = job('y', { state: 'paused', pauseReason: 'server-busy' as Job['pauseReason'] });
    expect(notificationFor(busy, 'paused').message).toBe('jobPausedBusy');
  });
});
