// The heavy part of the license page feature, imported only once the page is recognised: preact,
// the panel, the withdrawal flow (its work and requests load on first use: dialog/withdrawal.ts)
// and the keyboard. The page's withdraw dialog is followed by features/dialog-session.ts (one
// controller per open dialog); the flow and its result card live as long as the tool page (the
// feature's AbortSignal).
import { render } from 'preact';
import type { ViewFilters } from '../../shared/plans.ts';
import { backgroundClient } from '../background-client.ts';
import type { Background, PageBackground } from '../bridge.ts';
import type { LastClick } from '../core/last-click.ts';
import { bindKeys } from '../dialog/keys.ts';
import { Plans, panelFiltersOf } from '../dialog/plans.ts';
import { WithdrawalFlow } from '../dialog/withdrawal.ts';
import { type DialogSession, followDialogs } from '../features/dialog-session.ts';
import type { EarlyToolData } from '../features/early-data.ts';
import { toolNameOf } from '../page/route.ts';
import type { ContentRoot } from '../root.ts';
import { App } from './App.tsx';
import type { UiState } from './state.ts';
import { CONTENT_CSS } from './styles.ts';

export interface LicenseUiOptions {
  root: ContentRoot;
  /** From the URL or the page; null: asked of the API by the tool's name, else page-only. */
  toolId: string | null;
  signal: AbortSignal;
  /** The last click before the UI loaded (license-page.ts): it may have opened the dialog. */
  lastClick?: LastClick;
  /** The mode and the tool's data, asked for when the page was recognised (early-data.ts). */
  early?: EarlyToolData;
  doc?: Document;
  /** Tests pass a fake; the extension talks to its background. */
  background?: Background;
}

export interface LicenseUi {
  focusSearch(): void;
}

function createUiState(
  flow: WithdrawalFlow,
  actions: Pick<UiState, 'selectAllMatching' | 'loadAllRows' | 'plans' | 'toolId' | 'saveSchedule'>,
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
    pending: null,
    ...actions,
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
  const doc = options.doc ?? document;
  const win = doc.defaultView ?? window;
  // The session names the licenses (it maps the tool's data); it starts below, after the UI.
  let session: DialogSession | null = null;
  const bg: PageBackground = options.background ?? backgroundClient();
  // The preview names the licenses: the session maps the tool's data.
  const labelOf = (id: string) => session?.licenseLabel(id) ?? id;

  /** The requests that change something, loaded on first use (background-jobs.ts). */
  const jobs = () =>
    options.background
      ? Promise.resolve(options.background)
      : import('../background-jobs.ts').then(({ jobsClient }) => jobsClient(labelOf));
  const flow = new WithdrawalFlow({
    bg,
    jobs,
    toolId: () => session?.toolId ?? options.toolId,
    pageUrl: () => doc.location?.href ?? '',
    signal,
    label: () => {
      const title = toolNameOf(doc) || session?.toolId || '';
      const opener = session?.opener;
      return opener ? `${title} · ${opener.row.kindText}` : title;
    },
    doc,
  });
  /** Select all matching covers every row: the page's further rows are loaded first. */
  const selectAllMatching = async () => {
    if (!session?.controller || flow.busy) return;
    await session.loadRemainingRows();
    session.controller?.selectAllMatching();
  };
  const toolId = () => session?.toolId ?? options.toolId;
  const plans = new Plans({
    bg,
    edits: jobs,
    toolId,
    toolName: () => toolNameOf(doc),
    controller: () => session?.controller ?? null,
    signal,
  });
  void plans.load();
  const ui = createUiState(flow, {
    selectAllMatching: () => void selectAllMatching(),
    loadAllRows: () => void session?.loadRemainingRows(),
    plans,
    toolId,
    saveSchedule: async (draft) => (await jobs()).saveSchedule(draft),
  });

  // A page-mode schedule that came due opened this page: its view is applied and every match
  // selected once a withdraw dialog is open. The person reviews and confirms; nothing here does.
  let pendingFilters: ViewFilters | null = null;
  const applyPending = async () => {
    const controller = session?.controller;
    if (!controller || pendingFilters === null) return;
    controller.setFilters(panelFiltersOf(pendingFilters));
    pendingFilters = null;
    await selectAllMatching();
    if (!signal.aborted) ui.set({ pending: 'ready' });
  };
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

  session = followDialogs({
    doc,
    signal,
    toolId: options.toolId,
    ...(options.lastClick ? { lastClick: options.lastClick } : {}),
    ...(options.early ? { early: options.early } : {}),
    background: () => bg,
    events: {
      controller(controller) {
        ui.set(
          controller
            ? { controller }
            : { controller: null, help: false, ...(ui.pending === 'ready' ? { pending: null } : {}) },
        );
        if (controller && pendingFilters !== null) void applyPending();
      },
      modeReason: (modeReason) => ui.set({ modeReason }),
      paging: (paging) => ui.set({ paging }),
    },
  });
  const current = () => session?.controller ?? null;
  // Asked once, as the dialog session starts; a failure is "none".
  void bg
    .takePendingView()
    .catch(() => null)
    .then((pending) => {
      if (!pending || signal.aborted) return;
      const here = toolId();
      if (pending.toolId !== null && here !== null && pending.toolId !== here) return;
      pendingFilters = pending.filters;
      ui.set({ pending: 'waiting' });
      void applyPending();
    });

  const focusSearch = () => {
    if (!current()) {
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
      active: () => current() !== null || flow.phase.name !== 'idle',
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
        const c = current();
        if (!c) return false;
        const f = c.filters;
        if (f.query === '' && f.classes.size === 0 && f.roles.size === 0 && !f.leftOnly) return false;
        c.clearFilters();
        return true;
      },
      selectAllMatching: () => void selectAllMatching(),
      toggleFocused: () => current()?.toggleFocused(),
      move: (delta) => current()?.moveFocus(delta),
      withdraw: () => {
        const c = current();
        if (c) void flow.ask(c);
      },
      undo: () => flow.askUndo(),
      help: () => ui.set({ help: !ui.help }),
      applyView: (index) => void plans.applyAt(index),
      saveView: () => {
        if (current()) plans.requestSave();
      },
    },
    signal,
  );

  return { focusSearch };
}
