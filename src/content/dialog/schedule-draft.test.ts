// The schedule form's rules without the DOM: its default time, the local time it reads, the people
// of a selection (each once, mapped rows only) and the request it makes or why it cannot.
import { describe, expect, it } from 'vitest';
import type { ViewFilters } from '../../shared/plans.ts';
import type { DialogController } from './controller.ts';
import { defaultRunAt, parseLocalDateTime, peopleOfSelection, scheduleDraftOf } from './schedule-draft.ts';

const filters: ViewFilters = { query: '', classes: ['9B'], roles: [], leftOnly: true };
const now = new Date(2026, 5, 10, 9, 30).getTime();
const context = { filters, viewId: 'v1', toolId: 't1', people: [{ type: 'USER' as const, id: 'u1' }], now };
const form = { name: ' Åk 9 ', source: 'view' as const, scope: 'tool' as const, when: '2026-06-11T18:00' };

describe('the schedule form', () => {
  it('defaults to the next day at 18:00 local time, also across a month end', () => {
    expect(defaultRunAt(new Date(2026, 5, 10, 23, 59))).toBe('2026-06-11T18:00');
    expect(defaultRunAt(new Date(2026, 11, 31, 8, 0))).toBe('2027-01-01T18:00');
  });

  it('reads datetime-local as local time and refuses what is no date', () => {
    expect(parseLocalDateTime('2026-06-11T18:00')).toBe(new Date(2026, 5, 11, 18, 0).getTime());
    expect(parseLocalDateTime('2026-02-30T18:00')).toBeNull();
    expect(parseLocalDateTime('')).toBeNull();
    expect(parseLocalDateTime('i morgon')).toBeNull();
  });

  it('makes the request of a view: its filters, this tool, no people', () => {
    expect(scheduleDraftOf(form, context)).toEqual({
      ok: true,
      draft: {
        name: 'Åk 9',
        filters,
        viewId: 'v1',
        people: null,
        toolIds: ['t1'],
        runAt: new Date(2026, 5, 11, 18, 0).getTime(),
      },
    });
    const all = scheduleDraftOf({ ...form, scope: 'all' }, context);
    expect(all.ok && all.draft.toolIds).toBeNull();
  });

  it('makes the request of a selection: only those people, no view', () => {
    const made = scheduleDraftOf({ ...form, source: 'selection' }, context);
    expect(made.ok && made.draft).toMatchObject({ people: [{ type: 'USER', id: 'u1' }], viewId: null });
  });

  it.each([
    ['a past time', { when: '2026-06-10T09:00' }, {}, 'past'],
    ['this very minute', { when: '2026-06-10T09:30' }, {}, 'past'],
    ['no time', { when: '' }, {}, 'badTime'],
    ['no name', { name: '  ' }, {}, 'noName'],
    ['an empty view', {}, { filters: { query: ' ', classes: [], roles: [], leftOnly: false } }, 'empty'],
    ['no mapped people', { source: 'selection' as const }, { people: [] }, 'noPeople'],
    ['this tool without a tool id', {}, { toolId: null }, 'noTool'],
  ])('refuses %s', (_, formPatch, contextPatch, problem) => {
    expect(scheduleDraftOf({ ...form, ...formPatch }, { ...context, ...contextPatch })).toEqual({
      ok: false,
      problem,
    });
  });

  it('takes each selected person once, and only rows mapped to an assignment', () => {
    const assignment = (type: 'USER' | 'GROUP', id: string) => ({ assignee: { type, id } });
    const controller = {
      selection: () => [
        { assignment: assignment('USER', 'u1') },
        { assignment: null },
        { assignment: assignment('USER', 'u1') },
        { assignment: assignment('GROUP', 'g9b') },
      ],
    } as unknown as DialogController;
    expect(peopleOfSelection(controller)).toEqual([
      { type: 'USER', id: 'u1' },
      { type: 'GROUP', id: 'g9b' },
    ]);
  });
});
