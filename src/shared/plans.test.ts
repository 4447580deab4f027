import { describe, expect, it } from 'vitest';
import type { Assignee } from './model.ts';
import { factsOf, isRestrictive, matchesView, NO_VIEW_FILTERS, type ViewFilters } from './plans.ts';

const pupil: Assignee = {
  type: 'USER',
  id: 'u1',
  name: 'Åsa Öberg',
  role: 'STUDENT',
  email: 'asa.oberg@demo.se',
  groups: [{ id: 'g9b', name: '9B' }],
  active: true,
};
const view = (patch: Partial<ViewFilters>): ViewFilters => ({ ...NO_VIEW_FILTERS, ...patch });

describe('a view matches people by the license page rule', () => {
  it('matches class, role and word-start search together', () => {
    const facts = factsOf(pupil);
    expect(matchesView(facts, view({ classes: ['9B'], roles: ['STUDENT'] }))).toBe(true);
    expect(matchesView(facts, view({ classes: ['9A'] }))).toBe(false);
    expect(matchesView(facts, view({ roles: ['TEACHER'] }))).toBe(false);
    expect(matchesView(facts, view({ query: 'oberg' }))).toBe(true);
    expect(matchesView(facts, view({ query: 'berg' }))).toBe(false);
  });

  it('"Har slutat" matches only people marked inactive', () => {
    expect(matchesView(factsOf(pupil), view({ leftOnly: true }))).toBe(false);
    expect(matchesView(factsOf({ ...pupil, active: false }), view({ leftOnly: true }))).toBe(true);
  });

  it('a class license is in its own class', () => {
    const group: Assignee = { type: 'GROUP', id: 'g9b', name: '9B', memberCount: 25 };
    expect(matchesView(factsOf(group), view({ classes: ['9B'] }))).toBe(true);
    expect(matchesView(factsOf(group), view({ roles: ['STUDENT'] }))).toBe(false);
  });

  it('an empty view is not restrictive', () => {
    expect(isRestrictive(NO_VIEW_FILTERS)).toBe(false);
    expect(isRestrictive(view({ query: ' ' }))).toBe(false);
    expect(isRestrictive(view({ classes: ['9B'] }))).toBe(true);
  });
});
