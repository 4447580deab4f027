// A withdrawal request becomes a job: each assignment is looked up in the cache (fetched first if
// the tool was never synced) so the journal can name who lost what, then the job is written.
import type { Job } from '../shared/jobs-model.ts';
import { type Assignee, MAX_BATCH, type RevokeOutcome } from '../shared/model.ts';
import type { Selection } from '../shared/protocol.ts';
import { apiOrigin } from '../shared/settings.ts';
import type { CachedAssignment, Store } from '../shared/store.ts';
import type { PreviewView } from '../shared/views.ts';
import { datasetKey, datasetMeta } from './cache.ts';
import { createJob } from './job-store.ts';
import { apiFor, schoolOf } from './session.ts';
import { loadSettings } from './settings-store.ts';
import { syncAssignments } from './sync.ts';

export interface ToolSelection {
  toolId: string;
  assignmentIds: string[];
}

export function selectionsOf(request: Selection): ToolSelection[] {
  const list =
    'selections' in request
      ? request.selections
      : [{ toolId: request.toolId, assignmentIds: request.assignmentIds }];
  // The same id twice would be two items for one assignment: keep the first.
  const seen = new Set<string>();
  return list.map(({ toolId, assignmentIds }) => ({
    toolId,
    assignmentIds: assignmentIds.filter((id) => !seen.has(id) && seen.add(id)),
  }));
}

/** The cached assignments of the selection, syncing a tool first when it was never fetched. */
async function lookUp(store: Store, schoolId: string, selections: ToolSelection[], origin?: string) {
  const found = new Map<string, CachedAssignment>();
  for (const { toolId, assignmentIds } of selections) {
    if (!(await datasetMeta(store, datasetKey.assignments(schoolId, toolId)))) {
      await syncAssignments(store, await apiFor(store, origin), schoolId, toolId);
    }
    const tx = store.transaction('assignments');
    for (const id of assignmentIds) {
      const a = await tx.store.get(id);
      if (a) found.set(id, a);
    }
    await tx.done;
  }
  return found;
}

const UNKNOWN_ASSIGNEE: Assignee = { type: 'USER', id: '', name: '' };

export async function startWithdrawal(store: Store, request: Selection, origin?: string): Promise<Job> {
  const schoolId = await schoolOf(store, request.schoolId, origin);
  const selections = selectionsOf(request);
  const found = await lookUp(store, schoolId, selections, origin);
  const settings = await loadSettings(store);
  const items = selections.flatMap(({ toolId, assignmentIds }) =>
    assignmentIds.map((assignmentId) => {
      const cached = found.get(assignmentId);
      return {
        toolId,
        assignmentId,
        // Not in the cache: still sent (the server decides), but undo cannot name it.
        licenseId: cached?.licenseId ?? '',
        assignee: cached?.assignee ?? UNKNOWN_ASSIGNEE,
        batchKey: toolId,
      };
    }),
  );
  return createJob(store, {
    kind: 'withdraw',
    schoolId,
    origin: origin ?? apiOrigin(settings),
    label: request.label ?? null,
    items,
    batchSize: settings.batchSize,
  });
}

const SAMPLE_SIZE = 20;

/** A dry run through the API (nothing changes), with seats freed per license from the cache. */
export async function previewWithdrawal(
  store: Store,
  request: Selection,
  origin?: string,
): Promise<PreviewView> {
  const schoolId = await schoolOf(store, request.schoolId, origin);
  const selections = selectionsOf(request);
  const found = await lookUp(store, schoolId, selections, origin);
  const api = await apiFor(store, origin);
  const results: PreviewView['results'] = [];
  const calls: Promise<void>[] = [];
  for (const { toolId, assignmentIds } of selections) {
    for (let i = 0; i < assignmentIds.length; i += MAX_BATCH) {
      const chunk = assignmentIds.slice(i, i + MAX_BATCH);
      calls.push(
        api.revoke(schoolId, toolId, chunk, { dryRun: true }).then((answer) => {
          for (const r of answer.results)
            results.push({ toolId, assignmentId: r.assignmentId, outcome: r.outcome });
        }),
      );
    }
  }
  await Promise.all(calls);
  const outcomes: Partial<Record<RevokeOutcome, number>> = {};
  const freed = new Map<string, PreviewView['seatsFreed'][number]>();
  const sample: Assignee[] = [];
  for (const r of results) {
    outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    const cached = found.get(r.assignmentId);
    if (r.outcome !== 'REVOKED' || !cached) continue;
    if (sample.length < SAMPLE_SIZE) sample.push(cached.assignee);
    const key = `${r.toolId}|${cached.licenseId}`;
    const entry = freed.get(key) ?? {
      toolId: r.toolId,
      licenseId: cached.licenseId,
      kind: null,
      validUntil: null,
      seats: 0,
    };
    entry.seats++;
    freed.set(key, entry);
  }
  for (const entry of freed.values()) {
    const detail = await store.get('toolDetails', [schoolId, entry.toolId]);
    const license = detail?.licenses.find((l) => l.id === entry.licenseId);
    entry.kind = license?.kind ?? null;
    entry.validUntil = license?.validUntil ?? null;
  }
  return { total: results.length, outcomes, results, seatsFreed: [...freed.values()], sample };
}
