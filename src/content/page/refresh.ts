// After a withdrawal the page's table and counters are stale: the page only refetches after its
// own button. The least intrusive refresh that works on a history-routed SPA is to let its router
// render the current route again: close the dialog with the page's own close button (as a person
// would), then fire popstate for the same URL. No history entry is added, nothing reloads, the
// session and scroll stay; the router refetches the tool (sandbox: render() on popstate; React
// Router and Vue Router do the same). A full reload would be the heavier fallback.
import { recogniseWithdrawDialog } from './dialog.ts';

export function refreshLicensePage(doc: Document = document): void {
  const dialog = recogniseWithdrawDialog(doc);
  if (dialog.ok) dialog.value.closeButton?.click();
  const win = doc.defaultView;
  win?.dispatchEvent(new PopStateEvent('popstate', { state: win.history.state }));
}

/**
 * Resolves once the next frame is drawn (its animation frame, then a task after it), so that work
 * started then does not hold back what was just rendered; after `fallbackMs` where no frame comes
 * (a hidden tab draws none). The refresh above waits for it after a job: the page's own work of
 * closing its dialog and rendering its route ran before the result card was drawn.
 */
export function afterNextPaint(win: Window, fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const fallback = win.setTimeout(resolve, fallbackMs);
    win.requestAnimationFrame(() =>
      win.setTimeout(() => {
        win.clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}
