// What the license-page feature does once the page is recognised, loaded only then (the start-up
// chunk only recognises): say so to the background, follow the page's language, report its
// counter for the popup, and start the UI (preact and the withdrawal flow, another chunk).
import { onEvent } from '../../shared/protocol/client.ts';
import { backgroundClient } from '../background-client.ts';
import { observeChanges } from '../core/dom.ts';
import { applyContentLanguage } from '../core/language.ts';
import type { LastClick } from '../core/last-click.ts';
import type { LicensePage } from '../page/recognise.ts';
import { findLicensePage } from '../page/recognise.ts';
import { toolIdFromDocument, toolIdFromUrl, toolNameOf } from '../page/route.ts';
import { selectorReport } from '../page/selectors.ts';
import { schoolNameOf } from '../page/tool-list.ts';
import type { ContentRoot } from '../root.ts';
import { askEarly } from './early-data.ts';

/** The counters are read again at most this often while the page changes. */
const FIGURES_EVERY_MS = 1_000;

/** The "Våra licenser" counter (the first on the page), as a figure for the popup. */
function counterOf(page: LicensePage): { assigned: number; total: number } | null {
  const counter = page.counters[0];
  return counter ? { assigned: counter.assigned, total: counter.total } : null;
}

export async function runLicensePage(
  page: LicensePage,
  root: ContentRoot,
  signal: AbortSignal,
  lastClick?: LastClick,
): Promise<void> {
  const bg = backgroundClient();
  void bg
    .reportPage({ state: 'recognised', url: location.href, fallbacks: selectorReport() })
    .catch(() => undefined);
  const toolId = toolIdFromUrl(new URL(location.href)) ?? toolIdFromDocument(document);
  const early = toolId === null ? undefined : askEarly(bg, toolId);
  await applyContentLanguage(document, (language) => bg.uiMessages(language));
  if (signal.aborted) return;
  followFigures(page, toolId, signal);
  const { startLicenseUi } = await import('../ui/license-ui.tsx');
  if (signal.aborted) return;
  const ui = startLicenseUi({
    root,
    toolId,
    signal,
    ...(lastClick ? { lastClick } : {}),
    ...(early ? { early } : {}),
  });
  // The focus-search browser command, relayed by the background to the active tab.
  const off = onEvent('focusSearch', () => ui.focusSearch());
  signal.addEventListener('abort', off, { once: true });
}

/** A page that looks like a license page was not recognised: the notice, and the reason logged. */
export async function notRecognised(root: ContentRoot, reason: string, signal: AbortSignal): Promise<void> {
  const { showNotRecognisedNotice } = await import('../core/notice.ts');
  if (signal.aborted) return;
  showNotRecognisedNotice(root, signal);
  await backgroundClient()
    .reportPage({ state: 'not-recognised', url: location.href, reason })
    .catch(() => undefined);
}

/** Reports the tool page's counter now and whenever it changes (after a withdrawal, say). */
function followFigures(first: LicensePage, toolId: string | null, signal: AbortSignal): void {
  const bg = backgroundClient();
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
  observeChanges(document.body, check, signal, { everyMs: FIGURES_EVERY_MS });
}
