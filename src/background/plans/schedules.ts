// Scheduled withdrawals in IndexedDB: save (checked), list, delete, pause, and the one guarded state
// change the scheduler makes. Every write keeps the schedule's alarm in step (one alarm while it is
// 'scheduled', none otherwise) and tells the UIs (scheduleChanged).
import { isRestrictive, type Schedule } from '../../shared/plans.ts';
import type { RequestOf } from '../../shared/protocol/types.ts';
import type { Store } from '../../shared/store.ts';
import { broadcast } from '../messaging/broadcast.ts';
import { clearScheduleAlarm, setScheduleAlarm } from '../platform/alarms.ts';

type ScheduleDraft = RequestOf<'saveSchedule'>['schedule'];

/** Every schedule, the soonest first. */
export async function listSchedules(store: Store): Promise<Schedule[]> {
  return store.getAllFromIndex('schedules', 'byRunAt');
}

export async function getSchedule(store: Store, scheduleId: string): Promise<Schedule> {
  const schedule = await store.get('schedules', scheduleId);
  if (!schedule) throw new Error(`no schedule ${scheduleId}`);
  return schedule;
}

/** After a write: the alarm follows the state, and the UIs hear of it. */
async function written(schedule: Schedule): Promise<void> {
  if (schedule.state === 'scheduled') setScheduleAlarm(schedule.id, schedule.runAt);
  else await clearScheduleAlarm(schedule.id);
  broadcast('scheduleChanged', { schedule, scheduleId: schedule.id });
}

/** A write's time: never equal to the one before, so a guarded change can tell writes apart. */
const stamp = (previous: Schedule | undefined, now: number) =>
  previous ? Math.max(now, previous.updatedAt + 1) : now;

export interface SaveContext {
  /** The Skolon the request came from (a new schedule runs there). */
  origin: string;
  /** The active school, asked only when the draft names no schools. */
  activeSchool: () => Promise<string>;
  now: number;
}

/**
 * Saves a new schedule or an edit. A new one (or a new time) must lie in the future; the rule must
 * filter (an empty view would match everyone) unless explicit people are given. An edit starts
 * over: 'scheduled' again (unless paused), its confirmation cleared.
 */
export async function saveSchedule(
  store: Store,
  draft: ScheduleDraft,
  context: SaveContext,
): Promise<Schedule> {
  const existing = draft.id === undefined ? undefined : await getSchedule(store, draft.id);
  if (draft.runAt <= context.now && (!existing || existing.runAt !== draft.runAt)) {
    throw new Error('the time has passed: choose a time in the future');
  }
  if (draft.people === null && !isRestrictive(draft.filters)) {
    throw new Error('the rule matches everyone: choose a class, role, search or "har slutat" first');
  }
  const schoolIds = draft.schoolIds ?? existing?.schoolIds ?? [await context.activeSchool()];
  const schedule: Schedule = {
    id: existing?.id ?? crypto.randomUUID(),
    name: draft.name,
    // An edit keeps its Skolon: its schools belong there.
    origin: existing?.origin ?? context.origin,
    filters: draft.filters,
    viewId: draft.viewId,
    people: draft.people,
    toolIds: draft.toolIds,
    schoolIds: [...new Set(schoolIds)],
    runAt: draft.runAt,
    state: existing?.state === 'paused' ? 'paused' : 'scheduled',
    message: null,
    confirmedAt: null,
    lastRun: existing?.lastRun ?? null,
    createdAt: existing?.createdAt ?? context.now,
    updatedAt: stamp(existing, context.now),
  };
  await store.put('schedules', schedule);
  await written(schedule);
  return schedule;
}

export async function deleteSchedule(store: Store, scheduleId: string): Promise<boolean> {
  const tx = store.transaction('schedules', 'readwrite');
  const found = (await tx.store.get(scheduleId)) !== undefined;
  if (found) await tx.store.delete(scheduleId);
  await tx.done;
  await clearScheduleAlarm(scheduleId);
  if (found) broadcast('scheduleChanged', { schedule: null, scheduleId });
  return found;
}

/**
 * Changes a schedule in one transaction: `change` sees the stored record and returns the new one,
 * or null to leave it (e.g. someone else moved it on meanwhile). The answer is what is stored.
 */
export async function updateSchedule(
  store: Store,
  scheduleId: string,
  change: (schedule: Schedule) => Omit<Schedule, 'updatedAt'> | null,
  now = Date.now(),
): Promise<{ schedule: Schedule; changed: boolean }> {
  const tx = store.transaction('schedules', 'readwrite');
  const current = await tx.store.get(scheduleId);
  let next: Omit<Schedule, 'updatedAt'> | null;
  try {
    next = current ? change(current) : null;
  } catch (error) {
    await tx.done;
    throw error;
  }
  if (!current || !next) {
    await tx.done;
    if (!current) throw new Error(`no schedule ${scheduleId}`);
    return { schedule: current, changed: false };
  }
  const schedule: Schedule = { ...next, updatedAt: stamp(current, now) };
  await tx.store.put(schedule);
  await tx.done;
  await written(schedule);
  return { schedule, changed: true };
}

/**
 * Pauses (from any state before it ran) or resumes ('scheduled' again; a time already passed makes
 * it due at once: its alarm fires now).
 */
export async function pauseSchedule(
  store: Store,
  scheduleId: string,
  paused: boolean,
  now = Date.now(),
): Promise<Schedule> {
  const { schedule } = await updateSchedule(
    store,
    scheduleId,
    (s) => {
      if (s.state === 'ran') throw new Error('the schedule has already run');
      if (paused) return s.state === 'paused' ? null : { ...s, state: 'paused', message: null };
      return s.state === 'paused' ? { ...s, state: 'scheduled', message: null } : null;
    },
    now,
  );
  return schedule;
}
