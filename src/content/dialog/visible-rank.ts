// Where the visible rows stand among themselves, for a large dialog's match list
// (src/content/ui/MatchList.tsx): on each keystroke it asks for the dozen rows in its window, not
// for every match (thousands for a first letter). Which rows are visible is the controller's to
// say (isVisible); this only counts. It lives apart from the controller so that it loads with the
// list, for large dialogs only: the controller's chunk loads with every dialog, within
// content_gzip_kb's budget (the README's "Measured").
import type { DialogController } from './controller.ts';

type Visibility = Pick<DialogController, 'isVisible' | 'rows'>;

/** The visible rows ranked `first` to `last - 1` among the visible ones, in the rows' order. */
export function visibleRanked(dialog: Visibility, first: number, last: number): number[] {
  const out: number[] = [];
  let rank = 0;
  for (let i = 0; i < dialog.rows.length && rank < last; i++) {
    if (!dialog.isVisible(i)) continue;
    if (rank >= first) out.push(i);
    rank++;
  }
  return out;
}

/** Where row `i` is among the visible rows, or -1 when it is hidden. */
export function visibleRank(dialog: Visibility, i: number): number {
  if (i < 0 || i >= dialog.rows.length || !dialog.isVisible(i)) return -1;
  let rank = 0;
  for (let k = 0; k < i; k++) if (dialog.isVisible(k)) rank++;
  return rank;
}
