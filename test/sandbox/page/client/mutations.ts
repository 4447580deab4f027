// --mutate: the license page and its withdraw dialog built differently from what Licenskoll was
// written against (the catalogue and its wording are MUTATIONS in ../../modes.ts). Baked into the
// bundle like the other modes, so nothing in the DOM says which variant this is. Every helper is
// the identity when no mutation (or another one) is chosen.
import type { Locale } from '../../../../src/shared/model.ts';
import type { Mutation } from '../../modes.ts';
import { h } from './dom.ts';
import { MODES } from './modes.ts';

export const MUTATE: Mutation | undefined = MODES.mutate;

/** Column names no vocabulary of Licenskoll's knows, per language. */
const UNKNOWN = {
  sv: {
    licenses: 'Typ av licens',
    assignedTo: 'Innehavare',
    quantity: 'Platser',
    licensePeriod: 'Giltig t.o.m.',
    availability: 'Får användas av',
    manage: 'Åtgärd',
    name: 'Person',
    class: 'Undervisningsgrupp',
    role: 'Behörighet',
  },
  nb: {
    licenses: 'Lisenstype',
    assignedTo: 'Innehavere',
    quantity: 'Plasser',
    licensePeriod: 'Gyldig til',
    availability: 'Kan brukes av',
    manage: 'Handling',
    name: 'Person',
    class: 'Undervisningsgruppe',
    role: 'Tilgang',
  },
  en: {
    licenses: 'Licence type',
    assignedTo: 'Holders',
    quantity: 'Places',
    licensePeriod: 'Expires',
    availability: 'Usable by',
    manage: 'Options',
    name: 'Person',
    class: 'Teaching group',
    role: 'Access',
  },
} as const satisfies Record<Locale, Record<string, string>>;

const LICENSE_KEYS = [
  'licenses',
  'assignedTo',
  'quantity',
  'licensePeriod',
  'availability',
  'manage',
] as const;

/** The license table's header labels (in the page's order, before `arrangeLicenseCells`); null: no header row. */
export function licenseHeaderLabels(locale: Locale, labels: string[]): string[] | null {
  if (MUTATE === 'page-no-header') return null;
  if (MUTATE === 'page-unknown-labels') return LICENSE_KEYS.map((key) => UNKNOWN[locale][key]);
  if (MUTATE === 'renamed-columns') {
    return labels.map((label, i) =>
      i === 0 ? UNKNOWN[locale].licenses : i === 5 ? UNKNOWN[locale].manage : label,
    );
  }
  return labels;
}

/** The license table's cells (header or row) in the page's column order. */
export function arrangeLicenseCells<T>(cells: T[]): T[] {
  if (MUTATE !== 'reordered-columns' || cells.length !== 6) return cells;
  // Hantering | Licenstid | Licenser | Antal | Tillgänglighet | Tilldelad
  return [5, 3, 0, 2, 4, 1].map((i) => cells[i] as T);
}

/** The dialog's column labels (user rows: name, email, class, role; class rows: class, members). */
export function dialogLabels(locale: Locale, classMode: boolean, labels: string[]): string[] {
  if (MUTATE !== 'renamed-columns') return labels;
  const u = UNKNOWN[locale];
  return classMode ? [u.class, labels[1] ?? ''] : [u.name, labels[1] ?? '', u.class, u.role];
}

/** The dialog's cells (checkbox first, then the text columns) in the page's order. */
export function arrangeDialogCells<T>(cells: T[]): T[] {
  if (MUTATE !== 'reordered-columns' || cells.length < 3) return cells;
  // The checkbox last, and the first two text columns swapped (the email before the name).
  const [box, first, second, ...rest] = cells as [T, T, T, ...T[]];
  return [second, first, ...rest, box];
}

export const dialogHasHeader = (): boolean => MUTATE !== 'dialog-no-header';

/** A label, or nothing when labels are removed. */
export function label(value: string | undefined): string | undefined {
  return MUTATE === 'removed-labels' ? undefined : value;
}

/** Extra wrappers around an element (a table, a dialog body). */
export function wrap(element: HTMLElement): HTMLElement {
  if (MUTATE !== 'wrappers') return element;
  return h('div', {}, h('div', { attrs: { role: 'presentation' } }, h('section', {}, element)));
}

/** A cell's content inside extra wrappers. */
export function wrapContent(cell: HTMLElement): HTMLElement {
  if (MUTATE !== 'wrappers' || cell.childNodes.length === 0) return cell;
  const inner = h('span');
  inner.append(...Array.from(cell.childNodes));
  cell.append(h('div', {}, h('span', {}, inner)));
  return cell;
}

const outer = new WeakMap<HTMLElement, HTMLElement>();

/** A grid row as the body holds it: inside a wrapper of its own with --mutate wrappers. */
export function rowHolder(row: HTMLElement, grid: boolean): HTMLElement {
  if (MUTATE !== 'wrappers' || !grid) return row;
  const holder = h('div', { attrs: { role: 'presentation' } }, row);
  outer.set(row, holder);
  return holder;
}

/** Removes a row together with its wrapper. */
export function removeRow(row: HTMLElement): void {
  (outer.get(row) ?? row).remove();
}

/** --mutate stale-dialog: a closed dialog is hidden by style and left where it is. */
export const keepsClosedDialogs = (): boolean => MUTATE === 'stale-dialog';

export const DIALOG_DELAY_MS = MUTATE === 'late-dialog' ? 10_500 : 0;

export const rerenders = (): 'keyed' | 'in-place' | null =>
  MUTATE === 'rerender-keyed' ? 'keyed' : MUTATE === 'rerender-in-place' ? 'in-place' : null;

/** How often the dialog's rows are re-rendered by themselves (a live list), besides after each tick. */
export const RERENDER_EVERY_MS = 1_000;
