// The popup's one door to the background: every request it makes is named here, mapped onto the
// PopupClient interface its components use. The popup never calls the license API itself.
import browser from 'webextension-polyfill';
import { jobProgress } from '../shared/job-progress.ts';
import { canUndo, type Job } from '../shared/jobs-model.ts';
import type { Assignee } from '../shared/model.ts';
import { isUnreachable, onEvent, request } from '../shared/protocol/client.ts';
import type { RequestOf, Selection } from '../shared/protocol/types.ts';
import { apiOrigin } from '../shared/settings.ts';
import type { PageModeReason, SessionStatus } from '../shared/store.ts';
import { readSummarySnapshot, type SummarySnapshotRecord } from '../shared/summary-snapshot.ts';
import { localToday } from '../shared/ui/format.ts';
import { clip, LIMIT } from '../shared/ui/text.ts';
import { mirrorThreshold } from '../shared/ui/threshold-mirror.ts';
import { freshUndoRequest, UNDO_REQUEST_KEY } from '../shared/ui/undo-request.ts';
import type { PreviewView, SummaryView } from '../shared/views.ts';
import type { WithdrawalPreview } from './ConfirmWithdrawal.tsx';
import type { AccountState, PopupClient, SummarySnapshot, WithdrawItem } from './client-types.ts';
import { POPUP_SCHOOL_KEY } from './first-paint/view.ts';
import type { JobView } from './model/jobs-view.ts';
import type { ToolHoldings } from './model/reclaimable.ts';

/** Where the popup kept the chosen school before it was kept in storage.local (keptSchool). */
const LEGACY_SCHOOL_KEY = 'licenskoll.popup.school';
/**
 * A popup opened within this long of its school's last sync asks only for the session (a session
 * that ended shows at once) and shows the cache: a sync asks for one call per licensed tool (229 in
 * the popup bench), for figures at most a minute old. The popup says how old they are; its
 * refresh button syncs.
 */
const OPENING_SYNC_MAX_AGE_MS = 60_000;

/** Keeps the chosen school for the popup's next open ('' for none: the active school). */
function keepSchool(id: string | undefined): void {
  browser.storage?.local.set({ [POPUP_SCHOOL_KEY]: id ?? '' }).catch(() => undefined);
}

/**
 * The school an organisation admin chose, from the popup's first read (`stored`: its value under
 * POPUP_SCHOOL_KEY). It was kept in the popup's localStorage, whose first use in a page reads the
 * whole area from the browser before it returns: ~1 ms of the popup's first paint (our code's
 * median 10.2–11.3 → 9.3–9.6 ms in the popup bench, alternated). A choice an earlier version kept
 * there is moved once; after that, localStorage is not touched.
 */
function keptSchool(stored: unknown): string | undefined {
  if (typeof stored === 'string') return stored || undefined;
  let legacy: string | undefined;
  try {
    legacy = localStorage.getItem(LEGACY_SCHOOL_KEY) ?? undefined;
    localStorage.removeItem(LEGACY_SCHOOL_KEY);
  } catch {
    // No localStorage here: nothing was kept in it.
  }
  keepSchool(legacy);
  return legacy;
}

function accountState(status: SessionStatus, fetchedAt: number | null): AccountState {
  if (status === 'session-expired' || status === 'offline' || status === 'not-admin') return status;
  if (status === 'signed-in') return 'signed-in';
  return fetchedAt === null ? 'never-synced' : 'signed-in';
}

function toSnapshot(view: SummaryView, origin: string): SummarySnapshot {
  return {
    state: accountState(view.session?.status ?? 'unknown', view.fetchedAt),
    role: view.session?.session?.role ?? null,
    schools: view.schools,
    activeSchoolId: view.schoolId,
    tools: view.tools,
    fetchedAt: view.fetchedAt,
    origin,
    mode: view.mode,
    modeReason: view.modeReason,
    pageFigures: view.pageFigures,
  };
}

/** The background's stored snapshot (shared/summary-snapshot.ts) as the popup renders it. */
function fromStored(record: SummarySnapshotRecord, today: string): SummarySnapshot {
  return {
    state: accountState(record.status ?? 'unknown', record.fetchedAt),
    role: record.role,
    schools: record.schools,
    activeSchoolId: record.schoolId,
    tools: record.tools.map((t) => ({
      id: t.id,
      name: t.name,
      seats: t.seats,
      assigned: t.assigned,
      nextExpiry: t.nextExpiry,
      hasExpired: t.earliestEnd !== null && t.earliestEnd < today,
    })),
    fetchedAt: record.fetchedAt,
    origin: record.origin,
    mode: record.mode,
    modeReason: record.modeReason,
    pageFigures: record.pageFigures,
  };
}

/**
 * The popup's first paint from the background's stored snapshot (`stored`, storage.local's text under
 * SUMMARY_SNAPSHOT_KEY) for the school `schoolId` (undefined: the active one), or null when the
 * snapshot is not of that school or holds no figures (the popup then asks the worker).
 */
