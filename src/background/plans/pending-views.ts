// Page mode: a due schedule opens the tool's license page in a tab and leaves the view to apply
// there; the page asks once (takePendingView) and the administrator confirms on the page. Kept in
// memory and in storage.session, so a worker that restarts before the page asks still knows.
import type { ViewFilters } from '../../shared/plans.ts';
import { sessionArea as area } from '../platform/session-area.ts';

export interface PendingView {
  scheduleId: string;
  toolId: string | null;
  filters: ViewFilters;
  /** The Skolon the tab was opened on: only a page there may take it. */
  origin: string;
}

const KEY = 'schedules.pendingViews';
const memory = new Map<number, PendingView>();
/** Tabs whose view was taken (a second ask meanwhile must not find it in storage). */
const taken = new Set<number>();

async function stored(): Promise<Record<string, PendingView>> {
  return ((await area().get(KEY))[KEY] as Record<string, PendingView> | undefined) ?? {};
}

export async function rememberPendingView(tabId: number, view: PendingView): Promise<void> {
  memory.set(tabId, view);
  taken.delete(tabId);
  const all = await stored();
  all[String(tabId)] = view;
  await area().set({ [KEY]: all });
}

/** The view waiting for this tab (once: then it is forgotten), if the tab is on its origin. */
export async function takePendingView(tabId: number, origin: string | null): Promise<PendingView | null> {
  // Taken from memory before any await: two asks at once get it once.
  const held = memory.get(tabId);
  if (taken.has(tabId) || (held && held.origin !== origin)) return null;
  const wasHeld = held !== undefined;
  if (wasHeld) {
    memory.delete(tabId);
    taken.add(tabId);
  }
  const all = await stored();
  const view = held ?? all[String(tabId)] ?? null;
  if (!view || view.origin !== origin || (!wasHeld && taken.has(tabId))) return null;
  taken.add(tabId);
  delete all[String(tabId)];
  await area().set({ [KEY]: all, [RUNS_KEY]: { ...(await pageRuns()), [String(tabId)]: view.scheduleId } });
  return view;
}

/**
 * The schedules whose view a tab took, until that tab's page withdrawal is journaled (then the
 * schedule has run, through the page: see scheduler.ts pageRunRecorded).
 */
const RUNS_KEY = 'schedules.pageRuns';

async function pageRuns(): Promise<Record<string, string>> {
  return ((await area().get(RUNS_KEY))[RUNS_KEY] as Record<string, string> | undefined) ?? {};
}

/** The schedule this tab's page is withdrawing for, once (then forgotten); null when none. */
export async function takePageRun(tabId: number): Promise<string | null> {
  const runs = await pageRuns();
  const scheduleId = runs[String(tabId)] ?? null;
  if (scheduleId === null) return null;
  delete runs[String(tabId)];
  await area().set({ [RUNS_KEY]: runs });
  return scheduleId;
}

/** A deleted schedule leaves no view behind. */
export async function forgetPendingViews(scheduleId: string): Promise<void> {
  for (const [tabId, view] of memory) if (view.scheduleId === scheduleId) memory.delete(tabId);
  const all = await stored();
  const kept = Object.fromEntries(Object.entries(all).filter(([, v]) => v.scheduleId !== scheduleId));
  if (Object.keys(kept).length !== Object.keys(all).length) await area().set({ [KEY]: kept });
}
