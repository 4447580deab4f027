// Sync: fetch from the license API into the cache. Each dataset keeps its ETag and fetch time;
// a 304 keeps what we have. Pages are collected and validated before one write replaces a dataset.

import type { Assignment, Tool } from '../../shared/model.ts';
import type { Store } from '../../shared/store.ts';
import { datasetKey } from '../../shared/store.ts';
import type { LicenseApi } from '../api/license-api.ts';
import { broadcast } from '../messaging/broadcast.ts';
import { apiFor, recordSession } from '../platform/session.ts';
import { datasetMeta, replaceAssignments, replaceTools, touchDataset, writeToolDetail } from './cache.ts';

export interface SyncRequest {
  schoolId?: string;
  toolId?: string;
  assignments?: boolean;
  /** Read everything again, ignoring the cached ETags (a scheduled run must see today's lists). */
  fresh?: boolean;
  /** false: the tool list without each tool's licenses (one call, not one per tool). */
  details?: boolean;
  /**
   * The cache will do when the same sync succeeded within this many milliseconds: only the session
   * is asked for, and that run's answer is given again (the popup's sync as it opens; its refresh
   * button asks without). Absent: always fetch (or join the run under way).
   */
  maxAgeMs?: number;
}

export interface SyncResult {
  schoolId: string;
  fetchedAt: number;
  notModified: string[];
  updated: string[];
}

/** Syncs under way, by what they were asked (syncKey): the same request again joins its run. */
const running = new Map<string, Promise<SyncResult>>();

const syncKey = (request: SyncRequest, origin: string | undefined) =>
  JSON.stringify([
    origin ?? null,
    request.schoolId ?? null,
    request.toolId ?? null,
    request.assignments === true,
    request.fresh === true,
    request.details !== false,
  ]);

/**
 * The `datasets` record of a sync's last success on an origin, once its school is known (the
 * session's active school when the request names none): what `maxAgeMs` reads.
 */
const recentKey = (request: SyncRequest, origin: string, schoolId: string) =>
  datasetKey.sync(
    origin,
    JSON.stringify([
      schoolId,
      request.toolId ?? null,
      request.assignments === true,
      request.fresh === true,
      request.details !== false,
    ]),
  );

/** Where a request with `maxAgeMs` runs until it knows whether the cache will do. */
const recentRunKey = (key: string) => `${key}|recent`;

/**
 * `origin`: the Skolon the request came from (a tab's origin); default the active one. A request
 * equal to one under way gets that run's answer: every popup opened starts a sync of each tool's
 * licenses (one call per tool), and one reopened before the last one's sync ended queued all of
 * those calls a second time. A request with `maxAgeMs` joins any run of the same sync; one without
 * joins only a run that fetches (a run with `maxAgeMs` may end with the session alone).
 */
export function syncSchool(store: Store, request: SyncRequest, origin?: string): Promise<SyncResult> {
  const key = syncKey(request, origin);
  const mayReuse = request.maxAgeMs !== undefined;
  const under = running.get(key) ?? (mayReuse ? running.get(recentRunKey(key)) : undefined);
  if (under) return under;
  const runKey = mayReuse ? recentRunKey(key) : key;
  // A run with maxAgeMs that has to fetch after all is the run a request without joins from then
  // on; when one of those started meanwhile, it joins that one instead of fetching twice.
  const fetching = (): Promise<SyncResult> | null => {
    const other = running.get(key);
    if (other) return other;
    running.set(key, run);
    return null;
  };
  const run: Promise<SyncResult> = runSync(store, request, origin, fetching).finally(() => {
    if (running.get(runKey) === run) running.delete(runKey);
    if (running.get(key) === run) running.delete(key);
  });
  running.set(runKey, run);
  return run;
}

/**
 * A sync's last success is kept in the cache (`datasets`, datasetKey.sync): a popup opened again
 * within a minute of its last sync asked for one call per licensed tool (229 in the popup bench)
 * once more, for figures that were a minute old. Within `maxAgeMs` of that success a request still
 * asks for the session (one call: a session that ended is shown at once, and a school switched
 * in Skolon is another school's sync), then answers from the cache: nothing fetched, nothing
 * updated. In the store, not the worker's memory: the browser stops an idle worker after 30
 * seconds, and a popup opened again after that would sync in full. A run that fails changes
 * nothing in the cache, that record included (the cache is as that success left it, or newer);
 * "clear cache" empties `datasets` with the rest. Returns the cache's answer when `key`'s sync
 * succeeded within `maxAgeMs`, else null.
 */
async function recentSuccess(
  store: Store,
  key: string,
  schoolId: string,
  maxAgeMs: number,
): Promise<SyncResult | null> {
  const last = await datasetMeta(store, key);
  const age = last ? Date.now() - last.fetchedAt : Number.POSITIVE_INFINITY;
  // A success "in the future" (the clock was set back) is not taken as recent.
  if (!last || age < 0 || age > maxAgeMs) return null;
  return { schoolId, fetchedAt: last.fetchedAt, notModified: [], updated: [] };
}

/**
 * `fetching`: called when a request with `maxAgeMs` has to fetch after all; a run it returns is
 * joined instead.
 */
