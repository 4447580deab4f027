// The withdraw dialog ("Dra tillbaka"): mounted at the end of document.body once its data has
// loaded (a portal, as real single-page apps do). A row per user (or per class), each with a
// checkbox left of the name; a header checkbox selects all ("massändra"); "Dra tillbaka" at the
// top right sends the ticked ids in batches of at most 100; withdrawn rows vanish.
// --markup grid: an ARIA grid with role=checkbox, and the role=dialog element itself is the
// portal (the last child of <body>). --dialog paged: 50 rows at a time in the API's order,
// "Visa fler" appends the next 50 (cursor paging) and "Visar 50 av 1000" says how far it got.
import type { Assignment } from '../../../../../src/shared/model.ts';
import { ApiError, type HolderPager, type LicenseCount } from '../api.ts';
import { type Ctx, errorMessage } from '../context.ts';
import { h } from '../dom.ts';
import { checkbox, isChecked, kit, onToggle, setChecked, type TableKit } from '../grid.ts';
import {
  arrangeDialogCells,
  DIALOG_DELAY_MS,
  dialogHasHeader,
  dialogLabels,
  keepsClosedDialogs,
  label as labelled,
  MUTATE,
  RERENDER_EVERY_MS,
  removeRow,
  rerenders,
  rowHolder,
  wrap,
  wrapContent,
} from '../mutations.ts';
import { s } from '../styles.ts';

/** The contract's batch limit (model.ts's MAX_BATCH; only types are imported from there). */
const MAX_BATCH = 100;
/** Rows a page of the paged dialog. */
const DIALOG_PAGE_SIZE = 50;

export interface DialogOptions {
  toolId: string;
  toolName: string;
  subtitle: string;
  /** The licenses whose holders it lists, with their counts from the tool's detail. */
  licenses: LicenseCount[];
  /** The button that opened it: busy while loading, focused again on close. */
  opener: HTMLButtonElement;
  /** Where a load error is shown (the dialog does not open then). */
  onError(message: HTMLElement): void;
  /** Called after a withdrawal so that the page refetches its counts. */
  onChanged(): Promise<void>;
}

const open = new Set<() => void>();

/** Closes every open dialog (on a route change). */
export function closeAllDialogs(): void {
  for (const close of [...open]) close();
}

export async function openWithdrawDialog(ctx: Ctx, options: DialogOptions): Promise<void> {
  const { opener } = options;
  if (opener.getAttribute('aria-busy') === 'true') return;
  opener.setAttribute('aria-busy', 'true');
  opener.disabled = true;
  let assignments: Assignment[];
  let pager: HolderPager | undefined;
  try {
    if (ctx.modes.dialog === 'paged') {
      pager = ctx.api.holders(options.toolId, options.licenses);
      assignments = await pager.more(DIALOG_PAGE_SIZE);
    } else {
      assignments = await ctx.api.listAssignments(
        options.toolId,
        options.licenses.map((l) => l.id),
      );
    }
    // --mutate late-dialog: the page is slow to show what it has loaded.
    if (DIALOG_DELAY_MS > 0) await new Promise((resolve) => setTimeout(resolve, DIALOG_DELAY_MS));
  } catch (error) {
    if (ctx.alive()) options.onError(errorMessage(ctx, error));
    return;
  } finally {
    opener.removeAttribute('aria-busy');
    opener.disabled = false;
  }
  if (!ctx.alive()) return;
  mount(ctx, options, assignments, pager);
}

