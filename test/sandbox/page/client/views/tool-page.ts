// The tool page of the seed article: facts, four buttons, tabs "Våra licenser" / "Licenspooler",
// each with a Sök field, an "x/y tilldelade" counter, "Dra tillbaka", and the license table
// Licenser | Tilldelad | Antal | Licenstid | Tillgänglighet | Hantering. The gear opens the
// withdraw dialog. The table is a <table> or, with --markup grid, an ARIA grid of divs.
import type { License, Pool, Role, ToolDetail } from '../../../../../src/shared/model.ts';
import { type Ctx, errorMessage } from '../context.ts';
import { h } from '../dom.ts';
import { kit, type TableKit } from '../grid.ts';
import {
  arrangeLicenseCells,
  label as labelled,
  licenseHeaderLabels,
  MUTATE,
  wrap,
  wrapContent,
} from '../mutations.ts';
import { s } from '../styles.ts';
import { openWithdrawDialog } from './withdraw-dialog.ts';

const ICON = { SINGLE: '👤', CLASS: '👥', SCHOOL: '🏫', POOL: '🗂️' } as const;

/** Dates are compared as YYYY-MM-DD strings. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

interface Panel {
  element: HTMLElement;
  update(detail: ToolDetail): void;
}

export function renderToolPage(ctx: Ctx, main: HTMLElement, toolId: string): void {
  const { t } = ctx.lang;
  const crumbName = h('span', {}, '');
  main.append(
    h(
      'nav',
      { class: s.breadcrumb, attrs: { 'aria-label': t.breadcrumb } },
      h('a', { class: s.link, attrs: { href: ctx.listHref } }, t.tools),
      h('span', { attrs: { 'aria-hidden': 'true' } }, '/'),
      crumbName,
    ),
  );
  const holder = h('div', {}, h('p', { class: s.muted }, t.loading));
  main.append(holder);

  void (async () => {
    let detail: ToolDetail;
    try {
      detail = await ctx.api.getTool(toolId);
    } catch (error) {
      if (ctx.alive()) holder.replaceChildren(errorMessage(ctx, error));
      return;
    }
    if (!ctx.alive()) return;
    crumbName.textContent = detail.tool.name;
    document.title = `${detail.tool.name} – Skolon`;

    const refresh = async (): Promise<void> => {
      try {
        const next = await ctx.api.getTool(toolId);
        if (!ctx.alive()) return;
        detail = next;
        for (const panel of panels) panel.update(detail);
      } catch (error) {
        if (ctx.alive()) alert.replaceChildren(errorMessage(ctx, error));
      }
    };

    const alert = h('div');
    const panels: Panel[] = [
      licensePanel(ctx, detail, refresh, alert, t.ourLicenses),
      poolPanel(ctx, detail, refresh, alert, t.licensePools),
    ];
    const tabButtons = [t.ourLicenses, t.licensePools].map((label, index) =>
      h(
        'button',
        {
          class: s.tab,
          attrs: { type: 'button', role: 'tab', 'aria-selected': index === 0 ? 'true' : 'false' },
          on: { click: () => select(index) },
        },
        label,
      ),
    );
    const select = (index: number) => {
      tabButtons.forEach((button, i) => {
        button.setAttribute('aria-selected', i === index ? 'true' : 'false');
        button.tabIndex = i === index ? 0 : -1;
      });
      panels.forEach((panel, i) => {
        panel.element.hidden = i !== index;
      });
    };
    select(0);

    holder.replaceChildren(
      factsCard(ctx, detail),
      h(
        'div',
        { class: s.card },
        h('div', { class: s.tabs, attrs: { role: 'tablist' } }, ...tabButtons),
        alert,
        ...panels.map((panel) => panel.element),
      ),
    );
  })();
}

function factsCard(ctx: Ctx, detail: ToolDetail): HTMLElement {
  const { t } = ctx.lang;
  const tool = detail.tool as ToolDetail['tool'] & { subject?: unknown; compatibility?: unknown };
  const extra = (value: unknown) =>
    Array.isArray(value)
      ? value.filter((v) => typeof v === 'string').join(', ')
      : typeof value === 'string'
        ? value
        : '';
  const facts: [string, string][] = [
    [t.licenseType, ctx.lang.toolType(tool.toolType)],
    [t.supplier, tool.supplier ?? ''],
    [t.compatibility, extra(tool.compatibility)],
    [t.subject, extra(tool.subject)],
    [t.grade, (tool.grades ?? []).join(', ')],
    [t.category, tool.category ?? ''],
    [t.dataSharing, t.dataSharingValue],
  ];
  const noop = () => {};
  return h(
    'div',
    { class: s.card },
    h('h1', { class: s.h1 }, tool.name),
    h(
      'div',
      { class: s.facts },
      ...facts.flatMap(([label, value]) => [
        h('span', { class: s.factLabel }, `${label}:`),
        h('span', { class: s.factValue }, value),
      ]),
    ),
    h(
      'div',
      { class: s.actions },
      ...[t.manageGroups, t.manageLicenses, t.showInLibrary, t.buyLicenses].map((label, i) =>
        h(
          'button',
          { class: i === 3 ? s.primary : s.secondary, attrs: { type: 'button' }, on: { click: noop } },
          label,
        ),
      ),
    ),
  );
}

function tableHead(ctx: Ctx, T: TableKit): HTMLElement | null {
  const { t } = ctx.lang;
  const labels = licenseHeaderLabels(ctx.lang.locale, [
    t.licenses,
    t.assignedTo,
    t.quantity,
    t.licensePeriod,
    t.availability,
    t.manage,
  ]);
  return labels ? T.head(...arrangeLicenseCells(labels.map((label) => T.headerCell({}, label)))) : null;
}

/** A license table row, its cells in the page's column order (--mutate). */
function licenseRow(T: TableKit, ...cells: HTMLElement[]): HTMLElement {
  return T.row(s.tr, ...arrangeLicenseCells(cells.map(wrapContent)));
}

