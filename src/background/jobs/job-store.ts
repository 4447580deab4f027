// Job rows and items in IndexedDB: creation (before any API call) and state changes. Each change
// is one transaction that reads the row fresh, so concurrent batches never overwrite each other.
import {
  emptyCounts,
  isFinished,
  type Job,
  type JobItem,
  type JobKind,
  type PauseReason,
} from '../../shared/jobs-model.ts';
import { MAX_BATCH } from '../../shared/model.ts';
import { jobItemKeys, putEach, type Store } from '../../shared/store.ts';
import { broadcast } from '../messaging/broadcast.ts';
import { keepNewest } from '../platform/maps.ts';

type NewItem = Pick<JobItem, 'toolId' | 'licenseId' | 'assignmentId' | 'assignee'> & {
  /** Carried over from an earlier job's item whose send may have had an unrecorded effect. */
  uncertain?: boolean;
};

export interface NewJob {
  kind: JobKind;
  schoolId: string;
  origin: string;
  label: string | null;
  undoOf?: string;
  /** Items in the order they go out; `batchKey` groups those that may share one call. */
  items: (NewItem & { batchKey: string })[];
  batchSize: number;
  /** Earlier jobs' items ([jobId, seq]) this job takes over ("Försök igen"): marked `retriedBy`. */
  takesOver?: [string, number][];
  /**
   * The first this many batches are written already claimed (sent once, as claimBatch writes
   * them), in the transaction that creates the job: its first calls go out without another
   * transaction first (takeFreshClaim). For withdrawals, whose resend is safe under their key.
   */
  claimFirst?: number;
}

/**
 * A new job and its items, batched (items that share a `batchKey` may share one call, at most
 * `batchSize` each), not yet written: createJob writes them, and undo writes them inside the
 * transaction that marks the withdrawal undone.
 */
export function buildJob(spec: NewJob, now = Date.now()): { job: Job; items: JobItem[] } {
  const size = Math.min(MAX_BATCH, Math.max(1, spec.batchSize));
  const id = crypto.randomUUID();
  const items: JobItem[] = [];
  let batch = -1;
  let inBatch = size;
  let lastKey: string | null = null;
  for (const [seq, item] of spec.items.entries()) {
    if (item.batchKey !== lastKey || inBatch >= size) {
      batch++;
      inBatch = 0;
      lastKey = item.batchKey;
    }
    inBatch++;
    const { batchKey: _key, uncertain, ...rest } = item;
    items.push({
      ...rest,
      ...(uncertain ? { uncertain: true } : {}),
      jobId: id,
      seq,
      batch,
      state: 'pending',
      outcome: null,
      reason: null,
      attempts: 0,
      doneAt: null,
      newAssignmentId: null,
    });
  }
  const job: Job = {
    id,
    kind: spec.kind,
    schoolId: spec.schoolId,
    origin: spec.origin,
    label: spec.label,
    state: items.length > 0 ? 'running' : 'done',
    pauseReason: null,
    message: null,
    createdAt: now,
    updatedAt: now,
    finishedAt: items.length > 0 ? null : now,
    total: items.length,
    counts: { ...emptyCounts(), pending: items.length },
    outcomes: {},
    toolIds: [...new Set(items.map((i) => i.toolId))],
    undoOf: spec.undoOf ?? null,
    undoneBy: null,
  };
  return { job, items };
}

/** Writes the job and all its items in one transaction: the job exists before its first call. */
/** Per batch with a pending item, in order: the first and last seq of ALL its items. */
export type BatchSpans = Map<number, [number, number]>;

/**
 * The batches of `items` that still have a pending item, each with the first and last seq of ALL
 * its items (a batch is a run of consecutive seqs): a resend must repeat the batch's whole request.
 */
export function spansOf(items: Iterable<JobItem>): BatchSpans {
  const spans: BatchSpans = new Map();
  const pending = new Set<number>();
  for (const item of items) {
    const span = spans.get(item.batch);
    spans.set(
      item.batch,
      span ? [Math.min(span[0], item.seq), Math.max(span[1], item.seq)] : [item.seq, item.seq],
    );
    if (item.state === 'pending') pending.add(item.batch);
  }
  return new Map([...spans].filter(([batch]) => pending.has(batch)).sort(([a], [b]) => a - b));
}

