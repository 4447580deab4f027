// Requests of end-of-term planning: saved views and scheduled withdrawals. handlers.ts spreads
// these in. (Issue 14: stubs until the views and scheduler modules land.)
import type { Handlers } from '../../shared/protocol/types.ts';
import type { Store } from '../../shared/store.ts';

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

export function planHandlers(_db: () => Promise<Store>): PlanHandlers {
  return {
    listViews: notYet('listViews'),
    saveView: notYet('saveView'),
    deleteView: notYet('deleteView'),
    replaceViews: notYet('replaceViews'),
    listSchedules: notYet('listSchedules'),
    saveSchedule: notYet('saveSchedule'),
    deleteSchedule: notYet('deleteSchedule'),
    pauseSchedule: notYet('pauseSchedule'),
    runScheduleNow: notYet('runScheduleNow'),
    confirmSchedule: notYet('confirmSchedule'),
    previewSchedule: notYet('previewSchedule'),
    takePendingView: notYet('takePendingView'),
  };
}
