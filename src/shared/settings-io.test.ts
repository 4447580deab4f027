import { describe, expect, it } from 'vitest';
import type { SavedView } from './plans.ts';
import { exportSettings, importSettings, type PortableSettings } from './settings-io.ts';

const settings: PortableSettings = {
  origins: ['https://app.skolon.com', 'https://skolon.example.no'],
  confirmThreshold: 10,
  batchSize: 100,
  concurrency: 2,
  language: 'nb',
};
const file = (patch: Record<string, unknown>) =>
  JSON.stringify({ kind: 'licenskoll-settings', version: 1, settings: { ...settings, ...patch } });

describe('settings export and import', () => {
  it('round-trips (with or without a BOM)', () => {
    const text = exportSettings(settings, [], new Date('2025-05-20T10:00:00Z'));
    expect(importSettings(text, false)).toEqual({ ok: true, settings, views: [] });
    expect(importSettings(`\uFEFF${text}`, false)).toEqual({ ok: true, settings, views: [] });
  });

  it.each([
    ['not JSON', 'hej {', 'notJson'],
    ['empty', '', 'notJson'],
    ['another app’s file', JSON.stringify({ kind: 'bitwarden', version: 1, settings: {} }), 'foreign'],
    ['a bare array', '[1,2,3]', 'foreign'],
    ['no envelope', JSON.stringify(settings), 'foreign'],
    [
      'a newer version',
      JSON.stringify({ kind: 'licenskoll-settings', version: 9, settings }),
      'newerVersion',
    ],
    ['a batch above the contract limit', file({ batchSize: 500 }), 'invalid'],
    ['a fractional threshold', file({ confirmThreshold: 2.5 }), 'invalid'],
    ['an unknown language', file({ language: 'de' }), 'invalid'],
    ['a wildcard origin', file({ origins: ['https://*/*'] }), 'invalid'],
    ['an http origin', file({ origins: ['http://app.skolon.com'] }), 'invalid'],
    ['no origin at all', file({ origins: [] }), 'invalid'],
    ['an unknown field', file({ evil: true }), 'invalid'],
    ['a huge file', `{"x":"${'a'.repeat(4_200_000)}"}`, 'tooLarge'],
  ])('refuses %s', (_, text, problem) => {
    expect(importSettings(text, false)).toMatchObject({ ok: false, problem });
  });

  it('names the field that is wrong', () => {
    expect(importSettings(file({ concurrency: 0 }), false)).toEqual({
      ok: false,
      problem: 'invalid',
      detail: 'concurrency',
    });
  });

  it('allows the local sandbox origin only in the sandbox flavour', () => {
    const local = file({ origins: ['http://127.0.0.1:4310'] });
    expect(importSettings(local, true).ok).toBe(true);
    expect(importSettings(local, false)).toMatchObject({ ok: false, problem: 'invalid' });
  });
});

describe('saved views in the settings file (version 2)', () => {
  const view = (patch: Partial<SavedView> = {}): SavedView => ({
    id: 'v1',
    name: 'Åk 9 har slutat',
    toolId: 't1',
    toolName: 'Matematik',
    filters: { query: 'ali', classes: ['9B', '9C'], roles: ['STUDENT'], leftOnly: true },
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_100_000,
    ...patch,
  });
  const views = [view(), view({ id: 'v2', name: 'Alla lärare', toolId: null, toolName: null })];
  const withViews = (list: unknown) =>
    JSON.stringify({ kind: 'licenskoll-settings', version: 2, settings, views: list });

  it('round-trips the views with the settings', () => {
    const text = exportSettings(settings, views);
    expect(JSON.parse(text)).toMatchObject({ version: 2, views });
    expect(importSettings(text, false)).toEqual({ ok: true, settings, views });
  });

  it('still imports a version 1 file: no views, so the saved ones stay', () => {
    expect(importSettings(file({}), false)).toEqual({ ok: true, settings, views: null });
    // A version 1 file knew no views: whatever it holds under that name is not read.
    const old = JSON.stringify({ kind: 'licenskoll-settings', version: 1, settings, views: 'x' });
    expect(importSettings(old, false)).toEqual({ ok: true, settings, views: null });
    // A version 2 file without views leaves them too.
    const noViews = JSON.stringify({ kind: 'licenskoll-settings', version: 2, settings });
    expect(importSettings(noViews, false)).toEqual({ ok: true, settings, views: null });
  });

  const many = Array.from({ length: 10_000 }, (_, i) => view({ id: `v${i}`, name: `V${i}` }));
  it.each([
    [
      'a bad role',
      [view({ filters: { ...view().filters, roles: ['ROOT' as 'ADMIN'] } })],
      'views.0.filters.roles.0',
    ],
    ['10,000 views', many, 'views'],
    ['two views with one id', [view(), view({ name: 'Other' })], 'views'],
    ['two views of one scope with one name', [view(), view({ id: 'v2', name: 'åk 9 HAR slutat' })], 'views'],
    ['a name of 10 KB', [view({ name: 'x'.repeat(10_000) })], 'views.0.name'],
    ['an empty name', [view({ name: '   ' })], 'views.0.name'],
    ['a number for a name', [view({ name: 7 as unknown as string })], 'views.0.name'],
    ['a string for the views', 'all of them', 'views'],
    [
      'classes that are not a list',
      [view({ filters: { ...view().filters, classes: '9B' as never } })],
      'views.0.filters.classes',
    ],
    ['an extra key', [{ ...view(), script: 'alert(1)' }], 'views.0.script'],
    ['an extra filter', [{ ...view(), filters: { ...view().filters, evil: true } }], 'views.0.filters.evil'],
    ['a negative time', [view({ createdAt: -1 })], 'views.0.createdAt'],
  ])('refuses the whole file for %s, and names where', (_, list, detail) => {
    expect(importSettings(withViews(list), false)).toEqual({ ok: false, problem: 'invalid', detail });
  });

  it('refuses the views even when the settings are fine, and the settings when the views are', () => {
    expect(importSettings(withViews([view({ id: '' })]), false)).toMatchObject({ ok: false });
    const badSettings = JSON.stringify({
      kind: 'licenskoll-settings',
      version: 2,
      settings: { ...settings, batchSize: 0 },
      views,
    });
    expect(importSettings(badSettings, false)).toEqual({
      ok: false,
      problem: 'invalid',
      detail: 'batchSize',
    });
  });
});
