// The state of one open withdraw dialog: its rows (as recognise.ts reads them), our search index,
// the filters, the selection and the focused row; and the one DOM change we make to the page:
// hiding rows that do not match, and keeping the page's checkboxes in step with our selection.
// DOM writes are batched into one animation frame and only touch rows whose state changed.
// A large dialog (LARGE_DIALOG_ROWS or more) is not filtered in place: showing or hiding thousands of
// the page's table rows costs the browser 0.6–2.7 s of style and layout per keystroke (5,000 rows,
// measured), so its rows are left as the page has them and the panel lists the matches itself
// (ui/MatchList.tsx, a virtual list). Selection and what "matching" means are the same either way.
import { fold } from '../../shared/fold.ts';
import type { Assignment } from '../../shared/model.ts';
import type { ToolData } from '../bridge.ts';
import { whenIdle } from '../core/idle.ts';
import { isTrustedEvent } from '../core/trusted.ts';
import { type DialogRow, isCheckboxChecked, type WithdrawDialog } from '../page/dialog.ts';
import { mapRows } from './mapping.ts';
import {
  buildIndex,
  classesOf,
  type Filters,
  isFiltering,
  matchRows,
  NO_FILTERS,
  type RowFacts,
  type SearchIndex,
  withFacts,
} from './search.ts';

export type Mode = 'api' | 'page';

/** From this many rows on, the matches are listed in the panel instead of filtered in place. */
export const LARGE_DIALOG_ROWS = 2_000;

export class DialogController {
  dialog: WithdrawDialog;
  rows: DialogRow[] = [];
  facts: RowFacts[] = [];
  mapped: (Assignment | null)[] = [];
  classes: string[] = [];
  filters: Filters = NO_FILTERS;
  matches: Uint8Array = new Uint8Array();
  matchCount = 0;
  /**
   * Whether the filters hide anything, set with the matches: asked once per row by isVisible and
   * visibleIndices (5,000 times a keystroke in a large dialog), so the query is not trimmed each time.
   */
  filtering = false;
  /**
   * Selected rows, by the page's row element. Re-reading the dialog carries the selection over by
   * who each row shows, not by element: a page may re-render a row as a new element, or reuse a
   * row element for someone else (a list that recycles its rows).
   */
  readonly selected = new Set<HTMLElement>();
  focus = -1;
  mode: Mode = 'api';
  tool: ToolData | null = null;
  scope: Set<string> | null = null;
  version = 0;

  private index: SearchIndex = buildIndex([]);
  private unmapped = -1;
  private rowIndex = new Map<Element, number>();
  private anchor: number | null = null;
  private readonly hiddenByUs = new Map<HTMLElement, string>();
  private readonly pendingChecks = new Set<HTMLElement>();
  private frame: number | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly collator: Intl.Collator;
  /**
   * Who each of `rows` shows (`identities`), to tell a reused row element at the next read. Made
   * when that read needs it, from the rows as they were read: the first read of a dialog needs
   * none (2–7 ms of a 2,000-row dialog's opening).
   */
  private rowKeys: string[] | null = null;
  /** A row we know changed under us (its content or its element) since the last read. */
  private stale = false;

  /**
   * Where the dialog was on the screen when the controller was made: read before anything of ours
   * changed the page, so reading it cost no layout. ui/hooks.ts usePlacement places the panel by
   * it when the panel is placed for this dialog (a controller's dialog element never changes).
   */
  readonly openedAt: DOMRectReadOnly;

  /** `data`: the tool's data when it is already in hand, so the rows are mapped as they are read. */
  constructor(
    dialog: WithdrawDialog,
    signal: AbortSignal,
    locale: string,
    data: { tool: ToolData; scope: Set<string> | null } | null = null,
  ) {
    this.dialog = dialog;
    this.openedAt = dialog.element.getBoundingClientRect();
    if (data) {
      this.tool = data.tool;
      this.scope = data.scope;
    }
    this.collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
    this.read(dialog);
    this.listen(signal);
    this.watchRows(signal);
    signal.addEventListener('abort', () => this.restore(), { once: true });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  private held = 0;
  /** Called when the last hold ends: the dialog session reads the dialog again then. */
  onReadsReleased: (() => void) | null = null;

  /**
   * While Licenskoll drives the page's own checkboxes and button (page mode), the dialog is not read
   * again on every change it makes (each batch re-renders the list: a full read per change cost
   * page mode most of its time, and a read mid-way would put boxes "in step" against its ticks):
   * once, when the last hold is released.
   */
  holdReads(): () => void {
    this.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      if (this.held === 0) this.onReadsReleased?.();
    };
  }

