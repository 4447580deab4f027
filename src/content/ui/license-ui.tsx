// The heavy part of the license page feature, imported only once the page is recognised: preact,
// the panel, the withdrawal flow and the keyboard. It follows the page's withdraw dialog (mounted
// late, at the end of body), one controller per open dialog; the flow and its result card live
// as long as the tool page (the feature's AbortSignal).
import { render } from 'preact';
import { mirroredThreshold } from '../../shared/ui/threshold-mirror.ts';
import { jobShownOnPage } from '../../shared/ui/visibility.ts';
import { backgroundClient } from '../background-client.ts';
import type { Background } from '../bridge.ts';
import { observeChanges } from '../core/dom.ts';
import { isTrustedEvent } from '../core/trusted.ts';
import { DialogController } from '../dialog/controller.ts';
import { bindKeys } from '../dialog/keys.ts';
import { type Opener, scopeOf } from '../dialog/mapping.ts';
import { WithdrawalFlow } from '../dialog/withdrawal.ts';
import { isComplete, loadAllRows, type Paging, readPaging } from '../page/paging.ts';
import {
  licenseRowOf,
  readWithdrawDialog,
  recogniseLicensePage,
  recogniseWithdrawDialog,
} from '../page/recognise.ts';
import { refreshLicensePage } from '../page/refresh.ts';
import { toolNameOf } from '../page/route.ts';
import { CHECKBOX, queryAny } from '../page/selectors.ts';
import { kindOf } from '../page/vocabulary.ts';
import type { ContentRoot } from '../root.ts';
import { App, type UiState } from './App.tsx';
import { CONTENT_CSS } from './styles.ts';

export interface LicenseUiOptions {
  root: ContentRoot;
  /** From the URL or the page; null: asked of the API by the tool's name, else page-only. */
  toolId: string | null;
  signal: AbortSignal;
  doc?: Document;
  /** Tests pass a fake; the extension talks to its background. */
  background?: Background;
}

/** The paging line's state: null once every row is there, and while loading always shown. */
function pagingLine(paging: Paging, loading: boolean): UiState['paging'] {
  return !loading && isComplete(paging) ? null : { loaded: paging.loaded, total: paging.total, loading };
}

export interface LicenseUi {
  focusSearch(): void;
}

function createUiState(
  flow: WithdrawalFlow,
  selectAllMatching: () => void,
  loadAllRows: () => void,
): UiState {
  const listeners = new Set<() => void>();
  const ui: UiState = {
    controller: null,
    flow,
    help: false,
    hint: false,
    focusSearch: 0,
    modeReason: null,
    paging: null,
    selectAllMatching,
    loadAllRows,
    searchInput: null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(patch) {
      Object.assign(ui, patch);
      for (const listener of listeners) listener();
    },
  };
  return ui;
}

