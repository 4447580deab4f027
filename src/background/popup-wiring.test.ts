import { describe, expect, it, vi } from 'vitest';
import { emptyCounts, type Job } from '../shared/jobs-model.ts';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { lastUndoable } = await import('./popup-wiring.ts');

const job = (id: string, createdAt: number, patch: Partial<Job> = {}): Job => ({
  id,
  kind: 'withdraw',
  schoolId: 's',
  origin: 'https://app.skolon.com',
  label: null,
  state: 'done',
  pauseReason: null,
  message: null,
  createdAt,
  updatedAt: createdAt,
  finishedAt: createdAt,
  total: 1,
  counts: { ...emptyCounts(), revoked: 1 },
  outcomes: {},
  toolIds: [],
  undoOf: null,
  undoneBy: null,
  ...patch,
});

describe('the undo-last-job command', () => {
  it('picks the newest finished withdrawal that revoked something and is not undone yet', () => {
    const jobs = [
      job('old', 1),
      job('undone', 2, { undoneBy: 'u1' }),
      job('an-undo', 3, { kind: 'undo' }),
      job('running', 4, { state: 'running' }),
      job('nothing-revoked', 5, { counts: { ...emptyCounts(), 'already-revoked': 1 } }),
      job('target', 3.5),
    ];
    expect(lastUndoable(jobs)?.id).toBe('target');
    expect(lastUndoable([job('running', 1, { state: 'running' })])).toBeNull();
  });
});
