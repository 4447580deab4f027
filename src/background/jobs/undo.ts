// Undo: a finished (or cancelled) withdrawal's journal becomes a new persistent job of kind 'undo'
// that re-assigns each revoked assignee to the same license, grouped per license, ≤100 per call.
// It happens once: the withdrawal's `undoneBy` is checked and set in the same IndexedDB transaction
// that writes the undo job, so two quick presses, or the popup and the page at once, start one job.
import { isFinished, type Job } from '../../shared/jobs-model.ts';
import { byWritten, journalKeys, type Store } from '../../shared/store.ts';
import { broadcast } from '../messaging/broadcast.ts';
import { loadSettings } from '../platform/settings-store.ts';
import { buildJob } from './job-store.ts';

export async function createUndoJob(store: Store, jobId: string, now = Date.now()): Promise<Job> {
  // Read before the transaction: an await on anything but its own requests would end it.
  const { batchSize } = await loadSettings(store);
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
  const revoked = (
    await tx.objectStore('journal').index('byJobAssignment').getAll(journalKeys(jobId, 'revoked'))
  ).sort(byWritten);
  const { job, items } = buildJob(
    {
      kind: 'undo',
      schoolId: source.schoolId,
      origin: source.origin,
      label: source.label,
      undoOf: source.id,
      batchSize,
      // Grouped per license: one assign call takes one license.
      items: revoked
        .map((e) => ({
          toolId: e.toolId,
          licenseId: e.licenseId,
          assignmentId: e.assignmentId,
          assignee: e.assignee,
          batchKey: `${e.toolId}|${e.licenseId}`,
        }))
        .sort((a, b) => a.batchKey.localeCompare(b.batchKey)),
    },
    now,
  );
  await jobs.put(job);
  await jobs.put({ ...source, undoneBy: job.id, updatedAt: now });
  const os = tx.objectStore('jobItems');
  await Promise.all(items.map((item) => os.put(item)));
  await tx.done;
  broadcast('jobChanged', { job });
  return job;
}
