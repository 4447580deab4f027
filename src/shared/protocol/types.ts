// The message protocol between background, content scripts, popup and options: types only (and the
// channel name), so every context can import it without run-time weight. A request's payload type
// is inferred from its schema in ./schemas.ts (which only the background loads); its answer is
// declared in `Responses`. Sender and handler are typed from both, so a call site cannot disagree
// with its handler, and a missing handler is a compile error (see `Handlers`).
import type { InferOutput } from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import type { Job, JobItem, JournalEntry } from '../jobs-model.ts';
import type { SavedView, Schedule, SchedulePreview, ViewFilters } from '../plans.ts';
import type { Settings } from '../settings.ts';
import type { PageModeReason, SessionRecord, Visit } from '../store.ts';
import type { AssignmentsOfView, PeopleView, PreviewView, SummaryView, ToolDetailView } from '../views.ts';
import type { requestSchemas } from './schemas.ts';

/** Marks our messages, so that unrelated runtime messages are never mistaken for ours. */
export const CHANNEL = 'licenskoll/v1';

export type RequestType = keyof typeof requestSchemas;
export type RequestOf<K extends RequestType> = InferOutput<(typeof requestSchemas)[K]>;

/** Which assignments of which tool: one tool, or several (quick withdrawal of one person). */
export type Selection = RequestOf<'startWithdrawal'>;
/** What the content script made of the page: recognised (with selector fallbacks) or not. */
export type PageStatusReport = RequestOf<'reportPageStatus'>;
/** A count a Skolon page showed: a tool page's "2/22 tilldelade", or a row of the tool list. */
export type PageFigureReport = RequestOf<'reportPageFigures'>['figures'][number];
/** One person the page's own "Dra tillbaka" withdrew (page mode). */
export type PageWithdrawalEntry = RequestOf<'recordPageWithdrawal'>['entries'][number];
export type UiLanguage = RequestOf<'getUiMessages'>['language'];

