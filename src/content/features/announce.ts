// Every page we run on: mount our one element (a shadow root) and announce ourselves to the
// background, which records the visit and, on an admin page, adopts the page's origin.
import type { PageKind } from '../../shared/protocol.ts';
import type { Feature } from '../core/features.ts';
import { request } from '../messaging.ts';
import { toolIdFromPath } from '../page/recognise.ts';
import { mountRoot } from '../root.ts';

export function pageKindOf(url: URL): PageKind {
  if (toolIdFromPath(url.pathname)) return 'license-page';
  if (url.pathname.startsWith('/skoladmin')) return 'admin-page';
  return 'other';
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