function dateCell(T: TableKit, validUntil: string): HTMLElement {
  const expired = validUntil < today();
  const expiring = !expired && validUntil <= inDays(30);
  return T.cell(
    { class: expired ? s.expiredDate : undefined },
    validUntil,
    expiring ? h('span', { class: s.redDot, attrs: { 'aria-hidden': 'true' } }) : null,
  );
}

function gearButton(ctx: Ctx, open: (button: HTMLButtonElement) => void): HTMLButtonElement {
  const button = h('button', {
    class: s.gear,
    attrs: {
      type: 'button',
      'aria-label': labelled(ctx.lang.t.manageButton),
      title: labelled(ctx.lang.t.manageButton),
    },
  });
  button.textContent = '⚙️';
  button.addEventListener('click', () => open(button));
  return button;
}

/** A tab panel: toolbar (Sök, counter, Dra tillbaka), an alert line, and the table. */
function panelShell(ctx: Ctx, label: string) {
  const { t } = ctx.lang;
  const search = h('input', {
    class: s.search,
    attrs: {
      type: 'search',
      placeholder: t.search,
      'aria-label': labelled(`${t.search}: ${label}`),
      autocomplete: 'off',
    },
  });
  const counter = h('span', { class: s.counter });
  const withdraw = h('button', { class: s.primary, attrs: { type: 'button' } }, t.withdraw);
  const T = kit(ctx.modes.markup);
  const tbody = T.body();
  // --mutate duplicated-tables: a hidden responsive copy of the table comes first.
  const copy = MUTATE === 'duplicated-tables' ? T.body() : null;
  // The page's table styles set `display`, so the copy hides inside a wrapper of its own.
  const copyTable = copy
    ? h('div', { attrs: { hidden: '' } }, T.table(s.table, tableHead(ctx, T), copy))
    : null;
  const element = h(
    'div',
    { attrs: { role: 'tabpanel', 'aria-label': labelled(label) } },
    h('div', { class: s.toolbar }, search, counter, h('span', { class: s.spacer }), withdraw),
    copyTable ? wrap(copyTable) : null,
    wrap(T.table(s.table, tableHead(ctx, T), tbody)),
  );
  const setRows = (fragment: DocumentFragment) => {
    tbody.replaceChildren(fragment);
    copy?.replaceChildren(...Array.from(tbody.children, (row) => row.cloneNode(true)));
  };
  const filter = () => {
    const needle = search.value.trim().toLocaleLowerCase();
    for (const row of T.rows(tbody)) {
      row.hidden = needle !== '' && !(row.textContent ?? '').toLocaleLowerCase().includes(needle);
    }
  };
  search.addEventListener('input', filter);
  return { element, counter, withdraw, tbody, setRows, filter, T };
}

function emptyRow(T: TableKit, text: string): HTMLElement {
  return T.row(undefined, T.cell({ class: s.empty, colspan: 6 }, text));
}

