// The browser's own extension API for the shared modules the content script loads (protocol client,
// i18n, the UI port, the mirrored threshold). Not webextension-polyfill: on the license page it was
// most of a chunk (2.8 of 3.4 KB gzipped) that every page loaded, and the calls used here are
// promise-based natively: Firefox's (and Chromium 148+'s) `browser`, else Chromium's MV3 `chrome`.
// The background, popup and options keep the polyfill for everything else they call.
import type Browser from 'webextension-polyfill';

/** What the shared modules call: messaging and ports, messages and the UI language, storage.local. */
export type ExtensionApi = Pick<Browser.Browser, 'runtime' | 'i18n' | 'storage'>;

/** The extension API of this context; throws where there is none (a plain page, a test without a fake). */
export function extensionApi(): ExtensionApi {
  const g = globalThis as unknown as { browser?: Partial<ExtensionApi>; chrome?: Partial<ExtensionApi> };
  const api = g.browser?.runtime ? g.browser : g.chrome;
  if (!api?.runtime) throw new Error('no extension API here');
  return api as ExtensionApi;
}
