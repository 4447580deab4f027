// A job's progress and whether it can be undone are worked out once (job-progress.ts,
// jobs-model.ts) and mean the same in the popup, the notifications, the license page and the undo
// command.
import { describe, expect, it } from 'vitest';
import { jobProgress } from './job-progress.ts';
import { canUndo, emptyCounts, type Job } from './jobs-model.ts';

const job = (over: Partial<Job>): Job => ({
  id: 'j1',
  kind: 'withdraw',
  schoolId: 's1',
  origin: 'https://app.skolon.com',
  label: null,
  state: 'done',
  pauseReason: null,
  message: null,
  createdAt: 1,
  updatedAt: 1,
  finishedAt: 2,
  total: 10,
  counts: { ...emptyCounts(), revoked: 6, 'already-revoked': 2, failed: 1, pending: 1 },
  outcomes: {},
  toolIds: ['t1'],
  undoOf: null,
  undoneBy: null,
  ...over,
});

describe('jobProgress', () => {
  it('counts a withdrawal by what it revoked and what was already gone', () => {
    expect(jobProgress(job({}))).toEqual({
      total: 10,
      changed: 6,
      already: 2,
      done: 8,
      failed: 1,
      pending: 1,
    });
  });

  it('counts an undo by what it assigned again, never by revoke counts', () => {
    const counts = { ...emptyCounts(), assigned: 3, 'already-assigned': 1, revoked: 99 };
    expect(jobProgress(job({ kind: 'undo', total: 4, counts }))).toMatchObject({
      changed: 3,
      already: 1,
      done: 4,
    });
  });
});

describe('canUndo', () => {
  it('offers undo for a finished withdrawal that revoked something and was not undone', () => {
    expect(canUndo(job({}))).toBe(true);
    expect(canUndo(job({ state: 'cancelled' }))).toBe(true);
  });

  it.each([
    ['a running job', { state: 'running' as const }],
    ['a paused job', { state: 'paused' as const }],
    ['an undo job', { kind: 'undo' as const }],
    ['a job already undone', { undoneBy: 'j2' }],
    ['a job that revoked nothing', { counts: { ...emptyCounts(), 'already-revoked': 10 } }],
  ])('refuses %s', (_, over) => {
    expect(canUndo(job(over))).toBe(false);
  });
});
