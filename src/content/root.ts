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
  // Reset inherited layout so the page's styles cannot reposition or hide us.
  host.style.all = 'initial';
  const shadow = host.attachShadow({ mode: 'open' });
  (doc.body ?? doc.documentElement).append(host);
  return { host, shadow };
}
