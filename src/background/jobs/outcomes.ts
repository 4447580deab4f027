// Recording what the API answered for a batch: each item's outcome, its journal entry and the
// cache change are written in ONE transaction right after the response, so an item that is marked
// done is journaled, and one that is not stays pending and is resent (the server's idempotency
// makes that harmless). An item already marked is never counted or journaled again.
// An item the answer does not name (ids compared case-insensitively) is UNKNOWN, not failed: the
// server may well have withdrawn it. It stays pending, flagged uncertain, and its batch is sent
// again; only when MAX_OMITTED answers in a row left it out does it fail (still flagged, so that
// "Försök igen" journals an ALREADY_REVOKED as ours).

import type { IDBPTransaction } from 'idb';
import {
  assignState,
  type ItemOutcome,
  type ItemState,
  type Job,
  type JobItem,
  type JournalAction,
  revokeState,
  wasUncertain,
} from '../../shared/jobs-model.ts';
import type { AssignResult, RevokeResult } from '../../shared/model.ts';
import type { LicenskollDB, Store } from '../../shared/store.ts';
import { datasetKey, putEach } from '../../shared/store.ts';
import { toCached } from '../cache/cache.ts';
import { broadcast } from '../messaging/broadcast.ts';

/** Answers that may leave an item out before it is given up as failed (uncertain). */
const MAX_OMITTED = 4;

/** Still pending after the answer: its outcome is unknown. */
const UNKNOWN = 'unknown' as const;

interface ItemResult {
  state: ItemState;
  outcome: ItemOutcome;
  reason: string | null;
  newAssignmentId?: string | null;
  /** True when this item's effect is ours and belongs in the journal. */
  journal: boolean;
  /** Persist the uncertain flag (a failure after a send whose effect is unknown). */
  uncertain?: boolean;
}

/** The outcome, its journal entry and the job's counts: one transaction, all or nothing. */
const STORES = ['jobs', 'jobItems', 'journal', 'tools'] as const;
/**
 * The cache following our change, in a transaction of its own right after: it shares no store
 * with the next batch's claim (jobs, jobItems), so that claim no longer waits for ~100 deletes of
 * indexed assignments and the seat counts (bulk bench, 5 runs: ratio 1.58 with them in one
 * transaction, 1.22 without the cache work at all). Should the worker stop in between, the cache
 * is a sync behind, as after any change made elsewhere.
 */
const CACHE_STORES = ['assignments', 'tools', 'toolDetails', 'datasets'] as const;

async function record(
  store: Store,
  jobId: string,
  items: JobItem[],
  resultOf: (item: JobItem) => ItemResult | typeof UNKNOWN,
  action: JournalAction,
  checked = false,
): Promise<RecordSummary> {
  try {
    return await recordIn(store, jobId, items, resultOf, action, checked);
  } catch (error) {
    if (checked || (error as { name?: unknown } | null)?.name !== 'ConstraintError') throw error;
    return recordIn(store, jobId, items, resultOf, action, true);
  }
}

