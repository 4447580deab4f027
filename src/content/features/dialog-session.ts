// Following the page's withdraw dialog for as long as the tool page lives: which gear opened it
// (that decides which license's assignments it lists, mapping.ts), whether the license API answers
// for this origin (page mode otherwise) and which tool this is, one DialogController per open
// dialog with the tool's assignments mapped onto its rows, and the page's further rows loaded on
// demand. The UI (ui/license-ui.tsx) hears about it through `events`.
import type { PageBackground, ToolData } from '../bridge.ts';
import { observeChanges } from '../core/dom.ts';
import { whenIdle } from '../core/idle.ts';
import type { LastClick } from '../core/last-click.ts';
import { isTrustedEvent } from '../core/trusted.ts';
import { DialogController } from '../dialog/controller.ts';
import { type Opener, prepareMapping, scopeOf } from '../dialog/mapping.ts';
import { dialogPrint, isShown, readWithdrawDialog, recogniseWithdrawDialog } from '../page/dialog.ts';
import { isComplete, type Paging, readPaging } from '../page/paging.ts';
import { licenseRowOf, recogniseLicensePage, withinOurRoot } from '../page/recognise.ts';
import { toolNameOf } from '../page/route.ts';
import { DIALOG } from '../page/selectors.ts';
import { kindOf } from '../page/vocabulary.ts';
import type { ModeReason, UiState } from '../ui/state.ts';
import type { EarlyToolData } from './early-data.ts';

interface DialogSessionEvents {
  /** A dialog opened (its controller) or closed (null). */
  controller(controller: DialogController | null): void;
  /** Why page mode, once known; null in API mode. */
  modeReason(reason: ModeReason | null): void;
  /** Rows loaded of all, or null once every row is there. */
  paging(paging: UiState['paging']): void;
}

export interface DialogSessionOptions {
  doc: Document;
  signal: AbortSignal;
  /** From the URL or the page; null: asked of the API by the tool's name, else page-only. */
  toolId: string | null;
  /** The last click before the session started listening: it may be the gear that opened a dialog. */
  lastClick?: LastClick;
  /** The mode and the tool's data, asked for when the page was recognised (early-data.ts). */
  early?: EarlyToolData;
  background: () => PageBackground;
  events: DialogSessionEvents;
}

export interface DialogSession {
  /** The open dialog's controller, or null. */
  readonly controller: DialogController | null;
  readonly toolId: string | null;
  /** The row whose gear opened the dialog (its license kind names the job). */
  readonly opener: Opener | null;
  /** "Elevlicens · 2027-06-30": how a license is named in the preview. */
  licenseLabel(licenseId: string): string;
  /** Loads the rows the page has not rendered yet (its own "Visa fler"), once at a time. */
  loadRemainingRows(): Promise<void>;
}

/** The paging line's state: null once every row is there, and while loading always shown. */
function pagingLine(paging: Paging, loading: boolean): UiState['paging'] {
  return !loading && isComplete(paging) ? null : { loaded: paging.loaded, total: paging.total, loading };
}

