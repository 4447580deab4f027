// The job runner: sends a running job's pending items, batch by batch, and records each answer.
// Everything it needs is in IndexedDB, so a worker that was stopped picks the job up where it was;
// the map of runners below only stops one worker from running the same job twice at once.
//
// What can go wrong, and what happens:
// - the answer leaves items out: they stay pending (unknown, flagged uncertain) and their batch is
//   sent again at once, the whole batch with the SAME Idempotency-Key (the server replays its
//   answer); if that answer leaves them out again, a follow-up call with only those ids and a key
//   of its own asks the server what became of them (ALREADY_REVOKED is then ours: see outcomes.ts);
// - the call succeeded but writing its outcome failed (e.g. QuotaExceeded): nothing is marked
//   failed; the items stay pending and the run stops, to resend the same request (replayed) on
//   the next job alarm;
// - 429 beyond the adapter's own waits: the job pauses as 'server-busy', the job alarm resumes it;
// - one lane throws: the other lanes finish the batch they are sending before the runner is
//   released (so a second runner can never send the same batch alongside).

import { AUTO_RESUME, followUpKey, idempotencyKey, type Job, type JobItem } from '../../shared/jobs-model.ts';
import { jobItemKeys, type Store } from '../../shared/store.ts';
import { ApiError, isSessionExpired, isTransient, type LicenseApi } from '../api/license-api.ts';
import { apiFor } from '../platform/session.ts';
import { loadSettings } from '../platform/settings-store.ts';
import {
  type BatchSpans,
  claimBatch,
  finishIfComplete,
  forgetFreshClaims,
  jobsInState,
  pauseJob,
  resumeJobState,
  spansOf,
  takeFreshClaim,
  takeFreshSpans,
} from './job-store.ts';
import { failItems, type RecordSummary, recordAssign, recordRevoke } from './outcomes.ts';

const runners = new Map<string, Promise<void>>();

export function runJob(store: Store, jobId: string): Promise<void> {
  const running = runners.get(jobId);
  if (running) return running;
  const run = drive(store, jobId)
    .catch((error: unknown) => console.error(`[Licenskoll] job ${jobId} stopped`, error))
    .finally(() => runners.delete(jobId));
  runners.set(jobId, run);
  return run;
}

/** On every worker start and alarm tick: continue what was running. */
export async function resumeRunningJobs(store: Store): Promise<void> {
  for (const job of await jobsInState(store, 'running')) void runJob(store, job.id);
}

/** Paused for a reason that may have passed (network back, server calm, signed in again): try again. */
export async function resumePausedJobs(
  store: Store,
  reasons: readonly Job['pauseReason'][] = AUTO_RESUME,
): Promise<void> {
  for (const job of await jobsInState(store, 'paused')) {
    if (!reasons.includes(job.pauseReason)) continue;
    await resumeJobState(store, job.id);
    void runJob(store, job.id);
  }
}

/** What one batch's call left: go on, stop the run (paused, or the store failed), or send it again. */
type BatchResult = 'ok' | 'stop' | 'again';

async function drive(store: Store, jobId: string): Promise<void> {
  const job = await store.get('jobs', jobId);
  if (job?.state !== 'running') return;
  const api = await apiFor(store, job.origin);
  const { concurrency } = await loadSettings(store);
  const spans = await batchSpans(store, jobId);
  let batches = [...spans.keys()];
  let stopped = false;
  let failure: unknown = null;
  while (batches.length > 0 && !stopped) {
    const again: number[] = [];
    // Answers being written: a lane hands its answer over and goes on to claim and send the next
    // batch meanwhile (the write of batch N overlaps the call of batch N+1; each batch's own
    // order, claimed → sent → recorded, is kept, and every write is awaited before the round ends).
    const writing: Promise<void>[] = [];
    const settle = (batch: number, result: BatchResult) => {
      if (result === 'stop') stopped = true;
      if (result === 'again') again.push(batch);
    };
    const fail = (error: unknown) => {
      // The other lanes finish the batch in hand, then see `stopped`.
      stopped = true;
      failure ??= error;
    };
    const lane = async () => {
      for (let batch = batches.shift(); batch !== undefined && !stopped; batch = batches.shift()) {
        try {
          const span = spans.get(batch);
          const sent = span ? await sendBatch(store, api, jobId, batch, span) : 'ok';
          if (typeof sent === 'string') settle(batch, sent);
          else writing.push(sent.written.then((result) => settle(batch, result), fail));
        } catch (error) {
          fail(error);
        }
      }
    };
    await Promise.allSettled(Array.from({ length: Math.max(1, concurrency) }, lane));
    await Promise.allSettled(writing);
    // Items whose outcome is still unknown: their batches once more (each round counts toward
    // MAX_OMITTED, so this ends).
    batches = again.sort((a, b) => a - b);
  }
  forgetFreshClaims(jobId);
  if (failure) throw failure;
  if (!stopped) await finishIfComplete(store, jobId);
}

