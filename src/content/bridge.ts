// What the content script asks of the background, in the content script's own words, so the UI
// and the flows can be tested against a fake. background-client.ts implements it over the
// protocol (src/shared/protocol/); the background is the only caller of the license API.
import type { JobState } from '../shared/jobs-model.ts';
import type { Assignee, Assignment, License, Pool } from '../shared/model.ts';
import type { SavedView, Schedule, ViewFilters } from '../shared/plans.ts';
import type {
  PageFigureReport,
  PageStatusReport,
  PageWithdrawalEntry,
  UiLanguage,
  UiMessageEntry,
} from '../shared/protocol/types.ts';
import type { PageModeReason } from '../shared/store.ts';

export interface ModeInfo {
  mode: 'api' | 'page';
  reason: PageModeReason | null;
}

export interface ToolData {
  licenses: readonly License[];
  pools: readonly Pool[];
  assignments: readonly Assignment[];
  /** When the background last fetched it (ms since epoch). */
  fetchedAt: number | null;
}

export interface WithdrawPreview {
  count: number;
  perLicense: { licenseId: string; label: string; seatsFreed: number }[];
  /** The people (or classes) by name when they are few (≤ 10); else null. */
  names: string[] | null;
}

export interface JobProgress {
  jobId: string;
  kind: 'withdraw' | 'undo';
  state: JobState;
  total: number;
  /** Items that reached their goal (revoked, already revoked; assigned, already assigned). */
  done: number;
  failed: number;
  pauseReason: string | null;
  message: string | null;
}

export interface FailedItem {
  assignmentId: string;
  name: string;
  reason: string;
}

/** A view as the panel saves it: the background gives a new one its id and times. */
interface ViewDraft {
  /** Set to update (rename) a saved view. */
  id?: string;
  name: string;
  toolId: string | null;
  toolName: string | null;
  filters: ViewFilters;
}

/** A scheduled withdrawal as the panel's form makes it (see Schedule in shared/plans.ts). */
export interface ScheduleDraft {
  name: string;
  filters: ViewFilters;
  viewId: string | null;
  people: { type: Assignee['type']; id: string }[] | null;
  toolIds: string[] | null;
  runAt: number;
}

/** A page-mode schedule opened this tab: the view to apply, for this tool (or any). */
interface PendingView {
  scheduleId: string;
  toolId: string | null;
  filters: ViewFilters;
}

/** What the page's panel asks of the background from the start (background-client.ts). */
export interface PageBackground {
  /**
   * Licenses, pools and assignments of one tool. From the cache at once when it holds them, then
   * synced: `onFresh` gets the data again if the sync changed it. Without a cache, synced first.
   */
  toolData(toolId: string, onFresh?: (fresh: ToolData) => void): Promise<ToolData>;
  /** Resolves once the sync toolData started for this tool has been applied (onFresh called). */
  fresh?(toolId: string): Promise<void>;
  /** 'page' when the license contract does not answer on this origin, and why (see discovery.ts). */
  mode(options?: { force?: boolean }): Promise<ModeInfo>;
  /** The id of a tool the page names but whose URL does not carry (API mode only). */
  resolveToolId(name: string): Promise<string | null>;
  /** The UI messages of one language (the panel follows the page's language). */
  uiMessages(language: UiLanguage): Promise<Record<string, UiMessageEntry>>;
  /** Counts the page showed, for the popup without the API. */
  reportFigures(school: string, figures: PageFigureReport[]): Promise<void>;
  reportPage(status: PageStatusReport): Promise<void>;
  /** Saved views, newest first. */
  listViews(): Promise<SavedView[]>;
  /** Saved views as they change anywhere (this tab, another, the options page's import). */
  onViews(listener: (views: SavedView[]) => void, signal: AbortSignal): void;
  /** Page mode: the view a due schedule opened this page for, once; null when none. */
  takePendingView(): Promise<PendingView | null>;
}

/**
 * The requests that change something (background-jobs.ts): a withdrawal and its job events, a
 * schedule, a saved view. Loaded with the withdrawal's work the first time one of them is asked
 * for, not with the panel.
 */
export interface JobsBackground {
  saveView(draft: ViewDraft): Promise<SavedView>;
  deleteView(viewId: string): Promise<void>;
  saveSchedule(draft: ScheduleDraft): Promise<Schedule>;
  preview(toolId: string, assignmentIds: string[]): Promise<WithdrawPreview>;
  startWithdrawal(toolId: string, assignmentIds: string[], label: string): Promise<string>;
  undo(jobId: string): Promise<string>;
  failedItems(jobId: string): Promise<FailedItem[]>;
  /** Job progress as the background reports it; stops listening when `signal` aborts. */
  onJob(listener: (progress: JobProgress) => void, signal: AbortSignal): void;
  /**
   * Page mode: journals what the page's own button withdrew (the background keeps the journal), as
   * a new job or, with `jobId`, into the job an earlier batch of the same withdrawal started.
   */
  recordPageWithdrawal(
    toolId: string,
    entries: PageWithdrawalEntry[],
    jobId?: string,
  ): Promise<{ jobId: string }>;
  /** How long the page's own refetch after a job should wait for our pacing window (ms; 0: now). */
  paceRoom(): Promise<number>;
}

/** Everything the content script asks of the background (tests fake it whole). */
export type Background = PageBackground & JobsBackground;
