// The tool license page, on any page of an allowed origin: nothing is gated on a route (nobody
// knows the live site's). Every page is watched cheaply (is there a table or grid at all?) and
// recognised by structure and labels; then, and only then, the rest loads (license-page-run.ts,
// and from there preact and the withdrawal flow). A page whose URL or labels say "license page"
// but whose structure is not recognised within a while gets a small notice, and nothing else changes.
import { elementReady } from '../core/dom.ts';
import type { Feature } from '../core/features.ts';
import { rememberLastClick } from '../core/last-click.ts';
import { findLicensePage, labelsHintLicensePage, recogniseLicensePage } from '../page/recognise.ts';
import { urlHintsToolPage } from '../page/route.ts';
import { resetSelectorReport } from '../page/selectors.ts';
import { mountRoot } from '../root.ts';

/** A page that looks like a license page but is not recognised by then gets the notice. */
const NOTICE_AFTER_MS = 15_000;
/**
 * While a page keeps changing, it is looked at no more often than this (and after its last change;
 * a change after a quiet spell is looked at in the next frame). Each look walks the document for
 * tables: on a busy unrelated page these looks are most of what the content script costs.
 */
const CHECK_EVERY_MS = 250;

export const licensePage: Feature = {
  id: 'license-page',
  runsOn: () => true,
  async init(signal) {
    const url = new URL(location.href);
    resetSelectorReport();
    // The notice, for a page that should have been recognised; it goes once the page is.
    const noticeLife = new AbortController();
    signal.addEventListener('abort', () => noticeLife.abort(), { once: true });
    const noticeTimer = setTimeout(() => {
      if (signal.aborted || !(urlHintsToolPage(url) || labelsHintLicensePage(document))) return;
      const found = recogniseLicensePage(document);
      void import('./license-page-run.ts')
        .then(({ notRecognised }) =>
          notRecognised(mountRoot(), found.ok ? '' : found.reason, noticeLife.signal),
        )
        .catch(() => undefined);
    }, NOTICE_AFTER_MS);
    signal.addEventListener('abort', () => clearTimeout(noticeTimer), { once: true });

    const page = await elementReady(() => findLicensePage(document), { signal, everyMs: CHECK_EVERY_MS });
    clearTimeout(noticeTimer);
    noticeLife.abort();
    if (!page || signal.aborted) return;
    // From here on: the rest loads, and a click on a gear meanwhile must not be lost.
    const lastClick = rememberLastClick(document, signal);
    const root = mountRoot();
    root.host.dataset.page = 'license-page';
    const { runLicensePage } = await import('./license-page-run.ts');
    if (signal.aborted) return;
    await runLicensePage(page, root, signal, lastClick);
  },
};
