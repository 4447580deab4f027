// Ranks among the visible rows, as the match list asks for its window and its focused row: the
// same rows, in the same order, as listing every visible row and slicing it.
import { describe, expect, it } from 'vitest';
import { visibleRank, visibleRanked } from './visible-rank.ts';

/** A dialog of `shown.length` rows, row i visible when shown[i] is 1. */
function dialog(shown: number[]) {
  return { rows: shown.map(() => ({}) as never), isVisible: (i: number) => shown[i] === 1 };
}

const all = (d: ReturnType<typeof dialog>) => d.rows.map((_, i) => i).filter((i) => d.isVisible(i));

describe('visible rows by rank', () => {
  const d = dialog([0, 1, 1, 0, 0, 1, 0, 1, 1, 0]);

  it('gives the visible rows ranked first to last - 1, as a slice of every visible row', () => {
    for (let first = 0; first <= 6; first++)
      for (let last = first; last <= 7; last++)
        expect(visibleRanked(d, first, last)).toEqual(all(d).slice(first, last));
  });

  it("gives each visible row's rank, and -1 for a hidden row or one outside the dialog", () => {
    expect(d.rows.map((_, i) => visibleRank(d, i))).toEqual([-1, 0, 1, -1, -1, 2, -1, 3, 4, -1]);
    expect(visibleRank(d, -1)).toBe(-1);
    expect(visibleRank(d, d.rows.length)).toBe(-1);
  });

  it('stops looking once the window is filled', () => {
    let asked = 0;
    const counted = {
      rows: d.rows,
      isVisible: (i: number) => {
        asked++;
        return d.isVisible(i);
      },
    };
    expect(visibleRanked(counted, 0, 2)).toEqual([1, 2]);
    expect(asked).toBe(3);
  });
});
