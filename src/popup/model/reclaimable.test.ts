import { describe, expect, it } from 'vitest';
import type { Assignee, Assignment } from '../../shared/model.ts';
import { reclaimableSeats, selectSeats } from './reclaimable.ts';

const TODAY = '2025-05-20';
const user = (id: string, extra: Partial<Assignee> = {}): Assignee => ({
  type: 'USER',
  id,
  name: id,
  role: 'STUDENT',
  active: true,
  ...extra,
});
const group = (id: string): Assignee => ({ type: 'GROUP', id, name: id, memberCount: 20 });
let n = 0;
const assignment = (licenseId: string, assignee: Assignee): Assignment => ({
  id: `a${++n}`,
  licenseId,
  assignee,
  assignedAt: '2025-01-01T00:00:00Z',
});

const licenses = [
  { id: 'single', kind: 'SINGLE' as const, validUntil: '2026-01-01' },
  { id: 'class', kind: 'CLASS' as const, validUntil: '2026-01-01' },
  { id: 'old-class', kind: 'CLASS' as const, validUntil: '2025-01-01' },
  { id: 'old-single', kind: 'SINGLE' as const, validUntil: '2025-05-19' },
];

describe('reclaimable seats', () => {
  const inactive = assignment('single', user('gone', { active: false, groups: [{ id: '9A', name: '9A' }] }));
  const doubled = assignment('single', user('twice', { groups: [{ id: '9A', name: '9A' }] }));
  const onlyOwn = assignment('single', user('own', { groups: [{ id: '8C', name: '8C' }] }));
  const inOldClass = assignment('single', user('old', { groups: [{ id: '7B', name: '7B' }] }));
  const expiredSeat = assignment('old-single', user('late'));
  const classSeat = assignment('class', group('9A'));
  const oldClassSeat = assignment('old-class', group('7B'));
  const summary = reclaimableSeats(
    [
      {
        toolId: 't1',
        toolName: 'Engelska',
        licenses,
        assignments: [inactive, doubled, onlyOwn, inOldClass, expiredSeat, classSeat, oldClassSeat],
      },
      { toolId: 't2', toolName: 'Tom', licenses, assignments: [onlyOwn] },
    ],
    TODAY,
  );

  it('finds inactive, doubled and expired holders, each seat once', () => {
    expect(summary.tools.map((t) => t.toolId)).toEqual(['t1']);
    expect(summary.byReason).toEqual({ inactive: 1, doubled: 2, expired: 2 });
    // inactive is also doubled (9A has the class license): 4 distinct seats.
    expect(summary.total).toBe(4);
    expect(selectSeats(summary, 'doubled').map((s) => s.assignment.assignee.id)).toEqual(['gone', 'twice']);
    expect(selectSeats(summary, 'expired').map((s) => s.assignment.id)).toEqual([
      expiredSeat.id,
      oldClassSeat.id,
    ]);
  });

  it('does not count a class license that has expired as a second seat', () => {
    expect(selectSeats(summary, 'all').map((s) => s.assignment.id)).not.toContain(inOldClass.id);
    expect(selectSeats(summary, 'all', 't2')).toEqual([]);
  });
});
