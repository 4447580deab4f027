// The one message protocol between background, content script, popup and options.
// Every request is declared once in `Requests`: sender and handler are typed from it, so a call
// site cannot disagree with its handler, and a missing handler is a compile error (see `Handlers`).
import * as v from 'valibot';
import browser, { type Runtime } from 'webextension-polyfill';
import type { Job, JobItem, JournalEntry } from './jobs-model.ts';
import { ASSIGNEE_TYPES } from './model.ts';
import type { Settings } from './settings.ts';
import type { PageFigure, PageModeReason, SessionRecord } from './store.ts';
import type {
  AssignmentsOfView,
  PeopleSource,
  PeopleView,
  PreviewView,
  SummaryView,
  ToolDetailView,
} from './views.ts';

export type PageKind = 'license-page' | 'admin-page' | 'other';

export interface Visit {
  id?: number;
  url: string;
  page: PageKind;
  at: number;
}

/** Which assignments of which tool: one tool, or several (quick withdrawal of one person). */
export type Selection =
  | { schoolId?: string; toolId: string; assignmentIds: string[]; label?: string }
  | { schoolId?: string; selections: { toolId: string; assignmentIds: string[] }[]; label?: string };

// ---- additive block: the license page's content script (issue 5) ----
export type PageStatusReport =
  | { state: 'recognised'; url: string; fallbacks: { list: string; matchedEntry: number }[] }
  | { state: 'not-recognised'; url: string; reason: string };
export type PageStatusRecord = PageStatusReport & { tabId: number | null; at: number };
export interface PageWithdrawalEntry {
  name: string;
  email: string;
  classes: string[];
  assignmentId: string | null;
  licenseId: string | null;
}
/** A count a Skolon page showed: a tool page's "2/22 tilldelade", or a row of the tool list. */
export interface PageFigureReport {
  toolId: string | null;
  toolName: string;
  assigned: number;
  total: number;
  source: PageFigure['source'];
}
export interface UiMessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
// ---- end of the license page's block ----

