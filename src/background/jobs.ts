// The job runner: sends a running job's pending items, batch by batch, and records each answer.
// Everything it needs is in IndexedDB, so a worker that was stopped picks the job up where it was;
// the map of runners below only stops one worker from running the same job twice at once.
import { ApiError, isSessionExpired, isTransient, type LicenseApi } from '../shared/api.ts';
import { idempotencyKey, type Job, type JobItem } from '../shared/jobs-model.ts';
import type { Store } from '../shared/store.ts';
import { finishIfComplete, jobsInState, markSent, pauseJob, resumeJobState } from './job-store.ts';
import { failItems, recordAssign, recordRevoke } from './outcomes.ts';
import { apiFor } from './session.ts';
import { loadSettings } from './settings-store.ts';

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

export const isRunnerActive = (jobId: string): boolean => runners.has(jobId);

/** On every worker start and alarm tick: continue what was running. */
export async function resumeRunningJobs(store: Store): Promise<void> {
  for (const job of await jobsInState(store, 'running')) void runJob(store, job.id);
}

/** Paused for a reason that may have passed (network back, signed in again): try again. */
export async function resumePausedJobs(store: Store, reasons: Job['pauseReason'][]): Promise<void> {
  for (const job of await jobsInState(store, 'paused')) {
    if (!reasons.includes(job.pauseReason)) continue;
    await resumeJobState(store, job.id);
    void runJob(store, job.id);
  }
}

async function drive(store: Store, jobId: string): Promise<void> {
  const job = await store.get('jobs', jobId);
  if (job?.state !== 'running') return;
  const pending = await store.getAllFromIndex('jobItems', 'byJobState', [jobId, 'pending']);
  const batches = groupByBatch(pending);
  const api = await apiFor(store, job.origin);
  const { concurrency } = await loadSettings(store);
  let stopped = false;
  const lane = async () => {
    for (let batch = batches.shift(); batch && !stopped; batch = batches.shift()) {
      // Read fresh: a pause or cancel takes effect before the next batch goes out.
      const current = await store.get('jobs', jobId);
      if (current?.state !== 'running') {
        stopped = true;
        return;
      }
      if (!(await sendBatch(store, api, current, batch))) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  await finishIfComplete(store, jobId);
}

function groupByBatch(items: JobItem[]): JobItem[][] {
  const batches = new Map<number, JobItem[]>();
  for (const item of items.sort((a, b) => a.seq - b.seq)) {
    const list = batches.get(item.batch) ?? [];
    list.push(item);
    batches.set(item.batch, list);
  }
  return [...batches.entries()].sort(([a], [b]) => a - b).map(([, list]) => list);
}

/** One call for one batch. False: the job paused and no further batch should go out. */
async function sendBatch(store: Store, api: LicenseApi, job: Job, batch: JobItem[]): Promise<boolean> {
  const items = await markSent(store, batch);
  const first = items[0];
  if (!first) return true;
  try {
    if (job.kind === 'withdraw') {
      const answer = await api.revoke(
        job.schoolId,
        first.toolId,
        items.map((i) => i.assignmentId),
        { idempotencyKey: idempotencyKey(job.id, first.batch) },
      );
      await recordRevoke(store, job.id, items, answer);
    } else {
      const answer = await api.assign(
        job.schoolId,
        first.toolId,
        first.licenseId,
        items.map((i) => i.assignee),
      );
      await recordAssign(store, job.id, items, answer);
    }
    return true;
  } catch (error) {
    if (isSessionExpired(error)) {
      await pauseJob(store, job.id, 'session-expired', error.message);
      return false;
    }
    if (isTransient(error)) {
      await pauseJob(store, job.id, 'offline', error.message);
      return false;
    }
    const reason = error instanceof ApiError ? `${error.code}: ${error.message}` : String(error);
    await failItems(store, job.id, items, reason);
    return true;
  }
}
