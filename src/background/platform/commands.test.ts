// The undo-last-job command: it offers only the newest withdrawal of the last 24 hours, never an
// older one, and it undoes nothing itself: it opens the popup with that job's confirmation.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sameFakeAsPolyfill } from '../../../test/support/extension-api.ts';
import { emptyCounts, type Job } from '../../shared/jobs-model.ts';

const session = new Map<string, unknown>();
let extensionUrl = 'chrome-extension://own/';
const openPopup = vi.fn(async () => undefined);
const notifications: string[] = [];
const windows: string[] = [];
vi.mock('../../shared/extension-api.ts', () => sameFakeAsPolyfill());
vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: { getMessage: (key: string) => key },
    runtime: {
      id: 'own',
      getURL: (p: string) => `${extensionUrl}${p}`,
      getManifest: () => ({ action: { default_popup: 'src/popup/index.html' } }),
      sendMessage: async () => undefined,
    },
    commands: { onCommand: { addListener: () => undefined } },
    tabs: { query: async () => [], sendMessage: async () => undefined },
    storage: {
      session: {
        get: async (k: string) => (session.has(k) ? { [k]: session.get(k) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) session.set(k, v);
        },
      },
    },
    action: { openPopup },
    windows: {
      create: async ({ url }: { url: string }) => {
        windows.push(url);
      },
    },
    notifications: {
      create: async (id: string) => {
        notifications.push(id);
      },
    },
  },
}));

const { onCommand, undoCommandTarget, undoLastJobCommand, UNDO_COMMAND_WINDOW_MS } = await import(
  './commands.ts'
);
const { openStore } = await import('../../shared/store.ts');

const HOUR = 3_600_000;
const NOW = 100 * 24 * HOUR;
const job = (id: string, createdAt: number, patch: Partial<Job> = {}): Job => ({
  id,
  kind: 'withdraw',
  schoolId: 's',
  origin: 'https://app.skolon.com',
  label: id,
  state: 'done',
  pauseReason: null,
  message: null,
  createdAt,
  updatedAt: createdAt,
  finishedAt: createdAt,
  total: 1,
  counts: { ...emptyCounts(), revoked: 1 },
  outcomes: {},
  toolIds: ['t1'],
  undoOf: null,
  undoneBy: null,
  ...patch,
});

describe('the undo command’s target', () => {
  it('is the newest withdrawal of the last 24 hours', () => {
    const jobs = [job('old', NOW - 3 * HOUR), job('new', NOW - HOUR), job('an-undo', NOW, { kind: 'undo' })];
    expect(undoCommandTarget(jobs, NOW)?.id).toBe('new');
  });

  it('never reaches older than 24 hours', () => {
    expect(undoCommandTarget([job('yesterday', NOW - UNDO_COMMAND_WINDOW_MS - 1)], NOW)).toBeNull();
  });

  it('never walks back to an older job once the newest is undone (or still running)', () => {
    const older = job('older', NOW - 2 * HOUR);
    expect(undoCommandTarget([older, job('newest', NOW - HOUR, { undoneBy: 'u1' })], NOW)).toBeNull();
    expect(undoCommandTarget([older, job('newest', NOW - HOUR, { state: 'running' })], NOW)).toBeNull();
  });

  it('offers a cancelled withdrawal’s completed part', () => {
    expect(undoCommandTarget([job('c', NOW - HOUR, { state: 'cancelled' })], NOW)?.id).toBe('c');
  });
});

describe('pressing the undo command', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    session.clear();
    openPopup.mockClear();
    notifications.length = 0;
    windows.length = 0;
  });

  it('opens the popup with the confirmation and starts no undo job, however often it is pressed', async () => {
    const store = await openStore();
    await store.put('jobs', job('w1', NOW - HOUR));
    const [a, b] = await Promise.all([
      undoLastJobCommand(NOW, async () => store),
      undoLastJobCommand(NOW + 300, async () => store),
    ]);
    expect([a, b]).toEqual(['w1', 'w1']);
    expect(openPopup).toHaveBeenCalled();
    expect(session.get('licenskoll.undoRequest')).toMatchObject({ jobId: 'w1' });
    expect((await store.getAll('jobs')).filter((j) => j.kind === 'undo')).toEqual([]);
    expect((await store.get('jobs', 'w1'))?.undoneBy).toBeNull();
  });

  it('falls back to one popup window when the browser refuses to open the popup', async () => {
    openPopup.mockRejectedValue(new Error('no window'));
    const store = await openStore();
    await store.put('jobs', job('w1', NOW - HOUR));
    await undoLastJobCommand(NOW, async () => store);
    await undoLastJobCommand(NOW + 500, async () => store);
    expect(windows).toEqual(['chrome-extension://own/src/popup/index.html?undo=w1']);
    openPopup.mockReset();
  });

  it('says so when there is nothing from the last day to undo', async () => {
    const store = await openStore();
    await store.put('jobs', job('old', NOW - 2 * UNDO_COMMAND_WINDOW_MS));
    expect(await undoLastJobCommand(NOW, async () => store)).toBeNull();
    expect(notifications).toEqual(['licenskoll-undo-nothing']);
    expect(openPopup).not.toHaveBeenCalled();
  });

  it('in Firefox opens the popup within the command’s own handling, before looking for the job', async () => {
    extensionUrl = 'moz-extension://own/';
    try {
      const pressed = onCommand('undo-last-job');
      // Synchronously: Firefox honours openPopup only as part of the user action.
      expect(openPopup).toHaveBeenCalledOnce();
      await pressed;
    } finally {
      extensionUrl = 'chrome-extension://own/';
    }
  });
});