/** request type → what it carries and what it answers. */
export interface Requests {
  /** A content script announces itself; the background records the visit. */
  hello: { req: { url: string; page: PageKind }; res: { visitId: number; version: string } };
  /** A UI asks for the recent visits (the popup's "alive" view). */
  listVisits: { req: { limit: number }; res: { visits: Visit[] } };
  getSettings: { req: Record<string, never>; res: { settings: Settings } };
  /** Extension pages only. Origins must be allowed (and granted as host permissions). */
  setSettings: { req: { patch: Partial<Settings> }; res: { settings: Settings } };
  /** Extension pages only: forgets every cached dataset (jobs and journal stay). */
  clearCache: { req: Record<string, never>; res: { cleared: true } };
  /** What the background knows of the Skolon session, without calling the API. */
  getSessionState: { req: Record<string, never>; res: { state: SessionRecord | null } };
  /** Fetches from the API into the cache (ETag/304 aware). No toolId: the tool list and every tool's
   * licenses (with `assignments: true` also every tool's assignments); toolId: that tool in full. */
  sync: {
    req: { schoolId?: string; toolId?: string; assignments?: boolean };
    res: { schoolId: string; fetchedAt: number; notModified: string[]; updated: string[] };
  };
  /** Counts from the cache (no network). */
  getSummary: { req: { schoolId?: string }; res: SummaryView };
  /** One tool with its licenses, pools and assignments from the cache (fetched once if never cached). */
  getToolDetail: { req: { schoolId?: string; toolId: string }; res: ToolDetailView };
  /** Assignments held by a class's members or by the class itself, from the cache. */
  assignmentsByClass: {
    req: { schoolId?: string; classId: string; toolId?: string };
    res: { assignments: ToolDetailView['assignments'] };
  };
  /** Cache first (`source: 'cache'`, instant), then `source: 'api'`. */
  searchPeople: {
    req: { schoolId?: string; q: string; source: PeopleSource; limit?: number };
    res: PeopleView;
  };
  assignmentsOf: {
    req: { schoolId?: string; assignee: { type: 'USER' | 'GROUP'; id: string }; source: PeopleSource };
    res: AssignmentsOfView;
  };
  /** A dry run through the API: nothing changes. */
  previewWithdrawal: { req: Selection; res: PreviewView };
  /** Writes a job (one item per assignment) and starts it; progress arrives as `jobChanged` events. */
  startWithdrawal: { req: Selection; res: { job: Job } };
  listJobs: { req: { limit: number }; res: { jobs: Job[] } };
  /** A job with its failed items (for "failed items listed with a retry"). */
  getJob: { req: { jobId: string }; res: { job: Job; failed: JobItem[] } };
  pauseJob: { req: { jobId: string }; res: { job: Job } };
  resumeJob: { req: { jobId: string }; res: { job: Job } };
  cancelJob: { req: { jobId: string }; res: { job: Job } };
  /** A new withdrawal job of a finished job's failed items. */
  retryFailed: { req: { jobId: string }; res: { job: Job } };
  /** Re-assigns what a withdrawal revoked, as a persistent job of kind 'undo'. */
  undoJob: { req: { jobId: string }; res: { job: Job } };
  listJournal: { req: { limit: number; jobId?: string }; res: { entries: JournalEntry[] } };
  /** The journal as CSV (UTF-8 with BOM, `;`-separated). */
  exportJournal: { req: { jobId?: string }; res: { csv: string; fileName: string } };
  // ---- additive block: the license page's content script (issue 5; src/background/page-handlers.ts) ----
  /** What the content script made of the page: recognised (with selector fallbacks) or not. */
  reportPageStatus: { req: PageStatusReport; res: { recorded: true } };
  /** The last status each tab reported (the popup shows "Licenskoll kände inte igen sidan"). */
  getPageStatus: { req: { tabId?: number }; res: { statuses: PageStatusRecord[] } };
  /** For the sender's origin: 'api' when the contract answers there, else 'page' and why. */
  getPageMode: {
    req: { force?: boolean };
    res: { mode: 'api' | 'page'; reason: PageModeReason | null; checkedAt: number | null };
  };
  /** Counts the sender's page showed, kept per origin and school for the popup without the API. */
  reportPageFigures: { req: { school: string; figures: PageFigureReport[] }; res: { recorded: number } };
  /** The tool id of a tool the page names but whose URL carries no id (API mode only). */
  resolveToolId: { req: { name: string }; res: { toolId: string | null } };
  /** The messages of one UI language (the content script follows the page's language). */
  getUiMessages: {
    req: { language: 'sv' | 'nb' | 'en' };
    res: { messages: Record<string, UiMessageEntry> };
  };
  /** Page mode: journals what the page's own "Dra tillbaka" withdrew. */
  recordPageWithdrawal: {
    req: { schoolId?: string; toolId: string; entries: PageWithdrawalEntry[] };
    res: { jobId: string; recorded: number };
  };
  // ---- end of the license page's block ----
}

/**
 * The only requests a tab's content script may make: what src/content actually sends (a test pins
 * this list and checks it against the content script's `request('…')` calls). Everything else
 * (settings, cache, the job list and journal, people search, the session) is for our own pages.
 */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>([
  'hello',
  'sync',
  'getToolDetail',
  'getPageMode',
  'resolveToolId',
  'getUiMessages',
  'reportPageFigures',
  'reportPageStatus',
  'previewWithdrawal',
  'startWithdrawal',
  'undoJob',
  'getJob',
  'recordPageWithdrawal',
]);

/** Who sent a message: our own pages (popup, options) may send every request. */
export type SenderKind = 'extensionPage' | 'contentScript';

/** The requests each kind of sender may make (null: all of them). */
export const ALLOWED_REQUESTS: Record<SenderKind, ReadonlySet<RequestType> | null> = {
  extensionPage: null,
  contentScript: CONTENT_SCRIPT_REQUESTS,
};

export type RequestType = keyof Requests;

const pageKind = v.picklist(['license-page', 'admin-page', 'other']);
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const schoolId = v.optional(id);
const label = v.optional(v.pipe(v.string(), v.maxLength(200)));
/** 10,000 is far beyond a school's size, and keeps a malicious message from filling the store. */
const assignmentIds = v.pipe(v.array(id), v.minLength(1), v.maxLength(10_000));
const jobRef = v.object({ jobId: id });
const nothing = v.object({});
const selection = v.union([
  v.object({ schoolId, toolId: id, assignmentIds, label }),
  v.object({
    schoolId,
    label,
    selections: v.pipe(v.array(v.object({ toolId: id, assignmentIds })), v.minLength(1), v.maxLength(200)),
  }),
]);
const originText = v.pipe(v.string(), v.maxLength(300));
const settingsPatch = v.object({
  origins: v.optional(v.pipe(v.array(originText), v.maxLength(20))),
  activeOrigin: v.optional(v.nullable(originText)),
  confirmThreshold: v.optional(v.number()),
  batchSize: v.optional(v.number()),
  concurrency: v.optional(v.number()),
  requestsPerSecond: v.optional(v.number()),
});

