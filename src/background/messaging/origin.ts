// Which Skolon a request is about. A content script's request is about its own tab's origin (an
// organisation administrator may work on two Skolon origins side by side); an extension page's
// request is about the active origin: the one where a signed-in administrator was last seen.
import type { Runtime } from 'webextension-polyfill';
import { apiOrigin, applySettingsPatch, originFromVisit } from '../../shared/settings.ts';
import type { Store } from '../../shared/store.ts';
import { sandboxBuild } from '../platform/flavour.ts';
import { loadSettings, saveSettings } from '../platform/settings-store.ts';
import { setBroadcastOrigins } from './broadcast.ts';

export type Sender = Pick<Runtime.MessageSender, 'tab' | 'url'>;

/** The allowed origin of a content script's page, or null (extension pages, foreign origins). */
export async function senderOrigin(store: Store, sender: Sender): Promise<string | null> {
  if (!sender.tab) return null;
  const url = sender.url ?? sender.tab.url;
  if (!url) return null;
  return originFromVisit(url, await loadSettings(store), sandboxBuild);
}

/** The origin a request's API calls go to: the sender's own, else the active one. */
export async function requestOrigin(store: Store, sender: Sender): Promise<string> {
  return (await senderOrigin(store, sender)) ?? apiOrigin(await loadSettings(store));
}

/** Makes `origin` the active Skolon (a signed-in administrator or a recognised admin page is there). */
export async function adoptOrigin(store: Store, origin: string): Promise<void> {
  const settings = await loadSettings(store);
  if (settings.activeOrigin === origin) return;
  if (!originFromVisit(origin, settings, sandboxBuild)) return;
  const next = applySettingsPatch(settings, { activeOrigin: origin });
  await saveSettings(store, next);
  setBroadcastOrigins(next.origins);
}