/**
 * The spans of jobs this worker has just written, so that the runner's first pass does not read
 * every item back (~70 ms for 1,000 in Chromium). Taken once; a worker that was stopped reads them.
 */
const freshSpans = new Map<string, BatchSpans>();

/** Batches claimed by the transaction that created their job (NewJob.claimFirst), until sent. */
const freshClaims = new Map<string, Map<number, ClaimedBatch>>();

export interface ClaimedBatch {
  job: Job;
  all: JobItem[];
  sent: JobItem[];
}

/** A batch its job's creation claimed, once (then claimBatch reads and claims it as usual). */
export function takeFreshClaim(jobId: string, batch: number): ClaimedBatch | undefined {
  const claims = freshClaims.get(jobId);
  const claimed = claims?.get(batch);
  if (claims && claimed) {
    claims.delete(batch);
    if (claims.size === 0) freshClaims.delete(jobId);
  }
  return claimed;
}

/** A run of the job ended: claims it did not send are read and claimed afresh by the next run. */
export function forgetFreshClaims(jobId: string): void {
  freshClaims.delete(jobId);
}

export function takeFreshSpans(jobId: string): BatchSpans | undefined {
  const spans = freshSpans.get(jobId);
  freshSpans.delete(jobId);
  return spans;
}

export async function createJob(store: Store, spec: NewJob, now = Date.now()): Promise<Job> {
  const { job, items } = buildJob(spec, now);
  const claims = new Map<number, ClaimedBatch>();
  const claimFirst = job.state === 'running' ? (spec.claimFirst ?? 0) : 0;
  let written = items;
  if (claimFirst > 0) {
    // Items are in batch order: the first batches are a prefix.
    const prefix = items.filter((i) => i.batch < claimFirst);
    const sent = sentRows(prefix);
    for (const item of sent) {
      const claim = claims.get(item.batch) ?? { job, all: [], sent: [] };
      claim.sent.push(item);
      claims.set(item.batch, claim);
    }
    for (const claim of claims.values()) claim.all = claim.sent;
    written = [...sent, ...items.slice(prefix.length)];
  }
  const tx = store.transaction(['jobs', 'jobItems'], 'readwrite');
  const os = tx.objectStore('jobItems');
  // All requests queued at once (one transaction: the job and every item, or nothing).
  const writes: Promise<unknown>[] = [tx.objectStore('jobs').put(job)];
  putEach(os, written);
  const [source, earlier] = await Promise.all([
    spec.undoOf ? tx.objectStore('jobs').get(spec.undoOf) : undefined,
    Promise.all((spec.takesOver ?? []).map((key) => os.get(key))),
  ]);
  if (source) writes.push(tx.objectStore('jobs').put({ ...source, undoneBy: job.id, updatedAt: now }));
  for (const row of earlier) if (row && !row.retriedBy) writes.push(os.put({ ...row, retriedBy: job.id }));
  await Promise.all([...writes, tx.done]);
  if (claims.size > 0) freshClaims.set(job.id, claims);
  if (job.state === 'running') {
    freshSpans.set(job.id, spansOf(items));
    // A job created and never run here (not the usual way) must not keep its spans for good.
    keepNewest(freshSpans, 16);
    keepNewest(freshClaims, 16);
  }
  broadcast('jobChanged', { job });
  return job;
}

/** Changes a job's state in one transaction; returns the row as written (unchanged if not allowed). */
export async function updateJob(store: Store, jobId: string, change: (job: Job) => Job | null): Promise<Job> {
  const tx = store.transaction('jobs', 'readwrite');
  const job = await tx.store.get(jobId);
  if (!job) throw new Error(`no job ${jobId}`);
  const next = change(job);
  if (next) await tx.store.put({ ...next, updatedAt: Date.now() });
  await tx.done;
  const written = next ? { ...next } : job;
  if (next) broadcast('jobChanged', { job: written });
  return written;
}

export const pauseJob = (store: Store, jobId: string, reason: PauseReason, message: string | null) =>
  updateJob(store, jobId, (job) =>
    job.state === 'running' ? { ...job, state: 'paused', pauseReason: reason, message } : null,
  );

export const resumeJobState = (store: Store, jobId: string) =>
  updateJob(store, jobId, (job) =>
    job.state === 'paused' ? { ...job, state: 'running', pauseReason: null, message: null } : null,
  );

