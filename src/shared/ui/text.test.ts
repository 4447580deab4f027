import { describe, expect, it } from 'vitest';
import { clip, stripBidi } from './text.ts';

describe('clip', () => {
  it('keeps short text and cuts long text to the limit', () => {
    expect(clip('Åsa', 200)).toBe('Åsa');
    expect(clip('x'.repeat(300), 200)).toHaveLength(200);
  });
  it('never leaves half a surrogate pair', () => {
    const text = `${'x'.repeat(199)}😀`;
    expect(clip(text, 200)).toBe('x'.repeat(199));
  });
});

describe('stripBidi', () => {
  it('drops bidi controls and keeps the letters', () => {
    expect(stripBidi('\u202Eevil\u202C 3 \u2067علي\u2069')).toBe('evil 3 علي');
  });
});
