// Saving, editing, pausing and deleting schedules: what is refused, the one alarm per schedule,
// and the order of the list.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const alarms = vi.hoisted(() => new Map<string, { when?: number }>());

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { id: 'own', sendMessage: async () => undefined },
    tabs: { query: async () => [], sendMessage: async () => undefined },
    alarms: {
      create: (name: string, info: { when?: number }) => {
        alarms.set(name, info);
      },
      clear: async (name: string) => alarms.delete(name),
    },
  },
}));

const { openStore } = await import('../../shared/store.ts');
const { NO_VIEW_FILTERS } = await import('../../shared/plans.ts');
const { deleteSchedule, listSchedules, pauseSchedule, saveSchedule, updateSchedule } = await import(
  './schedules.ts'
);
type Store = Awaited<ReturnType<typeof openStore>>;

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
const ORIGIN = 'https://app.skolon.com';
const context = { origin: ORIGIN, activeSchool: async () => 'school-demo', now: NOW };
const draft = (patch: Partial<Parameters<typeof saveSchedule>[1]> = {}) => ({
  name: 'Åk 9',
  filters: { ...NO_VIEW_FILTERS, classes: ['9A', '9B'] },
  viewId: null,
  people: null,
  toolIds: null,
  runAt: NOW + HOUR,
  ...patch,
});
const alarmOf = (id: string) => alarms.get(`licenskoll-schedule:${id}`);

let store: Store;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  alarms.clear();
  store = await openStore();
});

describe('saveSchedule', () => {
  it('stores a new schedule for the active school on the request origin, with its alarm at runAt', async () => {
    const saved = await saveSchedule(store, draft(), context);
    expect(saved).toMatchObject({
      origin: ORIGIN,
      schoolIds: ['school-demo'],
      state: 'scheduled',
      confirmedAt: null,
      lastRun: null,
      createdAt: NOW,
    });
    expect(alarmOf(saved.id)).toEqual({ when: NOW + HOUR });
  });

  it('refuses a time that has passed, and a rule that matches everyone unless people are named', async () => {
    await expect(saveSchedule(store, draft({ runAt: NOW }), context)).rejects.toThrow(/future/);
    await expect(saveSchedule(store, draft({ filters: NO_VIEW_FILTERS }), context)).rejects.toThrow(
      /matches everyone/,
    );
    const people = [{ type: 'USER' as const, id: 'u-1' }];
    await expect(
      saveSchedule(store, draft({ filters: NO_VIEW_FILTERS, people }), context),
    ).resolves.toMatchObject({ people });
    expect(await store.count('schedules')).toBe(1);
  });

  it('an edit starts over: scheduled again, its confirmation cleared, its alarm moved', async () => {
    const saved = await saveSchedule(store, draft(), context);
    await updateSchedule(store, saved.id, (s) => ({
      ...s,
      state: 'awaiting-confirmation',
      confirmedAt: NOW,
    }));
    const edited = await saveSchedule(store, draft({ id: saved.id, runAt: NOW + 2 * HOUR }), {
      ...context,
      origin: 'https://other.example',
    });
    expect(edited).toMatchObject({ state: 'scheduled', confirmedAt: null, origin: ORIGIN, createdAt: NOW });
    expect(edited.updatedAt).toBeGreaterThan(saved.updatedAt);
    expect(alarmOf(saved.id)).toEqual({ when: NOW + 2 * HOUR });
    await expect(saveSchedule(store, draft({ id: 'nope' }), context)).rejects.toThrow(/no schedule/);
  });
});

describe('pause, delete and list', () => {
  it('pauses (no alarm) and resumes (its alarm again; a passed time fires at once)', async () => {
    const saved = await saveSchedule(store, draft(), context);
    const paused = await pauseSchedule(store, saved.id, true, NOW);
    expect(paused.state).toBe('paused');
    expect(alarmOf(saved.id)).toBeUndefined();
    // An edit of a paused schedule stays paused.
    expect((await saveSchedule(store, draft({ id: saved.id }), context)).state).toBe('paused');
    const resumed = await pauseSchedule(store, saved.id, false, NOW + 2 * HOUR);
    expect(resumed.state).toBe('scheduled');
    expect(alarmOf(saved.id)).toEqual({ when: NOW + HOUR });
    await updateSchedule(store, saved.id, (s) => ({ ...s, state: 'ran' }));
    await expect(pauseSchedule(store, saved.id, true)).rejects.toThrow(/already run/);
  });

  it('deletes with its alarm, and lists the soonest first', async () => {
    const late = await saveSchedule(store, draft({ runAt: NOW + 3 * HOUR }), context);
    const soon = await saveSchedule(store, draft({ runAt: NOW + HOUR }), context);
    expect((await listSchedules(store)).map((s) => s.id)).toEqual([soon.id, late.id]);
    expect(await deleteSchedule(store, soon.id)).toBe(true);
    expect(alarmOf(soon.id)).toBeUndefined();
    expect(await deleteSchedule(store, soon.id)).toBe(false);
    expect((await listSchedules(store)).map((s) => s.id)).toEqual([late.id]);
  });
});
