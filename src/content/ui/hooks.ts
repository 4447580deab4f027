// Hooks of the content UI: re-render on a subscription, Alt+S's save requests, and place the panel
// beside the page's dialog.
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { Plans } from '../dialog/plans.ts';

interface Subscribable {
  subscribe(listener: () => void): () => void;
}

/**
 * Re-renders whenever `source` notifies. Keyed on the source object itself: a subscribe function
 * made at render time (`x.subscribe.bind(x)`) is new on every render, which re-ran the effect, whose
 * catch-up bump rendered again: a render on every frame for as long as the panel was open.
 */
export function useSubscription(source: Subscribable | undefined): void {
  const [, bump] = useReducer((n: number, _: undefined) => n + 1, 0);
  useEffect(() => {
    const off = source?.subscribe(() => bump(undefined));
    // Effects run after the first paint: a change made in between (the UI starts while the page's
    // dialog is already open, and the controller is set at once) had no listener yet. Catch up.
    bump(undefined);
    return off;
  }, [source]);
}

/** Calls `onRequest` for each "save view" request (Alt+S bumps plans.saveRequest) after mount. */
export function useSaveRequests(plans: Pick<Plans, 'saveRequest'>, onRequest: () => void): void {
  const seen = useRef(plans.saveRequest);
  useEffect(() => {
    if (plans.saveRequest === seen.current) return;
    seen.current = plans.saveRequest;
    onRequest();
  }, [plans.saveRequest]);
}

/**
 * Where the panel sits: beside the dialog when there is room, else as a sheet at the bottom.
 * `first`: where the dialog was when it was read, before any of ours was added to the page (then
 * reading it cost no layout); the first placement uses it, so that mounting the panel does not
 * force a layout of the page's dialog just to place it (5 ms of a 2,000-row dialog's opening).
 * The dialog's later moves are followed as before.
 */
export function usePlacement(
  dialog: HTMLElement | undefined,
  first: DOMRectReadOnly | null = null,
): Record<string, string> {
  const [style, setStyle] = useState<Record<string, string>>({});
  useLayoutEffect(() => {
    if (!dialog) return;
    const win = dialog.ownerDocument.defaultView;
    if (!win) return;
    let frame = 0;
    let known = first;
    const place = () => {
      frame = 0;
      const rect = known ?? dialog.getBoundingClientRect();
      known = null;
      const width = win.innerWidth;
      const right = width - rect.right - 24;
      const left = rect.left - 24;
      const panel = Math.min(340, Math.max(right, left));
      if (panel >= 260) {
        const top = `${Math.max(8, rect.top)}px`;
        setStyle(
          right >= left
            ? { left: `${rect.right + 12}px`, top, width: `${panel}px` }
            : { left: `${rect.left - panel - 12}px`, top, width: `${panel}px` },
        );
      } else {
        setStyle({ left: '8px', right: '8px', bottom: '8px', maxHeight: '40vh' });
      }
    };
    const schedule = () => {
      if (!frame) frame = win.requestAnimationFrame(place);
    };
    place();
    const observer = new ResizeObserver(schedule);
    observer.observe(dialog);
    win.addEventListener('resize', schedule);
    win.addEventListener('scroll', schedule, true);
    return () => {
      observer.disconnect();
      win.removeEventListener('resize', schedule);
      win.removeEventListener('scroll', schedule, true);
      if (frame) win.cancelAnimationFrame(frame);
    };
  }, [dialog]);
  return style;
}
