// The withdraw dialog: which open dialog is the one that withdraws licenses, and what its rows say.
// Read only once a license page is recognised (the dialog session, page mode, the refresh after a
// withdrawal), so it is not part of the start-up chunk that every page of the origin loads
// (recognise.ts is). Structure first, labels in sv, nb or en to confirm; it never changes the DOM.
import { fold } from '../../shared/fold.ts';
import { type Recognition, withinOurRoot } from './recognise.ts';
import { BUTTON, CHECKBOX, DIALOG, matchesList, queryAny, queryList, ROW } from './selectors.ts';
import { allHeaderCells, cellsOf, headerOf, mapColumns } from './table.ts';
import {
  CLOSE,
  DIALOG_COLUMNS,
  type DialogColumn,
  INACTIVE,
  matches,
  roleOf,
  WITHDRAW,
} from './vocabulary.ts';

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
  /** `dialogPrint` of the dialog when it was read, from the same query. */
  print: string;
}

/** How many boxes, and the second one's id: what tells cheaply that a dialog's rows changed. */
function printOf(boxes: readonly Element[]): string {
  return `${boxes.length}|${boxes[1]?.id ?? ''}`;
}

/**
 * The print of a dialog as it is now, to compare with a read's `print`: the dialog is read again
 * only when it differs. One query for the boxes (a second one after each read was ~2.5 ms of a
 * 2,000-row dialog's opening).
 */
export function dialogPrint(element: HTMLElement): string {
  return printOf(queryList(element, CHECKBOX));
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

/** A table body or row group with more children than this holds data rows, not a status line or a dialog's own buttons. */
const ROW_BODY_MIN = 20;

function isRowBody(element: Element): boolean {
  return (
    (element.localName === 'tbody' || element.getAttribute('role') === 'rowgroup') &&
    element.childElementCount > ROW_BODY_MIN
  );
}

/**
 * The elements (or text nodes) of a dialog outside its rows, in document order: a tbody or row group
 * of many rows is skipped whole. What the dialog says (its status line) and offers (withdraw, close,
 * "Visa fler") is never in a person's row, and a 2,000-row dialog has some 10,000 nodes there.
 */
export function* outsideRows(dialog: HTMLElement, what: 'elements' | 'texts'): Generator<Node> {
  const walker = dialog.ownerDocument.createTreeWalker(
    dialog,
    what === 'texts' ? NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT : NodeFilter.SHOW_ELEMENT,
    {
      acceptNode: (node) =>
        node.nodeType === Node.TEXT_NODE
          ? NodeFilter.FILTER_ACCEPT
          : isRowBody(node as Element)
            ? NodeFilter.FILTER_REJECT
            : what === 'elements'
              ? NodeFilter.FILTER_ACCEPT
              : NodeFilter.FILTER_SKIP,
    },
  );
  for (let node = walker.nextNode(); node; node = walker.nextNode()) yield node;
}

/**
 * A dialog's buttons outside its rows (outsideRows): a row's own button is never the dialog's
 * withdraw, close or "Visa fler". Two selector queries over every element of a 1,000-row dialog
 * were a quarter of each read of it.
 */
export function dialogButtons(dialog: HTMLElement): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const node of outsideRows(dialog, 'elements')) {
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

/** Could `text` hold a "left the school" badge? Its folded text holds one of the words. */
function mayHoldBadge(text: string): boolean {
  const folded = fold(text);
  for (const word of INACTIVE) if (folded.includes(word)) return true;
  return false;
}

/** The text of a name cell without its badges ("Åsa Berg" from "Åsa Berg Inaktiv"). */
function nameAndBadge(cell: HTMLElement | undefined): { name: string; inactive: boolean } {
  if (!cell) return { name: '', inactive: false };
  // Text alone, or text in which no badge word occurs at all: the name is all the text, without
  // touching the cell's elements (most rows of most dialogs). The name is folded here for the
  // first time, and later folds of it (identities, mapping, the index) are remembered.
  const text = cell.textContent ?? '';
  if (cell.childElementCount === 0 || !mayHoldBadge(text))
    return { name: text.replace(/\s+/g, ' ').trim(), inactive: false };
  let inactive = false;
  const parts: string[] = [];
  const walker = cell.ownerDocument.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && parent !== cell && INACTIVE.has(fold(parent.textContent ?? ''))) {
      inactive = true;
      continue;
    }
    parts.push(node.textContent ?? '');
  }
  return { name: parts.join('').replace(/\s+/g, ' ').trim(), inactive };
}

