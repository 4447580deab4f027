// Verktygshantering: every tool of the school, with a search field that asks the API (`q`).
import type { Tool } from '../../../../../src/shared/model.ts';
import { type Ctx, errorMessage } from '../context.ts';
import { h } from '../dom.ts';
import { s } from '../styles.ts';

export function renderToolList(ctx: Ctx, main: HTMLElement): void {
  const { t } = ctx.lang;
  const tbody = h('tbody');
  const status = h('div');
  const search = h('input', {
    class: s.search,
    attrs: { type: 'search', placeholder: t.search, 'aria-label': t.searchTools, autocomplete: 'off' },
  });
  const table = h(
    'table',
    { class: s.table },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { class: s.th, attrs: { scope: 'col' } }, t.name),
        h('th', { class: s.th, attrs: { scope: 'col' } }, t.supplier),
        h('th', { class: s.th, attrs: { scope: 'col' } }, t.licenseType),
        h('th', { class: s.th, attrs: { scope: 'col' } }, t.licenses),
      ),
    ),
    tbody,
  );
  main.append(
    h('h1', { class: s.h1 }, t.toolManagement),
    h('div', { class: s.card }, h('div', { class: s.toolbar }, search), status, table),
  );

  let generation = 0;
  const load = async (q: string) => {
    const mine = ++generation;
    table.setAttribute('aria-busy', 'true');
    try {
      const tools = await ctx.api.listTools(q);
      if (mine !== generation || !ctx.alive()) return;
      status.replaceChildren();
      tbody.replaceChildren(rows(ctx, tools));
    } catch (error) {
      if (mine !== generation || !ctx.alive()) return;
      status.replaceChildren(errorMessage(ctx, error));
    } finally {
      if (mine === generation) table.removeAttribute('aria-busy');
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(search.value), 200);
  });
  void load('');
}

function rows(ctx: Ctx, tools: Tool[]): DocumentFragment {
  const { t } = ctx.lang;
  const fragment = document.createDocumentFragment();
  if (tools.length === 0) {
    fragment.append(
      h('tr', {}, h('td', { class: `${s.td} ${s.empty}`, attrs: { colspan: '4' } }, t.noTools)),
    );
    return fragment;
  }
  const collator = new Intl.Collator(ctx.lang.locale);
  for (const tool of [...tools].sort((a, b) => collator.compare(a.name, b.name))) {
    fragment.append(
      h(
        'tr',
        { class: s.tr },
        h(
          'td',
          { class: s.td },
          h('a', { class: s.link, attrs: { href: ctx.toolHref(tool.id) } }, tool.name),
        ),
        h('td', { class: s.td }, tool.supplier ?? ''),
        h('td', { class: s.td }, ctx.lang.toolType(tool.toolType)),
        h('td', { class: `${s.td} ${s.muted}` }, ctx.lang.counter(tool.assigned, tool.seats)),
      ),
    );
  }
  return fragment;
}
