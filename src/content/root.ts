// Our one foothold in the host page: a custom element whose shadow root holds all of our UI,
// so the page's CSS and scripts cannot reach in and ours cannot leak out.
const ROOT_TAG = 'licenskoll-root';

export interface ContentRoot {
  host: HTMLElement;
  shadow: ShadowRoot;
}

export function mountRoot(doc: Document = document): ContentRoot {
  const existing = doc.querySelector<HTMLElement>(ROOT_TAG);
  if (existing?.shadowRoot) return { host: existing, shadow: existing.shadowRoot };
  const host = doc.createElement(ROOT_TAG);
  // Reset inherited layout so the page's styles cannot reposition or hide us. The host is a layer
  // over the viewport that takes no pointer events (our cards take them back, styles.ts) and is
  // contained: a change in our UI lays out and paints our subtree only, never the page's (in a
  // 5,000-row dialog a keystroke's layout walked all ~61,000 of the page's layout objects), and
  // nothing of ours can move the page's own content.
  host.style.cssText =
    'all: initial; position: fixed; inset: 0; pointer-events: none; contain: strict; z-index: 2147483000;';
  const shadow = host.attachShadow({ mode: 'open' });
  (doc.body ?? doc.documentElement).append(host);
  return { host, shadow };
}
