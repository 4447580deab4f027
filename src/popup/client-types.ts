// What the popup needs from the background, as one interface: client.ts implements it with runtime
// messages, the component tests with fakes.
import type { Assignee, AssignmentWithTool } from '../shared/model.ts';
import type { Schedule, SchedulePreview } from '../shared/plans.ts';
import type { PageFigure, PageModeReason } from '../shared/store.ts';
import type { WithdrawalPreview } from './ConfirmWithdrawal.tsx';
import type { JobView } from './model/jobs-view.ts';
import type { ToolHoldings } from './model/reclaimable.ts';
import type { ScheduleDraft } from './model/schedule-view.ts';
import type { PageMode } from './model/summary-model.ts';
import type { ToolCounts } from './model/urgency.ts';

export type AccountState = 'never-synced' | 'signed-in' | 'session-expired' | 'offline' | 'not-admin';

export interface SummarySnapshot {
  state: AccountState;
  role: 'SCHOOL_ADMIN' | 'ORG_ADMIN' | null;
  schools: { id: string; name: string }[];
  activeSchoolId: string | null;
  tools: ToolCounts[];
  fetchedAt: number | null;
  /** The Skolon origin in use (links to license pages start here). */
  origin: string;
  /** 'page' when the license API does not answer on the origin: the figures come from its pages. */
  mode: PageMode;
  modeReason: PageModeReason | null;
  /** What the administrator's Skolon pages showed on this origin, newest first. */
  pageFigures: PageFigure[];
}

export interface WithdrawItem {
  toolId: string;
  toolName: string;
  assignmentId: string;
}

export interface PopupClient {
  /** What the cache holds, at once (no network). */
  cachedSummary(): Promise<SummarySnapshot>;
  /**
   * The same for the first paint: the background's snapshot (`stored`, read from storage.local
   * under SUMMARY_SNAPSHOT_KEY) when it is of this popup's school, else the worker's answer.
   */
  firstPaint(stored: unknown): Promise<SummarySnapshot>;
  /**
   * Sync with Skolon, then the fresh picture. `opening`: the popup has just opened, and a sync of
   * its school that ended less than a minute ago will do (the refresh button always syncs).
   */
  refresh(opts?: { opening?: boolean }): Promise<SummarySnapshot>;
  switchSchool(schoolId: string): Promise<SummarySnapshot>;
  /** Asks again whether the license API answers (the page-mode "Försök igen"), then refreshes. */
  recheckMode(): Promise<SummarySnapshot>;
  /** Cache first (onResults called at once), then the API's people search. */
  searchPeople(query: string, onResults: (people: Assignee[], final: boolean) => void): Promise<void>;
  holdingsOf(person: Pick<Assignee, 'type' | 'id'>): Promise<AssignmentWithTool[]>;
  /** Every tool's licenses and current assignments (the reclaim view and the CSV export read these);
   * `fresh` syncs them first (the default), otherwise the cache answers as it is. */
  allHoldings(toolIds?: string[], opts?: { fresh: boolean }): Promise<ToolHoldings[]>;
  preview(items: WithdrawItem[]): Promise<WithdrawalPreview>;
  startWithdrawal(items: WithdrawItem[], label: string): Promise<string>;
  jobs(): Promise<JobView[]>;
  cancelJob(id: string): Promise<void>;
  pauseJob(id: string): Promise<void>;
  resumeJob(id: string): Promise<void>;
  undoJob(id: string): Promise<string>;
  journalCsv(): Promise<{ csv: string; fileName: string }>;
  confirmThreshold(): Promise<number>;
  /** The job the undo command asks to undo (opened the popup for it), taken once; else null. */
  takeUndoRequest(): Promise<string | null>;
  /** Called on every change the background announces (sync finished, job progress, session). */
  subscribe(onChange: (what: 'summary' | 'jobs' | 'session') => void): () => void;
  /** Scheduled withdrawals, soonest first. */
  schedules(): Promise<Schedule[]>;
  /** What a schedule would withdraw right now (a fresh resolution; nothing changes). */
  previewSchedule(scheduleId: string): Promise<SchedulePreview>;
  /** Saves an edit (the draft carries the schedule's id). */
  saveSchedule(draft: ScheduleDraft): Promise<Schedule>;
  pauseSchedule(scheduleId: string, paused: boolean): Promise<Schedule>;
  runScheduleNow(scheduleId: string): Promise<Schedule>;
  /** Confirms a run that waits for it (above the threshold). */
  confirmSchedule(scheduleId: string): Promise<Schedule>;
  deleteSchedule(scheduleId: string): Promise<void>;
  /** Called when a schedule changed (saved, paused, ran, waits; null: deleted). */
  onScheduleChanged(listener: (scheduleId: string, schedule: Schedule | null) => void): () => void;
}