async function recordIn(
  store: Store,
  jobId: string,
  items: JobItem[],
  resultOf: (item: JobItem) => ItemResult | typeof UNKNOWN,
  action: JournalAction,
  checked: boolean,
): Promise<RecordSummary> {
  const tx = store.transaction(STORES, 'readwrite');
  const jobs = tx.objectStore('jobs');
  const itemStore = tx.objectStore('jobItems');
  const journal = tx.objectStore('journal');
  // Few requests, none waiting for the one before: the batch's rows in one read, every write
  // queued at once (one transaction either way: all or nothing). A request per item, one after
  // another, took ~0.4 s a batch of 100 in Chromium.
  const seqs = new Set(items.map((i) => i.seq));
  const [job, rows] = await Promise.all([
    jobs.get(jobId),
    seqs.size === 0
      ? []
      : itemStore.getAll(IDBKeyRange.bound([jobId, Math.min(...seqs)], [jobId, Math.max(...seqs)])),
  ]);
  const freshItems = rows.filter((row) => seqs.has(row.seq));
  if (!job) throw new Error(`no job ${jobId}`);
  const counts = { ...job.counts };
  const outcomes = { ...job.outcomes };
  const seatDelta = new Map<string, number>();
  const now = Date.now();
  const summary: RecordSummary = { unknown: 0 };
  const writes: Promise<unknown>[] = [];
  const write = (request: Promise<unknown>) => {
    request.catch(() => undefined); // seen below (Promise.all), not an unhandled rejection meanwhile
    writes.push(request);
  };
  const toJournal: { item: JobItem; newAssignmentId: string | null }[] = [];
  const itemRows: JobItem[] = [];
  for (const fresh of freshItems) {
    if (fresh.state !== 'pending') continue;
    const answered = resultOf(fresh);
    const omitted = (fresh.omitted ?? 0) + (answered === UNKNOWN ? 1 : 0);
    if (answered === UNKNOWN && omitted < MAX_OMITTED) {
      itemRows.push({ ...fresh, omitted, uncertain: true });
      summary.unknown++;
      continue;
    }
    const result: ItemResult =
      answered === UNKNOWN
        ? {
            state: 'failed',
            outcome: 'ERROR',
            reason: `no answer named its outcome (${omitted} tries): it may have been withdrawn`,
            journal: false,
          }
        : answered;
    itemRows.push({
      ...fresh,
      state: result.state,
      outcome: result.outcome,
      reason: result.reason,
      doneAt: now,
      newAssignmentId: result.newAssignmentId ?? null,
      ...(answered === UNKNOWN ? { omitted, uncertain: true } : {}),
      ...(result.uncertain ? { uncertain: true } : {}),
    });
    counts.pending--;
    counts[result.state]++;
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
    if (result.journal) toJournal.push({ item: fresh, newAssignmentId: result.newAssignmentId ?? null });
  }
  putEach(itemStore, itemRows);
  // An item still pending was never journaled by this job (its outcome and its entry are written
  // together), so the fast path reads nothing first. The unique index [job, action, assignment]
  // has the last word: should it refuse an entry (ConstraintError aborts this transaction, nothing
  // written), the whole record runs again with every entry looked up first (`checked`).
  const byJobAssignment = journal.index('byJobAssignment');
  const toolIds = [...new Set(toJournal.map(({ item }) => item.toolId))];
  const [tools, journaled] = await Promise.all([
    Promise.all(toolIds.map((toolId) => tx.objectStore('tools').get([job.schoolId, toolId]))),
    checked
      ? Promise.all(toJournal.map(({ item }) => byJobAssignment.getKey([jobId, action, item.assignmentId])))
      : [],
  ]);
  const toolName = new Map(toolIds.map((toolId, i) => [toolId, tools[i]?.name ?? toolId]));
  const added = toJournal.map(({ item }, i) => {
    if (journaled[i] !== undefined) return false;
    write(
      journal.add({
        jobId,
        action,
        at: now,
        schoolId: job.schoolId,
        toolId: item.toolId,
        toolName: toolName.get(item.toolId) ?? item.toolId,
        licenseId: item.licenseId,
        assignmentId: item.assignmentId,
        assignee: item.assignee,
      }),
    );
    return true;
  });
  const newlyJournaled = toJournal.filter((_, i) => added[i]);
  for (const { item } of newlyJournaled) {
    const seats = `${item.toolId}|${item.licenseId}`;
    seatDelta.set(seats, (seatDelta.get(seats) ?? 0) + (action === 'revoked' ? -1 : 1));
  }
  // The last outcome finishes the job in the same transaction (as finishIfComplete would after it).
  const finished = counts.pending === 0 && job.state === 'running';
  const written: Job = {
    ...job,
    counts,
    outcomes,
    updatedAt: now,
    ...(finished ? { state: 'done' as const, finishedAt: now, message: null } : {}),
  };
  writes.push(jobs.put(written));
  await Promise.all([...writes, tx.done]);
  if (newlyJournaled.length > 0) {
    await followInCache(store, job, newlyJournaled, action, now, seatDelta).catch((error: unknown) =>
      console.warn('[Licenskoll] the cache did not follow a change (the next sync will)', error),
    );
  }
  broadcast('jobChanged', { job: written });
  return summary;
}

export interface RecordSummary {
  /** Items the answer did not name that stay pending (their batch must be sent again). */
  unknown: number;
}

type CacheTx = IDBPTransaction<LicenskollDB, typeof CACHE_STORES, 'readwrite'>;

async function followInCache(
  store: Store,
  job: Job,
  changed: { item: JobItem; newAssignmentId: string | null }[],
  action: JournalAction,
  now: number,
  seatDelta: Map<string, number>,
): Promise<void> {
  const tx = store.transaction(CACHE_STORES, 'readwrite');
  const writes: Promise<unknown>[] = [];
  for (const { item, newAssignmentId } of changed) {
    const write = updateCache(tx, job, item, action, newAssignmentId, now);
    if (write) writes.push(write);
  }
  writes.push(
    applySeatDelta(tx, job.schoolId, seatDelta),
    seatDelta.size > 0 ? forgetEtags(tx, job.schoolId, seatDelta) : Promise.resolve(),
  );
  await Promise.all([...writes, tx.done]);
}

/** The cache follows our own change at once, so UIs show the new picture before the next sync. */
function updateCache(
  tx: CacheTx,
  job: Job,
  item: JobItem,
  action: JournalAction,
  newAssignmentId: string | null,
  now: number,
): Promise<unknown> | null {
  const assignments = tx.objectStore('assignments');
  if (action === 'revoked') return assignments.delete(item.assignmentId);
  if (!newAssignmentId) return null;
  return assignments.put(
    toCached(job.schoolId, item.toolId, {
      id: newAssignmentId,
      licenseId: item.licenseId,
      assignee: item.assignee,
      assignedAt: new Date(now).toISOString(),
    }),
  );
}

