// Content script entry: announce ourselves to the background and mount our shadow root.
// Anything that goes wrong here stays here: the host page must never see our errors.
import { type PageKind, request } from '../shared/protocol.ts';
import { mountRoot } from './root.ts';

function classifyPage(url: URL): PageKind {
  if (/^\/skoladmin\/verktyg\/[^/]+/.test(url.pathname)) return 'license-page';
  if (url.pathname.startsWith('/skoladmin')) return 'admin-page';
  return 'other';
}

async function start(): Promise<void> {
  const root = mountRoot();
  root.host.dataset.state = 'starting';
  try {
    const reply = await request('hello', { url: location.href, page: classifyPage(new URL(location.href)) });
    root.host.dataset.state = 'connected';
    root.host.dataset.version = reply.version;
  } catch (error) {
    root.host.dataset.state = 'disconnected';
    console.debug('[Licenskoll] background did not answer', error);
  }
}

start().catch((error: unknown) => console.debug('[Licenskoll] start failed', error));
