// The withdraw dialog ("Dra tillbaka"): mounted at the end of document.body once its data has
// loaded (a portal, as real single-page apps do). A row per user (or per class), each with a
// checkbox left of the name; a header checkbox selects all ("massändra"); "Dra tillbaka" at the
// top right sends the ticked ids in batches of at most 100; withdrawn rows vanish.
import type { Assignment } from '../../../../../src/shared/model.ts';
import { ApiError } from '../api.ts';
import { type Ctx, errorMessage } from '../context.ts';
import { h } from '../dom.ts';
import { s } from '../styles.ts';

/** The contract's batch limit (model.ts's MAX_BATCH; only types are imported from there). */
const MAX_BATCH = 100;

export interface DialogOptions {
  toolId: string;
  toolName: string;
  subtitle: string;
  licenseIds: string[];
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
  try {
    assignments = await ctx.api.listAssignments(options.toolId, options.licenseIds);
  } catch (error) {
    if (ctx.alive()) options.onError(errorMessage(ctx, error));
    return;
  } finally {
    opener.removeAttribute('aria-busy');
    opener.disabled = false;
  }
  if (!ctx.alive()) return;
  mount(ctx, options, assignments);
}

function mount(ctx: Ctx, options: DialogOptions, assignments: Assignment[]): void {
  const { t } = ctx.lang;
  const classMode = assignments.length > 0 && assignments.every((a) => a.assignee.type === 'GROUP');
  const columns = classMode ? [t.class, t.members] : [t.name, t.email, t.class, t.role];

  const rows = new Map<string, HTMLTableRowElement>();
  const idOf = new WeakMap<HTMLInputElement, string>();
  const selected = new Set<string>();

  const selectAll = h('input', {
    class: s.checkbox,
    attrs: { type: 'checkbox', 'aria-label': t.selectAll, title: t.selectAll },
  });
  const withdraw = h('button', { class: s.primary, attrs: { type: 'button' } }, t.withdraw);
  const closeButton = h('button', {
    class: s.close,
    attrs: { type: 'button', 'aria-label': t.close, title: t.close },
  });
  closeButton.textContent = '×';
  const status = h('span', { class: s.dialogStatus, attrs: { role: 'status' } });
  const alert = h('div');
  const tbody = h('tbody');
  const empty = h('p', { class: s.empty }, t.nothingAssigned);

  // One collator for the whole sort: localeCompare with a locale builds one per call (slow at 10,000 rows).
  const collator = new Intl.Collator(ctx.lang.locale, { sensitivity: 'base' });
  const sorted = [...assignments].sort((a, b) => collator.compare(a.assignee.name, b.assignee.name));
  const fragment = document.createDocumentFragment();
  for (const assignment of sorted) {
    const checkbox = h('input', {
      class: s.checkbox,
      attrs: { type: 'checkbox', 'aria-label': `${t.select} ${assignment.assignee.name}` },
    });
    idOf.set(checkbox, assignment.id);
    const row = h(
      'tr',
      { class: s.tr },
      h('td', { class: `${s.td} ${s.checkCell}` }, checkbox),
      ...cells(ctx, assignment, classMode),
    );
    rows.set(assignment.id, row);
    fragment.append(row);
  }
  tbody.append(fragment);

  const widths = classMode ? ['44px', '70%', '30%'] : ['44px', '30%', '34%', '18%', '18%'];
  const table = h(
    'table',
    { class: `${s.table} ${s.fixedTable}` },
    h('colgroup', {}, ...widths.map((width) => h('col', { attrs: { style: `width:${width}` } }))),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { class: `${s.th} ${s.stickyTh} ${s.checkCell}`, attrs: { scope: 'col' } }, selectAll),
        ...columns.map((label) =>
          h('th', { class: `${s.th} ${s.stickyTh}`, attrs: { scope: 'col' } }, label),
        ),
      ),
    ),
    tbody,
  );

  const title = t.assignedLicenses;
  const dialog = h(
    'div',
    { class: s.dialog, attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-label': title } },
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
    h('div', { class: s.dialogBody }, alert, table, empty),
  );
  const backdrop = h('div', { class: s.backdrop }, dialog);

  let busy = false;
  const sync = () => {
    const total = rows.size;
    selectAll.checked = total > 0 && selected.size === total;
    selectAll.indeterminate = selected.size > 0 && selected.size < total;
    selectAll.disabled = busy || total === 0;
    withdraw.disabled = busy || selected.size === 0;
    status.textContent = busy ? t.withdrawing : selected.size > 0 ? `${selected.size} ${t.selected}` : '';
    table.hidden = total === 0;
    empty.hidden = total !== 0;
  };

  tbody.addEventListener('change', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement)) return;
    const id = idOf.get(box);
    if (id === undefined) return;
    if (box.checked) selected.add(id);
    else selected.delete(id);
    sync();
  });
  selectAll.addEventListener('change', () => {
    const on = selectAll.checked;
    selected.clear();
    for (const [id, row] of rows) {
      const box = row.querySelector('input');
      if (box) box.checked = on;
      if (on) selected.add(id);
    }
    sync();
  });

  const close = () => {
    if (!open.has(close)) return;
    open.delete(close);
    document.removeEventListener('keydown', onKey);
    backdrop.remove();
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
        for (const item of result.results) {
          if (
            item.outcome === 'REVOKED' ||
            item.outcome === 'ALREADY_REVOKED' ||
            item.outcome === 'NOT_FOUND'
          ) {
            rows.get(item.assignmentId)?.remove();
            rows.delete(item.assignmentId);
            selected.delete(item.assignmentId);
            changed = true;
          } else {
            failed++;
          }
        }
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

  sync();
  open.add(close);
  document.body.append(backdrop);
  (rows.size > 0 ? (tbody.querySelector('input') ?? closeButton) : closeButton).focus();
}

function cells(ctx: Ctx, assignment: Assignment, classMode: boolean): HTMLTableCellElement[] {
  const { t } = ctx.lang;
  const person = assignment.assignee;
  const name = h(
    'td',
    { class: s.td },
    h('span', {}, person.name),
    person.active === false ? h('span', { class: s.badge }, t.inactive) : null,
  );
  if (classMode) {
    return [
      name,
      h('td', { class: s.td }, person.memberCount === undefined ? '' : String(person.memberCount)),
    ];
  }
  return [
    name,
    h('td', { class: `${s.td} ${s.muted}` }, person.email ?? ''),
    h('td', { class: s.td }, (person.groups ?? []).map((g) => g.name).join(', ')),
    h(
      'td',
      { class: s.td },
      person.type === 'GROUP' ? t.class : person.role ? ctx.lang.role(person.role) : '',
    ),
  ];
}
