// The soak shared by the Chromium and Firefox parts (soak-*.rel.ts): withdrawal jobs driven through
// the real built extension against the sandbox under a fault mix that includes faults AFTER the
// effect, with the background stopped at chosen moments; then undo. Every figure is a count read
// from the sandbox's truth (its state and its call log) and the extension's IndexedDB, never from
// what the extension says about itself.
import { expect } from 'vitest';
import type { Job, JournalEntry } from '../../src/shared/jobs-model.ts';
import type { TestSandbox } from '../e2e/harness/sandbox.ts';
import { revokedCounts } from '../sandbox/client.ts';
import { BIG_TOOL_ID } from '../sandbox/data/fixtures.ts';
import { mulberry32 } from '../sandbox/data/prng.ts';
import type { FaultSettings } from '../sandbox/faults.ts';
import type { LogEntry } from '../sandbox/log.ts';

/** How one browser is driven: messages from an extension page, its IndexedDB, signing in, stopping the background. */
export interface SoakDriver {
  /** A Licenskoll request from one of our extension pages (it wakes a stopped background). */
  call<T>(type: string, payload: unknown): Promise<T>;
  /** Every record of the extension's journal. */
  journal(): Promise<JournalEntry[]>;
  /** Every record of one object store of the extension's database. */
  store(name: string): Promise<unknown[]>;
  /** Signs in to the sandbox again in the browser (a fresh session cookie). */
  relogin(): Promise<void>;
  /** Stops the background (service worker stopped, event page terminated) and waits until it is gone. */
  stopBackground(): Promise<void>;
}

export interface SoakPlan {
  jobs: number;
  perJob: number;
  /** Background stops, at moments drawn from `seed` between the first and last fraction of `stopWindow`. */
  stops: number;
  /** Of those, how many wait for an API request held by a latency spike to be in flight first. */
  aimedStops: number;
  stopWindow: [number, number];
  seed: number;
  batchSize: number;
  concurrency: number;
  requestsPerSecond: number;
  /** The withdrawal phase's fault mix (the session expiry among them). */
  faults: Partial<FaultSettings>;
  /** The undo phase's (faults before the effect: assign has no Idempotency-Key to replay). */
  undoFaults: Partial<FaultSettings>;
  undoBatchSize: number;
  /** Upper bound for the whole withdrawal phase, and for the undo phase (ms). */
  timeoutMs: number;
}

/** The soak's fault mix: 10 % 500/503, 429 bursts (Retry-After 1–3 s), 5 % drop and 2 % truncate after the commit, 2 s spikes. */
export function faultMix(
  expireSessionAfterRequests: number,
  latencySpikeRate = 0.05,
): Partial<FaultSettings> {
  return {
    errorRate: 0.1,
    rateLimitBurstRate: 0.01,
    dropAfterCommitRate: 0.05,
    truncateAfterCommitRate: 0.02,
    latencySpikeRate,
    latencySpikeMs: 2_000,
    expireSessionAfterRequests,
  };
}

export interface SoakFigures extends Record<string, number> {
  items: number;
  exactlyOnce: number;
  lost: number;
  twice: number;
  journal: number;
  undoRestored: number;
  backgroundStops: number;
  stopsInFlight: number;
  keyReplays: number;
  dropAfterCommit: number;
  truncateAfterCommit: number;
  errors500or503: number;
  rateLimited429: number;
  latencySpikes: number;
  sessionExpiries: number;
  relogins: number;
  clientHangUps: number;
}

interface StopAt {
  /** Fraction of all items done before this stop. */
  at: number;
  aimed: boolean;
}

/** Stop moments drawn from the seed (sorted), with `aimed` ones spread among them at random. */
function planStops(plan: Pick<SoakPlan, 'stops' | 'aimedStops' | 'stopWindow' | 'seed'>): StopAt[] {
  const rng = mulberry32(plan.seed);
  const [from, to] = plan.stopWindow;
  const at = Array.from({ length: plan.stops }, () => from + rng() * (to - from)).sort((a, b) => a - b);
  const aimed = new Set<number>();
  while (aimed.size < Math.min(plan.aimedStops, plan.stops)) aimed.add(Math.floor(rng() * plan.stops));
  return at.map((a, i) => ({ at: a, aimed: aimed.has(i) }));
}

