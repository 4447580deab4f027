// The run-time shape of every request's payload (valibot), for the background only: what arrives is
// checked before a handler sees it. The request types in ./types.ts are inferred from these, so a
// payload's type and its check cannot disagree. Other contexts import ./types.ts and ./client.ts,
// which carry no valibot.
import * as v from 'valibot';
import { ASSIGNEE_TYPES } from '../model.ts';
import { savedViewsSchema, scheduleDraftSchema, viewDraftSchema } from '../plans-schema.ts';

const pageKind = v.picklist(['license-page', 'admin-page', 'other']);
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const schoolId = v.optional(id);
const label = v.optional(v.pipe(v.string(), v.maxLength(200)));
const url = v.pipe(v.string(), v.maxLength(4096));
/** 10,000 is far beyond a school's size, and keeps a malicious message from filling the store. */
const assignmentIds = v.pipe(v.array(id), v.minLength(1), v.maxLength(10_000));
const jobRef = v.object({ jobId: id });
const nothing = v.object({});
const limit = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000));

/** Which assignments of which tool: one tool, or several (quick withdrawal of one person). */
const selection = v.union([
  v.object({ schoolId, toolId: id, assignmentIds, label }),
  v.object({
    schoolId,
    label,
    selections: v.pipe(v.array(v.object({ toolId: id, assignmentIds })), v.minLength(1), v.maxLength(200)),
  }),
]);
// Bounds and origins are checked again by the background against the flavour's rules (settings.ts).
const settingsPatch = v.object({
  origins: v.optional(v.pipe(v.array(text(300)), v.maxLength(20))),
  activeOrigin: v.optional(v.nullable(text(300))),
  confirmThreshold: v.optional(v.number()),
  batchSize: v.optional(v.number()),
  concurrency: v.optional(v.number()),
  requestsPerSecond: v.optional(v.number()),
});
const pageStatus = v.union([
  v.object({
    state: v.literal('recognised'),
    url,
    fallbacks: v.pipe(v.array(v.object({ list: text(50), matchedEntry: v.number() })), v.maxLength(20)),
  }),
  v.object({ state: v.literal('not-recognised'), url, reason: text(300) }),
]);
const pageFigure = v.object({
  toolId: v.nullable(id),
  toolName: text(300),
  assigned: count,
  total: count,
  source: v.picklist(['tool-page', 'tool-list']),
});
const pageWithdrawalEntry = v.object({
  name: text(300),
  email: text(300),
  classes: v.pipe(v.array(text(100)), v.maxLength(50)),
  assignmentId: v.nullable(id),
  licenseId: v.nullable(id),
});

export const requestSchemas = {
  hello: v.object({ url, page: pageKind }),
  listVisits: v.object({ limit: limit(1000) }),
  getSettings: nothing,
  setSettings: v.object({ patch: settingsPatch }),
  clearCache: nothing,
  getSessionState: nothing,
  sync: v.object({
    schoolId,
    toolId: v.optional(id),
    assignments: v.optional(v.boolean()),
    /** The cache will do if the same sync succeeded this recently (ms; at most an hour). */
    maxAgeMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3_600_000))),
  }),
  getSummary: v.object({ schoolId }),
  getToolDetail: v.object({ schoolId, toolId: id }),
  searchPeople: v.object({
    schoolId,
    q: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    source: v.picklist(['cache', 'api']),
    limit: v.optional(limit(50)),
  }),
  assignmentsOf: v.object({
    schoolId,
    assignee: v.object({ type: v.picklist(ASSIGNEE_TYPES), id }),
    source: v.picklist(['cache', 'api']),
  }),
  previewWithdrawal: selection,
  startWithdrawal: selection,
  listJobs: v.object({ limit: limit(500) }),
  getJob: jobRef,
  pauseJob: jobRef,
  resumeJob: jobRef,
  cancelJob: jobRef,
  retryFailed: jobRef,
  undoJob: jobRef,
  listJournal: v.object({ limit: limit(100_000), jobId: v.optional(id) }),
  exportJournal: v.object({ jobId: v.optional(id) }),
  reportPageStatus: pageStatus,
  getPageMode: v.object({ force: v.optional(v.boolean()) }),
  paceRoom: v.object({}),
  reportPageFigures: v.object({
    school: text(200),
    figures: v.pipe(v.array(pageFigure), v.maxLength(2_000)),
  }),
  resolveToolId: v.object({ name: v.pipe(v.string(), v.minLength(1), v.maxLength(300)) }),
  getUiMessages: v.object({ language: v.picklist(['sv', 'nb', 'en']) }),
  recordPageWithdrawal: v.object({
    schoolId,
    toolId: id,
    entries: v.pipe(v.array(pageWithdrawalEntry), v.minLength(1), v.maxLength(10_000)),
    /** The page job an earlier batch of the same withdrawal started: its entries join it. */
    jobId: v.optional(v.pipe(v.string(), v.regex(/^page-[0-9a-f-]{36}$/))),
  }),
  // End-of-term planning (issue 14): saved views and scheduled withdrawals.
  listViews: nothing,
  saveView: v.object({ view: viewDraftSchema }),
  deleteView: v.object({ viewId: id }),
  /** Settings import: the file's views replace the saved ones, all or nothing. */
  replaceViews: v.object({ views: savedViewsSchema }),
  listSchedules: nothing,
  saveSchedule: v.object({ schedule: scheduleDraftSchema }),
  deleteSchedule: v.object({ scheduleId: id }),
  pauseSchedule: v.object({ scheduleId: id, paused: v.boolean() }),
  /** Runs it now (the same resolution, threshold and confirmation as at its time). */
  runScheduleNow: v.object({ scheduleId: id }),
  /** The administrator confirms a run that waits for it (above the threshold). */
  confirmSchedule: v.object({ scheduleId: id }),
  previewSchedule: v.object({ scheduleId: id }),
  /** Page mode: the license page asks whether a schedule opened it with a view to apply. */
  takePendingView: nothing,
} satisfies Record<string, v.GenericSchema>;
