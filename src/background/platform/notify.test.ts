import { describe, expect, it, vi } from 'vitest';
import { sameFakeAsPolyfill } from '../../../test/support/extension-api.ts';
import { emptyCounts, type Job } from '../../shared/jobs-model.ts';

vi.mock('../../shared/extension-api.ts', () => sameFakeAsPolyfill());
vi.mock('webextension-polyfill', () => ({
  default: { i18n: { getMessage: (key: string, subs: string[]) => [key, ...subs].join('|') } },
}));
const { momentOf, notificationFor } = await import('./notify.ts');

const job = (patch: Partial<Job>): Job => ({
  id: 'j1',
  kind: 'withdraw',
  schoolId: 's',
  origin: 'https://app.skolon.com',
  label: 'Östen Quickström',
  state: 'running',
  pauseReason: null,
  message: null,
  createdAt: 0,
  updatedAt: 0,
  finishedAt: null,
  total: 3,
  counts: { ...emptyCounts(), revoked: 3 },
  outcomes: {},
  toolIds: [],
  undoOf: null,
  undoneBy: null,
  ...patch,
});

describe('job notifications', () => {
  it('fires once when a job finishes or pauses, not on every progress step', () => {
    expect(momentOf('running', job({ state: 'running' }))).toBeNull();
    expect(momentOf('running', job({ state: 'done' }))).toBe('done');
    expect(momentOf('done', job({ state: 'done' }))).toBeNull();
    expect(momentOf(undefined, job({ state: 'paused' }))).toBe('paused');
    expect(momentOf('running', job({ state: 'cancelled' }))).toBeNull();
  });

  it('says what was done, or why it paused and what to do', () => {
    expect(notificationFor(job({ state: 'done' }), 'done')).toEqual({
      title: 'notifyJobDoneTitle',
      message: 'notifyJobDone|Östen Quickström|3|3|0',
    });
    expect(notificationFor(job({ state: 'paused', pauseReason: 'session-expired' }), 'paused').message).toBe(
      'jobPausedSession',
    );
    expect(
      notificationFor(
        job({ kind: 'undo', state: 'done', counts: { ...emptyCounts(), assigned: 2 } }),
        'done',
      ),
    ).toEqual({ title: 'notifyUndoneTitle', message: 'notifyJobDone|Östen Quickström|2|3|0' });
  });
});