export function storedFirstPaint(stored: unknown, schoolId: string | undefined): SummarySnapshot | null {
  const record = readSummarySnapshot(stored);
  // Of the school this popup shows (an organisation admin's choice, else the active one).
  const ours = record && (schoolId ? record.schoolId === schoolId : record.askedSchoolId === null);
  if (!ours || (record.tools.length === 0 && record.pageFigures.length === 0)) return null;
  return fromStored(record, localToday());
}

type ModeAnswer = { mode: 'api' | 'page'; reason: PageModeReason | null };

/** The summary's mode comes from the stored probe; page mode forced (sandbox) is known only to getPageMode. */
function withMode(snapshot: SummarySnapshot, answer: ModeAnswer | null): SummarySnapshot {
  if (answer?.reason !== 'forced') return snapshot;
  return { ...snapshot, mode: 'page', modeReason: 'forced' };
}

export function toJobView(job: Job): JobView {
  const progress = jobProgress(job);
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    pauseReason: popupPauseReason(job.pauseReason),
    label: job.label ?? '',
    total: job.total,
    revoked: progress.changed,
    alreadyRevoked: progress.already,
    failed: progress.failed,
    pending: progress.pending,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    canUndo: canUndo(job),
    toolIds: job.toolIds,
  };
}

const POPUP_PAUSE_REASONS: readonly string[] = ['session-expired', 'server-busy', 'offline', 'user'];

/** The runner's pause reason as the popup names it (one it does not know yet reads as 'other'). */
function popupPauseReason(reason: string | null): JobView['pauseReason'] {
  if (reason === null) return null;
  return POPUP_PAUSE_REASONS.includes(reason) ? (reason as JobView['pauseReason']) : 'other';
}

/** One selection per tool, in the order the administrator saw them. */
export function toSelection(items: WithdrawItem[], label: string, schoolId?: string): Selection {
  const byTool = new Map<string, string[]>();
  for (const item of items) byTool.set(item.toolId, [...(byTool.get(item.toolId) ?? []), item.assignmentId]);
  const selections = [...byTool].map(([toolId, assignmentIds]) => ({ toolId, assignmentIds }));
  // The protocol takes labels of ≤ 200: a person with a longer name can still be withdrawn.
  const short = clip(label, LIMIT.label);
  return schoolId ? { schoolId, selections, label: short } : { selections, label: short };
}