export function startLicenseUi(options: LicenseUiOptions): LicenseUi {
  const { root, signal } = options;
  let toolId = options.toolId;
  const doc = options.doc ?? document;
  const win = doc.defaultView ?? window;
  const licenseLabels = new Map<string, string>();
  const bg = options.background ?? backgroundClient((id) => licenseLabels.get(id) ?? id);

  let opener: Opener | null = null;
  // The popup's confirmation threshold, read again whenever a dialog opens.
  let threshold: number | null = null;
  const readThreshold = () =>
    void mirroredThreshold().then((value) => {
      threshold = value;
    });
  readThreshold();
  const flow = new WithdrawalFlow({
    bg,
    toolId: () => toolId,
    threshold: () => threshold,
    pageUrl: () => doc.location?.href ?? '',
    signal,
    label: () => {
      const title = toolNameOf(doc) || toolId || '';
      return opener ? `${title} · ${opener.row.kindText}` : title;
    },
    refreshPage: () => refreshLicensePage(doc),
  });
  const ui = createUiState(
    flow,
    () => void selectAllMatching(),
    () => void loadRemainingRows(),
  );
  // The result card tells the background which job it shows: no notification for that one.
  const shown = jobShownOnPage();
  flow.subscribe(() => shown.show(flow.shownJobId));
  signal.addEventListener('abort', () => shown.close(), { once: true });

  const style = doc.createElement('style');
  style.textContent = CONTENT_CSS;
  const container = doc.createElement('div');
  root.shadow.append(style, container);
  render(<App ui={ui} />, container);
  signal.addEventListener(
    'abort',
    () => {
      render(null, container);
      container.remove();
      style.remove();
    },
    { once: true },
  );

  // Which gear opened the dialog decides which license's assignments it lists (mapping.ts).
  doc.addEventListener(
    'click',
    (event) => {
      if (!isTrustedEvent(event) || !(event.target instanceof Element)) return;
      const page = recogniseLicensePage(doc);
      if (!page.ok) return;
      const found = licenseRowOf(page.value, event.target);
      if (found?.row.gear?.contains(event.target)) opener = { row: found.row, tab: found.table.tab };
    },
    { capture: true, signal },
  );

  // Asked once per page: the background probes the origin once (then with back-off), so actions
  // never retry the API one by one. Without a tool id, the API is asked for it by the tool's name.
  let mode: 'api' | 'page' = 'api';
  let modeKnown: Promise<void> | null = null;
  const loadMode = () => {
    modeKnown ??= (async () => {
      try {
        const info = await bg.mode();
        mode = info.mode;
        ui.set({ modeReason: info.reason });
        if (mode === 'api' && toolId === null) {
          toolId = await bg.resolveToolId(toolNameOf(doc)).catch(() => null);
          if (toolId === null) {
            mode = 'page';
            ui.set({ modeReason: 'no-tool-id' });
          }
        }
      } catch (error) {
        mode = toolId === null ? 'page' : 'api';
        console.debug('[Licenskoll] mode unknown', error);
      }
    })();
    return modeKnown;
  };

  let current: { controller: DialogController; abort: AbortController } | null = null;
  const closeController = () => {
    current?.abort.abort();
    current = null;
    ui.set({ controller: null, help: false });
  };

  const openController = (dialog: Parameters<DialogController['read']>[0]) => {
    const abort = new AbortController();
    signal.addEventListener('abort', () => abort.abort(), { once: true, signal: abort.signal });
    const lang = doc.documentElement.lang || 'sv';
    const controller = new DialogController(dialog, abort.signal, lang);
    current = { controller, abort };
    readThreshold();
    ui.set({ controller });
    const scopeOpener = opener;
    controller.setMode(toolId === null ? 'page' : mode);
    ui.set({ paging: pagingLine(readPaging(dialog.element, dialog.rows.length), false) });
    void loadMode()
      .then(() => {
        if (abort.signal.aborted) return;
        controller.setMode(mode);
        if (mode === 'page' || toolId === null) return;
        return loadToolData(toolId, controller, abort.signal, scopeOpener);
      })
      .catch((error: unknown) => {
        console.warn('[Licenskoll] no assignment data; rows go through the page', error);
        if (!abort.signal.aborted) controller.setMode('page');
      });
  };

  const loadToolData = (
    id: string,
    controller: DialogController,
    aborted: AbortSignal,
    scopeOpener: Opener | null,
  ) =>
    bg.toolData(id).then((tool) => {
      if (aborted.aborted) return;
      for (const license of tool.licenses) {
        const kind = kindOf(scopeOpener?.row.kindText ?? '');
        licenseLabels.set(
          license.id,
          `${kind === license.kind && scopeOpener ? scopeOpener.row.kindText : license.kind} · ${license.validUntil}`,
        );
      }
      controller.setTool(tool, scopeOf(scopeOpener, tool));
    });

  /** Loads the rows the page has not rendered yet, through its own "Visa fler" (once at a time). */
  let loadingRows: Promise<void> | null = null;
  const loadRemainingRows = () => {
    loadingRows ??= (async () => {
      const first = current?.controller;
      if (!first) return;
      const paging = readPaging(first.dialog.element, first.rows.length);
      if (isComplete(paging)) return;
      ui.set({ paging: pagingLine(paging, true) });
      const end = await loadAllRows(first.dialog.element, signal, (p) =>
        ui.set({ paging: pagingLine(p, true) }),
      );
      loadingRows = null;
      follow();
      ui.set({ paging: pagingLine(end, false) });
    })().finally(() => {
      loadingRows = null;
    });
    return loadingRows;
  };

  /** Select all matching covers every row: the page's further rows are loaded first. */
  const selectAllMatching = async () => {
    if (!current || flow.busy) return;
    await loadRemainingRows();
    current?.controller.selectAllMatching();
  };

  /** A cheap picture of the open dialog's rows: reading 5,000 rows is not done on every mutation. */
  const fingerprint = (element: HTMLElement) => {
    const boxes = queryAny(element, CHECKBOX);
    return `${boxes.length}|${boxes[1]?.id ?? ''}`;
  };
  let lastPrint = '';
  const follow = () => {
    // While "Visa fler" is pressed again and again, rows arrive in steps: one read at the end,
    // not one per step (that would read the growing dialog again and again).
    if (loadingRows) return;
    // The page changes its status text on every tick; only a change of rows needs a full read.
    const open = current?.controller.dialog.element;
    if (open?.isConnected) {
      const print = fingerprint(open);
      const rows = current?.controller.rows ?? [];
      if (print === lastPrint && rows.every((r, i) => i % 500 !== 0 || r.element.isConnected)) return;
      lastPrint = print;
    }
    // The dialog we follow, read again by itself; a document-wide search only when it is gone.
    const same = open?.isConnected ? readWithdrawDialog(open) : null;
    const found = same?.ok ? same : recogniseWithdrawDialog(doc);
    if (!found.ok) {
      if (current) closeController();
      return;
    }
    const dialog = found.value;
    lastPrint = fingerprint(dialog.element);
    if (!current || current.controller.dialog.element !== dialog.element) {
      closeController();
      openController(dialog);
      return;
    }
    // Same dialog: rows vanished (withdrawn) or appeared; read them again if they differ.
    const before = current.controller.rows;
    const changed =
      before.length !== dialog.rows.length ||
      before.some((row, i) => row.element !== dialog.rows[i]?.element);
    if (changed) current.controller.read(dialog);
  };
  follow();
  observeChanges(doc.body, follow, signal);

  const focusSearch = () => {
    if (!current) {
      ui.set({ hint: true });
      const timer = setTimeout(() => ui.set({ hint: false }), 5_000);
      signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
      return;
    }
    ui.set({ focusSearch: ui.focusSearch + 1 });
    ui.searchInput?.focus();
    ui.searchInput?.select();
  };

  bindKeys(
    win,
    {
      active: () => current !== null || flow.phase.name !== 'idle',
      isOurSearch: (element) => element !== undefined && element === ui.searchInput,
      focusSearch,
      clear() {
        if (ui.help) {
          ui.set({ help: false });
          return true;
        }
        if (['confirm', 'confirmUndo', 'changed'].includes(flow.phase.name)) {
          flow.cancel();
          return true;
        }
        const c = current?.controller;
        if (!c) return false;
        const f = c.filters;
        if (f.query === '' && f.classes.size === 0 && f.roles.size === 0 && !f.leftOnly) return false;
        c.clearFilters();
        return true;
      },
      selectAllMatching: () => void selectAllMatching(),
      toggleFocused: () => current?.controller.toggleFocused(),
      move: (delta) => current?.controller.moveFocus(delta),
      withdraw: () => {
        if (current) void flow.ask(current.controller);
      },
      undo: () => flow.askUndo(),
      help: () => ui.set({ help: !ui.help }),
    },
    signal,
  );

  return { focusSearch };
}