/** Held this long or more: a latency spike (the plain latency of the mix is 0). */
const SPIKE_MIN_MS = 1_000;

export async function runSoak(
  sandbox: TestSandbox,
  driver: SoakDriver,
  plan: SoakPlan,
): Promise<SoakFigures> {
  const { call } = driver;
  const total = plan.jobs * plan.perJob;
  const ids = await assignmentIds(sandbox, total);
  const holderOf = await holdersById(sandbox, ids);
  await call('setSettings', {
    patch: {
      batchSize: plan.batchSize,
      concurrency: plan.concurrency,
      requestsPerSecond: plan.requestsPerSecond,
    },
  });
  await call('sync', { toolId: BIG_TOOL_ID });
  await sandbox.faults(plan.faults);

  const jobIds: string[] = [];
  for (let j = 0; j < plan.jobs; j++) {
    const slice = ids.slice(j * plan.perJob, (j + 1) * plan.perJob);
    const { job } = await call<{ job: Job }>('startWithdrawal', {
      toolId: BIG_TOOL_ID,
      assignmentIds: slice,
      label: `soak ${j + 1}`,
    });
    jobIds.push(job.id);
  }

  let relogins = 0;
  const jobs = async () =>
    Promise.all(jobIds.map(async (jobId) => (await call<{ job: Job }>('getJob', { jobId })).job));
  /** What an administrator does on "Logga in i Skolon igen": signs in, then Fortsätt on each paused job. */
  const tend = async (): Promise<Job[]> => {
    const now = await jobs();
    const expired = now.filter((j) => j.state === 'paused' && j.pauseReason === 'session-expired');
    if (expired.length > 0) {
      await driver.relogin();
      relogins++;
      for (const j of expired) await call('resumeJob', { jobId: j.id });
    }
    return now;
  };
  const done = (list: Job[]) => list.reduce((n, j) => n + (j.total - j.counts.pending), 0);

  const stoppedAt: number[] = [];
  for (const stop of planStops(plan)) {
    await expect
      .poll(async () => done(await tend()) >= stop.at * total, { timeout: plan.timeoutMs, interval: 200 })
      .toBe(true);
    if (stop.aimed) {
      // Just after a request held by a spike arrived: more than half its hold is still to go.
      await expect
        .poll(
          async () => {
            await tend();
            return (await sandbox.client.inFlight()).some(
              (c) => (c.delayMs ?? 0) >= SPIKE_MIN_MS && Date.now() - Date.parse(c.at) < (c.delayMs ?? 0) / 2,
            );
          },
          { timeout: plan.timeoutMs, interval: 20 },
        )
        .toBe(true);
    }
    stoppedAt.push(Date.now());
    await driver.stopBackground();
  }
  await expect
    .poll(async () => (await tend()).every((j) => j.state === 'done'), {
      timeout: plan.timeoutMs,
      interval: 250,
    })
    .toBe(true);

  // The withdrawal phase, from the sandbox's log and truth and the extension's journal.
  const log = await sandbox.log();
  const revokes = log.filter((c) => c.operation === 'revoke');
  const counts = revokedCounts(revokes);
  const stillHeld = new Set((await assignmentIds(sandbox, 0)).filter((id) => holderOf.has(id)));
  const mine = new Set(ids);
  const extra = [...counts.keys()].filter((id) => !mine.has(id));
  expect(extra, 'revoked outside the jobs').toEqual([]);
  const journal = (await driver.journal()).filter((e) => jobIds.includes(e.jobId) && e.action === 'revoked');
  const journaledIds = new Set(journal.map((e) => e.assignmentId));

  const figures: SoakFigures = {
    items: total,
    exactlyOnce: ids.filter((id) => counts.get(id) === 1 && !stillHeld.has(id)).length,
    lost: ids.filter((id) => stillHeld.has(id) || !counts.has(id)).length,
    twice: ids.filter((id) => (counts.get(id) ?? 0) > 1).length,
    journal: journal.length,
    undoRestored: 0,
    backgroundStops: stoppedAt.length,
    stopsInFlight: stoppedAt.filter((t) => cutOff(log, t).length > 0).length,
    keyReplays: revokes.filter((c) => c.replayed).length,
    dropAfterCommit: revokes.filter((c) => c.fault === 'dropAfterCommit').length,
    truncateAfterCommit: revokes.filter((c) => c.fault === 'truncateAfterCommit').length,
    errors500or503: log.filter((c) => c.fault === 'error').length,
    rateLimited429: log.filter((c) => c.fault === 'rateLimitBurst').length,
    latencySpikes: log.filter((c) => (c.delayMs ?? 0) >= SPIKE_MIN_MS).length,
    sessionExpiries: log.filter((c) => c.fault === 'expired').length,
    relogins,
    clientHangUps: log.filter((c) => c.clientClosed).length,
  };
  // One journal entry per item, none twice.
  expect(journaledIds.size).toBe(journal.length);
  if (journal.length !== total) {
    // Say why, for whoever reads a red run: the first unjournaled item and every call that named it.
    const missing = ids.find((id) => !journaledIds.has(id)) ?? '';
    const items = (await driver.store('jobItems')) as { assignmentId: string }[];
    console.log(
      `not journaled, e.g. ${missing}:`,
      JSON.stringify(items.find((i) => i.assignmentId === missing)),
    );
    for (const c of revokes.filter((call) => call.ids?.includes(missing))) {
      const { seq, at, status, idempotencyKey, replayed, fault, sessionId, clientClosed } = c;
      const outcome = c.outcomes?.find((o) => o.id === missing)?.outcome;
      console.log(
        JSON.stringify({
          seq,
          at,
          status,
          idempotencyKey,
          replayed,
          fault,
          sessionId,
          clientClosed,
          outcome,
        }),
      );
    }
  }

  // Undo: every withdrawal job put back, under faults that act before the effect.
  await sandbox.faults(plan.undoFaults);
  await call('setSettings', { patch: { batchSize: plan.undoBatchSize } });
  const undoIds: string[] = [];
  for (const jobId of jobIds) undoIds.push((await call<{ job: Job }>('undoJob', { jobId })).job.id);
  await expect
    .poll(
      async () => {
        const list = await Promise.all(
          undoIds.map(async (jobId) => (await call<{ job: Job }>('getJob', { jobId })).job),
        );
        return list.every((j) => j.state === 'done');
      },
      { timeout: plan.timeoutMs, interval: 250 },
    )
    .toBe(true);
  const after = await holders(sandbox);
  figures.undoRestored = ids.filter((id) => after.has(holderOf.get(id) ?? '')).length;
  return figures;
}

