// Persistent jobs: a withdrawal (or its undo) is a job row plus one item per assignment, written
// to IndexedDB before the first API call, so a stopped worker can finish it without repeating it.
import type { Assignee, AssignOutcome, RevokeOutcome } from './model.ts';

export type JobKind = 'withdraw' | 'undo';
export type JobState = 'running' | 'paused' | 'done' | 'cancelled';
/**
 * Why a job waits: the administrator must sign in again, the network or server is away, the server
 * keeps answering 429 (busy; resumed by the job alarm like offline), or they asked.
 */
export type PauseReason = 'session-expired' | 'offline' | 'server-busy' | 'user';
/** Pause reasons that pass by themselves: the job alarm resumes these. */
export const AUTO_RESUME: readonly PauseReason[] = ['offline', 'server-busy'];
export type ItemState =
  | 'pending'
  | 'revoked'
  | 'already-revoked'
  | 'assigned'
  | 'already-assigned'
  | 'failed';

export type ItemOutcome = RevokeOutcome | AssignOutcome | 'ERROR';

export interface Job {
  id: string;
  kind: JobKind;
  schoolId: string;
  /** The origin the job's calls go to (it must not change under a running job). */
  origin: string;
  label: string | null;
  state: JobState;
  pauseReason: PauseReason | null;
  /** The last problem, in words (e.g. why it paused). */
  message: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  total: number;
  /** Items per state; `pending` reaching 0 means done. */
  counts: Record<ItemState, number>;
  /** API outcomes seen (e.g. NO_SEATS 3), for the undo report. */
  outcomes: Partial<Record<ItemOutcome, number>>;
  toolIds: string[];
  /** undo jobs: the withdrawal they undo; withdrawals: their undo job once started. */
  undoOf: string | null;
  undoneBy: string | null;
}

export interface JobItem {
  jobId: string;
  seq: number;
  /** Fixed at creation: the batch decides the Idempotency-Key, so a resent batch is the same request. */
  batch: number;
  toolId: string;
  licenseId: string;
  /** withdraw: the assignment to revoke; undo: the assignment that was revoked. */
  assignmentId: string;
  assignee: Assignee;
  state: ItemState;
  outcome: ItemOutcome | null;
  reason: string | null;
  /** Times its batch was sent: an ALREADY_REVOKED after a resend may be our own earlier revoke. */
  attempts: number;
  /**
   * Sent at least once (in this job, or in the job whose failed items this one retries) without an
   * answer that named its outcome: an earlier send may have withdrawn it, so an ALREADY_REVOKED
   * now is our own withdrawal and is journaled as this job's. Set before each resend and kept
   * through "Försök igen". Absent on rows written before it existed (then `attempts > 1` decides).
   */
  uncertain?: boolean;
  /** Answers that left this item's outcome out (its batch is then sent again; see sendKey). */
  omitted?: number;
  /** A failed or abandoned item that a later job ("Försök igen") took over: that job's id. */
  retriedBy?: string;
  doneAt: number | null;
  /** undo: the new assignment's id. */
  newAssignmentId: string | null;
}

export type JournalAction = 'revoked' | 'reassigned';

export interface JournalEntry {
  id?: number;
  jobId: string;
  action: JournalAction;
  at: number;
  schoolId: string;
  toolId: string;
  toolName: string;
  licenseId: string;
  assignmentId: string;
  assignee: Assignee;
}

export const emptyCounts = (): Record<ItemState, number> => ({
  pending: 0,
  revoked: 0,
  'already-revoked': 0,
  assigned: 0,
  'already-assigned': 0,
  failed: 0,
});

export const isFinished = (job: Pick<Job, 'state'>): boolean =>
  job.state === 'done' || job.state === 'cancelled';

/** Undo is offered for a withdrawal that has ended (done, or cancelled with a completed part). */
export const canUndo = (job: Pick<Job, 'kind' | 'state' | 'undoneBy' | 'counts'>): boolean =>
  job.kind === 'withdraw' && isFinished(job) && job.undoneBy === null && job.counts.revoked > 0;

export function revokeState(outcome: RevokeOutcome): ItemState {
  if (outcome === 'REVOKED') return 'revoked';
  if (outcome === 'ALREADY_REVOKED') return 'already-revoked';
  return 'failed';
}

export function assignState(outcome: AssignOutcome): ItemState {
  if (outcome === 'ASSIGNED') return 'assigned';
  if (outcome === 'ALREADY_ASSIGNED') return 'already-assigned';
  return 'failed';
}

/** The Idempotency-Key of one batch: deterministic, so a batch resent after a restart replays. */
export const idempotencyKey = (jobId: string, batch: number): string => `licenskoll:${jobId}:${batch}`;

/**
 * The key of a follow-up call for items whose outcome the batch's answer left out even when that
 * answer was replayed under the batch's own key (a replay repeats the same answer, so the key can
 * no longer tell): derived from the round and the ids, so a follow-up resent after a restart with
 * the same ids replays too, and one with other ids never collides with it.
 */
export function followUpKey(jobId: string, batch: number, round: number, ids: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const ch of ids.join('\n')) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${idempotencyKey(jobId, batch)}:r${round}-${hash.toString(16).padStart(8, '0')}`;
}

/** An earlier send may have had an effect nobody recorded (see JobItem.uncertain). */
export const wasUncertain = (item: Pick<JobItem, 'uncertain' | 'attempts'>): boolean =>
  item.uncertain === true || item.attempts > 1;