/** `storedSchool`: the popup's stored item under POPUP_SCHOOL_KEY (see keptSchool). */
export function createClient(storedSchool?: unknown): PopupClient {
  let schoolId = keptSchool(storedSchool);
  const school = () => (schoolId ? { schoolId } : {});
  /** The background's last answer to getPageMode (for the active origin). */
  let modeAnswer: ModeAnswer | null = null;
  const askMode = async (force: boolean) => {
    modeAnswer = await request('getPageMode', force ? { force: true } : {}).catch(() => modeAnswer);
    return modeAnswer;
  };

  const snapshot = async (): Promise<SummarySnapshot> => {
    const [view, { settings }] = await Promise.all([
      request('getSummary', school()),
      request('getSettings', {}),
    ]);
    // A remembered school the session no longer has is forgotten.
    if (schoolId && view.schoolId !== schoolId) {
      schoolId = undefined;
      keepSchool(undefined);
    }
    return withMode(toSnapshot(view, view.origin || apiOrigin(settings)), modeAnswer);
  };

  /** Page mode has nothing to sync (the license API does not answer): the figures come from the pages. */
  const syncUnlessPageMode = async (what: RequestOf<'sync'>) => {
    const answer = await askMode(false);
    if (answer?.mode !== 'page') await request('sync', what).catch(() => undefined);
  };

  const toolNames = async (): Promise<Map<string, string>> =>
    new Map((await request('getSummary', school())).tools.map((t) => [t.id, t.name]));

  return {
    cachedSummary: snapshot,
    async firstPaint(stored) {
      return storedFirstPaint(stored, schoolId) ?? snapshot();
    },
    async refresh({ opening = false } = {}) {
      // A failed sync (session expired, offline) still leaves the cache and the session state to show.
      await syncUnlessPageMode(opening ? { ...school(), maxAgeMs: OPENING_SYNC_MAX_AGE_MS } : school());
      return snapshot();
    },
    async switchSchool(id) {
      schoolId = id;
      keepSchool(id);
      await syncUnlessPageMode({ schoolId: id });
      return snapshot();
    },
    async recheckMode() {
      const answer = await askMode(true);
      if (answer?.mode !== 'page') await request('sync', school()).catch(() => undefined);
      return snapshot();
    },
    async searchPeople(query, onResults) {
      const q = clip(query, LIMIT.query);
      const cached = await request('searchPeople', { ...school(), q, source: 'cache' }).catch(() => null);
      if (cached) onResults(cached.people, false);
      try {
        const fresh = await request('searchPeople', { ...school(), q, source: 'api' });
        onResults(mergePeople(fresh.people, cached?.people ?? []), true);
      } catch (error) {
        if (!cached) throw error;
        onResults(cached.people, true);
      }
    },
    async holdingsOf(person) {
      const assignee = { type: person.type, id: person.id };
      try {
        return (await request('assignmentsOf', { ...school(), assignee, source: 'api' })).assignments;
      } catch (error) {
        // Signed out, offline or busy: the cache answers. Any other failure is the administrator's to see.
        if (!isUnreachable(error)) throw error;
        return (await request('assignmentsOf', { ...school(), assignee, source: 'cache' })).assignments;
      }
    },
    async allHoldings(toolIds, opts = { fresh: true }) {
      if (opts.fresh && toolIds) {
        await Promise.all(
          toolIds.map((toolId) => request('sync', { ...school(), toolId }).catch(() => undefined)),
        );
      } else if (opts.fresh) await request('sync', { ...school(), assignments: true }).catch(() => undefined);
      const names = await toolNames();
      const ids = toolIds ?? [...names.keys()];
      const details = await Promise.all(
        ids.map((toolId) => request('getToolDetail', { ...school(), toolId })),
      );
      return details.map(
        (d, i): ToolHoldings => ({
          toolId: d.tool?.id ?? ids[i] ?? '',
          toolName: d.tool?.name ?? names.get(ids[i] ?? '') ?? '',
          licenses: d.licenses,
          assignments: d.assignments,
        }),
      );
    },
    async preview(items) {
      const view = await request('previewWithdrawal', toSelection(items, '', schoolId));
      return toPreview(view, items);
    },
    async startWithdrawal(items, label) {
      return (await request('startWithdrawal', toSelection(items, label, schoolId))).job.id;
    },
    async jobs() {
      return (await request('listJobs', { limit: 50 })).jobs.map(toJobView);
    },
    async cancelJob(jobId) {
      await request('cancelJob', { jobId });
    },
    async pauseJob(jobId) {
      await request('pauseJob', { jobId });
    },
    async resumeJob(jobId) {
      await request('resumeJob', { jobId });
    },
    async undoJob(jobId) {
      return (await request('undoJob', { jobId })).job.id;
    },
    async journalCsv() {
      return request('exportJournal', {});
    },
    async takeUndoRequest() {
      // The undo command opened the popup (or a window with ?undo=): which job it asks about.
      const fromUrl = new URLSearchParams(globalThis.location?.search ?? '').get('undo');
      const area = browser.storage.session ?? browser.storage.local;
      const stored = await area
        .get(UNDO_REQUEST_KEY)
        .then((items) => items[UNDO_REQUEST_KEY])
        .catch(() => undefined);
      if (stored !== undefined) await area.remove(UNDO_REQUEST_KEY).catch(() => undefined);
      return fromUrl ?? freshUndoRequest(stored);
    },
    async confirmThreshold() {
      const { confirmThreshold } = (await request('getSettings', {})).settings;
      // The license page reads it from here (it may not ask for the settings itself).
      void mirrorThreshold(confirmThreshold);
      return confirmThreshold;
    },
    subscribe(onChange) {
      const off = [
        onEvent('jobChanged', () => onChange('jobs')),
        onEvent('syncFinished', () => onChange('summary')),
        onEvent('sessionChanged', () => onChange('session')),
      ];
      return () => {
        for (const f of off) f();
      };
    },
    async schedules() {
      return (await request('listSchedules', {})).schedules;
    },
    async previewSchedule(scheduleId) {
      return request('previewSchedule', { scheduleId });
    },
    async saveSchedule(draft) {
      return (await request('saveSchedule', { schedule: draft })).schedule;
    },
    async pauseSchedule(scheduleId, paused) {
      return (await request('pauseSchedule', { scheduleId, paused })).schedule;
    },
    async runScheduleNow(scheduleId) {
      return (await request('runScheduleNow', { scheduleId })).schedule;
    },
    async confirmSchedule(scheduleId) {
      return (await request('confirmSchedule', { scheduleId })).schedule;
    },
    async deleteSchedule(scheduleId) {
      await request('deleteSchedule', { scheduleId });
    },
    onScheduleChanged(listener) {
      return onEvent('scheduleChanged', ({ scheduleId, schedule }) => listener(scheduleId, schedule));
    },
  };
}

function mergePeople(first: Assignee[], second: Assignee[]): Assignee[] {
  const seen = new Set(first.map((p) => `${p.type}:${p.id}`));
  return [...first, ...second.filter((p) => !seen.has(`${p.type}:${p.id}`))];
}

/** The background's dry run (PreviewView, built once in withdraw.ts) as the popup's confirmation shows it. */
function toPreview(view: PreviewView, items: WithdrawItem[]): WithdrawalPreview {
  const names = new Map(items.map((i) => [i.toolId, i.toolName]));
  const byTool = new Map<string, number>();
  for (const r of view.results)
    if (r.outcome === 'REVOKED') byTool.set(r.toolId, (byTool.get(r.toolId) ?? 0) + 1);
  const willRevoke = view.outcomes.REVOKED ?? 0;
  const alreadyGone = (view.outcomes.ALREADY_REVOKED ?? 0) + (view.outcomes.NOT_FOUND ?? 0);
  return {
    willRevoke,
    alreadyGone,
    problems: view.total - willRevoke - alreadyGone,
    byTool: [...byTool].map(([toolId, count]) => ({ toolName: names.get(toolId) ?? toolId, count })),
  };
}
