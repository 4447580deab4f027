// @vitest-environment happy-dom
// The two markups of the page's lists: real tables and checkboxes, or ARIA grids of divs with
// role=checkbox that toggle on click and on Space.
import { describe, expect, it } from 'vitest';
import { checkbox, isChecked, kit, onToggle } from './client/grid.ts';

describe('kit()', () => {
  it('builds a <table> for table markup and a role=grid of divs for grid markup', () => {
    for (const markup of ['table', 'grid'] as const) {
      const T = kit(markup);
      const body = T.body();
      const table = T.table('x', T.head(T.headerCell({}, 'Namn')), body);
      body.append(T.row('r', T.cell({}, 'Åsa'), T.cell({ colspan: 2 }, '–')));
      document.body.replaceChildren(table);
      if (markup === 'table') {
        expect(table.tagName).toBe('TABLE');
        expect(document.querySelectorAll('th[scope="col"]').length).toBe(1);
        expect(document.querySelector('td[colspan="2"]')).not.toBeNull();
      } else {
        expect(table.tagName).toBe('DIV');
        expect(table.getAttribute('role')).toBe('grid');
        expect(document.querySelectorAll('table, tr, td, th').length).toBe(0);
        expect(document.querySelectorAll('[role="columnheader"]').length).toBe(1);
        expect(document.querySelectorAll('[role="row"]').length).toBe(2);
        expect(document.querySelector('[role="gridcell"][aria-colspan="2"]')).not.toBeNull();
      }
      expect(T.rows(body)).toHaveLength(1);
    }
  });
});

describe('checkbox() and onToggle()', () => {
  it('grid: a focusable role=checkbox that toggles on click and Space, and says mixed', () => {
    const box = checkbox('grid', 'Markera Åsa');
    const container = document.createElement('div');
    container.append(box.element);
    document.body.replaceChildren(container);
    const toggled: boolean[] = [];
    onToggle(container, (el) => toggled.push(isChecked(el)));
    expect(box.element.tagName).toBe('DIV');
    expect(box.element.getAttribute('role')).toBe('checkbox');
    expect(box.element.getAttribute('tabindex')).toBe('0');
    expect(box.element.getAttribute('aria-checked')).toBe('false');
    box.element.click();
    expect(box.checked).toBe(true);
    box.element.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(box.element.getAttribute('aria-checked')).toBe('false');
    box.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(toggled).toEqual([true, false]);
    box.indeterminate = true;
    expect(box.element.getAttribute('aria-checked')).toBe('mixed');
    box.element.click();
    expect(box.element.getAttribute('aria-checked')).toBe('true');
    box.disabled = true;
    box.element.click();
    expect(box.checked).toBe(true);
    expect(box.element.getAttribute('aria-disabled')).toBe('true');
    expect(toggled).toEqual([true, false, true]);
  });

  it('table: an <input type=checkbox> reported through change', () => {
    const box = checkbox('table', 'Markera Åsa');
    const container = document.createElement('div');
    container.append(box.element);
    document.body.replaceChildren(container);
    const toggled: boolean[] = [];
    onToggle(container, (el) => toggled.push(isChecked(el)));
    expect(box.element).toBeInstanceOf(HTMLInputElement);
    (box.element as HTMLInputElement).click();
    expect(toggled).toEqual([true]);
  });
});
