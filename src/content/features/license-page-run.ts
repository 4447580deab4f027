// What the license-page feature does once the page is recognised, loaded only then (the start-up
// chunk only recognises): say so to the background, follow the page's language, report its
// counter for the popup, and start the UI (preact and the withdrawal flow, another chunk).
import { onEvent } from '../../shared/protocol/client.ts';
import { backgroundClient } from '../background-client.ts';
import { observeChanges } from '../core/dom.ts';
import { applyContentLanguage } from '../core/language.ts';
import type { LastClick } from '../core/last-click.ts';
import type { Counter, LicensePage } from '../page/recognise.ts';
import { findCounters, findLicensePage } from '../page/recognise.ts';
import { toolIdFromDocument, toolIdFromUrl, toolNameOf } from '../page/route.ts';
import { selectorReport } from '../page/selectors.ts';
import { schoolNameOf } from '../page/tool-list.ts';
import type { ContentRoot } from '../root.ts';
import { askEarly } from './early-data.ts';

/** The counters are read again at most this often while the page changes. */
const FIGURES_EVERY_MS = 1_000;

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

/**
 * Reports the tool page's counter now and whenever it changes (after a withdrawal, say). Exported
 * for its test.
 */
export function followFigures(first: LicensePage, toolId: string | null, signal: AbortSignal): void {
  const bg = backgroundClient();
  let last = '';
  let elements: HTMLElement[] = [];
  let texts: (string | null)[] = [];
  // Follows these counters' elements from now on, and reports the first ("Våra licenser") to the
  // popup when it changed.
  const follow = (counters: Counter[]) => {
    elements = counters.map((c) => c.element);
    texts = elements.map((e) => e.textContent);
    const toolName = toolNameOf(document);
    if (!counters[0] || !toolName) return;
    const { assigned, total } = counters[0];
    const key = `${toolName}|${assigned}/${total}`;
    if (key === last) return;
    last = key;
    void bg
      .reportFigures(schoolNameOf(document), [{ toolId, toolName, assigned, total, source: 'tool-page' }])
      .catch(() => undefined);
  };
  follow(first.counters);
  const check = () => {
    // Cheap: only the counters' own text. A counter the page rewrote in place is read from its own
    // element; the whole page is read only when one went away (a read of the page walks every text
    // node, an open dialog's rows too: ~9 ms beside 1,110 rows, after each batch of page mode).
    if (signal.aborted || elements.every((e, i) => e.isConnected && e.textContent === texts[i])) return;
    const same = elements.flatMap((e) => (e.isConnected ? findCounters(e) : []));
    const counters = same.length === elements.length ? same : findLicensePage(document)?.counters;
    if (counters) follow(counters);
  };
  observeChanges(document.body, check, signal, { everyMs: FIGURES_EVERY_MS });
}
