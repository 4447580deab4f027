// The cached picture of a school's licenses: writes that replace one dataset atomically, and reads.
// Callers fetch and validate first; no transaction here ever awaits the network.
import type { Assignment, Tool, ToolDetail } from '../../shared/model.ts';
import { type CachedAssignment, type DatasetMeta, datasetKey, type Store } from '../../shared/store.ts';
import { summaryChanged } from './summary-changes.ts';

export function toCached(schoolId: string, toolId: string, a: Assignment): CachedAssignment {
  const classIds = a.assignee.type === 'GROUP' ? [a.assignee.id] : (a.assignee.groups ?? []).map((g) => g.id);
  return { ...a, schoolId, toolId, classIds };
}

/** Back to the contract's shape for the UIs (the index keys are ours). */
export function fromCached(a: CachedAssignment): Assignment {
  const { schoolId: _s, toolId: _t, classIds: _c, ...assignment } = a;
  return assignment;
}

export async function datasetMeta(store: Store, key: string): Promise<DatasetMeta | null> {
  return (await store.get('datasets', key)) ?? null;
}

/** A 304: the cache stays, only its age is renewed. */
export async function touchDataset(store: Store, key: string, etag: string | null, now = Date.now()) {
  await store.put('datasets', { key, fetchedAt: now, etag });
}

export async function replaceTools(
  store: Store,
  schoolId: string,
  tools: Tool[],
  etag: string | null,
  now = Date.now(),
) {
  const tx = store.transaction(['tools', 'datasets'], 'readwrite');
  const old = await tx.objectStore('tools').index('bySchool').getAllKeys(schoolId);
  await Promise.all(old.map((key) => tx.objectStore('tools').delete(key)));
  await Promise.all(tools.map((tool) => tx.objectStore('tools').put({ ...tool, schoolId })));
  await tx.objectStore('datasets').put({ key: datasetKey.tools(schoolId), fetchedAt: now, etag });
  await tx.done;
}

/**
 * Writes a tool's detail (the tool, its licenses and pools) and renews its age. The contract gives
 * this read no ETag, so what changed is told by comparing with the cached rows: returns false when
 * the answer equals them (nothing rewritten), so that a sync of an unchanged tool says so and its
 * readers (the license page's panel) need not read and map again.
 */
export async function writeToolDetail(
  store: Store,
  schoolId: string,
  detail: ToolDetail,
  now = Date.now(),
): Promise<boolean> {
  const tx = store.transaction(['tools', 'toolDetails', 'datasets'], 'readwrite');
  const tool = { ...detail.tool, schoolId };
  const details = { schoolId, toolId: detail.tool.id, licenses: detail.licenses, pools: detail.pools };
  const [oldTool, oldDetails] = await Promise.all([
    tx.objectStore('tools').get([schoolId, detail.tool.id]),
    tx.objectStore('toolDetails').get([schoolId, detail.tool.id]),
  ]);
  const changed =
    JSON.stringify(oldTool) !== JSON.stringify(tool) ||
    JSON.stringify(oldDetails) !== JSON.stringify(details);
  await Promise.all([
    changed ? tx.objectStore('tools').put(tool) : undefined,
    changed ? tx.objectStore('toolDetails').put(details) : undefined,
    tx
      .objectStore('datasets')
      .put({ key: datasetKey.detail(schoolId, detail.tool.id), fetchedAt: now, etag: null }),
    tx.done,
  ]);
  return changed;
}

/**
 * Replaces a tool's assignments with a complete, validated list in one transaction, so readers see
 * either the old picture or the new one, never half of each.
 */
export async function replaceAssignments(
  store: Store,
  schoolId: string,
  toolId: string,
  assignments: Assignment[],
  etag: string | null,
  now = Date.now(),
) {
  const tx = store.transaction(['assignments', 'datasets'], 'readwrite');
  const os = tx.objectStore('assignments');
  // Only what changed is written: a record equal to the cached one stays, one gone is deleted.
  // (10,000 deletes and 10,000 puts took ~5 s in Chromium's worker; a re-sync changes a few.)
  // Every request is queued at once, in the one transaction: readers see old or new, never half.
  const old = new Map<string, string>();
  for (const a of await os.index('byTool').getAll([schoolId, toolId])) old.set(a.id, JSON.stringify(a));
  const writes: Promise<unknown>[] = [];
  for (const a of assignments) {
    const cached = toCached(schoolId, toolId, a);
    const before = old.get(cached.id);
    old.delete(cached.id);
    // Equal text is an equal record; a different key order only costs a needless write.
    if (before !== JSON.stringify(cached)) writes.push(os.put(cached));
  }
  for (const gone of old.keys()) writes.push(os.delete(gone));
  writes.push(
    tx.objectStore('datasets').put({ key: datasetKey.assignments(schoolId, toolId), fetchedAt: now, etag }),
  );
  await Promise.all([...writes, tx.done]);
}

export async function clearCachedData(store: Store): Promise<void> {
  const names = ['tools', 'toolDetails', 'assignments', 'datasets', 'session'] as const;
  const tx = store.transaction(names, 'readwrite');
  await Promise.all(names.map((name) => tx.objectStore(name).clear()));
  await tx.done;
  summaryChanged();
}
