// The one module that knows what Skolon's tool license page looks like (its withdraw dialog:
// dialog.ts, loaded once a page is recognised). Every feature asks here; none reads the page's
// structure itself. Recognition is by structure first (a table with a header row, tabs), then
// confirmed by labels in sv, nb or en (vocabulary.ts), never by class names. It only reads: the
// DOM is never changed here.
import { fold } from '../../shared/fold.ts';
import { BUTTON, queryList, TAB, TABLE } from './selectors.ts';
import { cellsOf, headerOf, mapColumns, readTable } from './table.ts';
import {
  COUNTER,
  COUNTER_WORD,
  LICENSE_COLUMNS,
  type LicenseColumn,
  matches,
  roleOf,
  TABS,
} from './vocabulary.ts';

export type Recognition<T> = { ok: true; value: T } | { ok: false; reason: string };

// ---------------------------------------------------------------------------------------------
// The tool page: license tables, tabs, counters

export interface LicenseRow {
  element: HTMLElement;
  /** "Singellicenser", "Klasslicenser", or a pool's name on the Licenspooler tab. */
  kindText: string;
  assignedText: string;
  validUntil: string | null;
  roles: ('STUDENT' | 'TEACHER' | 'ADMIN')[];
  /** The gear (⚙️) that opens the withdraw dialog; null on rows with nothing assigned. */
  gear: HTMLElement | null;
}

export interface LicenseTable {
  element: HTMLElement;
  columns: Partial<Record<LicenseColumn, number>>;
  rows: LicenseRow[];
  /** The tab panel it sits in, when the page has tabs. */
  panel: HTMLElement | null;
  tab: 'ourLicenses' | 'licensePools' | null;
}

export interface Counter {
  element: HTMLElement;
  assigned: number;
  total: number;
}

export interface LicensePage {
  tables: LicenseTable[];
  tabs: { ourLicenses: HTMLElement | null; licensePools: HTMLElement | null };
  counters: Counter[];
}

/** At least this many of the six column labels must be known (one renamed column is tolerated twice). */
const MIN_KNOWN_LICENSE_COLUMNS = 4;

export function withinOurRoot(element: Element): boolean {
  return element.closest('licenskoll-root') !== null;
}

/** A table's verdict, kept while its first row is the same element with the same text. */
const headerVerdicts = new WeakMap<HTMLElement, { row: Element; text: string; license: boolean }>();

function headerLooksLikeLicenses(table: HTMLElement): boolean {
  // querySelector stops at the first row; table.rows is rebuilt whenever a row is added.
  const row = table.querySelector(table instanceof HTMLTableElement ? 'tr' : '[role="row"]');
  if (!row) return false;
  const text = row.textContent ?? '';
  const known = headerVerdicts.get(table);
  if (known && known.row === row && known.text === text) return known.license;
  const license =
    Object.keys(mapColumns(headerOf(table), LICENSE_COLUMNS)).length >= MIN_KNOWN_LICENSE_COLUMNS;
  headerVerdicts.set(table, { row, text, license });
  return license;
}

function findLicenseTables(root: ParentNode): Omit<LicenseTable, 'panel' | 'tab'>[] {
  const tables: Omit<LicenseTable, 'panel' | 'tab'>[] = [];
  for (const element of queryList<HTMLElement>(root, TABLE)) {
    if (withinOurRoot(element)) continue;
    // The labels first (a few cells), so a large unrelated table is never read whole.
    if (!headerLooksLikeLicenses(element)) continue;
    const model = readTable(element);
    const columns = mapColumns(model.header, LICENSE_COLUMNS);
    if (Object.keys(columns).length < MIN_KNOWN_LICENSE_COLUMNS) continue;
    tables.push({ element, columns, rows: model.rows.map((row) => readLicenseRow(row, columns)) });
  }
  return tables;
}

function readLicenseRow(row: HTMLElement, columns: Partial<Record<LicenseColumn, number>>): LicenseRow {
  const cells = cellsOf(row);
  const cell = (key: LicenseColumn) => {
    const index = columns[key];
    return index === undefined ? undefined : cells[index];
  };
  const period = cell('licensePeriod')?.textContent ?? row.textContent ?? '';
  const manage = cell('manage') ?? row;
  return {
    element: row,
    // The kind cell starts with an icon (👤 or an emoji drawn transparent): letters only matter.
    kindText: (cell('licenses')?.textContent ?? '').replace(/^[^\p{L}\p{N}]+/u, '').trim(),
    assignedText: (cell('assignedTo')?.textContent ?? '').trim(),
    validUntil: /\d{4}-\d{2}-\d{2}/.exec(period)?.[0] ?? null,
    roles: (cell('availability')?.textContent ?? '')
      .split(/[,/]/)
      .map((word) => roleOf(word))
      .filter((r): r is 'STUDENT' | 'TEACHER' | 'ADMIN' => r !== null),
    gear: queryList<HTMLElement>(manage, BUTTON)[0] ?? null,
  };
}