function mount(
  ctx: Ctx,
  options: DialogOptions,
  assignments: Assignment[],
  pager: HolderPager | undefined,
): void {
  const { t } = ctx.lang;
  const grid = ctx.modes.markup === 'grid';
  const T = kit(ctx.modes.markup);
  const classMode = assignments.length > 0 && assignments.every((a) => a.assignee.type === 'GROUP');
  const columns = dialogLabels(
    ctx.lang.locale,
    classMode,
    classMode ? [t.class, t.members] : [t.name, t.email, t.class, t.role],
  );

  const rows = new Map<string, { row: HTMLElement; box: HTMLElement; assignment: Assignment }>();
  const idOf = new WeakMap<HTMLElement, string>();
  const selected = new Set<string>();

  const selectAll = checkbox(ctx.modes.markup, labelled(t.selectAll) ?? '', labelled(t.selectAll));
  const withdraw = h('button', { class: s.primary, attrs: { type: 'button' } }, t.withdraw);
  const closeButton = h('button', {
    class: s.close,
    attrs: { type: 'button', 'aria-label': labelled(t.close), title: labelled(t.close) },
  });
  closeButton.textContent = '×';
  const status = h('span', { class: s.dialogStatus, attrs: { role: 'status' } });
  const alert = h('div');
  const tbody = T.body();
  const empty = h('p', { class: s.empty }, t.nothingAssigned);

  /** A row's cells (checkbox first, in the page's column order) and its checkbox. */
  const rowContent = (assignment: Assignment) => {
    const box = checkbox(ctx.modes.markup, labelled(`${t.select} ${assignment.assignee.name}`) ?? '').element;
    setChecked(box, selected.has(assignment.id));
    idOf.set(box, assignment.id);
    const content = arrangeDialogCells([
      T.cell({ class: s.checkCell }, box),
      ...cells(ctx, T, assignment, classMode).map(wrapContent),
    ]);
    return { box, content };
  };
  const addRows = (list: readonly Assignment[]) => {
    const fragment = document.createDocumentFragment();
    for (const assignment of list) {
      const { box, content } = rowContent(assignment);
      const row = T.row(s.tr, ...content);
      rows.set(assignment.id, { row, box, assignment });
      fragment.append(rowHolder(row, grid));
    }
    tbody.append(fragment);
  };
  /**
   * --mutate rerender-keyed: every row becomes a new element (a keyed list re-rendering);
   * rerender-in-place: the row elements stay and take other people, the order flipped (a list that
   * reuses its rows). The page's own ticks follow the person either way.
   */
  const rerender = () => {
    const how = rerenders();
    if (!how || busy) return;
    const entries = [...rows.values()];
    if (how === 'keyed') {
      for (const entry of entries) {
        const { box, content } = rowContent(entry.assignment);
        const row = T.row(s.tr, ...content);
        entry.row.replaceWith(row);
        rows.set(entry.assignment.id, { row, box, assignment: entry.assignment });
      }
      return;
    }
    // Reused elements (rows, checkboxes and their cells), other people: the order turns by
    // seven rows on every render, so a row element seldom shows the same person twice.
    const elements = entries.map((entry) => ({ row: entry.row, box: entry.box }));
    const turn = entries.length > 1 ? 7 % entries.length : 0;
    const order = [...entries.slice(turn), ...entries.slice(0, turn)];
    rows.clear();
    order.forEach((entry, i) => {
      const { row, box } = elements[i] as { row: HTMLElement; box: HTMLElement };
      const checkCell = box.parentElement as HTMLElement;
      idOf.set(box, entry.assignment.id);
      setChecked(box, selected.has(entry.assignment.id));
      if (box.hasAttribute('aria-label'))
        box.setAttribute('aria-label', `${t.select} ${entry.assignment.assignee.name}`);
      row.replaceChildren(
        ...arrangeDialogCells([checkCell, ...cells(ctx, T, entry.assignment, classMode).map(wrapContent)]),
      );
      rows.set(entry.assignment.id, { row, box, assignment: entry.assignment });
    });
  };
  /** A list that reuses its row elements loses its last rows, not the withdrawn ones. */
  const shrinkInPlace = () => {
    const elements = Array.from(tbody.children) as HTMLElement[];
    const entries = [...rows.values()];
    for (const surplus of elements.slice(entries.length)) surplus.remove();
    rows.clear();
    entries.forEach((entry, i) => {
      const row = elements[i] as HTMLElement;
      const { box, content } = rowContent(entry.assignment);
      row.replaceChildren(...content);
      rows.set(entry.assignment.id, { row, box, assignment: entry.assignment });
    });
  };
  let rerenderQueued = false;
  const queueRerender = () => {
    if (!rerenders() || rerenderQueued) return;
    rerenderQueued = true;
    queueMicrotask(() => {
      rerenderQueued = false;
      rerender();
    });
  };
  if (pager) {
    // Paged: the API's order, page after page.
    addRows(assignments);
  } else {
    // One collator for the whole sort: localeCompare with a locale builds one per call (slow at 10,000 rows).
    const collator = new Intl.Collator(ctx.lang.locale, { sensitivity: 'base' });
    addRows([...assignments].sort((a, b) => collator.compare(a.assignee.name, b.assignee.name)));
  }

  const widths = classMode ? ['44px', '70%', '30%'] : ['44px', '30%', '34%', '18%', '18%'];
  const headCells = [
    T.headerCell(
      { class: `${s.stickyTh} ${s.checkCell}`, width: grid ? widths[0] : undefined },
      selectAll.element,
    ),
    ...columns.map((label, i) =>
      T.headerCell({ class: s.stickyTh, width: grid ? widths[i + 1] : undefined }, label),
    ),
  ];
  const head = dialogHasHeader() ? T.head(...arrangeDialogCells(headCells)) : null;
  const colgroup = () =>
    h(
      'colgroup',
      {},
      ...arrangeDialogCells(widths).map((width) => h('col', { attrs: { style: `width:${width}` } })),
    );
  const tableOf = (...children: (HTMLElement | null)[]) =>
    grid
      ? T.table(`${s.table} ${s.fixedGrid}`, ...children)
      : T.table(`${s.table} ${s.fixedTable}`, colgroup(), ...children);
  // --mutate duplicated-tables: the header in a table of its own (a sticky header), the rows in another.
  const split = MUTATE === 'duplicated-tables' && head !== null;
  const headTable = split ? tableOf(head) : null;
  const bodyTable = split ? tableOf(tbody) : tableOf(head, tbody);
  const table = headTable ? h('div', {}, headTable, bodyTable) : bodyTable;

  // --dialog paged: the status line and "Visa fler".
  const pagerStatus = h('span', { class: s.pagerStatus, attrs: { 'aria-live': 'polite' } });
  const more = h('button', { class: s.secondary, attrs: { type: 'button' } }, t.showMore);
  const pagerRow = pager ? h('div', { class: s.pager }, pagerStatus, more) : null;

  const title = t.assignedLicenses;
  const dialog = h(
    'div',
    {
      class: grid ? `${s.dialog} ${s.portalDialog}` : s.dialog,
      attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-label': labelled(title) },
    },
    h(
      'div',
      { class: s.dialogHead },
      h(
        'div',
        {},
        h('h2', { class: s.dialogTitle }, title),
        h('p', { class: s.dialogSub }, options.subtitle),
      ),
      h('span', { class: s.spacer }),
      status,
      withdraw,
      closeButton,
    ),
    h('div', { class: s.dialogBody }, alert, wrap(table), empty, pagerRow),
  );
  // Table markup: the dialog sits inside its backdrop. Grid markup: the dialog is the portal itself.
  const backdrop = grid ? h('div', { class: s.portalBackdrop }) : h('div', { class: s.backdrop }, dialog);

  let busy = false;
  let loading = false;
  const sync = () => {
    const total = rows.size;
    selectAll.checked = total > 0 && selected.size === total;
    selectAll.indeterminate = selected.size > 0 && selected.size < total;
    selectAll.disabled = busy || total === 0;
    withdraw.disabled = busy || selected.size === 0;
    status.textContent = busy ? t.withdrawing : selected.size > 0 ? `${selected.size} ${t.selected}` : '';
    table.hidden = total === 0;
    empty.hidden = total !== 0 || (pager !== undefined && !pager.done);
    if (pager) {
      pagerStatus.textContent = ctx.lang.showing(total, Math.max(pager.total, total));
      if (pager.done) more.remove();
      more.disabled = busy || loading;
    }
  };

  onToggle(tbody, (box) => {
    const id = idOf.get(box);
    if (id === undefined) return;
    if (isChecked(box)) selected.add(id);
    else selected.delete(id);
    sync();
    queueRerender();
  });
  // On the select-all itself (not delegated): a script's non-bubbling `change` still counts.
  onToggle(selectAll.element, () => {
    const on = selectAll.checked;
    selected.clear();
    for (const [id, { box }] of rows) {
      setChecked(box, on);
      if (on) selected.add(id);
    }
    sync();
    queueRerender();
  });

  more.addEventListener('click', async () => {
    if (!pager || loading || busy) return;
    loading = true;
    sync();
    try {
      addRows(await pager.more(DIALOG_PAGE_SIZE));
    } catch (error) {
      alert.replaceChildren(errorMessage(ctx, error));
    } finally {
      loading = false;
      sync();
    }
  });

  const close = () => {
    if (!open.has(close)) return;
    open.delete(close);
    document.removeEventListener('keydown', onKey);
    clearInterval(live);
    if (keepsClosedDialogs()) {
      // Hidden by style, as many component libraries do; no attribute says it is closed.
      backdrop.style.display = 'none';
      dialog.style.display = 'none';
    } else {
      backdrop.remove();
      dialog.remove();
    }
    if (options.opener.isConnected) options.opener.focus();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) close();
  };
  closeButton.addEventListener('click', close);
  backdrop.addEventListener('click', (event) => {
    if (event.target === backdrop && !busy) close();
  });
  document.addEventListener('keydown', onKey);

  withdraw.addEventListener('click', async () => {
    if (busy || selected.size === 0) return;
    busy = true;
    alert.replaceChildren();
    sync();
    const ids = [...selected];
    let failed = 0;
    let changed = false;
    try {
      for (let i = 0; i < ids.length; i += MAX_BATCH) {
        const batch = ids.slice(i, i + MAX_BATCH);
        const result = await ctx.api.revoke(options.toolId, batch);
        const gone: Assignment[] = [];
        for (const item of result.results) {
          if (
            item.outcome === 'REVOKED' ||
            item.outcome === 'ALREADY_REVOKED' ||
            item.outcome === 'NOT_FOUND'
          ) {
            const entry = rows.get(item.assignmentId);
            if (entry) {
              // --mutate rerender-in-place: the list shrinks from its end and the rows left
              // take the remaining people (below); otherwise the row itself goes.
              if (rerenders() !== 'in-place') removeRow(entry.row);
              gone.push(entry.assignment);
            }
            rows.delete(item.assignmentId);
            selected.delete(item.assignmentId);
            changed = true;
          } else {
            failed++;
          }
        }
        pager?.withdrawn(gone);
        if (rerenders() === 'in-place') shrinkInPlace();
      }
      if (failed > 0)
        alert.replaceChildren(h('p', { class: s.error, attrs: { role: 'alert' } }, t.someFailed));
    } catch (error) {
      alert.replaceChildren(
        error instanceof ApiError ? errorMessage(ctx, error) : h('p', { class: s.error }, t.failed),
      );
    } finally {
      busy = false;
      sync();
    }
    if (changed) await options.onChanged();
  });

  // A live list re-renders by itself too (--mutate rerender-*), whatever is ticked.
  const live = rerenders() ? setInterval(rerender, RERENDER_EVERY_MS) : undefined;
  sync();
  open.add(close);
  if (grid) document.body.append(backdrop, dialog);
  else document.body.append(backdrop);
  const firstBox = rows.values().next().value?.box;
  (firstBox ?? closeButton).focus();
}

function cells(ctx: Ctx, T: TableKit, assignment: Assignment, classMode: boolean): HTMLElement[] {
  const { t } = ctx.lang;
  const person = assignment.assignee;
  const name = T.cell(
    {},
    h('span', {}, person.name),
    person.active === false ? h('span', { class: s.badge }, t.inactive) : null,
  );
  if (classMode) {
    return [name, T.cell({}, person.memberCount === undefined ? '' : String(person.memberCount))];
  }
  return [
    name,
    T.cell({ class: s.muted }, person.email ?? ''),
    T.cell({}, (person.groups ?? []).map((g) => g.name).join(', ')),
    T.cell({}, person.type === 'GROUP' ? t.class : person.role ? ctx.lang.role(person.role) : ''),
  ];
}