  get readsHeld(): boolean {
    return this.held > 0;
  }

  /** (Re)reads the dialog: after it mounted, and whenever rows vanish or appear. */
  read(dialog: WithdrawDialog): void {
    const first = this.rows.length === 0;
    // Who was shown by which element, who was selected, and who was seen at all, by what the rows
    // showed (not by element).
    const before = first ? [] : this.keys();
    const previous = new Map(this.rows.map((row, i) => [row.element, before[i] as string]));
    const wasSelected = new Set<string>();
    const seen = new Set(before);
    for (const element of this.selected) {
      const who = previous.get(element);
      if (who !== undefined) wasSelected.add(who);
    }
    this.dialog = dialog;
    this.rows = dialog.rows;
    this.rowKeys = null;
    this.rowIndex = new Map();
    this.rows.forEach((row, i) => {
      this.rowIndex.set(row.checkbox, i);
      this.rowIndex.set(row.element, i);
    });
    const keys = first ? [] : this.keys();
    this.selected.clear();
    this.rows.forEach((row, i) => {
      const who = keys[i] as string;
      if (first || !seen.has(who)) {
        // Rows we had not seen: the page's own ticks (made before we arrived) count as selected.
        if (isCheckboxChecked(row.checkbox)) this.selected.add(row.element);
        return;
      }
      // Rows we knew: our selection follows the person; the page's box is put in step with it when
      // the row is a new element or now shows someone else.
      if (wasSelected.has(who)) this.selected.add(row.element);
      if (previous.get(row.element) !== who && isCheckboxChecked(row.checkbox) !== wasSelected.has(who)) {
        this.pendingChecks.add(row.element);
      }
    });
    this.stale = false;
    if (this.pendingChecks.size > 0) this.schedule();
    this.remap(true);
  }

  /** Who each row shows (see rowKeys). */
  private keys(): string[] {
    this.rowKeys ??= identities(this.rows);
    return this.rowKeys;
  }

  /** True once, after a row the controller knows was changed by the page (then read the dialog again). */
  takeStale(): boolean {
    const stale = this.stale;
    this.stale = false;
    return stale;
  }

