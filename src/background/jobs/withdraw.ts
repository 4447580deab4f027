// A withdrawal request becomes a job: each assignment is looked up in the cache (fetched first if
// the tool was never synced) so the journal can name who lost what, then the job is written.
import { type Job, type JobItem, wasUncertain } from '../../shared/jobs-model.ts';
import { type Assignee, MAX_BATCH, type RevokeOutcome } from '../../shared/model.ts';
import type { Selection } from '../../shared/protocol/types.ts';
import { apiOrigin } from '../../shared/settings.ts';
import type { CachedAssignment, Store } from '../../shared/store.ts';
import { datasetKey } from '../../shared/store.ts';
import type { PreviewView } from '../../shared/views.ts';
import { datasetMeta } from '../cache/cache.ts';
import { syncAssignments } from '../cache/sync.ts';
import { apiFor, schoolOf } from '../platform/session.ts';
import { loadSettings } from '../platform/settings-store.ts';
import { createJob } from './job-store.ts';

interface ToolSelection {
  toolId: string;
  assignmentIds: string[];
}

function selectionsOf(request: Selection): ToolSelection[] {
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

/** Up to this many ids are read one by one; more, with the tool's whole list (see lookUp). */
const FEW_IDS = 50;

/** The cached assignments of the selection, syncing a tool first when it was never fetched. */
async function lookUp(store: Store, schoolId: string, selections: ToolSelection[], origin?: string) {
  const found = new Map<string, CachedAssignment>();
  for (const { toolId, assignmentIds } of selections) {
    if (!(await datasetMeta(store, datasetKey.assignments(schoolId, toolId)))) {
      await syncAssignments(store, await apiFor(store, origin), schoolId, toolId);
    }
    const tx = store.transaction('assignments');
    // Many ids: one read of the tool's whole list, far cheaper than a request per id (1,000 gets
    // were ~0.25 s of the worker's time in Chromium, and as long again in the database). An id not
    // in that list (cached under another tool) is still looked up by itself.
    let missing = assignmentIds;
    if (assignmentIds.length > FEW_IDS) {
      const wanted = new Set(assignmentIds);
      for (const a of await tx.store.index('byTool').getAll([schoolId, toolId]))
        if (wanted.has(a.id)) found.set(a.id, a);
      missing = assignmentIds.filter((id) => !found.has(id));
    }
    // All reads at once: one round trip per id took ~0.3 s for 1,000 ids in Chromium.
    const rows = await Promise.all(missing.map((id) => tx.store.get(id)));
    rows.forEach((a, i) => {
      const id = missing[i];
      if (a && id !== undefined) found.set(id, a);
    });
    await tx.done;
  }
  return found;
}

const UNKNOWN_ASSIGNEE: Assignee = { type: 'USER', id: '', name: '' };

/**
 * Earlier withdrawals' items for these assignments that were sent and never got an outcome (failed
 * after an unknown answer, or left pending in a cancelled job) and that no later job took over:
 * "Försök igen", or choosing the same people again, carries their uncertain flag over, so an
 * ALREADY_REVOKED now is journaled as our withdrawal. Keyed by "toolId|assignmentId" (lower case).
 */
async function uncertainEarlier(
  store: Store,
  schoolId: string,
  selections: ToolSelection[],
): Promise<Map<string, JobItem[]>> {
  const wanted = new Set(
    selections.flatMap(({ toolId, assignmentIds }) => assignmentIds.map((id) => uncertainKey(toolId, id))),
  );
  const found = new Map<string, JobItem[]>();
  const tx = store.transaction(['jobs', 'jobItems']);
  const byJobState = tx.objectStore('jobItems').index('byJobState');
  const jobs = (await tx.objectStore('jobs').getAll()).filter(
    (j) => j.kind === 'withdraw' && j.schoolId === schoolId,
  );
  const perJob = await Promise.all(
    jobs.map(async (job) => [
      ...(await byJobState.getAll([job.id, 'failed'])),
      ...(job.state === 'cancelled' ? await byJobState.getAll([job.id, 'pending']) : []),
    ]),
  );
  await tx.done;
  for (const items of perJob) {
    for (const item of items) {
      const key = uncertainKey(item.toolId, item.assignmentId);
      // Sent without an outcome from the server (a server's own FAILED etc. is an outcome).
      const unanswered = item.attempts > 0 && (item.state === 'pending' || item.outcome === 'ERROR');
      if (item.retriedBy || !wanted.has(key) || !(wasUncertain(item) || unanswered)) continue;
      found.set(key, [...(found.get(key) ?? []), item]);
    }
  }
  return found;
}

const uncertainKey = (toolId: string, assignmentId: string) => `${toolId}|${assignmentId.toLowerCase()}`;

export async function startWithdrawal(store: Store, request: Selection, origin?: string): Promise<Job> {
  const schoolId = await schoolOf(store, request.schoolId, origin);
  const selections = selectionsOf(request);
  // Independent reads, side by side (a lookup may sync a never-fetched tool first).
  const [found, settings, earlier] = await Promise.all([
    lookUp(store, schoolId, selections, origin),
    loadSettings(store),
    uncertainEarlier(store, schoolId, selections),
  ]);
  const items = selections.flatMap(({ toolId, assignmentIds }) =>
    assignmentIds.map((assignmentId) => {
      const cached = found.get(assignmentId);
      const uncertain = earlier.has(uncertainKey(toolId, assignmentId));
      return {
        toolId,
        assignmentId,
        // Not in the cache: still sent (the server decides), but undo cannot name it.
        licenseId: cached?.licenseId ?? '',
        assignee: cached?.assignee ?? UNKNOWN_ASSIGNEE,
        batchKey: toolId,
        ...(uncertain ? { uncertain } : {}),
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
    takesOver: [...earlier.values()].flat().map((i): [string, number] => [i.jobId, i.seq]),
    // The runner's lanes send these at once: one transaction fewer before the first call.
    claimFirst: Math.max(1, settings.concurrency),
  });
}

const SAMPLE_SIZE = 20;

/** The server answered a preview without `dryRun: true`. */
class DryRunRefused extends Error {
  constructor() {
    super(
      'preview refused: the server did not confirm a dry run (dryRun: true), so it may have withdrawn ' +
        'the licenses; check the journal and the license page before trying again',
    );
    this.name = 'DryRunRefused';
  }
}

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
          // The preview must never have changed anything: an answer that does not say it was a
          // dry run may have withdrawn these for real, so no preview is shown at all.
          if (answer.dryRun !== true) throw new DryRunRefused();
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
