// Persistent jobs: a withdrawal (or its undo) is a job row plus one item per assignment, written
// to IndexedDB before the first API call, so a stopped worker can finish it without repeating it.
import type { Assignee, AssignOutcome, RevokeOutcome } from './model.ts';

export type JobKind = 'withdraw' | 'undo';
export type JobState = 'running' | 'paused' | 'done' | 'cancelled';
/** Why a job waits: the administrator must sign in again, the network or server is away, or they asked. */
export type PauseReason = 'session-expired' | 'offline' | 'user';
export type ItemState =
  | 'pending'
  | 'revoked'
  | 'already-revoked'
  | 'assigned'
  | 'already-assigned'
  | 'failed';
export const ITEM_STATES: readonly ItemState[] = [
  'pending',
  'revoked',
  'already-revoked',
  'assigned',
  'already-assigned',
  'failed',
];

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
