import { describe, expect, it } from 'vitest';
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
    const text = exportSettings(settings, new Date('2025-05-20T10:00:00Z'));
    expect(importSettings(text, false)).toEqual({ ok: true, settings });
    expect(importSettings(`\uFEFF${text}`, false)).toEqual({ ok: true, settings });
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
    ['a huge file', `{"x":"${'a'.repeat(70_000)}"}`, 'tooLarge'],
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