/** Calls that arrived before `t` and whose client hung up at or after `t`: a stop at `t` cut them off. */
function cutOff(log: readonly LogEntry[], t: number): LogEntry[] {
  return log.filter((c) => c.clientClosed && Date.parse(c.at) <= t && Date.parse(c.closedAt ?? '') >= t);
}

interface StateAssignment {
  id: string;
  licenseId: string;
  assignee: { type: string; id: string };
}

const holderKey = (a: StateAssignment) => `${a.assignee.type}|${a.assignee.id}|${a.licenseId}`;

async function stateAssignments(sandbox: TestSandbox): Promise<StateAssignment[]> {
  return (
    await sandbox.client.state<{ assignments: StateAssignment[] }>('assignments', { toolId: BIG_TOOL_ID })
  ).assignments;
}

/** The first `count` assignment ids of the big tool (all of them for 0). */
async function assignmentIds(sandbox: TestSandbox, count: number): Promise<string[]> {
  const all = (await stateAssignments(sandbox)).map((a) => a.id);
  if (count === 0) return all;
  if (all.length < count)
    throw new Error(`only ${all.length} assignments on ${BIG_TOOL_ID}, ${count} wanted`);
  return all.slice(0, count);
}

/** Who holds what through each of `ids` now (type|id|licenseId), to see that undo put it back. */
async function holdersById(sandbox: TestSandbox, ids: string[]): Promise<Map<string, string>> {
  const wanted = new Set(ids);
  return new Map(
    (await stateAssignments(sandbox)).filter((a) => wanted.has(a.id)).map((a) => [a.id, holderKey(a)]),
  );
}

async function holders(sandbox: TestSandbox): Promise<Set<string>> {
  return new Set((await stateAssignments(sandbox)).map(holderKey));
}

/** The one line a part prints: its figures in order. */
export function figureLine(part: string, figures: Record<string, number>): string {
  return `${part}: ${Object.entries(figures)
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ')}`;
}