function readDialogRow(
  row: HTMLElement,
  checkbox: HTMLInputElement | HTMLElement,
  columns: Partial<Record<DialogColumn, number>>,
  kind: WithdrawDialog['kind'],
): DialogRow {
  // A table row's cells are its `cells` (what cellsOf gives it): only the named ones are touched,
  // each a new wrapper in our world (a quarter of reading 2,000 rows went to walking all of them).
  const tableCells = row instanceof HTMLTableRowElement ? row.cells : null;
  let all: HTMLElement[] | null = null;
  const cells = () => (all ??= cellsOf(row));
  const cell = (key: DialogColumn): HTMLElement | undefined => {
    const index = columns[key];
    if (index === undefined) return undefined;
    return tableCells ? tableCells[index] : cells()[index];
  };
  // Only needed where the header did not name a column (computed then, once).
  let textCellsFound: HTMLElement[] | null = null;
  const textCells = () =>
    (textCellsFound ??= cells().filter((c) => !c.contains(checkbox) && (c.textContent ?? '').trim() !== ''));
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

/**
 * The nearest row around a checkbox, inside the dialog: a walk that stops at the dialog (a
 * `closest` and a `contains` to the document's root were a tenth of reading 2,000 rows).
 */
function rowOf(checkbox: HTMLElement, dialog: HTMLElement): HTMLElement | null {
  for (let el = checkbox.parentElement; el && el !== dialog; el = el.parentElement) {
    if (matchesList(el, ROW)) return el;
  }
  return null;
}

/**
 * In a thead or a column header of its own table: the nearest of those, a tbody or a table (by
 * tag or role) decides, as a walk up from the box would. Only for boxes that plainRow did not
 * place (a header's, or a grid without table markup).
 */
function inTableHeader(box: HTMLElement): boolean {
  const near = box.closest(
    'thead,[role="columnheader"],tbody,table,[role="table"],[role="grid"],[role="treegrid"]',
  );
  return near?.localName === 'thead' || near?.getAttribute('role') === 'columnheader';
}

function isHeaderCheckbox(box: HTMLElement, row: HTMLElement | null): boolean {
  if (!row) return true;
  // A row without cells counts as a header row here, as before (its box is no person's).
  if (allHeaderCells(row) !== false) return true;
  return inTableHeader(box);
}

/**
 * The row of a box in a plain cell of a table body's row: between the box and a tr (in a tbody,
 * inside the dialog) only a td and its contents, no header, list item or table, and no role but a
 * cell's. That row is what the walk finds (rowOf), and the box is no header's (isHeaderCheckbox):
 * a tag and a role per element on the way, where the walk asked each element three selectors and
 * then the row and the box's ancestors again (5–7 ms of a 2,000-row dialog's opening). null: ask
 * the walk.
 */
function plainRow(box: HTMLElement, dialog: HTMLElement): HTMLElement | null {
  if (box.getAttribute('role') === 'columnheader') return null;
  let below = '';
  for (let el = box.parentElement; el && el !== dialog; el = el.parentElement) {
    const tag = el.localName;
    const role = el.getAttribute('role');
    if (tag === 'tr')
      return below === 'td' && (!role || role === 'row') && el.parentElement?.localName === 'tbody'
        ? el
        : null;
    if (/^(th|li|thead|tbody|table)$/.test(tag) || (role && role !== 'cell' && role !== 'gridcell'))
      return null;
    below = tag;
  }
  return null;
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
    const plain = plainRow(box, element);
    const row = plain ?? rowOf(box, element);
    if (!plain && isHeaderCheckbox(box, row)) selectAll ??= box;
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
      print: printOf(boxes),
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
