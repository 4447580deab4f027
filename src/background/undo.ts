// Undo: a finished (or cancelled) withdrawal's journal becomes a new persistent job of kind 'undo'
// that re-assigns each revoked assignee to the same license, grouped per license, ≤100 per call.
// It happens once: the withdrawal's `undoneBy` is checked and set in the same IndexedDB transaction
// that writes the undo job, so two quick presses, or the popup and the page at once, start one job.
import { emptyCounts, isFinished, type Job, type JobItem } from '../shared/jobs-model.ts';
import { MAX_BATCH } from '../shared/model.ts';
import type { Store } from '../shared/store.ts';
import { broadcast } from './broadcast.ts';
import { loadSettings } from './settings-store.ts';

export async function createUndoJob(store: Store, jobId: string, now = Date.now()): Promise<Job> {
  // Read before the transaction: an await on anything but its own requests would end it.
  const { batchSize } = await loadSettings(store);
  const size = Math.min(MAX_BATCH, Math.max(1, batchSize));
  const tx = store.transaction(['jobs', 'jobItems', 'journal'], 'readwrite');
  const jobs = tx.objectStore('jobs');
  const source = await jobs.get(jobId);
  const fail = async (message: string): Promise<never> => {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new Error(message);
  };
  if (!source) return fail(`no job ${jobId}`);
  if (source.kind !== 'withdraw') return fail('only a withdrawal can be undone');
  if (source.undoneBy) {
    const existing = await jobs.get(source.undoneBy);
    await tx.done;
    if (existing) return existing;
    throw new Error(`the undo job ${source.undoneBy} is gone`);
  }
  if (!isFinished(source)) return fail('the withdrawal is still under way: pause or cancel it first');
  const revoked = (await tx.objectStore('journal').index('byJob').getAll(jobId)).filter(
    (e) => e.action === 'revoked',
  );
  const sorted = revoked
    .map((e) => ({
      toolId: e.toolId,
      licenseId: e.licenseId,
      assignmentId: e.assignmentId,
      assignee: e.assignee,
      batchKey: `${e.toolId}|${e.licenseId}`,
    }))
    .sort((a, b) => a.batchKey.localeCompare(b.batchKey));
  const id = crypto.randomUUID();
  const items: JobItem[] = [];
  let batch = -1;
  let inBatch = size;
  let lastKey: string | null = null;
  for (const [seq, { batchKey, ...item }] of sorted.entries()) {
    if (batchKey !== lastKey || inBatch >= size) {
      batch++;
      inBatch = 0;
      lastKey = batchKey;
    }
    inBatch++;
    items.push({
      ...item,
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
    kind: 'undo',
    schoolId: source.schoolId,
    origin: source.origin,
    label: source.label,
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
    undoOf: source.id,
    undoneBy: null,
  };
  await jobs.put(job);
  await jobs.put({ ...source, undoneBy: id, updatedAt: now });
  const os = tx.objectStore('jobItems');
  await Promise.all(items.map((item) => os.put(item)));
  await tx.done;
  broadcast('jobChanged', { job });
  return job;
}

/** Undo is offered for a withdrawal that has ended (done, or cancelled with a completed part). */
export const undoable = (job: Pick<Job, 'kind' | 'state' | 'undoneBy' | 'counts'>): boolean =>
  job.kind === 'withdraw' && isFinished(job) && job.undoneBy === null && job.counts.revoked > 0;