function findTabs(root: ParentNode): LicensePage['tabs'] {
  const tabs: LicensePage['tabs'] = { ourLicenses: null, licensePools: null };
  for (const element of queryList<HTMLElement>(root, TAB)) {
    if (withinOurRoot(element)) continue;
    if (!tabs.ourLicenses && matches(TABS.ourLicenses, element.textContent)) tabs.ourLicenses = element;
    if (!tabs.licensePools && matches(TABS.licensePools, element.textContent)) tabs.licensePools = element;
  }
  return tabs;
}

/**
 * The page's "x/y tilldelade" counters under `root`; with `skip`, none inside that element (page
 * mode reads them around each batch and skips the withdraw dialog's rows: thousands of text nodes
 * that never hold the page's counter).
 */
export function findCounters(root: Node, skip?: Element): Counter[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = skip
    ? doc.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
        acceptNode: (node) =>
          node === skip
            ? NodeFilter.FILTER_REJECT
            : node.nodeType === Node.TEXT_NODE
              ? NodeFilter.FILTER_ACCEPT
              : NodeFilter.FILTER_SKIP,
      })
    : doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const counters: Counter[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const match = COUNTER_WORD.test(text) ? COUNTER.exec(text) : null;
    const element = node.parentElement;
    if (!match || !element || withinOurRoot(element)) continue;
    const number = (s: string | undefined) => Number((s ?? '').replace(/\D/g, ''));
    counters.push({ element, assigned: number(match[1]), total: number(match[2]) });
  }
  return counters;
}

function tabOf(panel: HTMLElement | null, tabs: LicensePage['tabs']): LicenseTable['tab'] {
  if (!panel) return null;
  const label = fold(panel.getAttribute('aria-label') ?? '');
  if (TABS.ourLicenses.has(label)) return 'ourLicenses';
  if (TABS.licensePools.has(label)) return 'licensePools';
  // aria-labelledby / aria-controls link a tab to its panel on most ARIA tab widgets.
  for (const [key, tab] of Object.entries(tabs) as [keyof LicensePage['tabs'], HTMLElement | null][]) {
    if (!tab) continue;
    if (panel.id && tab.getAttribute('aria-controls') === panel.id) return key;
    if (tab.id && panel.getAttribute('aria-labelledby') === tab.id) return key;
  }
  return null;
}

const TABLE_LIKE = 'table,[role="table"],[role="grid"],[role="treegrid"]';

/** The cheap first look on every page change: no table or grid at all means no license page. */
export function mayHoldLicenseTable(root: ParentNode): boolean {
  return root.querySelector(TABLE_LIKE) !== null;
}

/** Labels that only a license page shows (its tabs, its counter), for "not recognised" notices. */
export function labelsHintLicensePage(doc: Document): boolean {
  if (findTabs(doc).ourLicenses) return true;
  const text = doc.body?.textContent ?? '';
  return COUNTER_WORD.test(text) && COUNTER.test(text);
}

/** The tool license page: its license tables (one per tab), its tabs and its counters. */
export function recogniseLicensePage(root: ParentNode & Node): Recognition<LicensePage> {
  const found = findLicenseTables(root);
  if (found.length === 0) return { ok: false, reason: 'no license table (Licenser | Tilldelad | …)' };
  const tabs = findTabs(root);
  const tables = found.map((table) => {
    const panel = table.element.closest<HTMLElement>('[role="tabpanel"]');
    return { ...table, panel, tab: tabOf(panel, tabs) };
  });
  // Tables of tab panels without a label are assigned in order: Våra licenser first.
  const unlabelled = tables.filter((t) => t.panel && t.tab === null);
  if (unlabelled.length === tables.length && tables.length === 2) {
    (tables[0] as LicenseTable).tab = 'ourLicenses';
    (tables[1] as LicenseTable).tab = 'licensePools';
  }
  return { ok: true, value: { tables, tabs, counters: findCounters(root) } };
}

/** The license table row a button (the gear) belongs to, and that table. */
export function licenseRowOf(
  page: LicensePage,
  button: Element,
): { table: LicenseTable; row: LicenseRow; index: number } | null {
  for (const table of page.tables) {
    const index = table.rows.findIndex((row) => row.element.contains(button));
    const row = table.rows[index];
    if (row) return { table, row, index };
  }
  return null;
}

/** The license page, if this document is one: the cheap look first (a table or grid at all), then recognition. */
export function findLicensePage(doc: Document): LicensePage | null {
  if (!mayHoldLicenseTable(doc)) return null;
  const found = recogniseLicensePage(doc);
  return found.ok ? found.value : null;
}