export const cancelJob = (store: Store, jobId: string) =>
  updateJob(store, jobId, (job) =>
    isFinished(job) ? null : { ...job, state: 'cancelled', pauseReason: null, finishedAt: Date.now() },
  );

/** Done once no item is pending (a cancelled or paused job stays as it is). */
export async function finishIfComplete(store: Store, jobId: string): Promise<void> {
  const pending = await store.countFromIndex('jobItems', 'byJobState', [jobId, 'pending']);
  if (pending > 0) return;
  await updateJob(store, jobId, (job) =>
    job.state === 'running' ? { ...job, state: 'done', finishedAt: Date.now(), message: null } : null,
  );
}

/** Marks a batch as sent, before the call: a resend then knows an earlier attempt may have had effect. */
export async function markSent(store: Store, items: JobItem[]): Promise<JobItem[]> {
  const tx = store.transaction('jobItems', 'readwrite');
  const fresh = await Promise.all(items.map((item) => tx.store.get([item.jobId, item.seq])));
  const sent = sentRows(fresh);
  await Promise.all([...sent.map((item) => tx.store.put(item)), tx.done]);
  return sent;
}

/** The rows of `fresh` still pending, as sent once more (a resend keeps them uncertain). */
function sentRows(fresh: (JobItem | undefined)[]): JobItem[] {
  const sent: JobItem[] = [];
  for (const item of fresh) {
    if (item?.state !== 'pending') continue;
    // A resend: the earlier send may have had an effect nobody recorded (kept on the row).
    sent.push({ ...item, attempts: item.attempts + 1, ...(item.attempts > 0 ? { uncertain: true } : {}) });
  }
  return sent;
}

/**
 * One batch about to go out, in ONE transaction: the job read fresh (a pause or cancel takes effect
 * before the next batch; null unless it is running), all the batch's items (seqs `first`..`last`)
 * and its pending ones marked sent (`sent`, written before the call like markSent).
 */
export async function claimBatch(
  store: Store,
  jobId: string,
  batch: number,
  [first, last]: [number, number],
): Promise<{ job: Job; all: JobItem[]; sent: JobItem[] } | null> {
  const tx = store.transaction(['jobs', 'jobItems'], 'readwrite');
  const items = tx.objectStore('jobItems');
  const [job, rows] = await Promise.all([
    tx.objectStore('jobs').get(jobId),
    items.getAll(IDBKeyRange.bound([jobId, first], [jobId, last])),
  ]);
  if (job?.state !== 'running') {
    await tx.done;
    return null;
  }
  const all = rows.filter((i) => i.batch === batch).sort((a, b) => a.seq - b.seq);
  const sent = sentRows(all);
  putEach(items, sent);
  await tx.done;
  return { job, all, sent };
}

export async function jobsInState(store: Store, state: Job['state']): Promise<Job[]> {
  return store.getAllFromIndex('jobs', 'byState', state);
}

export async function recentJobs(store: Store, limit: number): Promise<Job[]> {
  const jobs: Job[] = [];
  let cursor = await store.transaction('jobs').store.index('byCreated').openCursor(null, 'prev');
  while (cursor && jobs.length < limit) {
    jobs.push(cursor.value);
    cursor = await cursor.continue();
  }
  return jobs;
}

/** Finished jobs are kept this long; their journal entries stay for good. */
export const JOB_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * Deletes finished jobs (done or cancelled) that finished more than JOB_RETENTION_MS ago, with their
 * items; the journal is not touched. Returns how many jobs went.
 */
export async function pruneFinishedJobs(store: Store, now = Date.now()): Promise<number> {
  const cutoff = now - JOB_RETENTION_MS;
  const old: string[] = [];
  for (const state of ['done', 'cancelled'] as const) {
    for (const job of await jobsInState(store, state)) {
      if ((job.finishedAt ?? job.updatedAt) < cutoff) old.push(job.id);
    }
  }
  for (const jobId of old) {
    const tx = store.transaction(['jobs', 'jobItems'], 'readwrite');
    await tx.objectStore('jobItems').delete(jobItemKeys(jobId));
    await tx.objectStore('jobs').delete(jobId);
    await tx.done;
  }
  return old.length;
}