/** Run-time shape of every request's payload: what arrives is checked before a handler sees it. */
export const requestSchemas: { [K in RequestType]: v.GenericSchema<Requests[K]['req']> } = {
  hello: v.object({ url: v.pipe(v.string(), v.maxLength(4096)), page: pageKind }),
  listVisits: v.object({ limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)) }),
  getSettings: nothing,
  // Bounds and origins are checked again by the background against the flavour's rules.
  setSettings: v.object({ patch: settingsPatch }),
  clearCache: nothing,
  getSessionState: nothing,
  sync: v.object({ schoolId, toolId: v.optional(id), assignments: v.optional(v.boolean()) }),
  getSummary: v.object({ schoolId }),
  getToolDetail: v.object({ schoolId, toolId: id }),
  assignmentsByClass: v.object({ schoolId, classId: id, toolId: v.optional(id) }),
  searchPeople: v.object({
    schoolId,
    q: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    source: v.picklist(['cache', 'api']),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))),
  }),
  assignmentsOf: v.object({
    schoolId,
    assignee: v.object({ type: v.picklist(ASSIGNEE_TYPES), id }),
    source: v.picklist(['cache', 'api']),
  }),
  previewWithdrawal: selection,
  startWithdrawal: selection,
  listJobs: v.object({ limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)) }),
  getJob: jobRef,
  pauseJob: jobRef,
  resumeJob: jobRef,
  cancelJob: jobRef,
  retryFailed: jobRef,
  undoJob: jobRef,
  listJournal: v.object({
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000)),
    jobId: v.optional(id),
  }),
  exportJournal: v.object({ jobId: v.optional(id) }),
  // ---- additive block: the license page's content script (issue 5) ----
  reportPageStatus: v.union([
    v.object({
      state: v.literal('recognised'),
      url: v.pipe(v.string(), v.maxLength(4096)),
      fallbacks: v.pipe(
        v.array(v.object({ list: v.pipe(v.string(), v.maxLength(50)), matchedEntry: v.number() })),
        v.maxLength(20),
      ),
    }),
    v.object({
      state: v.literal('not-recognised'),
      url: v.pipe(v.string(), v.maxLength(4096)),
      reason: v.pipe(v.string(), v.maxLength(300)),
    }),
  ]),
  getPageStatus: v.object({ tabId: v.optional(v.number()) }),
  getPageMode: v.object({ force: v.optional(v.boolean()) }),
  reportPageFigures: v.object({
    school: v.pipe(v.string(), v.maxLength(200)),
    figures: v.pipe(
      v.array(
        v.object({
          toolId: v.nullable(id),
          toolName: v.pipe(v.string(), v.maxLength(300)),
          assigned: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000)),
          total: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000)),
          source: v.picklist(['tool-page', 'tool-list']),
        }),
      ),
      v.maxLength(2_000),
    ),
  }),
  resolveToolId: v.object({ name: v.pipe(v.string(), v.minLength(1), v.maxLength(300)) }),
  getUiMessages: v.object({ language: v.picklist(['sv', 'nb', 'en']) }),
  recordPageWithdrawal: v.object({
    schoolId,
    toolId: id,
    entries: v.pipe(
      v.array(
        v.object({
          name: v.pipe(v.string(), v.maxLength(300)),
          email: v.pipe(v.string(), v.maxLength(300)),
          classes: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(50)),
          assignmentId: v.nullable(id),
          licenseId: v.nullable(id),
        }),
      ),
      v.minLength(1),
      v.maxLength(10_000),
    ),
  }),
  // ---- end of the license page's block ----
};

export type RequestOf<K extends RequestType> = Requests[K]['req'];
export type ResponseOf<K extends RequestType> = Requests[K]['res'];

export interface RequestMessage<K extends RequestType = RequestType> {
  channel: typeof CHANNEL;
  type: K;
  payload: RequestOf<K>;
}

export type Reply<K extends RequestType> = { ok: true; data: ResponseOf<K> } | { ok: false; error: string };

/** Marks our messages, so that unrelated runtime messages are never mistaken for ours. */
export const CHANNEL = 'licenskoll/v1';

export class ProtocolError extends Error {}