export function followDialogs(options: DialogSessionOptions): DialogSession {
  const { doc, signal, events } = options;
  const bg = options.background;
  let toolId = options.toolId;
  let opener: Opener | null = null;
  const licenseLabels = new Map<string, string>();

  // Which gear opened the dialog decides which license's assignments it lists (mapping.ts).
  // A click on our own UI opens nothing of the page's: no read of the page for it (a read walks
  // every text node, a large dialog's rows too: ~5 ms of the confirm click before page mode's first
  // batch, in a CPU profile beside a 1,110-row dialog).
  const noteOpener = (target: Element) => {
    if (withinOurRoot(target)) return;
    const page = recogniseLicensePage(doc);
    if (!page.ok) return;
    const found = licenseRowOf(page.value, target);
    if (found?.row.gear?.contains(target)) opener = { row: found.row, tab: found.table.tab };
  };
  const earlier = options.lastClick?.();
  if (earlier) noteOpener(earlier);
  doc.addEventListener(
    'click',
    (event) => {
      if (isTrustedEvent(event) && event.target instanceof Element) noteOpener(event.target);
    },
    { capture: true, signal },
  );

  // Asked once per page: the background probes the origin once (then with back-off), so actions
  // never retry the API one by one. Without a tool id, the API is asked for it by the tool's name.
  let mode: 'api' | 'page' = 'api';
  /** What was asked for at recognition, when it was for this tool. */
  const earlyFor = (id: string | null) =>
    options.early && options.early.toolId === id ? options.early : undefined;
  let modeKnown: Promise<void> | null = null;
  /** The mode (and the tool id) are known: loadMode's promise has settled. */
  let modeSettled = false;
  const loadMode = () => {
    modeKnown ??= (async () => {
      try {
        const info = await (earlyFor(toolId)?.mode ?? bg().mode());
        mode = info.mode;
        events.modeReason(info.reason);
        if (mode === 'api' && toolId === null) {
          toolId = await bg()
            .resolveToolId(toolNameOf(doc))
            .catch(() => null);
          if (toolId === null) {
            mode = 'page';
            events.modeReason('no-tool-id');
          }
        }
      } catch (error) {
        mode = toolId === null ? 'page' : 'api';
        console.debug('[Licenskoll] mode unknown', error);
      }
      modeSettled = true;
    })();
    return modeKnown;
  };

  let current: { controller: DialogController; abort: AbortController } | null = null;
  const closeController = () => {
    current?.abort.abort();
    current = null;
    events.controller(null);
  };

  // The tool's data, asked for as soon as the page is followed rather than when a dialog opens: by
  // the time someone opens one, the cache has been read (and synced) and the panel maps at once.
  // `latest` is the newest data any answer brought; an open maps from it first, then from its own
  // answer when that differs (a sync or a withdrawal changed the cache in between).
  let latest: ToolData | null = null;
  /** The prefetch's first answer (the cache), while it is on its way: an open takes it when it comes. */
  let prefetched: Promise<ToolData | null> | null = null;
  const prefetch = () => {
    prefetched = loadMode()
      .then(async () => {
        if (mode !== 'api' || toolId === null) return null;
        const id = toolId;
        const onFresh = (fresh: ToolData) => {
          if (toolId !== id) return;
          latest = fresh;
          prepareMapping(fresh);
        };
        const early = earlyFor(id);
        early?.onFresh(onFresh);
        const cached = (await early?.data) ?? (await bg().toolData(id, onFresh));
        if (toolId !== id) return null;
        latest ??= cached;
        // Indexed for mapping as it comes, before anyone opens a dialog (mapping.ts), not while it
        // opens: an idle callback often had not run by then (page marks of openings right after
        // the page loaded: the index was built inside 4 of 7).
        if (latest) prepareMapping(latest);
        return latest;
      })
      .catch((error: unknown) => {
        console.debug('[Licenskoll] tool data not prefetched', error);
        return null;
      });
  };
  const sameData = (a: ToolData, b: ToolData) =>
    a === b || (a.fetchedAt === b.fetchedAt && a.assignments.length === b.assignments.length);

  const labelLicenses = (tool: ToolData, scopeOpener: Opener | null) => {
    for (const license of tool.licenses) {
      const kind = kindOf(scopeOpener?.row.kindText ?? '');
      licenseLabels.set(
        license.id,
        `${kind === license.kind && scopeOpener ? scopeOpener.row.kindText : license.kind} · ${license.validUntil}`,
      );
    }
  };

  /** `initial`: the data the controller was made with, if any (not applied again). */
  const loadToolData = (
    id: string,
    controller: DialogController,
    aborted: AbortSignal,
    scopeOpener: Opener | null,
    initial: ToolData | null,
  ) => {
    let applied: ToolData | null = initial;
    const apply = (tool: ToolData) => {
      if (aborted.aborted) return;
      latest = tool;
      if (applied && sameData(applied, tool)) return;
      applied = tool;
      labelLicenses(tool, scopeOpener);
      controller.setTool(tool, scopeOf(scopeOpener, tool));
    };
    if (latest) apply(latest);
    // A dialog opened before the prefetch's answer came maps from that answer when it comes, not
    // after a second read of its own (which runs beside it for freshness, below).
    else void prefetched?.then((tool) => tool && apply(tool));
    // From the cache first (the panel is ready at once), mapped again when the sync changed it.
    return bg().toolData(id, apply).then(apply);
  };

  const openController = (dialog: Parameters<DialogController['read']>[0]) => {
    const abort = new AbortController();
    signal.addEventListener('abort', () => abort.abort(), { once: true, signal: abort.signal });
    const lang = doc.documentElement.lang || 'sv';
    const scopeOpener = opener;
    // The tool's data already in hand (prefetched, mode known): the rows are mapped as they are
    // read and the panel's first render is the ready one, not a render, a second mapping and a
    // render again a moment later.
    const inHand = modeSettled && mode === 'api' && toolId !== null ? latest : null;
    if (inHand) labelLicenses(inHand, scopeOpener);
    const controller = new DialogController(
      dialog,
      abort.signal,
      lang,
      inHand ? { tool: inHand, scope: scopeOf(scopeOpener, inHand) } : null,
    );
    controller.onReadsReleased = () => follow();
    current = { controller, abort };
    controller.setMode(toolId === null ? 'page' : mode);
    events.controller(controller);
    events.paging(pagingLine(readPaging(dialog.element, dialog.rows.length), false));
    void loadMode()
      .then(async () => {
        if (abort.signal.aborted) return;
        controller.setMode(mode);
        if (mode === 'page') return;
        // With the data in hand, whether it is still fresh is asked once the panel is up: the
        // answer (the tool's whole data) is decoded on the page's main thread, which in the
        // middle of the opening delayed it.
        if (inHand) await new Promise<void>((idle) => whenIdle(idle));
        if (toolId !== null && !abort.signal.aborted)
          return loadToolData(toolId, controller, abort.signal, scopeOpener, inHand);
      })
      .catch((error: unknown) => {
        console.warn('[Licenskoll] no assignment data; page mode', error);
        if (!abort.signal.aborted) controller.setMode('page');
      });
  };

  let loadingRows: Promise<void> | null = null;
  const loadRemainingRows = () => {
    loadingRows ??= (async () => {
      const first = current?.controller;
      if (!first) return;
      const paging = readPaging(first.dialog.element, first.rows.length);
      if (isComplete(paging)) return;
      events.paging(pagingLine(paging, true));
      const { loadAllRows } = await import('../page/paging-load.ts');
      const end = await loadAllRows(first.dialog.element, signal, (p) => events.paging(pagingLine(p, true)));
      loadingRows = null;
      follow();
      events.paging(pagingLine(end, false));
    })().finally(() => {
      loadingRows = null;
    });
    return loadingRows;
  };

  let lastPrint = '';
  let staleRead = false;
  /** `added`: a dialog the page just added (the read starts with it, not a search of the page). */
  const follow = (added?: HTMLElement) => {
    // While "Visa fler" is pressed again and again, rows arrive in steps: one read at the end,
    // not one per step (that would read the growing dialog again and again).
    if (loadingRows || current?.controller.readsHeld) return;
    // The page changes its status text on every tick; only a change of rows needs a full read.
    // A dialog the page closed by hiding it (left in the DOM) is as gone as a removed one.
    const following = current?.controller.dialog.element;
    const open = following?.isConnected && isShown(following) ? following : undefined;
    if (open) {
      const print = dialogPrint(open);
      const rows = current?.controller.rows ?? [];
      const stale = current?.controller.takeStale() ?? false;
      if (!stale && print === lastPrint && rows.every((r, i) => i % 500 !== 0 || r.element.isConnected)) {
        return;
      }
      if (stale && current) staleRead = true;
      lastPrint = print;
    }
    // The dialog we follow, or the one just added, read by itself: a search of the whole page (its
    // selectors over every element: ~3 ms beside a 2,000-row dialog) only when that is not the one.
    const own = open ?? (added && isShown(added) ? added : undefined);
    const same = own ? readWithdrawDialog(own) : null;
    const found = same?.ok ? same : recogniseWithdrawDialog(doc);
    if (!found.ok) {
      if (current) closeController();
      return;
    }
    const dialog = found.value;
    lastPrint = dialog.print;
    if (!current || current.controller.dialog.element !== dialog.element) {
      closeController();
      openController(dialog);
      return;
    }
    // Same dialog: rows vanished (withdrawn) or appeared; read them again if they differ.
    const before = current.controller.rows;
    // A row the page rewrote in place (same element, someone else) counts as changed too.
    const changed =
      staleRead ||
      before.length !== dialog.rows.length ||
      before.some((row, i) => row.element !== dialog.rows[i]?.element);
    staleRead = false;
    if (changed) current.controller.read(dialog);
  };

  const session: DialogSession = {
    get controller() {
      return current?.controller ?? null;
    },
    get toolId() {
      return toolId;
    },
    get opener() {
      return opener;
    },
    licenseLabel: (id) => licenseLabels.get(id) ?? id,
    loadRemainingRows,
  };
  prefetch();
  follow();
  observeChanges(doc.body, follow, signal);
  // A dialog added while none is followed is read at once, in this mutation's microtask, rather
  // than at the next frame: the panel is in the DOM before the browser first paints the dialog
  // (2,000 rows: that frame's own work is ~150 ms we no longer wait behind). Everything else still
  // goes through the coalesced observer above.
  const dialogCss = DIALOG.entries.map((e) => e.css).join(',');
  const opened = new (doc.defaultView ?? window).MutationObserver((records) => {
    if (current || loadingRows) return;
    for (const record of records)
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        const dialog = node.matches(dialogCss) ? node : node.querySelector<HTMLElement>(dialogCss);
        if (dialog) {
          follow(dialog);
          return;
        }
      }
  });
  opened.observe(doc.body, { childList: true, subtree: true });
  signal.addEventListener('abort', () => opened.disconnect(), { once: true });
  // Closing by attribute alone (hidden, a <dialog>'s open) adds or removes no node: watched too.
  // Style or class changes are not (our own row hiding writes styles); the next node change finds them.
  const hiding = new (doc.defaultView ?? window).MutationObserver(() => follow());
  hiding.observe(doc.body, { subtree: true, attributes: true, attributeFilter: ['hidden', 'open'] });
  signal.addEventListener('abort', () => hiding.disconnect(), { once: true });
  return session;
}
