// Answers the UIs render from: the cache first (no network), each with the age of its data.
import type { Assignee, Assignment, AssignmentWithTool } from '../../shared/model.ts';
import type { CachedAssignment, Store } from '../../shared/store.ts';
import { assignmentsVersion, datasetKey } from '../../shared/store.ts';
import type { SummaryView, ToolDetailView, ToolSummary } from '../../shared/views.ts';
import { keyMatches, searchKey, searchTerms } from '../../shared/word-search.ts';
import { readSession } from '../platform/session.ts';
import { datasetMeta, fromCached } from './cache.ts';

const EXPIRING_DAYS = 30;
const DAY_MS = 86_400_000;

/** The contract's presence on `origin` as last probed (no network), and what its pages showed. */
async function originPicture(store: Store, origin: string) {
  const probe = await store.get('apiProbes', origin);
  const figures = await store.getAllFromIndex('pageFigures', 'byOrigin', origin);
  figures.sort((a, b) => b.seenAt - a.seenAt);
  return {
    origin,
    mode: probe ? (probe.state === 'present' ? ('api' as const) : ('page' as const)) : ('unknown' as const),
    modeReason: probe && probe.state !== 'present' ? probe.state : null,
    pageFigures: figures,
  };
}

export async function summary(
  store: Store,
  schoolId: string | null,
  origin: string,
  now = Date.now(),
): Promise<SummaryView> {
  const session = await readSession(store, origin);
  const school = schoolId ?? session?.session?.activeSchoolId ?? null;
  const schools = session?.session?.schools.map(({ id, name }) => ({ id, name })) ?? [];
  const picture = await originPicture(store, origin);
  if (!school)
    return {
      schoolId: null,
      schools,
      session,
      fetchedAt: null,
      tools: [],
      totals: { seats: 0, assigned: 0, available: 0 },
      ...picture,
    };
  // One read of the school's tools and one of their details (not one read per tool: 300 tools made
  // every popup open cost the worker 300 round trips).
  const [tools, details] = await Promise.all([
    store.getAllFromIndex('tools', 'bySchool', school),
    // [school] sorts before every [school, toolId] and [school, []] after (arrays follow strings).
    store.getAll('toolDetails', IDBKeyRange.bound([school], [school, []])),
  ]);
  const licensesOf = new Map(details.map((d) => [d.toolId, d.licenses]));
  const today = new Date(now).toISOString().slice(0, 10);
  const soon = new Date(now + EXPIRING_DAYS * DAY_MS).toISOString().slice(0, 10);
  const summaries: ToolSummary[] = [];
  for (const tool of tools) {
    const licenses = licensesOf.get(tool.id) ?? [];
    summaries.push({
      id: tool.id,
      name: tool.name,
      toolType: tool.toolType,
      supplier: tool.supplier ?? null,
      seats: tool.seats,
      assigned: tool.assigned,
      available: Math.max(0, tool.seats - tool.assigned),
      nextExpiry: tool.nextExpiry ?? null,
      hasExpired: licenses.some((l) => l.validUntil < today),
      expiringLicenses: licenses
        .filter((l) => l.validUntil <= soon)
        .map(({ id, kind, seats, assigned, validUntil }) => ({ id, kind, seats, assigned, validUntil })),
    });
  }
  const totals = summaries.reduce(
    (t, s) => ({
      seats: t.seats + s.seats,
      assigned: t.assigned + s.assigned,
      available: t.available + s.available,
    }),
    { seats: 0, assigned: 0, available: 0 },
  );
  const meta = await datasetMeta(store, datasetKey.tools(school));
  return {
    schoolId: school,
    schools,
    session,
    fetchedAt: meta?.fetchedAt ?? null,
    tools: summaries,
    totals,
    ...picture,
  };
}

/**
 * The last tool's assignments as toolDetail read them, while the assignments store is unchanged
 * (assignmentsVersion): reading 2,000 records back from IndexedDB took 55–93 ms in Chromium's
 * worker, and the license page asks for them on every visit and every dialog. One tool per store.
 */
const lastRead = new WeakMap<Store, { key: string; version: number; list: Assignment[] }>();

export async function toolDetail(store: Store, schoolId: string, toolId: string): Promise<ToolDetailView> {
  const key = datasetKey.assignments(schoolId, toolId);
  const version = assignmentsVersion(store);
  const held = lastRead.get(store);
  const reuse = version !== null && held?.key === key && held.version === version ? held.list : null;
  // One transaction, every read at once (the license page asks for this as soon as it is
  // recognised; five reads one after another each waited for the one before).
  const tx = store.transaction(['tools', 'toolDetails', 'assignments', 'datasets']);
  const datasets = tx.objectStore('datasets');
  const [found, detail, rows, detailMeta, assignmentsMeta] = await Promise.all([
    tx.objectStore('tools').get([schoolId, toolId]),
    tx.objectStore('toolDetails').get([schoolId, toolId]),
    reuse ? null : tx.objectStore('assignments').index('byTool').getAll([schoolId, toolId]),
    datasets.get(datasetKey.detail(schoolId, toolId)),
    datasets.get(key),
    tx.done,
  ]);
  const assignments = reuse ?? (rows ?? []).map(fromCached);
  // Kept only when no write started or ended while it was read.
  if (!reuse && version !== null && assignmentsVersion(store) === version)
    lastRead.set(store, { key, version, list: assignments });
  const tool = found ?? null;
  let plainTool = null;
  if (tool) {
    const { schoolId: _s, ...rest } = tool;
    plainTool = rest;
  }
  return {
    schoolId,
    tool: plainTool,
    licenses: detail?.licenses ?? [],
    pools: detail?.pools ?? [],
    assignments,
    detailFetchedAt: detailMeta?.fetchedAt ?? null,
    assignmentsFetchedAt: assignmentsMeta?.fetchedAt ?? null,
  };
}

/**
 * People (users and classes) found in the cached assignments of a school, by the same rule as the
 * license page's search (src/shared/word-search.ts): every term starts a word of the name, e-mail
 * or a class, blind to case and accents ("sorensen" finds "Sørensen", "ali" does not find "Natalie").
 */
export async function searchCachedPeople(
  store: Store,
  schoolId: string,
  q: string,
  limit: number,
): Promise<Assignee[]> {
  const terms = searchTerms(q);
  const found = new Map<string, Assignee>();
  let cursor = await store.transaction('assignments').store.openCursor();
  while (cursor && found.size < limit) {
    const a = cursor.value;
    const key = `${a.assignee.type}|${a.assignee.id}`;
    if (a.schoolId === schoolId && !found.has(key) && matches(a.assignee, terms)) found.set(key, a.assignee);
    cursor = await cursor.continue();
  }
  return [...found.values()];
}

function matches(a: Assignee, terms: readonly string[]): boolean {
  const classes = (a.groups ?? []).map((g) => g.name);
  return keyMatches(searchKey({ name: a.name, email: a.email ?? null, classes }), terms);
}

export async function cachedAssignmentsOf(
  store: Store,
  schoolId: string,
  assignee: { type: 'USER' | 'GROUP'; id: string },
): Promise<AssignmentWithTool[]> {
  const held: CachedAssignment[] = await store.getAllFromIndex('assignments', 'byAssignee', [
    assignee.type,
    assignee.id,
  ]);
  const out: AssignmentWithTool[] = [];
  for (const a of held) {
    if (a.schoolId !== schoolId) continue;
    const tool = await store.get('tools', [schoolId, a.toolId]);
    out.push({ ...fromCached(a), toolId: a.toolId, toolName: tool?.name ?? a.toolId });
  }
  return out;
}
