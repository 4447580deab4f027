import { describe, expect, it } from 'vitest';
import { NO_VIEW_FILTERS, type Schedule } from '../../shared/plans.ts';
import {
  editDraft,
  editProblem,
  fromLocalInput,
  isPending,
  previewTools,
  ruleParts,
  toLocalInput,
  withSchedule,
} from './schedule-view.ts';

const names = { tool: (id: string) => id.toUpperCase(), school: (id: string) => `Skola ${id}` };
const schedule = (patch: Partial<Schedule> = {}): Schedule => ({
  id: 'a',
  name: 'Åk 9',
  origin: 'https://app.skolon.com',
  filters: NO_VIEW_FILTERS,
  viewId: null,
  people: null,
  toolIds: null,
  schoolIds: ['s1'],
  runAt: 1_000,
  state: 'scheduled',
  message: null,
  confirmedAt: null,
  lastRun: null,
  createdAt: 0,
  updatedAt: 0,
  ...patch,
});

describe('ruleParts', () => {
  it('names classes, roles, "has left", the search, and every tool', () => {
    const parts = ruleParts(
      schedule({ filters: { query: ' anna ', classes: ['9A'], roles: ['STUDENT'], leftOnly: true } }),
      names,
    );
    expect(parts).toEqual([
      { kind: 'classes', names: ['9A'] },
      { kind: 'roles', roles: ['STUDENT'] },
      { kind: 'left' },
      { kind: 'query', text: 'anna' },
      { kind: 'all-tools' },
    ]);
  });

  it('names up to three tools, counts more, and names schools only when there are several', () => {
    expect(ruleParts(schedule({ toolIds: ['kemi', 'fysik'] }), names)).toEqual([
      { kind: 'tools', names: ['KEMI', 'FYSIK'] },
    ]);
    expect(ruleParts(schedule({ toolIds: ['a', 'b', 'c', 'd'], schoolIds: ['s1', 's2'] }), names)).toEqual([
      { kind: 'tool-count', count: 4 },
      { kind: 'schools', names: ['Skola s1', 'Skola s2'] },
    ]);
  });

  it('counts explicit people', () => {
    const people = [
      { type: 'USER' as const, id: 'u1' },
      { type: 'USER' as const, id: 'u2' },
    ];
    expect(ruleParts(schedule({ people }), names)[0]).toEqual({ kind: 'people', count: 2 });
  });
});

describe('previewTools', () => {
  it('names the tools with the most first, leaves out empty ones, and counts the rest', () => {
    const tools = [
      { toolId: 'a', toolName: 'A', assignments: 2 },
      { toolId: 'b', toolName: 'B', assignments: 9 },
      { toolId: 'c', toolName: 'C', assignments: 0 },
      { toolId: 'd', toolName: 'D', assignments: 5 },
      { toolId: 'e', toolName: 'E', assignments: 1 },
    ];
    expect(previewTools({ tools })).toEqual({
      named: [
        { toolId: 'b', toolName: 'B', assignments: 9 },
        { toolId: 'd', toolName: 'D', assignments: 5 },
        { toolId: 'a', toolName: 'A', assignments: 2 },
      ],
      more: 1,
    });
  });
});

describe('the date field', () => {
  it('round-trips a local time to the minute', () => {
    const at = new Date(2026, 5, 12, 15, 30).getTime();
    expect(toLocalInput(at)).toBe('2026-06-12T15:30');
    expect(fromLocalInput('2026-06-12T15:30')).toBe(at);
  });

  it('refuses what is not a time, and days that do not exist', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
    expect(fromLocalInput('2026-02-31T10:00')).toBeNull();
  });
});

describe('edits', () => {
  const edit = { name: ' Åk 9 vt ', runAt: 5_000, toolIds: ['kemi'], schoolIds: ['s1'] };

  it('says what is wrong: name, time, a past time, no school', () => {
    expect(editProblem(edit, 1_000)).toBeNull();
    expect(editProblem({ ...edit, name: '  ' }, 1_000)).toBe('name');
    expect(editProblem({ ...edit, name: 'x'.repeat(81) }, 1_000)).toBe('name');
    expect(editProblem({ ...edit, runAt: Number.NaN }, 1_000)).toBe('time');
    expect(editProblem(edit, 6_000)).toBe('past');
    expect(editProblem({ ...edit, schoolIds: [] }, 1_000)).toBe('schools');
  });

  it('saves the same schedule: its id and rule, the edited name, time, tools and schools', () => {
    const filters = { ...NO_VIEW_FILTERS, classes: ['9A'] };
    const people = [{ type: 'GROUP' as const, id: 'g' }];
    expect(editDraft(schedule({ filters, people, viewId: 'v' }), { ...edit, toolIds: null })).toEqual({
      id: 'a',
      name: 'Åk 9 vt',
      filters,
      viewId: 'v',
      people,
      toolIds: null,
      schoolIds: ['s1'],
      runAt: 5_000,
    });
  });
});

describe('the list', () => {
  it('replaces, adds (soonest first) and removes a schedule', () => {
    const a = schedule({ id: 'a', runAt: 2 });
    const b = schedule({ id: 'b', runAt: 5 });
    expect(withSchedule([a, b], 'c', schedule({ id: 'c', runAt: 3 })).map((s) => s.id)).toEqual([
      'a',
      'c',
      'b',
    ]);
    expect(withSchedule([a, b], 'a', { ...a, runAt: 9 }).map((s) => s.id)).toEqual(['b', 'a']);
    expect(withSchedule([a, b], 'a', null)).toEqual([b]);
  });

  it('knows a schedule that ran is done', () => {
    expect(isPending(schedule())).toBe(true);
    expect(isPending(schedule({ state: 'ran' }))).toBe(false);
  });
});