  /**
   * Notices the page changing a known row: its content rewritten in place, or the row removed or
   * replaced. Cheap: each mutation is walked up to its row, never the whole list.
   */
  private watchRows(signal: AbortSignal): void {
    const root = this.dialog.element;
    const win = root.ownerDocument.defaultView;
    if (!win?.MutationObserver) return;
    const known = (node: Node | null): boolean => {
      for (
        let el = node instanceof Element ? node : (node?.parentElement ?? null);
        el;
        el = el.parentElement
      ) {
        if (this.rowIndex.has(el)) return true;
        if (el === root) return false;
      }
      return false;
    };
    const observer = new win.MutationObserver((records) => {
      if (this.stale) return;
      for (const record of records) {
        if (known(record.target)) {
          this.stale = true;
          return;
        }
        for (const node of record.removedNodes) {
          if (
            this.rowIndex.has(node as Element) ||
            (node instanceof Element && node.querySelector(ROW_OR_BOX))
          ) {
            this.stale = true;
            return;
          }
        }
      }
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  }

  setTool(tool: ToolData, scope: Set<string> | null): void {
    this.tool = tool;
    this.scope = scope;
    this.remap(false);
  }

  setMode(mode: Mode): void {
    this.mode = mode;
    this.notify();
  }

  /**
   * Maps the rows to assignments and rebuilds what depends on that (role, left). The word index
   * and the class list depend on the rows only: they are rebuilt when the rows were read again,
   * not when the tool's data arrives (the search index of 5,000 rows is built once per read).
   */
  private remap(rowsChanged: boolean): void {
    this.unmapped = -1;
    this.mapped = this.tool
      ? mapRows(this.rows, this.dialog.kind, this.tool, this.scope)
      : this.rows.map(() => null);
    this.facts = this.rows.map((row, i) => ({
      name: row.name,
      email: row.email,
      classes: row.classes,
      role: row.role ?? this.mapped[i]?.assignee.role ?? null,
      left: row.inactive || this.mapped[i]?.assignee.active === false,
    }));
    if (rowsChanged || this.index.words.size !== this.facts.length) {
      this.index = buildIndex(this.facts);
      this.classes = classesOf(this.facts, this.collator);
      this.prepareWhenIdle();
    } else {
      this.index = withFacts(this.index, this.facts);
    }
    if (this.focus >= this.rows.length) this.focus = this.rows.length - 1;
    this.refilter();
  }

  setFilters(patch: Partial<Filters>): void {
    this.filters = { ...this.filters, ...patch };
    this.refilter();
  }

  clearFilters(): void {
    this.filters = NO_FILTERS;
    this.refilter();
  }

  private refilter(): void {
    const { matches, count } = matchRows(this.index, this.filters);
    this.filtering = isFiltering(this.filters);
    this.matches = matches;
    this.matchCount = count;
    this.schedule();
    this.notify();
  }

  /** The page's rows are left as they are and the panel lists the matches (see the top). */
  get large(): boolean {
    return this.rows.length >= LARGE_DIALOG_ROWS;
  }

  isVisible(i: number): boolean {
    return !this.filtering || this.matches[i] === 1;
  }

  /**
   * Every visible row. Not visibleRanked (dialog/visible-rank.ts) over all rows: importing that
   * module here brings it into the chunk every dialog loads, and content_gzip_kb over its target
   * (28.06 KB, measured); it loads with a large dialog's list only.
   */
  visibleIndices(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.rows.length; i++) if (this.isVisible(i)) out.push(i);
    return out;
  }

  isSelected(i: number): boolean {
    const row = this.rows[i];
    return row ? this.selected.has(row.element) : false;
  }

  /** Selected rows that are hidden by the filters (shown as a count, so nothing is a surprise). */
  hiddenSelectedCount(): number {
    // Walks the selection, not the rows: the panel asks on every render (each keystroke).
    let n = 0;
    for (const element of this.selected) {
      const i = this.rowIndex.get(element);
      if (i !== undefined && !this.isVisible(i)) n++;
    }
    return n;
  }

  setSelected(indices: Iterable<number>, on: boolean): void {
    for (const i of indices) {
      const row = this.rows[i];
      if (!row) continue;
      if (on) this.selected.add(row.element);
      else this.selected.delete(row.element);
      this.pendingChecks.add(row.element);
    }
    this.schedule();
    this.notify();
  }

  toggle(i: number): void {
    this.setSelected([i], !this.isSelected(i));
    this.anchor = i;
  }

  selectAllMatching(): void {
    this.setSelected(this.visibleIndices(), true);
  }

  clearSelection(): void {
    this.setSelected(
      this.rows.map((_, i) => i),
      false,
    );
  }

  /** Shift-click: every visible row between the last clicked one and `i` takes `on`. */
  selectRange(i: number, on: boolean): void {
    const from = this.anchor ?? i;
    const [lo, hi] = from < i ? [from, i] : [i, from];
    this.setSelected(
      this.visibleIndices().filter((k) => k >= lo && k <= hi),
      on,
    );
    this.anchor = i;
  }

  /** j/k: moves the focused row among the visible ones and gives it keyboard focus. */
  moveFocus(delta: number): void {
    const visible = this.visibleIndices();
    if (visible.length === 0) return;
    const at = visible.indexOf(this.focus);
    const next = at === -1 ? (delta > 0 ? visible[0] : visible[visible.length - 1]) : visible[at + delta];
    if (next === undefined) return;
    this.focus = next;
    const box = this.rows[next]?.checkbox;
    box?.focus({ preventScroll: true });
    box?.scrollIntoView({ block: 'nearest' });
    this.notify();
  }

  toggleFocused(): void {
    if (this.focus >= 0 && this.isVisible(this.focus)) this.toggle(this.focus);
  }

  /** What "withdraw selected" would act on: each selected row with its assignment, if mapped. */
  selection(): { row: DialogRow; assignment: Assignment | null }[] {
    const out: { row: DialogRow; assignment: Assignment | null }[] = [];
    this.rows.forEach((row, i) => {
      if (this.selected.has(row.element)) out.push({ row, assignment: this.mapped[i] ?? null });
    });
    return out;
  }

  /** Rows without an assignment (counted once per mapping: the panel asks on every render). */
  unmappedCount(): number {
    if (this.unmapped < 0) this.unmapped = this.mapped.reduce((n, a) => (a === null ? n + 1 : n), 0);
    return this.unmapped;
  }

  // ----- the page's DOM: one batched write per frame -----

  private cancelIdle: (() => void) | null = null;

  /**
   * The word index's keys are built when the main thread is idle after a read (or on the first
   * search, whichever comes first), not while the panel is being made ready: 7–15 ms of a
   * 2,000-row dialog's opening (bench/dialog.ts, augment_2k_ms).
   */
  private prepareWhenIdle(): void {
    this.cancelIdle ??= whenIdle(() => {
      this.cancelIdle = null;
      this.index.words.prepare();
    });
  }

  private schedule(): void {
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.flush();
    });
  }

  /** Applies visibility and checkbox state to the page's rows (exposed for tests). */
  flush(): void {
    // A large dialog's rows are never hidden (and any we hid before it grew are shown again).
    const filtering = this.filtering && !this.large;
    // Nothing to hide and nothing hidden (a large dialog, or no filter): no walk over every row,
    // which a large dialog's every keystroke paid for nothing.
    if (filtering || this.hiddenByUs.size > 0)
      this.rows.forEach((row, i) => {
        const hide = filtering && this.matches[i] !== 1;
        const hidden = this.hiddenByUs.has(row.element);
        if (hide && !hidden) {
          this.hiddenByUs.set(row.element, row.element.style.getPropertyValue('display'));
          row.element.style.setProperty('display', 'none', 'important');
        } else if (!hide && hidden) {
          this.unhide(row.element);
        }
      });
    for (const element of this.pendingChecks) {
      const i = this.rowIndex.get(element);
      const row = i === undefined ? undefined : this.rows[i];
      if (row) this.syncCheckbox(row.checkbox, this.selected.has(element));
    }
    this.pendingChecks.clear();
  }

  private unhide(element: HTMLElement): void {
    const previous = this.hiddenByUs.get(element) ?? '';
    this.hiddenByUs.delete(element);
    if (previous) element.style.setProperty('display', previous);
    else element.style.removeProperty('display');
  }

  /**
   * Keeps the page's checkbox showing our selection. We set it and announce the change the way
   * the page listens (input + change), so the page's own state follows and what is ticked is what
   * its own button would withdraw; nothing here presses that button. A role=checkbox widget only
   * changes through a click, and that is done in page mode only (page-mode.ts).
   */
  private syncCheckbox(box: HTMLElement, on: boolean): void {
    if (!(box instanceof HTMLInputElement) || box.checked === on) return;
    box.checked = on;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** Everything back as the page had it (on close, navigation, or when a feature stops). */
  restore(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.cancelIdle?.();
    this.cancelIdle = null;
    for (const element of [...this.hiddenByUs.keys()]) this.unhide(element);
  }

  // ----- the person's own clicks on the page's checkboxes -----

  private listen(signal: AbortSignal): void {
    const root = this.dialog.element;
    root.addEventListener(
      'click',
      (event) => {
        if (!isTrustedEvent(event) || !(event instanceof MouseEvent) || !event.shiftKey) return;
        const i = this.rowIndex.get(event.target as Element);
        const row = i === undefined ? undefined : this.rows[i];
        if (i === undefined || !row) return;
        this.selectRange(i, isCheckboxChecked(row.checkbox));
      },
      { signal },
    );
    root.addEventListener(
      'change',
      (event) => {
        if (!isTrustedEvent(event)) return;
        const target = event.target as Element;
        if (target === this.dialog.selectAll) {
          // The page's "massändra" ticks every row itself: read them back.
          this.rows.forEach((row) => {
            if (isCheckboxChecked(row.checkbox)) this.selected.add(row.element);
            else this.selected.delete(row.element);
          });
          this.notify();
          return;
        }
        const i = this.rowIndex.get(target);
        const row = i === undefined ? undefined : this.rows[i];
        if (i === undefined || !row) return;
        if (isCheckboxChecked(row.checkbox)) this.selected.add(row.element);
        else this.selected.delete(row.element);
        this.anchor = i;
        this.focus = i;
        this.notify();
      },
      { signal },
    );
    root.addEventListener(
      'focusin',
      (event) => {
        const i = this.rowIndex.get(event.target as Element);
        if (i !== undefined && i !== this.focus) {
          this.focus = i;
          this.notify();
        }
      },
      { signal },
    );
  }
}

const ROW_OR_BOX = 'tr,[role="row"],input[type="checkbox"],[role="checkbox"]';

/**
 * Who each row shows, as a key that survives a re-render: name, e-mail and classes, folded, with
 * the occurrence among rows that show the same (two identical rows stay two).
 */
function identities(rows: readonly DialogRow[]): string[] {
  const count = new Map<string, number>();
  return rows.map((row) => {
    const base = `${fold(row.name)}|${fold(row.email)}|${row.classes.map(fold).join(',')}`;
    const n = (count.get(base) ?? 0) + 1;
    count.set(base, n);
    return `${base}#${n}`;
  });
}
