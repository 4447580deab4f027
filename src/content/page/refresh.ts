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
