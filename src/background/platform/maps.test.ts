import { describe, expect, it } from 'vitest';
import { keepNewest } from './maps.ts';

describe('keepNewest', () => {
  it('drops the oldest entries until the map holds at most max, and leaves a small map alone', () => {
    const map = new Map([1, 2, 3, 4, 5].map((n) => [n, `v${n}`]));
    keepNewest(map, 2);
    expect([...map.keys()]).toEqual([4, 5]);
    keepNewest(map, 10);
    expect([...map.keys()]).toEqual([4, 5]);
  });
});
