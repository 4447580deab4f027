import { describe, expect, it } from 'vitest';
import { ApiError, decodeCursor, encodeCursor, etagMatches, page, parseLimit } from './http.ts';

describe('cursor', () => {
  it('round-trips and is bound to its query', () => {
    const c = encodeCursor(400, 'q1');
    expect(decodeCursor(c, 'q1')).toBe(400);
    expect(() => decodeCursor(c, 'q2')).toThrow(ApiError);
    expect(decodeCursor(undefined, 'q1')).toBe(0);
    for (const bad of ['', '!!', 'e30', Buffer.from('{"o":-1,"q":"x"}').toString('base64url')]) {
      expect(() => decodeCursor(bad, 'q1')).toThrow(ApiError);
    }
  });

  it('pages to the last page with a null cursor', () => {
    const items = Array.from({ length: 5 }, (_, i) => i);
    const a = page(items, 0, 2, 'k');
    expect(a.slice).toEqual([0, 1]);
    const b = page(items, decodeCursor(a.nextCursor ?? '', 'k'), 2, 'k');
    const c = page(items, decodeCursor(b.nextCursor ?? '', 'k'), 2, 'k');
    expect(c).toEqual({ slice: [4], nextCursor: null });
  });
});

describe('parseLimit and etagMatches', () => {
  it('bounds limits', () => {
    expect(parseLimit(undefined, 50, 1, 200)).toBe(50);
    expect(parseLimit('200', 50, 1, 200)).toBe(200);
    for (const bad of ['0', '201', '1e2', ' 5', ''])
      expect(() => parseLimit(bad, 50, 1, 200)).toThrow(ApiError);
  });
  it('matches lists, weak tags and *', () => {
    expect(etagMatches('"a", "b"', '"b"')).toBe(true);
    expect(etagMatches('W/"b"', '"b"')).toBe(true);
    expect(etagMatches('*', '"b"')).toBe(true);
    expect(etagMatches('"c"', '"b"')).toBe(false);
    expect(etagMatches(undefined, '"b"')).toBe(false);
  });
});
