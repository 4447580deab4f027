// The one module that knows what Skolon's tool license page looks like. Every feature asks here;
// none reads the page's structure itself. Recognition is by structure first (a table with a
// header row, tabs, a modal holding checkboxes), then confirmed by labels in sv, nb or en
// (vocabulary.ts), never by class names. It only reads: the DOM is never changed here.
import { fold } from '../../shared/fold.ts';
import { BUTTON, CHECKBOX, DIALOG, matchesList, queryAny, queryList, ROW, TAB, TABLE } from './selectors.ts';
import { allHeaderCells, cellsOf, headerOf, isRowBody, mapColumns, readTable } from './table.ts';
import {
  CLOSE,
  COUNTER,
  COUNTER_WORD,
  DIALOG_COLUMNS,
  type DialogColumn,
  INACTIVE,
  LICENSE_COLUMNS,
  type LicenseColumn,
  matches,
  roleOf,
  TABS,
  WITHDRAW,
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

interface Counter {
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

function withinOurRoot(element: Element): boolean {
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

// ---------------------------------------------------------------------------------------------
// The withdraw dialog

export interface DialogRow {
  element: HTMLElement;
  checkbox: HTMLInputElement | HTMLElement;
  /** A person's name, or a class's name when the dialog lists classes. */
  name: string;
  email: string;
  classes: string[];
  role: 'STUDENT' | 'TEACHER' | 'ADMIN' | null;
  /** The page marks the person as having left (a badge such as "Inaktiv"). */
  inactive: boolean;
  members: number | null;
}

export interface WithdrawDialog {
  element: HTMLElement;
  kind: 'users' | 'classes';
  withdrawButton: HTMLElement;
  closeButton: HTMLElement | null;
  selectAll: HTMLInputElement | HTMLElement | null;
  rows: DialogRow[];
  /** The element that scrolls the rows (for keeping the focused row in view). */
  table: HTMLElement | null;
}

function labelOf(element: HTMLElement): string {
  return element.getAttribute('aria-label') || element.getAttribute('title') || element.textContent || '';
}

function buttonsLabelled(root: ParentNode, words: Set<string>): HTMLElement[] {
  return queryAny<HTMLElement>(root, BUTTON).filter((b) => !withinOurRoot(b) && matches(words, labelOf(b)));
}

/** The buttons among `buttons` labelled with one of `words`. */
export function labelled(buttons: HTMLElement[], words: Set<string>): HTMLElement[] {
  return buttons.filter((b) => matches(words, labelOf(b)));
}

/**
 * A dialog's buttons outside its rows, in document order: a tbody or row group of many rows is
 * skipped whole (a row's own button is never the dialog's withdraw, close or "Visa fler"). Two
 * selector queries over every element of a 1,000-row dialog were a quarter of each read of it.
 */
export function dialogButtons(dialog: HTMLElement): HTMLElement[] {
  const found: HTMLElement[] = [];
  const walker = dialog.ownerDocument.createTreeWalker(dialog, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => (isRowBody(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof HTMLElement && matchesList(node, BUTTON) && !withinOurRoot(node)) found.push(node);
  }
  return found;
}

/**
 * Dialog candidates, newest markup first: native <dialog>, ARIA dialogs, aria-modal; and last a
 * structural fallback for a modal without any of those: the nearest ancestor of a withdraw
 * button that also holds checkboxes.
 */
/**
 * A dialog a person can see: not `hidden`, not a closed <dialog>, and (where the browser can tell)
 * rendered. Many pages close a dialog by hiding it (a style or a class) and leave it in the DOM, so
 * an earlier license's dialog may sit beside the one that is open.
 */
export function isShown(element: HTMLElement): boolean {
  if (element.closest('[hidden]')) return false;
  if (element instanceof HTMLDialogElement && !element.open) return false;
  const check = (element as { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check !== 'function' || check.call(element);
}

function dialogCandidates(doc: Document): HTMLElement[] {
  const byRole = queryList<HTMLElement>(doc, DIALOG).filter((d) => !withinOurRoot(d) && isShown(d));
  if (byRole.length > 0) return byRole;
  const candidates: HTMLElement[] = [];
  for (const button of buttonsLabelled(doc, WITHDRAW)) {
    for (let el = button.parentElement; el && el !== doc.body; el = el.parentElement) {
      if (queryList(el, CHECKBOX).length > 0) {
        if (isShown(el)) candidates.push(el);
        break;
      }
    }
  }
  return candidates;
}

function isChecked(box: HTMLInputElement | HTMLElement): boolean {
  return box instanceof HTMLInputElement ? box.checked : box.getAttribute('aria-checked') === 'true';
}

export { isChecked as isCheckboxChecked };

/** The text of a name cell without its badges ("Åsa Berg" from "Åsa Berg Inaktiv"). */
function nameAndBadge(cell: HTMLElement | undefined): { name: string; inactive: boolean } {
  if (!cell) return { name: '', inactive: false };
  // Text alone, or text and one element without elements in it that is not a badge ("<span>Åsa
  // Berg</span>"): the name is all the text, without a walk. Most rows of most dialogs.
  const only = cell.firstElementChild;
  if (
    cell.childElementCount === 0 ||
    (cell.childElementCount === 1 &&
      only?.childElementCount === 0 &&
      !INACTIVE.has(fold(only.textContent ?? '')))
  )
    return { name: (cell.textContent ?? '').replace(/\s+/g, ' ').trim(), inactive: false };
  let inactive = false;
  const parts: string[] = [];
  const walker = cell.ownerDocument.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const parent = node.parentElement;
    if (parent && parent !== cell && INACTIVE.has(fold(parent.textContent ?? ''))) {
      inactive = true;
      continue;
    }
    parts.push(text);
  }
  return { name: parts.join('').replace(/\s+/g, ' ').trim(), inactive };
}

function readDialogRow(
  row: HTMLElement,
  checkbox: HTMLInputElement | HTMLElement,
  columns: Partial<Record<DialogColumn, number>>,
  kind: WithdrawDialog['kind'],
): DialogRow {
  const cells = cellsOf(row);
  const cell = (key: DialogColumn) => {
    const index = columns[key];
    return index === undefined ? undefined : cells[index];
  };
  // Only needed where the header did not name a column (computed then, once).
  let textCellsFound: HTMLElement[] | null = null;
  const textCells = () =>
    (textCellsFound ??= cells.filter((c) => !c.contains(checkbox) && (c.textContent ?? '').trim() !== ''));
  const nameCell = kind === 'classes' ? (cell('class') ?? cell('name')) : cell('name');
  // Without a known header the first text cell is the name (as in every list of people we know).
  const { name, inactive } = nameAndBadge(nameCell ?? textCells()[0]);
  const emailText =
    cell('email')?.textContent ?? textCells().find((c) => /\S+@\S+/.test(c.textContent ?? ''))?.textContent;
  const classText = kind === 'classes' ? name : (cell('class')?.textContent ?? '');
  const membersText = cell('members')?.textContent ?? '';
  return {
    element: row,
    checkbox,
    name,
    email: (emailText ?? '').trim(),
    classes: classText
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean),
    role: kind === 'classes' ? null : roleOf(cell('role')?.textContent ?? ''),
    inactive,
    members: /\d/.test(membersText) ? Number(membersText.replace(/\D/g, '')) : null,
  };
}

function rowOf(checkbox: HTMLElement, dialog: HTMLElement): HTMLElement | null {
  for (let el = checkbox.parentElement; el && el !== dialog; el = el.parentElement) {
    if (ROW.entries.some((entry) => el?.matches(entry.css))) return el;
  }
  return null;
}

const TABLE_ROLES = new Set(['table', 'grid', 'treegrid']);

/**
 * In a thead or a column header of its own table. The walk stops at that table: `closest()` walked
 * to the document's root for every row of a 5,000-row dialog on every read.
 */
function inTableHeader(box: HTMLElement): boolean {
  for (let el: Element | null = box; el; el = el.parentElement) {
    if (el.tagName === 'THEAD' || el.getAttribute('role') === 'columnheader') return true;
    if (el.tagName === 'TABLE' || TABLE_ROLES.has(el.getAttribute('role') ?? '')) return false;
  }
  return false;
}

function isHeaderCheckbox(box: HTMLElement, row: HTMLElement | null): boolean {
  if (!row) return true;
  // A row without cells counts as a header row here, as before (its box is no person's).
  if (allHeaderCells(row) !== false) return true;
  return inTableHeader(box);
}

/** Reads one dialog element as the withdraw dialog, or says why it is not one. */
export function readWithdrawDialog(element: HTMLElement): Recognition<WithdrawDialog> {
  const buttons = dialogButtons(element);
  const withdrawButton = labelled(buttons, WITHDRAW)[0];
  if (!withdrawButton) return { ok: false, reason: 'the dialog has no withdraw button' };
  const boxes = queryList<HTMLElement>(element, CHECKBOX);
  let selectAll: HTMLElement | null = null;
  const pairs: { row: HTMLElement; box: HTMLElement }[] = [];
  for (const box of boxes) {
    const row = rowOf(box, element);
    if (isHeaderCheckbox(box, row)) selectAll ??= box;
    else if (row) pairs.push({ row, box });
  }
  // The table the rows live in gives the column labels (name, email, class, role / class, members).
  const tableElement =
    (pairs[0]?.row.closest('table,[role="table"],[role="grid"],[role="treegrid"]') as HTMLElement | null) ??
    null;
  // The header alone (its first rows), not the whole table read again for it.
  const header = tableElement ? headerOf(tableElement) : [];
  const columns = mapColumns(header, DIALOG_COLUMNS);
  // Class rows: a members column, or a class column and no name column.
  const kind: WithdrawDialog['kind'] =
    columns.members !== undefined || (columns.name === undefined && columns.class !== undefined)
      ? 'classes'
      : 'users';
  const rows = pairs.map(({ row, box }) => readDialogRow(row, box, columns, kind));
  if (rows.length > 0 && rows.every((r) => r.name === '')) {
    return { ok: false, reason: 'the dialog rows hold no names' };
  }
  // An empty dialog ("Inga tilldelade licenser") is still the dialog: its (hidden) table keeps the
  // header checkbox. A lone checkbox beside a button (a form) is not.
  if (rows.length === 0 && !selectAll?.closest('thead,[role="columnheader"]'))
    return { ok: false, reason: 'the dialog has no rows with checkboxes' };
  return {
    ok: true,
    value: {
      element,
      kind,
      withdrawButton,
      closeButton: labelled(buttons, CLOSE)[0] ?? null,
      selectAll,
      rows,
      table: tableElement,
    },
  };
}

/** The open withdraw dialog, wherever it is mounted (a portal at the end of body included). */
export function recogniseWithdrawDialog(doc: Document): Recognition<WithdrawDialog> {
  let reason = 'no dialog is open';
  for (const candidate of dialogCandidates(doc)) {
    const read = readWithdrawDialog(candidate);
    if (read.ok) return read;
    reason = read.reason;
  }
  return { ok: false, reason };
}

/** The license page, if this document is one: the cheap look first (a table or grid at all), then recognition. */
export function findLicensePage(doc: Document): LicensePage | null {
  if (!mayHoldLicenseTable(doc)) return null;
  const found = recogniseLicensePage(doc);
  return found.ok ? found.value : null;
}
