// Test doubles for the popup's components: a fake background behind the PopupClient interface.
import type { AssignmentWithTool } from '../shared/model.ts';
import { NO_VIEW_FILTERS, type Schedule, type SchedulePreview } from '../shared/plans.ts';
import type { PageFigure } from '../shared/store.ts';
import type { PopupClient, SummarySnapshot } from './client-types.ts';
import type { JobView } from './model/jobs-view.ts';

export const i18nMock = {
  default: {
    i18n: {
      getMessage: (key: string, subs: string[] = []) => (subs.length ? `${key}(${subs.join(',')})` : key),
      getUILanguage: () => 'sv-SE',
    },
    runtime: { openOptionsPage: () => Promise.resolve(), getURL: (p: string) => p },
    tabs: { create: () => Promise.resolve() },
  },
};

export const snapshot: SummarySnapshot = {
  state: 'signed-in',
  role: 'SCHOOL_ADMIN',
  schools: [{ id: 's', name: 'Demoskolan' }],
  activeSchoolId: 's',
  origin: 'https://app.skolon.com',
  fetchedAt: Date.now() - 3 * 60_000,
  tools: [
    { id: 'kemi', name: 'Kemi', seats: 10, assigned: 2, nextExpiry: '2999-01-01', hasExpired: false },
    { id: 'spanska', name: 'Spanska', seats: 5, assigned: 5, nextExpiry: null, hasExpired: false },
    { id: 'historia', name: 'Historia', seats: 20, assigned: 19, nextExpiry: null, hasExpired: true },
  ],
  mode: 'api',
  modeReason: null,
  pageFigures: [],
};

const MINUTE = 60_000;
const figure = (
  f: Partial<PageFigure> & Pick<PageFigure, 'toolName' | 'assigned' | 'total'>,
): PageFigure => ({
  origin: 'https://app.skolon.com',
  school: 'Demoskolan',
  toolKey: f.toolId ?? `name:${f.toolName.toLowerCase()}`,
  toolId: null,
  seenAt: Date.now() - 5 * MINUTE,
  source: 'tool-page',
  ...f,
});

/** Page mode: the license API is absent, two tools seen on Demoskolan's pages. */
export const pageSnapshot: SummarySnapshot = {
  state: 'never-synced',
  role: null,
  schools: [],
  activeSchoolId: null,
  origin: 'https://app.skolon.com',
  fetchedAt: null,
  tools: [],
  mode: 'page',
  modeReason: 'absent',
  pageFigures: [
    figure({
      toolId: 't-psykologi',
      toolName: 'Psykologi för gymnasiet Digitalbok',
      assigned: 2,
      total: 22,
      url: 'https://app.skolon.com/admin/tools/t-psykologi?tab=licenses',
    }),
    figure({
      toolName: 'Kemi 1',
      assigned: 30,
      total: 30,
      seenAt: Date.now() - 3 * 60 * MINUTE,
      source: 'tool-list',
    }),
  ],
};

export { figure as pageFigure };

const holdings: AssignmentWithTool[] = ['kemi', 'spanska', 'historia'].map((toolId, i) => ({
  id: `a${i}`,
  licenseId: `l-${toolId}`,
  toolId,
  toolName: toolId.toUpperCase(),
  assignedAt: '2025-01-01T00:00:00Z',
  assignee: { type: 'USER', id: 'u-20', name: 'Östen Quickström', active: true },
}));

const DAY = 24 * 60 * MINUTE;

/** A scheduled withdrawal: Åk 9's students at Demoskolan, in Kemi, in two days. */
export function scheduleOf(patch: Partial<Schedule> = {}): Schedule {
  return {
    id: 'sch-1',
    name: 'Åk 9 slutar',
    origin: 'https://app.skolon.com',
    filters: { ...NO_VIEW_FILTERS, classes: ['9A', '9B'], roles: ['STUDENT'] },
    viewId: 'view-1',
    people: null,
    toolIds: ['kemi'],
    schoolIds: ['s'],
    runAt: Date.now() + 2 * DAY + MINUTE,
    state: 'scheduled',
    message: null,
    confirmedAt: null,
    lastRun: null,
    createdAt: Date.now() - DAY,
    updatedAt: Date.now() - DAY,
    ...patch,
  };
}

/** What a schedule would withdraw now: 23 people, 23 assignments in Kemi (above the threshold of 20). */
export function schedulePreviewOf(patch: Partial<SchedulePreview> = {}): SchedulePreview {
  return {
    scheduleId: 'sch-1',
    people: 23,
    assignments: 23,
    tools: [{ toolId: 'kemi', toolName: 'Kemi', assignments: 23 }],
    needsConfirmation: true,
    error: null,
    resolvedAt: Date.now(),
    ...patch,
  };
}

export function fakeClient(overrides: Partial<PopupClient> = {}): PopupClient & { jobsList: JobView[] } {
  const jobsList: JobView[] = [];
  const client: PopupClient & { jobsList: JobView[] } = {
    jobsList,
    cachedSummary: async () => snapshot,
    firstPaint: async () => snapshot,
    refresh: async () => snapshot,
    switchSchool: async () => snapshot,
    recheckMode: async () => snapshot,
    searchPeople: async (_q, onResults) => {
      onResults(
        [holdings[0]?.assignee].filter((p) => p !== undefined),
        true,
      );
    },
    holdingsOf: async () => holdings,
    allHoldings: async () => [],
    preview: async (items) => ({
      willRevoke: items.length,
      alreadyGone: 0,
      problems: 0,
      byTool: items.map((i) => ({ toolName: i.toolName, count: 1 })),
    }),
    startWithdrawal: async (items) => {
      jobsList.push({
        id: 'job-1',
        kind: 'withdraw',
        state: 'done',
        pauseReason: null,
        label: 'x',
        total: items.length,
        revoked: items.length,
        alreadyRevoked: 0,
        failed: 0,
        pending: 0,
        createdAt: 0,
        finishedAt: 1,
        canUndo: true,
        toolIds: items.map((i) => i.toolId),
      });
      return 'job-1';
    },
    jobs: async () => jobsList,
    cancelJob: async () => undefined,
    pauseJob: async () => undefined,
    resumeJob: async () => undefined,
    undoJob: async () => 'undo-1',
    journalCsv: async () => ({ csv: '', fileName: 'x.csv' }),
    confirmThreshold: async () => 20,
    takeUndoRequest: async () => null,
    subscribe: () => () => undefined,
    schedules: async () => [],
    previewSchedule: async (scheduleId) => schedulePreviewOf({ scheduleId }),
    saveSchedule: async ({ id, schoolIds, ...draft }) => ({
      ...scheduleOf({ id: id ?? 'sch-new' }),
      ...draft,
      ...(schoolIds ? { schoolIds } : {}),
    }),
    pauseSchedule: async (scheduleId, paused) =>
      scheduleOf({ id: scheduleId, state: paused ? 'paused' : 'scheduled' }),
    runScheduleNow: async (scheduleId) => scheduleOf({ id: scheduleId, state: 'ran' }),
    confirmSchedule: async (scheduleId) =>
      scheduleOf({ id: scheduleId, state: 'ran', confirmedAt: Date.now() }),
    deleteSchedule: async () => undefined,
    onScheduleChanged: () => () => undefined,
    ...overrides,
  };
  return client;
}
