// Every page we run on: mount our one element (a shadow root) and announce ourselves to the
// background, which records the visit and probes (once per origin) whether the license API is there.
import { request } from '../../shared/protocol/client.ts';
import type { PageKind } from '../../shared/store.ts';
import type { Feature } from '../core/features.ts';
import { urlHintsToolPage } from '../page/route.ts';
import { mountRoot } from '../root.ts';

/** A first guess from the URL only (a hint for the visit log); recognition decides the rest. */
function pageKindOf(url: URL): PageKind {
  return urlHintsToolPage(url) ? 'license-page' : 'other';
}

export const announce: Feature = {
  id: 'announce',
  runsOn: () => true,
  async init(signal) {
    const root = mountRoot();
    root.host.dataset.state = 'starting';
    try {
      const reply = await request('hello', { url: location.href, page: pageKindOf(new URL(location.href)) });
      if (signal.aborted) return;
      root.host.dataset.state = 'connected';
      root.host.dataset.version = reply.version;
    } catch (error) {
      root.host.dataset.state = 'disconnected';
      console.debug('[Licenskoll] background did not answer', error);
    }
  },
};
