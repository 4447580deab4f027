// What the popup shows of a job; built from the background's job records (see client.ts).
type JobState = 'running' | 'paused' | 'done' | 'cancelled';
export type PauseReason = 'session-expired' | 'server-busy' | 'offline' | 'user' | 'other';

export interface JobView {
  id: string;
  kind: 'withdraw' | 'undo';
  state: JobState;
  pauseReason: PauseReason | null;
  label: string;
  total: number;
  revoked: number;
  alreadyRevoked: number;
  failed: number;
  pending: number;
  createdAt: number;
  finishedAt: number | null;
  /** A withdrawal that ended (done, or cancelled after part of it) and revoked something, not undone yet. */
  canUndo: boolean;
  /** The tools it acted on (names come from the summary). */
  toolIds: string[];
}
