// After a withdrawal the page's table and counters are stale: the page only refetches after its
// own button. The least intrusive refresh that works on a history-routed SPA is to let its router
// render the current route again: close the dialog with the page's own close button (as a person
// would), then fire popstate for the same URL. No history entry is added, nothing reloads, the
// session and scroll stay; the router refetches the tool (sandbox: render() on popstate; React
// Router and Vue Router do the same). A full reload would be the heavier fallback.
import { recogniseWithdrawDialog } from './dialog.ts';
import { withinOurRoot } from './recognise.ts';

function refreshLicensePage(doc: Document = document): void {
  keepOurFocus(doc);
  const dialog = recogniseWithdrawDialog(doc);
  if (dialog.ok) dialog.value.closeButton?.click();
  const win = doc.defaultView;
  win?.dispatchEvent(new PopStateEvent('popstate', { state: win.history.state }));
}

/** How long after the refresh a focus the page moves is given back to our UI. */
const KEEP_FOCUS_MS = 1_000;

/** The element of ours that has focus (inside our shadow root), or null. */
function ourFocus(doc: Document): HTMLElement | null {
  const host = doc.activeElement;
  if (!host || !withinOurRoot(host)) return null;
  const inner = host.shadowRoot?.activeElement;
  return inner instanceof HTMLElement ? inner : null;
}

/**
 * Closing the page's dialog makes the page focus what opened it (as a modal dialog should). The
 * refresh comes after the pacing window, up to ~2 s after the result card: the administrator may
 * be in our UI by then (u, then the undo question's Cancel). For KEEP_FOCUS_MS, focus the page
 * takes goes back to our element that had it last; a pointer press or Tab (the person's own move)
 * ends that at once. Nothing is done when none of ours had focus.
 */
export function keepOurFocus(doc: Document, ms = KEEP_FOCUS_MS): void {
  const win = doc.defaultView;
  if (!win) return;
  let ours = ourFocus(doc);
  const stop = new AbortController();
  const options = { capture: true, signal: stop.signal };
  doc.addEventListener(
    'focusin',
    () => {
      const now = ourFocus(doc);
      if (now) ours = now;
      else if (ours?.isConnected) ours.focus();
    },
    options,
  );
  const ownMove = (event: Event) => {
    if (event.isTrusted && (event.type === 'pointerdown' || (event as KeyboardEvent).key === 'Tab'))
      stop.abort();
  };
  win.addEventListener('pointerdown', ownMove, options);
  win.addEventListener('keydown', ownMove, options);
  win.setTimeout(() => stop.abort(), ms);
}

/**
 * Resolves once the next frame is drawn (its animation frame, then a task after it), so that work
 * started then does not hold back what was just rendered; after `fallbackMs` where no frame comes
 * (a hidden tab draws none). The refresh waits for it after a job (refreshAfterJob): the page's own work of
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

/**
 * After a job (dialog/withdrawal-work.ts). The page's refetch is one more request to the server:
 * it waits for our pacing window, so it does not share the server's second with the job's last
 * calls and meet a 429 (bulk bench: 3 of 4 runs at the known limit). It also waits for the result
 * card's frame: closing the dialog and rendering the route again is the page's work (120 ms for a
 * 1,110-row dialog in a trace of page mode), and it ran before the card was drawn.
 */
export async function refreshAfterJob(
  doc: Document,
  paceRoom: () => Promise<number>,
  signal: AbortSignal,
): Promise<void> {
  const win = doc.defaultView;
  if (!win) return;
  const ms = await paceRoom().catch(() => 0);
  if (ms > 0) await new Promise((resolve) => win.setTimeout(resolve, ms));
  await afterNextPaint(win);
  if (!signal.aborted) refreshLicensePage(doc);
}
