// A uniform reading of a table, whether it is an HTML <table> or a div grid with ARIA roles:
// its header cells, its body rows and the cells of a row. Reads only; never writes.
import { fold } from '../../shared/fold.ts';
import { matchesList, queryList, ROW } from './selectors.ts';

export interface TableModel {
  element: HTMLElement;
  header: HTMLElement[];
  rows: HTMLElement[];
}

/** The roles of a cell (besides th and td): `th,td,[role="cell"],[role="gridcell"],…` as a test. */
const CELL_ROLES = new Set(['cell', 'gridcell', 'columnheader', 'rowheader']);

/**
 * A cell of `row`: a td or th child of a table row (what `row.cells` holds), else a child that is a
 * th, a td or has a cell's role. Tag and attribute tests rather than a selector: this runs for every
 * row of a dialog on every read (the selector and `Array.from(row.cells)` were a quarter of a read).
 */
function isCell(child: Element, tableRow: boolean): child is HTMLElement {
  const tag = child.tagName;
  if (tag === 'TD' || tag === 'TH') return true;
  return !tableRow && child instanceof HTMLElement && CELL_ROLES.has(child.getAttribute('role') ?? '');
}

export function cellsOf(row: HTMLElement): HTMLElement[] {
  const tableRow = row instanceof HTMLTableRowElement;
  const cells: HTMLElement[] = [];
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) if (isCell(c, tableRow)) cells.push(c);
  return cells;
}

/**
 * Is every cell of `row` a header cell (th, columnheader)? null for a row without cells. The cells
 * are those of cellsOf; it stops at the first that is not a header (a body row: at its first cell),
 * without building the list: it runs for every row of a 5,000-row dialog on every read.
 */
export function allHeaderCells(row: HTMLElement): boolean | null {
  const tableRow = row instanceof HTMLTableRowElement;
  let any = false;
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) {
    if (!isCell(c, tableRow)) continue;
    if (c.tagName !== 'TH' && c.getAttribute('role') !== 'columnheader') return false;
    any = true;
  }
  return any ? true : null;
}

function isHeaderRow(row: HTMLElement): boolean {
  return allHeaderCells(row) === true && (row.parentElement?.tagName === 'THEAD' || !row.closest('tbody'));
}

/** Rows that belong to this table and not to a table nested inside it. */
function ownRows(table: HTMLElement): HTMLElement[] {
  if (table instanceof HTMLTableElement) return Array.from(table.rows);
  return queryList<HTMLElement>(table, ROW).filter((row) => {
    const owner = row.parentElement?.closest('table,[role="table"],[role="grid"],[role="treegrid"]');
    return owner === table;
  });
}

/**
 * The header cells alone, without reading every row: header rows come first, so only the first
 * few are looked at. Recognition checks the labels here before it reads a large table whole.
 */
export function headerOf(table: HTMLElement): HTMLElement[] {
  // The first row only, and its header siblings: table.rows or querySelectorAll touch every row.
  const selector = table instanceof HTMLTableElement ? 'tr' : '[role="row"]';
  const first = table.querySelector<HTMLElement>(selector);
  if (!first || !isHeaderRow(first)) return [];
  let last = first;
  for (let next = first.nextElementSibling; next instanceof HTMLElement; next = next.nextElementSibling) {
    if (!next.matches(selector) || !isHeaderRow(next)) break;
    last = next;
  }
  return cellsOf(last);
}

export function readTable(table: HTMLElement): TableModel {
  const all = ownRows(table);
  const headerRows = all.filter(isHeaderRow);
  const header = headerRows.length > 0 ? cellsOf(headerRows[headerRows.length - 1] as HTMLElement) : [];
  const rows = all.filter((row) => !headerRows.includes(row) && matchesList(row, ROW));
  return { element: table, header, rows };
}

/** An element's text (hidden parts included), folded for comparison with the vocabulary. */
function textOf(element: Element | null | undefined): string {
  return fold(element?.textContent ?? '');
}

/**
 * Maps each header cell to a meaning by its label: the index of every column we know.
 * A column whose label we do not know is left out; the caller decides how many must be known.
 */
export function mapColumns<K extends string>(
  header: HTMLElement[],
  vocabulary: Record<K, Set<string>>,
): Partial<Record<K, number>> {
  const map: Partial<Record<K, number>> = {};
  header.forEach((cell, index) => {
    const label = textOf(cell);
    for (const [key, words] of Object.entries(vocabulary) as [K, Set<string>][]) {
      if (map[key] === undefined && words.has(label)) {
        map[key] = index;
        break;
      }
    }
  });
  return map;
}