function licensePanel(
  ctx: Ctx,
  initial: ToolDetail,
  refresh: () => Promise<void>,
  alert: HTMLElement,
  label: string,
): Panel {
  const { t } = ctx.lang;
  const shell = panelShell(ctx, label);
  const { T } = shell;
  let detail = initial;
  const own = () => detail.licenses.filter((license) => !license.poolId);

  const open = (button: HTMLButtonElement, licenses: License[]) =>
    openWithdrawDialog(ctx, {
      toolId: detail.tool.id,
      toolName: detail.tool.name,
      subtitle: `${detail.tool.name} · ${[...new Set(licenses.map((l) => ctx.lang.kind(l.kind)))].join(', ')}`,
      licenses: licenses.map((l) => ({ id: l.id, assigned: l.assigned })),
      opener: button,
      onError: (element) => alert.replaceChildren(element),
      onChanged: refresh,
    });
  shell.withdraw.addEventListener('click', () =>
    open(
      shell.withdraw,
      own().filter((l) => l.kind !== 'SCHOOL' && l.assigned > 0),
    ),
  );

  const update = (next: ToolDetail) => {
    detail = next;
    const licenses = own();
    const counted = licenses.filter((l) => l.kind !== 'SCHOOL');
    const assigned = counted.reduce((sum, l) => sum + l.assigned, 0);
    const seats = counted.reduce((sum, l) => sum + l.seats, 0);
    shell.counter.textContent = ctx.lang.counter(assigned, seats);
    shell.withdraw.disabled = assigned === 0;

    const fragment = document.createDocumentFragment();
    for (const license of licenses) {
      const kindCell = () =>
        T.cell(
          {},
          h('span', { class: s.icon[license.kind] }, ICON[license.kind]),
          ' ',
          ctx.lang.kind(license.kind),
        );
      const roles = ctx.lang.roles(license.availableTo as Role[]);
      if (license.kind === 'SCHOOL') {
        fragment.append(
          licenseRow(
            T,
            kindCell(),
            T.cell({}, t.wholeSchool),
            T.cell({}, '–'),
            dateCell(T, license.validUntil),
            T.cell({}, roles),
            T.cell({}),
          ),
        );
        continue;
      }
      const free = Math.max(0, license.seats - license.assigned);
      if (free > 0 || license.assigned === 0) {
        fragment.append(
          licenseRow(
            T,
            kindCell(),
            T.cell({}, t.notAssigned),
            T.cell({}, ctx.lang.pieces(free)),
            dateCell(T, license.validUntil),
            T.cell({}, roles),
            T.cell({ class: s.muted }, t.assignedState),
          ),
        );
      }
      if (license.assigned > 0) {
        fragment.append(
          licenseRow(
            T,
            kindCell(),
            T.cell(
              {},
              license.kind === 'CLASS'
                ? ctx.lang.classCount(license.assigned)
                : ctx.lang.users(license.assigned),
            ),
            T.cell({}, ctx.lang.pieces(license.assigned)),
            dateCell(T, license.validUntil),
            T.cell({}, roles),
            T.cell(
              {},
              gearButton(ctx, (button) => open(button, [license])),
            ),
          ),
        );
      }
    }
    if (licenses.length === 0) fragment.append(emptyRow(T, t.noRows));
    shell.setRows(fragment);
    shell.filter();
  };
  update(initial);
  return { element: shell.element, update };
}

function poolPanel(
  ctx: Ctx,
  initial: ToolDetail,
  refresh: () => Promise<void>,
  alert: HTMLElement,
  label: string,
): Panel {
  const { t } = ctx.lang;
  const shell = panelShell(ctx, label);
  const { T } = shell;
  let detail = initial;

  const licensesOf = (pool: Pool) => detail.licenses.filter((l) => pool.licenseIds.includes(l.id));
  const open = (button: HTMLButtonElement, pools: Pool[]) =>
    openWithdrawDialog(ctx, {
      toolId: detail.tool.id,
      toolName: detail.tool.name,
      subtitle: `${detail.tool.name} · ${pools.map((p) => p.name).join(', ')}`,
      licenses: pools
        .flatMap((p) => p.licenseIds)
        .map((id) => ({ id, assigned: detail.licenses.find((l) => l.id === id)?.assigned ?? 0 })),
      opener: button,
      onError: (element) => alert.replaceChildren(element),
      onChanged: refresh,
    });
  shell.withdraw.addEventListener('click', () =>
    open(
      shell.withdraw,
      detail.pools.filter((p) => p.assigned > 0),
    ),
  );

  const update = (next: ToolDetail) => {
    detail = next;
    const assigned = detail.pools.reduce((sum, p) => sum + p.assigned, 0);
    const seats = detail.pools.reduce((sum, p) => sum + p.seats, 0);
    shell.counter.textContent = ctx.lang.counter(assigned, seats);
    shell.withdraw.disabled = assigned === 0;
    const fragment = document.createDocumentFragment();
    for (const pool of detail.pools) {
      const licenses = licensesOf(pool);
      const dates = licenses.map((l) => l.validUntil).sort();
      const roles = [...new Set(licenses.flatMap((l) => l.availableTo))] as Role[];
      const classOnly = licenses.length > 0 && licenses.every((l) => l.kind === 'CLASS');
      fragment.append(
        licenseRow(
          T,
          T.cell({}, h('span', { class: s.icon.POOL }, ICON.POOL), ' ', pool.name),
          T.cell({}, classOnly ? ctx.lang.classCount(pool.assigned) : ctx.lang.users(pool.assigned)),
          T.cell({}, ctx.lang.pieces(pool.seats)),
          dates[0] ? dateCell(T, dates[0]) : T.cell({}),
          T.cell({}, ctx.lang.roles(roles)),
          T.cell({}, pool.assigned > 0 ? gearButton(ctx, (button) => open(button, [pool])) : null),
        ),
      );
    }
    if (detail.pools.length === 0) fragment.append(emptyRow(T, t.noRows));
    shell.setRows(fragment);
    shell.filter();
  };
  update(initial);
  return { element: shell.element, update };
}