/** Sends a typed request to the background and unwraps its reply. */
export async function request<K extends RequestType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const message: RequestMessage<K> = { channel: CHANNEL, type, payload };
  const reply = (await browser.runtime.sendMessage(message)) as Reply<K> | undefined;
  if (!reply) throw new ProtocolError(`no reply to ${type}`);
  if (!reply.ok) throw new ProtocolError(reply.error);
  return reply.data;
}

export type Handlers = {
  [K in RequestType]: (payload: RequestOf<K>, sender: Runtime.MessageSender) => Promise<ResponseOf<K>>;
};

export type Rejection = { reason: string };

/**
 * Our own pages are at our origin (popup, options; also when open in a tab); a content script
 * speaks from a tab at the page's address. Anything else (no page, no tab) is neither.
 */
export function senderKind(
  sender: Pick<Runtime.MessageSender, 'url' | 'tab'>,
  ownOrigin: string,
): SenderKind | null {
  const url = sender.url;
  if (typeof url === 'string' && (url === ownOrigin || url.startsWith(`${ownOrigin}/`)))
    return 'extensionPage';
  return sender.tab ? 'contentScript' : null;
}

/**
 * Decides whether a runtime message may be handled: it must be ours (channel), of a known type,
 * come from this extension's own pages or content scripts, be a request that kind of sender may
 * make (ALLOWED_REQUESTS), and carry a well-formed payload.
 */
export function screenMessage(
  message: unknown,
  sender: Pick<Runtime.MessageSender, 'id' | 'url' | 'tab'>,
  ownId: string,
  ownOrigin: string,
): RequestMessage | Rejection {
  if (sender.id !== ownId) return { reason: `sender ${String(sender.id)} is not this extension` };
  const kind = senderKind(sender, ownOrigin);
  if (kind === null) return { reason: 'sender is neither an extension page nor a content script' };
  if (typeof message !== 'object' || message === null) return { reason: 'message is not an object' };
  const { channel, type } = message as Partial<RequestMessage>;
  if (channel !== CHANNEL) return { reason: 'message is not on the Licenskoll channel' };
  if (typeof type !== 'string' || !Object.hasOwn(requestSchemas, type)) {
    return { reason: `unknown message type ${String(type)}` };
  }
  const allowed = ALLOWED_REQUESTS[kind];
  if (allowed !== null && !allowed.has(type as RequestType)) {
    return { reason: `${type} is for the extension's own pages only` };
  }
  const checked = v.safeParse(requestSchemas[type as RequestType], (message as RequestMessage).payload);
  if (!checked.success)
    return { reason: `bad payload for ${type}: ${checked.issues[0]?.message ?? 'invalid'}` };
  return { channel: CHANNEL, type: type as RequestType, payload: checked.output };
}

export function isRejection(x: RequestMessage | Rejection): x is Rejection {
  return 'reason' in x;
}

/** event type → what it carries: background → popup, options and content scripts. */
export interface Events {
  /** A job's row changed (progress, pause, finish). The whole row: counts are small. */
  jobChanged: { job: Job };
  /** A sync ended; `error` when it failed. UIs re-read the cache. */
  syncFinished: { schoolId: string | null; toolId: string | null; ok: boolean; error: string | null };
  /** The Skolon session changed state (signed in, expired, offline). */
  sessionChanged: { state: SessionRecord };
}

export type EventType = keyof Events;

export interface EventMessage<K extends EventType = EventType> {
  channel: typeof CHANNEL;
  event: K;
  payload: Events[K];
}

const EVENT_TYPES: ReadonlySet<string> = new Set<EventType>(['jobChanged', 'syncFinished', 'sessionChanged']);

/** True for an event of ours, sent by this extension (the background). */
export function isEventMessage(
  message: unknown,
  sender: Pick<Runtime.MessageSender, 'id'>,
  ownId: string,
): message is EventMessage {
  if (sender.id !== ownId || typeof message !== 'object' || message === null) return false;
  const { channel, event } = message as Partial<EventMessage>;
  return channel === CHANNEL && typeof event === 'string' && EVENT_TYPES.has(event);
}

/** Subscribes a UI to one event type; returns the unsubscribe function. */
export function onEvent<K extends EventType>(type: K, handler: (payload: Events[K]) => void): () => void {
  const listener = (message: unknown, sender: Runtime.MessageSender) => {
    if (isEventMessage(message, sender, browser.runtime.id) && message.event === type) {
      handler(message.payload as Events[K]);
    }
    // Never answer: events are one-way, and returning nothing lets other listeners reply.
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