/** Cached tool and license counts follow too ("toolId|licenseId" → seats taken, + or −). */
async function applySeatDelta(tx: CacheTx, schoolId: string, delta: Map<string, number>): Promise<void> {
  const byTool = new Map<string, Map<string, number>>();
  for (const [key, change] of delta) {
    const [toolId = '', licenseId = ''] = key.split('|');
    const licenses = byTool.get(toolId) ?? new Map<string, number>();
    licenses.set(licenseId, (licenses.get(licenseId) ?? 0) + change);
    byTool.set(toolId, licenses);
  }
  for (const [toolId, licenses] of byTool) {
    const total = [...licenses.values()].reduce((a, b) => a + b, 0);
    const tool = await tx.objectStore('tools').get([schoolId, toolId]);
    if (tool) await tx.objectStore('tools').put({ ...tool, assigned: Math.max(0, tool.assigned + total) });
    const detail = await tx.objectStore('toolDetails').get([schoolId, toolId]);
    if (!detail) continue;
    await tx.objectStore('toolDetails').put({
      ...detail,
      licenses: detail.licenses.map((l) => ({
        ...l,
        assigned: Math.max(0, l.assigned + (licenses.get(l.id) ?? 0)),
      })),
    });
  }
}

/** Our edits made the cache differ from what the ETags describe: the next sync must download again. */
async function forgetEtags(tx: CacheTx, schoolId: string, delta: Map<string, number>): Promise<void> {
  const toolIds = new Set([...delta.keys()].map((key) => key.split('|')[0] ?? ''));
  const keys = [datasetKey.tools(schoolId), ...[...toolIds].map((t) => datasetKey.assignments(schoolId, t))];
  for (const key of keys) {
    const meta = await tx.objectStore('datasets').get(key);
    if (meta?.etag) await tx.objectStore('datasets').put({ ...meta, etag: null });
  }
}

/**
 * A revoke batch's answer. ALREADY_REVOKED counts as done; it is journaled (and counted as revoked,
 * so undo restores it) only when an earlier send may have withdrawn it unrecorded (`wasUncertain`:
 * a resend, or an item carried over from an uncertain one; or `resent`: the adapter itself sent
 * this call again after an attempt with an unknown outcome), because then that withdrawal was ours.
 * An id the answer leaves out stays pending (unknown).
 */
export function recordRevoke(
  store: Store,
  jobId: string,
  items: JobItem[],
  answer: RevokeResult,
  /** The adapter re-sent the call after an attempt that may have taken effect (revoke's onResend). */
  resent = false,
): Promise<RecordSummary> {
  const byId = new Map(answer.results.map((r) => [r.assignmentId.toLowerCase(), r]));
  return record(
    store,
    jobId,
    items,
    (item) => {
      const r = byId.get(item.assignmentId.toLowerCase());
      if (!r) return UNKNOWN;
      const ours = r.outcome === 'ALREADY_REVOKED' && (resent || wasUncertain(item));
      const journal = r.outcome === 'REVOKED' || ours;
      return {
        state: ours ? 'revoked' : revokeState(r.outcome),
        outcome: r.outcome,
        reason: r.message ?? null,
        journal,
      };
    },
    'revoked',
  );
}

/** An assign (undo) batch's answer, in request order (matched by assignee as well, to be safe). */
export function recordAssign(
  store: Store,
  jobId: string,
  items: JobItem[],
  answer: AssignResult,
): Promise<RecordSummary> {
  const byRef = new Map(answer.results.map((r) => [`${r.assignee.type}|${r.assignee.id.toLowerCase()}`, r]));
  return record(
    store,
    jobId,
    items,
    (item) => {
      const r = byRef.get(`${item.assignee.type}|${item.assignee.id.toLowerCase()}`);
      if (!r) return UNKNOWN;
      const ours = r.outcome === 'ALREADY_ASSIGNED' && wasUncertain(item);
      const journal = r.outcome === 'ASSIGNED' || ours;
      return {
        state: ours ? 'assigned' : assignState(r.outcome),
        outcome: r.outcome,
        reason: r.message ?? null,
        newAssignmentId: r.assignmentId ?? null,
        journal,
      };
    },
    'reassigned',
  );
}

/**
 * A batch the API refused as a whole (e.g. 404 tool, 403 not admin): its items fail with the reason.
 * They were sent, and no answer named their outcome, so they keep (or get) the uncertain flag.
 */
export async function failItems(
  store: Store,
  jobId: string,
  items: JobItem[],
  reason: string,
): Promise<void> {
  await record(
    store,
    jobId,
    items,
    () => ({ state: 'failed', outcome: 'ERROR', reason, journal: false, uncertain: true }),
    'revoked',
  );
}