/** The batches that still have a pending item (see spansOf): known for a job just created. */
async function batchSpans(store: Store, jobId: string): Promise<BatchSpans> {
  return takeFreshSpans(jobId) ?? spansOf(await store.getAll('jobItems', jobItemKeys(jobId)));
}

/**
 * One call for one batch (`span`: its first and last seq); 'stop' when the job is no longer running
 * (read fresh with the batch, so a pause or cancel takes effect before the next batch goes out).
 */
async function sendBatch(
  store: Store,
  api: LicenseApi,
  jobId: string,
  batch: number,
  span: [number, number],
): Promise<BatchResult | { written: Promise<BatchResult> }> {
  const claimed = takeFreshClaim(jobId, batch) ?? (await claimBatch(store, jobId, batch, span));
  if (!claimed) return 'stop';
  const { job, all, sent: items } = claimed;
  const head = items[0];
  if (!head) return 'ok';
  // send(): the API call; it resolves to the write of its answer, run apart so that a failure
  // to write is never mistaken for a failed call.
  let send: () => Promise<() => Promise<RecordSummary>>;
  if (job.kind === 'withdraw') {
    const round = Math.max(...items.map((i) => i.omitted ?? 0));
    // The same request under the same key while a replay can still tell (round 0: first send or
    // resend after no answer; round 1: the answer left some out, its replay may not); after that,
    // a follow-up for the unknown ones only, with a key of its own.
    const ids = round < 2 ? all.map((i) => i.assignmentId) : items.map((i) => i.assignmentId);
    const key = round < 2 ? idempotencyKey(job.id, batch) : followUpKey(job.id, batch, round, ids);
    send = async () => {
      // The adapter may send it again itself after an attempt that may have taken effect: then an
      // ALREADY_REVOKED is ours too, even on this batch's first send.
      let resent = false;
      const answer = await api.revoke(job.schoolId, head.toolId, ids, {
        idempotencyKey: key,
        onResend: () => {
          resent = true;
        },
      });
      return () => recordRevoke(store, job.id, items, answer, resent);
    };
  } else {
    send = async () => {
      const answer = await api.assign(
        job.schoolId,
        head.toolId,
        head.licenseId,
        items.map((i) => i.assignee),
      );
      return () => recordAssign(store, job.id, items, answer);
    };
  }
  let write: () => Promise<RecordSummary>;
  try {
    write = await send();
  } catch (error) {
    return handleApiError(store, job, items, error);
  }
  // The answer's write, handed back to the runner unawaited (see drive).
  const written = write().then(
    (summary): BatchResult => (summary.unknown > 0 ? 'again' : 'ok'),
    (error: unknown): BatchResult => {
      // The server has acted; only our record of it failed (e.g. QuotaExceeded). Never "failed":
      // the items stay pending and the same request goes out again on the next job alarm, where
      // its Idempotency-Key replays the answer.
      console.error(`[Licenskoll] job ${job.id}: the answer for batch ${batch} could not be saved`, error);
      return 'stop';
    },
  );
  return { written };
}

async function handleApiError(
  store: Store,
  job: Job,
  items: JobItem[],
  error: unknown,
): Promise<BatchResult> {
  if (isSessionExpired(error)) {
    await pauseJob(store, job.id, 'session-expired', error.message);
    return 'stop';
  }
  if (error instanceof ApiError && error.status === 429) {
    // The adapter already waited out Retry-After several times: the server stays busy.
    await pauseJob(store, job.id, 'server-busy', error.message);
    return 'stop';
  }
  if (isTransient(error)) {
    await pauseJob(store, job.id, 'offline', error.message);
    return 'stop';
  }
  const reason = error instanceof ApiError ? `${error.code}: ${error.message}` : String(error);
  await failItems(store, job.id, items, reason);
  return 'ok';
}
