// The two markups of the page's lists (--markup): real tables (<table>, <th>, <td>,
// <input type=checkbox>) or ARIA grids of divs (role=grid, row, columnheader, gridcell and
// role=checkbox with aria-checked), as component libraries render them. Both look the same.
import type { Markup } from '../../modes.ts';
import { type Child, h } from './dom.ts';
import { s } from './styles.ts';

interface CellOptions {
  class?: string;
  colspan?: number;
  /** Header cells: a fixed width (the grid has no <colgroup>). */
  width?: string;
}

export interface TableKit {
  readonly markup: Markup;
  table(className: string, ...children: Child[]): HTMLElement;
  head(...cells: HTMLElement[]): HTMLElement;
  body(): HTMLElement;
  row(className: string | undefined, ...cells: Child[]): HTMLElement;
  headerCell(options: CellOptions, ...children: Child[]): HTMLElement;
  cell(options: CellOptions, ...children: Child[]): HTMLElement;
  /** The data rows of a body. */
  rows(body: HTMLElement): HTMLElement[];
}

const join = (...names: (string | undefined)[]) => names.filter(Boolean).join(' ');

const tableKit: TableKit = {
  markup: 'table',
  table: (className, ...children) => h('table', { class: className }, ...children),
  head: (...cells) => h('thead', {}, h('tr', {}, ...cells)),
  body: () => h('tbody'),
  row: (className, ...cells) => h('tr', { class: className }, ...cells),
  headerCell: (o, ...children) =>
    h('th', { class: join(s.th, o.class), attrs: { scope: 'col' } }, ...children),
  cell: (o, ...children) =>
    h(
      'td',
      { class: join(s.td, o.class), attrs: { colspan: o.colspan ? String(o.colspan) : undefined } },
      ...children,
    ),
  rows: (body) => Array.from(body.children) as HTMLElement[],
};

const gridKit: TableKit = {
  markup: 'grid',
  table: (className, ...children) =>
    h('div', { class: join(className, s.grid), attrs: { role: 'grid' } }, ...children),
  head: (...cells) =>
    h(
      'div',
      { class: s.gridHead, attrs: { role: 'rowgroup' } },
      h('div', { class: s.gridRow, attrs: { role: 'row' } }, ...cells),
    ),
  body: () => h('div', { class: s.gridBody, attrs: { role: 'rowgroup' } }),
  row: (className, ...cells) =>
    h(
      'div',
      { class: join(s.gridRow, className ? s.gridHover : undefined), attrs: { role: 'row' } },
      ...cells,
    ),
  headerCell: (o, ...children) =>
    h(
      'div',
      {
        class: join(s.gridCell, s.th, o.class),
        attrs: { role: 'columnheader', style: o.width ? `width:${o.width}` : undefined },
      },
      ...children,
    ),
  cell: (o, ...children) =>
    h(
      'div',
      {
        class: join(s.gridCell, s.td, o.class),
        attrs: { role: 'gridcell', 'aria-colspan': o.colspan ? String(o.colspan) : undefined },
      },
      ...children,
    ),
  rows: (body) => Array.from(body.children) as HTMLElement[],
};

export function kit(markup: Markup): TableKit {
  return markup === 'grid' ? gridKit : tableKit;
}

/** A checkbox of either markup. `change` listeners run when the user toggles it (click or Space). */
export interface Check {
  readonly element: HTMLElement;
  checked: boolean;
  indeterminate: boolean;
  disabled: boolean;
}

export function checkbox(markup: Markup, label: string, title?: string): Check {
  if (markup === 'table') {
    const input = h('input', {
      class: s.checkbox,
      attrs: { type: 'checkbox', 'aria-label': label, title },
    });
    return {
      element: input,
      get checked() {
        return input.checked;
      },
      set checked(on: boolean) {
        input.checked = on;
      },
      get indeterminate() {
        return input.indeterminate;
      },
      set indeterminate(on: boolean) {
        input.indeterminate = on;
      },
      get disabled() {
        return input.disabled;
      },
      set disabled(on: boolean) {
        input.disabled = on;
      },
    };
  }
  const box = h('div', {
    class: s.ariaCheckbox,
    attrs: { role: 'checkbox', 'aria-checked': 'false', tabindex: '0', 'aria-label': label, title },
  });
  let mixed = false;
  const isOn = () => box.getAttribute('aria-checked') === 'true';
  return {
    element: box,
    get checked() {
      return isOn();
    },
    set checked(on: boolean) {
      box.setAttribute('aria-checked', on ? 'true' : mixed ? 'mixed' : 'false');
    },
    get indeterminate() {
      return mixed;
    },
    set indeterminate(on: boolean) {
      mixed = on;
      if (!isOn()) box.setAttribute('aria-checked', on ? 'mixed' : 'false');
    },
    get disabled() {
      return box.getAttribute('aria-disabled') === 'true';
    },
    set disabled(on: boolean) {
      if (on) box.setAttribute('aria-disabled', 'true');
      else box.removeAttribute('aria-disabled');
      box.tabIndex = on ? -1 : 0;
    },
  };
}

/**
 * Calls `toggle(element)` when the user toggles a checkbox inside `container`: `change` of an
 * <input type=checkbox>, or click / Space on a role=checkbox (which flips its aria-checked first).
 */
export function onToggle(container: HTMLElement, toggle: (element: HTMLElement) => void): void {
  container.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'checkbox') toggle(event.target);
  });
  const flip = (event: Event) => {
    const box = event.target instanceof Element ? event.target.closest('[role="checkbox"]') : null;
    if (!(box instanceof HTMLElement) || !container.contains(box)) return;
    if (box.getAttribute('aria-disabled') === 'true') return;
    event.preventDefault();
    box.setAttribute('aria-checked', box.getAttribute('aria-checked') === 'true' ? 'false' : 'true');
    toggle(box);
  };
  container.addEventListener('click', flip);
  container.addEventListener('keydown', (event) => {
    if (event.key === ' ' || event.key === 'Spacebar') flip(event);
  });
}

/** Whether a checkbox element of either markup is ticked. */
export function isChecked(element: HTMLElement): boolean {
  return element instanceof HTMLInputElement
    ? element.checked
    : element.getAttribute('aria-checked') === 'true';
}

export function setChecked(element: HTMLElement, on: boolean): void {
  if (element instanceof HTMLInputElement) element.checked = on;
  else element.setAttribute('aria-checked', String(on));
}
