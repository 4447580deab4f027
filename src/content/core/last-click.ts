// The last trusted click on the page, remembered from the moment a page is recognised. The parts
// that care which control was clicked (the dialog session: which gear opened the dialog) load a
// moment later; a click in between (a quick person, a dialog opened at once) would be lost.
import { isTrustedEvent } from './trusted.ts';

export type LastClick = () => Element | null;

export function rememberLastClick(doc: Document, signal: AbortSignal): LastClick {
  let last: Element | null = null;
  doc.addEventListener(
    'click',
    (event) => {
      if (isTrustedEvent(event) && event.target instanceof Element) last = event.target;
    },
    { capture: true, passive: true, signal },
  );
  return () => (last?.isConnected ? last : null);
}
