// Requests of end-of-term planning: saved views and scheduled withdrawals. handlers.ts spreads
// these in. Schedules: ../plans/schedules.ts (stored) and ../plans/scheduler.ts (when they run).
import type { Handlers } from '../../shared/protocol/types.ts';
import type { Store } from '../../shared/store.ts';
import { forgetPendingViews, takePendingView } from '../plans/pending-views.ts';
import { confirmSchedule, previewSchedule, runSchedule } from '../plans/scheduler.ts';
import { deleteSchedule, listSchedules, pauseSchedule, saveSchedule } from '../plans/schedules.ts';
import { schoolOf } from '../platform/session.ts';
import { requestOrigin, senderOrigin } from './origin.ts';

type PlanHandlers = Pick<
  Handlers,
  | 'listViews'
  | 'saveView'
  | 'deleteView'
  | 'replaceViews'
  | 'listSchedules'
  | 'saveSchedule'
  | 'deleteSchedule'
  | 'pauseSchedule'
  | 'runScheduleNow'
  | 'confirmSchedule'
  | 'previewSchedule'
  | 'takePendingView'
>;

const notYet = (what: string) => () => Promise.reject(new Error(`${what}: not implemented yet`));

export function planHandlers(db: () => Promise<Store>): PlanHandlers {
  return {
    listViews: notYet('listViews'),
    saveView: notYet('saveView'),
    deleteView: notYet('deleteView'),
    replaceViews: notYet('replaceViews'),
    async listSchedules() {
      return { schedules: await listSchedules(await db()) };
    },
    async saveSchedule({ schedule }, sender) {
      const store = await db();
      const origin = await requestOrigin(store, sender);
      const saved = await saveSchedule(store, schedule, {
        origin,
        activeSchool: () => schoolOf(store, undefined, origin),
        now: Date.now(),
      });
      return { schedule: saved };
    },
    async deleteSchedule({ scheduleId }) {
      const deleted = await deleteSchedule(await db(), scheduleId);
      await forgetPendingViews(scheduleId);
      return { deleted };
    },
    async pauseSchedule({ scheduleId, paused }) {
      const store = await db();
      const schedule = await pauseSchedule(store, scheduleId, paused);
      // Resumed after its time: due at once (its alarm fires too; one run starts).
      if (schedule.state === 'scheduled' && schedule.runAt <= Date.now()) {
        runSchedule(store, scheduleId, 'due').catch(() => undefined);
      }
      return { schedule };
    },
    async runScheduleNow({ scheduleId }) {
      return { schedule: await runSchedule(await db(), scheduleId, 'now') };
    },
    async confirmSchedule({ scheduleId }) {
      return { schedule: await confirmSchedule(await db(), scheduleId) };
    },
    async previewSchedule({ scheduleId }) {
      return previewSchedule(await db(), scheduleId);
    },
    async takePendingView(_request, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { pending: null };
      const view = await takePendingView(tabId, await senderOrigin(await db(), sender));
      return { pending: view && { scheduleId: view.scheduleId, toolId: view.toolId, filters: view.filters } };
    },
  };
}