async function runSync(
  store: Store,
  request: SyncRequest,
  origin: string | undefined,
  fetching: () => Promise<SyncResult> | null,
): Promise<SyncResult> {
  const api = await apiFor(store, origin);
  let schoolId = request.schoolId ?? null;
  try {
    const session = await api.getSession();
    await recordSession(store, api.origin, 'signed-in', session, null);
    schoolId = request.schoolId ?? session.activeSchoolId;
    const successKey = recentKey(request, api.origin, schoolId);
    if (request.maxAgeMs !== undefined) {
      const recent = await recentSuccess(store, successKey, schoolId, request.maxAgeMs);
      if (recent) return recent;
      const other = fetching();
      if (other) return other;
    }
    const result: SyncResult = { schoolId, fetchedAt: Date.now(), notModified: [], updated: [] };
    const tools = await syncTools(store, api, schoolId, result, request.fresh === true);
    const toolIds = request.toolId ? [request.toolId] : tools.filter(hasLicenses).map((t) => t.id);
    const detailTools = request.details === false ? [] : toolIds;
    // One call per tool: the first that fails fails the run, and the calls still queued are dropped
    // (before, they went out after the run had failed, while the next popup's run queued its own).
    const stop = new AbortController();
    const { signal } = stop;
    await allOrStop(
      stop,
      detailTools.map((toolId) => syncToolDetail(store, api, schoolId as string, toolId, result, signal)),
    );
    const assignmentTools = request.toolId ? [request.toolId] : request.assignments ? toolIds : [];
    await allOrStop(
      stop,
      assignmentTools.map((toolId) =>
        syncAssignments(store, api, schoolId as string, toolId, result, {
          fresh: request.fresh === true,
          signal,
        }),
      ),
    );
    await touchDataset(store, successKey, null, result.fetchedAt);
    broadcast('syncFinished', { schoolId, toolId: request.toolId ?? null, ok: true, error: null });
    return result;
  } catch (error) {
    // Session expiry is reported by the adapter as a sessionChanged event too; UIs get both.
    const message = error instanceof Error ? error.message : String(error);
    broadcast('syncFinished', { schoolId, toolId: request.toolId ?? null, ok: false, error: message });
    throw error;
  }
}

/** Promise.all that, at the first rejection, aborts `stop` (whose signal the other calls carry). */
async function allOrStop(stop: AbortController, runs: Promise<void>[]): Promise<void> {
  await Promise.all(
    runs.map((run) =>
      run.catch((error: unknown) => {
        stop.abort(error);
        throw error;
      }),
    ),
  );
}

/** Pages one list may take; a server that never ends its list is stopped here. */
export const MAX_PAGES = 10_000;

/**
 * Stops paging that would never end: a cursor seen before (the server loops) or more than
 * MAX_PAGES pages. Throws, so the cached dataset stays as it was rather than being replaced by a
 * list that is cut short or full of repeats.
 */
function pageGuard(operation: string) {
  const seen = new Set<string>();
  return {
    next(cursor: string): void {
      if (seen.has(cursor))
        throw new Error(`${operation}: the server repeated a page cursor; paging stopped`);
      seen.add(cursor);
      if (seen.size >= MAX_PAGES)
        throw new Error(`${operation}: more than ${MAX_PAGES} pages; paging stopped`);
    },
  };
}

/** Free, local and external tools have no licenses to count. */
const hasLicenses = (tool: Tool) => tool.toolType === 'INTEGRATED';

async function syncTools(
  store: Store,
  api: LicenseApi,
  schoolId: string,
  result: SyncResult,
  fresh: boolean,
): Promise<Tool[]> {
  const key = datasetKey.tools(schoolId);
  const meta = fresh ? null : await datasetMeta(store, key);
  const first = await api.listTools(schoolId, { etag: meta?.etag ?? null });
  if (first.notModified) {
    await touchDataset(store, key, first.etag);
    result.notModified.push(key);
    return store.getAllFromIndex('tools', 'bySchool', schoolId);
  }
  const tools = [...first.data.tools];
  const paging = pageGuard('listTools');
  let cursor = first.data.nextCursor;
  while (cursor) {
    paging.next(cursor);
    const next = await api.listTools(schoolId, { cursor });
    if (next.notModified) break;
    tools.push(...next.data.tools);
    cursor = next.data.nextCursor;
  }
  await replaceTools(store, schoolId, tools, first.etag);
  result.updated.push(key);
  return tools;
}

async function syncToolDetail(
  store: Store,
  api: LicenseApi,
  schoolId: string,
  toolId: string,
  result: SyncResult,
  signal: AbortSignal,
) {
  const detail = await api.getTool(schoolId, toolId, { signal });
  const changed = await writeToolDetail(store, schoolId, detail);
  (changed ? result.updated : result.notModified).push(datasetKey.detail(schoolId, toolId));
}

export async function syncAssignments(
  store: Store,
  api: LicenseApi,
  schoolId: string,
  toolId: string,
  result?: SyncResult,
  options: { fresh?: boolean; signal?: AbortSignal | undefined } = {},
): Promise<void> {
  const key = datasetKey.assignments(schoolId, toolId);
  // Fresh: no If-None-Match, so the server sends the whole list (never "unchanged since").
  const meta = options.fresh ? null : await datasetMeta(store, key);
  const first = await api.listAssignments(schoolId, toolId, {
    etag: meta?.etag ?? null,
    signal: options.signal,
  });
  if (first.notModified) {
    await touchDataset(store, key, first.etag);
    result?.notModified.push(key);
    return;
  }
  const assignments: Assignment[] = [...first.data.assignments];
  const paging = pageGuard('listAssignments');
  let cursor = first.data.nextCursor;
  while (cursor) {
    paging.next(cursor);
    const next = await api.listAssignments(schoolId, toolId, { cursor, signal: options.signal });
    if (next.notModified) break;
    assignments.push(...next.data.assignments);
    cursor = next.data.nextCursor;
  }
  await replaceAssignments(store, schoolId, toolId, assignments, first.etag);
  result?.updated.push(key);
}
