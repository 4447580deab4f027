// The background service worker: the only context that calls the license API and writes the store.
import browser from 'webextension-polyfill';
import { openStore, recentVisits, recordVisit } from '../shared/store.ts';
import { listen } from './router.ts';

const store = openStore();

listen({
  async hello({ url, page }) {
    const visitId = await recordVisit(await store, { url, page, at: Date.now() });
    return { visitId, version: browser.runtime.getManifest().version };
  },
  async listVisits({ limit }) {
    return { visits: await recentVisits(await store, limit) };
  },
});
