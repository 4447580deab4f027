// Requests of end-of-term planning: saved views and scheduled withdrawals. handlers.ts spreads
// these in. Schedules: ../plans/schedules.ts (stored) and ../plans/scheduler.ts (when they run).
import type { Handlers } from '../../shared/protocol/types.ts';
import type { Store } from '../../shared/store.ts';
import { forgetPendingViews, takePendingView } from '../plans/pending-views.ts';
import { confirmSchedule, previewSchedule, runSchedule } from '../plans/scheduler.ts';
import { deleteSchedule, listSchedules, pauseSchedule, saveSchedule } from '../plans/schedules.ts';
import { deleteView, listViews, replaceViews, saveView } from '../plans/views.ts';
import { schoolOf } from '../platform/session.ts';
import { broadcast } from './broadcast.ts';
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

export function planHandlers(db: () => Promise<Store>): PlanHandlers {
  /** Every UI showing views hears the new list (saved, renamed, deleted, imported). */
  const viewsChanged = async (store: Store) => broadcast('viewsChanged', { views: await listViews(store) });
  return {
    listViews: async () => ({ views: await listViews(await db()) }),
    async saveView({ view: draft }) {
      const store = await db();
      const view = await saveView(store, draft);
      await viewsChanged(store);
      return { view };
    },
    async deleteView({ viewId }) {
      const store = await db();
      const deleted = await deleteView(store, viewId);
      if (deleted) await viewsChanged(store);
      return { deleted };
    },
    async replaceViews({ views: imported }) {
      const store = await db();
      const views = await replaceViews(store, imported);
      broadcast('viewsChanged', { views });
      return { views };
    },
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
