// The tool license page, on any page of an allowed origin: nothing is gated on a route (nobody
// knows the live site's). Every page is watched cheaply (is there a table or grid at all?) and
// recognised by structure and labels; then, and only then, the UI loads (preact and the
// withdrawal flow arrive as a separate chunk). A page whose URL or labels say "license page" but
// whose structure is not recognised within a while gets a small notice, and nothing else changes.
import { onEvent } from '../../shared/protocol/client.ts';
import { backgroundClient } from '../background-client.ts';
import { elementReady, observeChanges, throttle } from '../core/dom.ts';
import type { Feature } from '../core/features.ts';
import { applyContentLanguage } from '../core/language.ts';
import { showNotRecognisedNotice } from '../core/notice.ts';
import {
  type LicensePage,
  labelsHintLicensePage,
  mayHoldLicenseTable,
  recogniseLicensePage,
} from '../page/recognise.ts';
import { toolIdFromDocument, toolIdFromUrl, toolNameOf, urlHintsToolPage } from '../page/route.ts';
import { resetSelectorReport, selectorReport } from '../page/selectors.ts';
import { schoolNameOf } from '../page/tool-list.ts';
import { mountRoot } from '../root.ts';

/** A page that looks like a license page but is not recognised by then gets the notice. */
const NOTICE_AFTER_MS = 15_000;
/** While a page keeps changing, it is looked at no more often than this (and after its last change). */
const CHECK_EVERY_MS = 100;
/** The counters are read again at most this often while the page changes. */
const FIGURES_EVERY_MS = 1_000;

function findLicensePage(doc: Document): LicensePage | null {
  if (!mayHoldLicenseTable(doc)) return null;
  const found = recogniseLicensePage(doc);
  return found.ok ? found.value : null;
}

/** The "Våra licenser" counter (the first on the page), as a figure for the popup. */
function counterOf(page: LicensePage): { assigned: number; total: number } | null {
  const counter = page.counters[0];
  return counter ? { assigned: counter.assigned, total: counter.total } : null;
}

export const licensePage: Feature = {
  id: 'license-page',
  runsOn: () => true,
  async init(signal) {
    const url = new URL(location.href);
    const bg = backgroundClient((id) => id);
    resetSelectorReport();

    // The notice, for a page that should have been recognised; it goes once the page is.
    const noticeLife = new AbortController();
    signal.addEventListener('abort', () => noticeLife.abort(), { once: true });
    const noticeTimer = setTimeout(() => {
      if (signal.aborted || !(urlHintsToolPage(url) || labelsHintLicensePage(document))) return;
      const reason = recogniseLicensePage(document);
      showNotRecognisedNotice(mountRoot(), noticeLife.signal);
      void bg
        .reportPage({ state: 'not-recognised', url: location.href, reason: reason.ok ? '' : reason.reason })
        .catch(() => undefined);
    }, NOTICE_AFTER_MS);
    signal.addEventListener('abort', () => clearTimeout(noticeTimer), { once: true });

    const page = await elementReady(() => findLicensePage(document), { signal, everyMs: CHECK_EVERY_MS });
    clearTimeout(noticeTimer);
    noticeLife.abort();
    if (!page || signal.aborted) return;

    const root = mountRoot();
    root.host.dataset.page = 'license-page';
    void bg
      .reportPage({ state: 'recognised', url: location.href, fallbacks: selectorReport() })
      .catch(() => undefined);
    await applyContentLanguage(document, (language) => bg.uiMessages(language));
    if (signal.aborted) return;

    const toolId = toolIdFromUrl(url) ?? toolIdFromDocument(document);
    followFigures(page, toolId, signal);

    const { startLicenseUi } = await import('../ui/license-ui.tsx');
    if (signal.aborted) return;
    const ui = startLicenseUi({ root, toolId, signal });
    // The focus-search browser command, relayed by the background to the active tab.
    const off = onEvent('focusSearch', () => ui.focusSearch());
    signal.addEventListener('abort', off, { once: true });
  },
};

/** Reports the tool page's counter now and whenever it changes (after a withdrawal, say). */
function followFigures(first: LicensePage, toolId: string | null, signal: AbortSignal): void {
  const bg = backgroundClient((id) => id);
  let last = '';
  const report = (page: LicensePage) => {
    const counter = counterOf(page);
    const toolName = toolNameOf(document);
    if (!counter || !toolName) return;
    const key = `${toolName}|${counter.assigned}/${counter.total}`;
    if (key === last) return;
    last = key;
    void bg
      .reportFigures(schoolNameOf(document), [{ toolId, toolName, ...counter, source: 'tool-page' }])
      .catch(() => undefined);
  };
  report(first);
  let elements = first.counters.map((c) => c.element);
  let texts = elements.map((e) => e.textContent);
  const check = () => {
    // Cheap: only the counters' own text; a full read only when one changed or went away.
    if (signal.aborted || elements.every((e, i) => e.isConnected && e.textContent === texts[i])) return;
    const page = findLicensePage(document);
    if (!page) return;
    elements = page.counters.map((c) => c.element);
    texts = elements.map((e) => e.textContent);
    report(page);
  };
  observeChanges(document.body, throttle(check, FIGURES_EVERY_MS, signal), signal);
}
