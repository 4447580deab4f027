// Undo: a finished withdrawal's journal becomes a new persistent job of kind 'undo' that
// re-assigns each revoked assignee to the same license, grouped per license, ≤100 per call.
import { isFinished, type Job } from '../shared/jobs-model.ts';
import type { Store } from '../shared/store.ts';
import { createJob } from './job-store.ts';
import { loadSettings } from './settings-store.ts';

export async function createUndoJob(store: Store, jobId: string): Promise<Job> {
  const source = await store.get('jobs', jobId);
  if (!source) throw new Error(`no job ${jobId}`);
  if (source.kind !== 'withdraw') throw new Error('only a withdrawal can be undone');
  if (source.undoneBy) {
    const existing = await store.get('jobs', source.undoneBy);
    if (existing) return existing;
  }
  if (!isFinished(source)) throw new Error('the withdrawal is still under way: pause or cancel it first');
  const revoked = (await store.getAllFromIndex('journal', 'byJob', jobId)).filter(
    (e) => e.action === 'revoked',
  );
  const items = revoked
    .map((e) => ({
      toolId: e.toolId,
      licenseId: e.licenseId,
      assignmentId: e.assignmentId,
      assignee: e.assignee,
      batchKey: `${e.toolId}|${e.licenseId}`,
    }))
    .sort((a, b) => a.batchKey.localeCompare(b.batchKey));
  const { batchSize } = await loadSettings(store);
  return createJob(store, {
    kind: 'undo',
    schoolId: source.schoolId,
    origin: source.origin,
    label: source.label,
    undoOf: source.id,
    items,
    batchSize,
  });
}
