// The tool license page (/skoladmin/verktyg/{toolId}): recognise it first, then, and only then,
// load the UI (preact and the withdrawal flow arrive as a separate chunk). A page that does not
// look as expected gets a small notice and a report to the background, and nothing else changes.
import browser from 'webextension-polyfill';
import { backgroundClient } from '../background-client.ts';
import { elementReady } from '../core/dom.ts';
import type { Feature } from '../core/features.ts';
import { showNotRecognisedNotice } from '../core/notice.ts';
import { CHANNEL } from '../messaging.ts';
import { recogniseLicensePage, toolIdFromPath } from '../page/recognise.ts';
import { resetSelectorReport, selectorReport } from '../page/selectors.ts';
import { mountRoot } from '../root.ts';

/** The page renders its table after its data loads; give a slow school network this long. */
const RECOGNITION_TIMEOUT_MS = 15_000;

/** The browser command (manifest `commands`), relayed by the background to the active tab. */
export const FOCUS_SEARCH_COMMAND = 'focus-search';

function isFocusSearchCommand(message: unknown): boolean {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { channel?: unknown; command?: unknown };
  return m.channel === CHANNEL && m.command === FOCUS_SEARCH_COMMAND;
}

export const licensePage: Feature = {
  id: 'license-page',
  runsOn: (url) => toolIdFromPath(url.pathname) !== null,
  async init(signal) {
    const toolId = toolIdFromPath(location.pathname);
    if (!toolId) return;
    const bg = backgroundClient((id) => id);
    resetSelectorReport();
    const page = await elementReady(
      () => {
        const found = recogniseLicensePage(document);
        return found.ok ? found.value : null;
      },
      { signal, timeoutMs: RECOGNITION_TIMEOUT_MS },
    );
    if (signal.aborted) return;
    const root = mountRoot();
    if (!page) {
      const reason = recogniseLicensePage(document);
      showNotRecognisedNotice(root, signal);
      await bg
        .reportPage({ state: 'not-recognised', url: location.href, reason: reason.ok ? '' : reason.reason })
        .catch(() => undefined);
      return;
    }
    root.host.dataset.page = 'license-page';
    void bg
      .reportPage({ state: 'recognised', url: location.href, fallbacks: selectorReport() })
      .catch(() => undefined);

    const { startLicenseUi } = await import('../ui/license-ui.tsx');
    if (signal.aborted) return;
    const ui = startLicenseUi({ root, toolId, signal });
    const onMessage = (message: unknown, sender: { id?: string }) => {
      if (sender.id === browser.runtime.id && isFocusSearchCommand(message)) ui.focusSearch();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), {
      once: true,
    });
  },
};
