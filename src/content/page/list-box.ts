// The box that holds a withdraw dialog's rows, for page mode to leave undrawn while it works
// (dialog/page-mode.ts). A module of its own: only page mode needs it, so it loads in page mode's
// chunk, not in the license page's.
import type { WithdrawDialog } from './dialog.ts';

/** Where the page's list may be (or be in) a scrolling box of its own. */
const SCROLLS = /auto|scroll/;

/**
 * The nearest scrolling box around the rows, else the nearest box that holds them, inside the
 * dialog and without its withdraw button; null when there is none. A table or its parts are passed
 * over: containment (what page mode sets on the box) does not apply to them.
 */
export function listBoxOf(
  dialog: HTMLElement,
  read: Pick<WithdrawDialog, 'rows' | 'withdrawButton' | 'table'>,
): HTMLElement | null {
  const view = dialog.ownerDocument.defaultView;
  if (!view) return null;
  let box: HTMLElement | null = null;
  let from: HTMLElement | null = read.table ?? read.rows[0]?.element.parentElement ?? null;
  for (; from && from !== dialog && !from.contains(read.withdrawButton); from = from.parentElement) {
    const style = view.getComputedStyle(from);
    if (style.display.includes('table')) continue;
    if (SCROLLS.test(style.overflowY)) return from;
    box ??= from;
  }
  return box;
}