export interface UiMessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** request type → what it answers. */
interface Responses {
  /** A content script announces itself; the background records the visit. */
  hello: { visitId: number; version: string };
  /** The recent visits (the e2e tests' view of what the content scripts announced). */
  listVisits: { visits: Visit[] };
  getSettings: { settings: Settings };
  /** Extension pages only. Origins must be allowed (and granted as host permissions). */
  setSettings: { settings: Settings };
  /** Extension pages only: forgets every cached dataset (jobs and journal stay). */
  clearCache: { cleared: true };
  /** What the background knows of the Skolon session, without calling the API. */
  getSessionState: { state: SessionRecord | null };
  /** Fetches from the API into the cache (ETag/304 aware). No toolId: the tool list and every tool's
   * licenses (with `assignments: true` also every tool's assignments); toolId: that tool in full.
   * `maxAgeMs`: when the same sync (for the session's school) last succeeded within that long,
   * only the session is asked for, and the answer says nothing was updated. */
  sync: { schoolId: string; fetchedAt: number; notModified: string[]; updated: string[] };
  /** Counts from the cache (no network). */
  getSummary: SummaryView;
  /** One tool with its licenses, pools and assignments from the cache (fetched once if never cached). */
  getToolDetail: ToolDetailView;
  /** Cache first (`source: 'cache'`, instant), then `source: 'api'`. */
  searchPeople: PeopleView;
  assignmentsOf: AssignmentsOfView;
  /** A dry run through the API: nothing changes. */
  previewWithdrawal: PreviewView;
  /** Writes a job (one item per assignment) and starts it; progress arrives as `jobChanged` events. */
  startWithdrawal: { job: Job };
  listJobs: { jobs: Job[] };
  /** A job with its failed items (for "failed items listed with a retry"). */
  getJob: { job: Job; failed: JobItem[] };
  pauseJob: { job: Job };
  resumeJob: { job: Job };
  cancelJob: { job: Job };
  /** A new withdrawal job of a finished job's failed items. */
  retryFailed: { job: Job };
  /** Re-assigns what a withdrawal revoked, as a persistent job of kind 'undo'. */
  undoJob: { job: Job };
  listJournal: { entries: JournalEntry[] };
  /** The journal as CSV (UTF-8 with BOM, `;`-separated). */
  exportJournal: { csv: string; fileName: string };
  /** A recognised license page makes its origin the active Skolon; an unrecognised one is logged. */
  reportPageStatus: { recorded: true };
  /** For the sender's origin: 'api' when the contract answers there, else 'page' and why. */
  getPageMode: { mode: 'api' | 'page'; reason: PageModeReason | null; checkedAt: number | null };
  /**
   * How long a request of the page's own (its refetch after a job) should wait, in ms, so that it
   * does not share the server's second with our last calls to the sender's origin (0: now).
   */
  paceRoom: { waitMs: number };
  /** Counts the sender's page showed, kept per origin and school for the popup without the API. */
  reportPageFigures: { recorded: number };
  /** The tool id of a tool the page names but whose URL carries no id (API mode only). */
  resolveToolId: { toolId: string | null };
  /** The messages of one UI language (the content script follows the page's language). */
  getUiMessages: { messages: Record<string, UiMessageEntry> };
  /** Page mode: journals what the page's own "Dra tillbaka" withdrew. */
  recordPageWithdrawal: { jobId: string; recorded: number };
  /** Saved views, newest first. */
  listViews: { views: SavedView[] };
  saveView: { view: SavedView };
  deleteView: { deleted: boolean };
  replaceViews: { views: SavedView[] };
  /** Scheduled withdrawals, soonest first. */
  listSchedules: { schedules: Schedule[] };
  saveSchedule: { schedule: Schedule };
  deleteSchedule: { deleted: boolean };
  pauseSchedule: { schedule: Schedule };
  runScheduleNow: { schedule: Schedule };
  confirmSchedule: { schedule: Schedule };
  previewSchedule: SchedulePreview;
  /** A view to apply and the tool it is for, when a page-mode schedule opened this tab; else null. */
  takePendingView: { pending: { scheduleId: string; toolId: string | null; filters: ViewFilters } | null };
}

export type ResponseOf<K extends RequestType> = Responses[K];

export interface RequestMessage<K extends RequestType = RequestType> {
  channel: typeof CHANNEL;
  type: K;
  payload: RequestOf<K>;
}

/**
 * Why a request failed, for the UIs to act on: sign in again, wait for the network or the server,
 * or show the message. REJECTED: the message itself was refused (unknown, malformed, not allowed).
 */
export type ErrorCode = 'SESSION_EXPIRED' | 'OFFLINE' | 'RATE_LIMITED' | 'API' | 'REJECTED' | 'FAILED';

export type Reply<K extends RequestType> =
  | { ok: true; data: ResponseOf<K> }
  | { ok: false; error: string; code: ErrorCode };

export type Handlers = {
  [K in RequestType]: (payload: RequestOf<K>, sender: Runtime.MessageSender) => Promise<ResponseOf<K>>;
};

/** event type → what it carries: background → popup, options and content scripts. */
export interface Events {
  /** A job's row changed (progress, pause, finish). The whole row: counts are small. */
  jobChanged: { job: Job };
  /** A sync ended; `error` when it failed. UIs re-read the cache. */
  syncFinished: { schoolId: string | null; toolId: string | null; ok: boolean; error: string | null };
  /** The Skolon session changed state (signed in, expired, offline). */
  sessionChanged: { state: SessionRecord };
  /** The focus-search browser command, sent to the active tab's content script. */
  focusSearch: Record<string, never>;
  /** Saved views changed (saved, renamed, deleted, imported). */
  viewsChanged: { views: SavedView[] };
  /** A schedule changed (saved, paused, ran, waits). */
  scheduleChanged: { schedule: Schedule | null; scheduleId: string };
}

export type EventType = keyof Events;

export interface EventMessage<K extends EventType = EventType> {
  channel: typeof CHANNEL;
  event: K;
  payload: Events[K];
}
