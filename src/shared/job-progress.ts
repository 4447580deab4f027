// A job's progress as every UI shows it: the license page's result card, the popup's Jobb tab and
// the background's notifications. Apart from jobs-model.ts because the license page needs only
// this, and a shared module's chunk carries all of it to every context that imports any of it.
import type { Job } from './jobs-model.ts';

/** A job's progress as every UI shows it (the same words for a withdrawal and its undo). */
export interface JobProgressFigures {
  total: number;
  /** Items this job changed: revoked (withdrawal) or assigned again (undo). */
  changed: number;
  /** Items that were already as the job wanted (already revoked; already assigned). */
  already: number;
  /** Items that reached their goal: changed + already. */
  done: number;
  failed: number;
  pending: number;
}

export function jobProgress(job: Pick<Job, 'kind' | 'total' | 'counts'>): JobProgressFigures {
  const c = job.counts;
  const undo = job.kind === 'undo';
  const changed = (undo ? c.assigned : c.revoked) ?? 0;
  const already = (undo ? c['already-assigned'] : c['already-revoked']) ?? 0;
  return {
    total: job.total,
    changed,
    already,
    done: changed + already,
    failed: c.failed ?? 0,
    pending: c.pending ?? 0,
  };
}
