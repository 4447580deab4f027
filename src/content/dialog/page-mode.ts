// Page mode: when the license API cannot be reached from the extension, "withdraw selected" does
// what the administrator would do by hand, in batches: tick exactly the batch's rows with the
// page's own checkboxes, press the page's own "Dra tillbaka", and wait until those rows vanish.
// The page's calls then do the work (the sandbox log shows them with the page's own origin).
//
// A row leaving the DOM is not proof: pages re-render, page and filter their lists. A row counts
// as withdrawn only when the page confirms it: a re-read of the dialog no longer shows it (matched
// by what the row says, not by element, whenever the page added or rewrote rows since the batch
// began; when it only took rows out, the rows it took are the ones gone), or the page's own
// counter ("12/30 tilldelade") fell by at least as many as vanished. A vanished row that neither
// confirms is `unknown`; a row that the re-read still shows is `failed`. Rows that were gone before
// their batch was sent, and cannot be found again on a re-read, are `unknown` too: never silently
// nothing.

import type { PageWithdrawalEntry } from '../../shared/protocol/types.ts';
import { clip } from '../../shared/ui/text.ts';
import { elementReady } from '../core/dom.ts';
import {
  type DialogRow,
  isCheckboxChecked,
  readWithdrawDialog,
  type WithdrawDialog,
} from '../page/dialog.ts';
import { listBoxOf } from '../page/list-box.ts';
import { type Counter, findCounters } from '../page/recognise.ts';

export const PAGE_BATCH = 50;
/** How long one batch may take before we stop and report the rest as failed. */
const BATCH_TIMEOUT_MS = 60_000;
/** How long the page's counter may take to follow a batch (it refetches after the withdrawal). */
const COUNTER_WAIT_MS = 5_000;

export interface PageProgress {
  /** Withdrawn, as the page confirmed (journal these). */
  done: DialogRow[];
  /** Not withdrawn: still shown by the page, or never sent (stopped, dialog gone, error). */
  failed: DialogRow[];
  /** Gone from the page without a confirmation: may or may not be withdrawn (check the page). */
  unknown: DialogRow[];
  total: number;
}

function setBox(box: HTMLElement, on: boolean): void {
  if (isCheckboxChecked(box) !== on) box.click();
}

function alertShown(dialog: HTMLElement, before: Set<Element>): boolean {
  return Array.from(dialog.querySelectorAll('[role="alert"]')).some((a) => !before.has(a));
}

/** `identity` of each row object read (a row's name, e-mail and classes never change). */
const identities = new WeakMap<Pick<DialogRow, 'name' | 'email' | 'classes'>, string>();

/**
 * What a row says about whom it holds: rows re-rendered by the page keep it, elements do not.
 * Computed once per row object: each batch compares its rows with every row of the dialog read
 * again. In a CPU profile of 500 rows withdrawn from a 1,110-row dialog, this and currentRows
 * went from 63 to 33 ms.
 */
function identity(row: Pick<DialogRow, 'name' | 'email' | 'classes'>): string {
  let id = identities.get(row);
  if (id === undefined) {
    id = [row.name.trim(), row.email.trim().toLowerCase(), row.classes.join(',')].join('\u0001');
    identities.set(row, id);
  }
  return id;
}

/** The dialog as the page shows it now, or null when it is gone or unreadable. */
function reread(dialogElement: HTMLElement): DialogRead | null {
  if (!dialogElement.isConnected) return null;
  const read = readWithdrawDialog(dialogElement);
  return read.ok ? read.value : null;
}

/**
 * A reader of the page's "x/y tilldelade" counters outside the dialog (null: the page shows none).
 * They are what confirms a batch when the dialog closed, so a counter inside the dialog could not
 * help: it is skipped, with the dialog's rows. The page is walked once; later reads look only in
 * the elements that showed them, while each is still in the page and still shows one counter
 * (else the page is walked again): they are read before every batch's press, and each walk passes
 * every text of the page outside the dialog (page mode's bench run, builds alternated: median
 * 457 -> 390 and 513 -> 452 ms when only the first read walked).
 */
function counterReader(doc: Document, dialog: HTMLElement): () => number[] | null {
  let found: Counter[] = [];
  return () => {
    const again = found.map((c) => (c.element.isConnected ? findCounters(c.element, dialog) : []));
    if (found.length > 0 && again.every((a) => a.length === 1)) found = again.flat();
    else found = doc.body ? findCounters(doc.body, dialog) : [];
    return found.length === 0 ? null : found.map((c) => c.assigned);
  };
}

/** What page mode needs of a read of the dialog: its rows and its button. */
type DialogRead = Pick<WithdrawDialog, 'rows' | 'withdrawButton' | 'table'>;

/**
 * Attributes whose change a read does not see: a box's tick (read from the box when needed) and its
 * being disabled (the page disables its boxes while its request runs).
 */
const UNREAD = new Set(['checked', 'aria-checked', 'disabled', 'aria-disabled']);

/**
 * What changed in the dialog since the last `mark(read)`, so that a batch needs no read of every
 * row (~10 ms for a 1,000-row dialog, a tenth of page mode's own time per batch):
 * - `same`: nothing a read would see (a box ticked or disabled, a text or an attribute outside the rows' table);
 * - `fewer`: besides those, only rows of that read were taken out of its table (a batch withdrawn),
 *   so a read would give that read's rows that are still there;
 * - `other`: anything else (rows or elements added, a row's text or attributes, the header, a
 *   button, the dialog gone): read it again.
 */
function changeWatch(dialog: HTMLElement) {
  /** The marked read's rows by element. */
  let rows = new Map<Node, DialogRow>();
  let region: Node = dialog;
  let verdict: 'same' | 'fewer' | 'other' = 'same';
  const hasElement = (nodes: NodeList) => {
    for (let i = 0; i < nodes.length; i++) if (nodes[i]?.nodeType === Node.ELEMENT_NODE) return true;
    return false;
  };
  const classify = (r: MutationRecord): 'same' | 'fewer' | 'other' => {
    if (!region.contains(r.target)) {
      // Outside the rows' table: its texts and states; an element added or taken may be a button.
      return r.type === 'childList' && (hasElement(r.addedNodes) || hasElement(r.removedNodes))
        ? 'other'
        : 'same';
    }
    if (r.type === 'attributes') return UNREAD.has(r.attributeName ?? '') ? 'same' : 'other';
    if (r.type === 'childList' && r.addedNodes.length === 0) {
      for (let i = 0; i < r.removedNodes.length; i++)
        if (!rows.has(r.removedNodes[i] as Node)) return 'other';
      return 'fewer';
    }
    return 'other';
  };
  const note = (records: MutationRecord[]) => {
    for (const r of records) {
      if (verdict === 'other') return;
      const what = classify(r);
      if (what !== 'same') verdict = what;
    }
  };
  const observer = new MutationObserver(note);
  observer.observe(dialog, { childList: true, subtree: true, attributes: true, characterData: true });
  return {
    /** From now on, changes are measured against `read`, a full read of the dialog. */
    mark: (read: DialogRead) => {
      observer.takeRecords();
      rows = new Map(read.rows.map((r) => [r.element, r]));
      region = read.table ?? dialog;
      verdict = 'same';
    },
    /**
     * What a read of the dialog would give now, from `read` (the last marked, or what this gave
     * since), and changes are measured from there on; null: read the dialog. The marked read's rows
     * still count as its rows: those that left cannot leave again without being added first.
     */
    since: (read: DialogRead | null): DialogRead | null => {
      note(observer.takeRecords());
      if (!read || verdict === 'other' || !dialog.isConnected) return null;
      const now =
        verdict === 'same' ? read : { ...read, rows: read.rows.filter((r) => r.element.isConnected) };
      verdict = 'same';
      return now;
    },
    /**
     * The row shown by `element` in the read `mark` or `since` gave last, or undefined: that read's
     * rows are the marked read's rows still in the page (since the mark, rows have only left it), so
     * no map of them is made. A map of every row of a 1,110-row dialog at each batch was page mode's
     * plainest allocation (a run's allocations 2.99-3.10 MB with it, 2.48-2.59 without, in a
     * sampling heap profile).
     */
    rowOf: (element: HTMLElement): DialogRow | undefined => {
      const row = rows.get(element);
      return row && element.isConnected ? row : undefined;
    },
    stop: () => observer.disconnect(),
  };
}

/** How far the counters fell since `before` (the largest fall of one counter; null: cannot tell). */
function counterFall(before: number[] | null, after: number[] | null): number | null {
  if (!before || !after || before.length !== after.length) return null;
  return Math.max(0, ...before.map((b, i) => b - (after[i] ?? b)));
}

/**
 * The batch's rows as the page shows them now: a row that was re-rendered is found again by what it
 * says (its element is replaced, or its element now shows someone else: a list that reuses its row
 * elements); a row the dialog no longer shows is returned apart. The same element counts only
 * while it still says the same. `rowOf` finds `dialog`'s row by element (the watch's, for the read
 * readNow gave).
 */
function currentRows(
  batch: DialogRow[],
  dialog: Pick<DialogRead, 'rows'>,
  rowOf: (element: HTMLElement) => DialogRow | undefined,
): { live: DialogRow[]; gone: DialogRow[] } {
  const live: DialogRow[] = [];
  const gone: DialogRow[] = [];
  // Every shown row by what it says: built only when a row of the batch is not where it was (a
  // page that keeps its row elements, as most do, never needs it: an identity for each row of a
  // 1,000-row dialog at each batch).
  let shownById: Map<string, DialogRow[]> | null = null;
  const shown = (id: string): DialogRow[] => {
    if (!shownById) {
      shownById = new Map();
      for (const row of dialog.rows) {
        const id = identity(row);
        const same = shownById.get(id);
        if (same) same.push(row);
        else shownById.set(id, [row]);
      }
    }
    return shownById.get(id) ?? [];
  };
  const taken = new Set<HTMLElement>();
  for (const row of batch) {
    const same = rowOf(row.element);
    if (same && !taken.has(same.element) && identity(same) === identity(row)) {
      taken.add(row.element);
      // The page may have put a new checkbox into the same row: tick the one it shows now.
      live.push(Object.assign(row, { checkbox: same.checkbox }));
      continue;
    }
    const again = shown(identity(row)).find((r) => !taken.has(r.element));
    if (again) {
      taken.add(again.element);
      // Keep the caller's row (its identity in maps), pointing at the page's new element.
      live.push(Object.assign(row, { element: again.element, checkbox: again.checkbox }));
    } else gone.push(row);
  }
  return { live, gone };
}

/**
 * The page's list is not drawn while page mode works through it, and is drawn again as it was
 * after (the returned undo). A 1,110-row dialog drawn again after each batch took 40-70 ms a
 * frame (its rows laid out, painted, their properties updated, in a Chromium trace): more than the
 * page's own request for the batch, and six to eight such frames a run. `content-visibility:
 * hidden` on the box that holds the list (listBoxOf) skips them (a frame after a batch: 58-62 →
 * 19-23 ms, timed in the page); the box keeps its size (`contain-intrinsic-size`), so nothing
 * around it moves. The rows stay in the DOM, their boxes can be ticked and read as before; nothing
 * is done where no such box is found. A scrolling box shows nothing to scroll while hidden, so the
 * browser scrolls it to the top: that scroll event is kept from the page (a list that draws only
 * the rows in view would draw others), and the box is scrolled back after. The undo leaves a
 * style the page set since alone.
 */
function pauseListDrawing(dialog: HTMLElement, read: DialogRead): () => void {
  const paused = listBoxOf(dialog, read);
  const view = dialog.ownerDocument.defaultView;
  if (!paused || !view) return () => undefined;
  const style = paused.style;
  const before = ['content-visibility', 'contain-intrinsic-size'].map(
    (name) => [name, style.getPropertyValue(name), style.getPropertyPriority(name)] as const,
  );
  const padding = view.getComputedStyle(paused);
  const px = (value: string) => Number.parseFloat(value) || 0;
  const width = paused.clientWidth - px(padding.paddingLeft) - px(padding.paddingRight);
  const height = paused.clientHeight - px(padding.paddingTop) - px(padding.paddingBottom);
  const top = paused.scrollTop;
  const ours = (event: Event) => {
    if (event.target === paused) event.stopImmediatePropagation();
  };
  view.addEventListener('scroll', ours, true);
  style.setProperty('contain-intrinsic-size', `${Math.max(0, width)}px ${Math.max(0, height)}px`);
  style.setProperty('content-visibility', 'hidden');
  return () => {
    view.removeEventListener('scroll', ours, true);
    if (style.getPropertyValue('content-visibility') !== 'hidden') return;
    for (const [name, value, priority] of before) style.setProperty(name, value, priority);
    paused.scrollTop = top;
  };
}

/** A read of the dialog made ahead of the confirmation, and the watch that tells whether it holds. */
export interface ReadAhead {
  read: DialogRead | null;
  watch: ReturnType<typeof changeWatch>;
}

/**
 * Reads the dialog while the administrator reads the confirmation, and watches it from then on:
 * at the confirmation, what changed since decides (as between batches) whether that read still
 * holds or the dialog is read again. That read (~7 ms beside a 1,110-row dialog, in a CPU profile)
 * was the largest part of the confirm click's own work before the first batch. The withdrawal
 * stops the watch; without one, the caller does (`watch.stop()`).
 */
export function readAhead(dialogElement: HTMLElement): ReadAhead {
  const watch = changeWatch(dialogElement);
  const read = reread(dialogElement);
  if (read) watch.mark(read);
  return { read, watch };
}

/** What a caller of withdrawThroughPage may add. */
interface ThroughPageOptions {
  /**
   * Given the page's list to show again when the caller has drawn its result (else it is shown
   * again as the run ends): drawing a 1,110-row list again is a layout of 5 ms at once and a
   * frame of 30-60 ms, which then came before the result.
   */
  showListLater?: (show: () => void) => void;
  /** A read of this dialog made ahead (readAhead): used while its watch says it holds. */
  ahead?: ReadAhead | null;
}

export async function withdrawThroughPage(
  dialogElement: HTMLElement,
  rows: DialogRow[],
  onProgress: (progress: PageProgress) => void,
  signal: AbortSignal,
  { showListLater, ahead }: ThroughPageOptions = {},
): Promise<PageProgress> {
  const progress: PageProgress = { done: [], failed: [], unknown: [], total: rows.length };
  const doc = dialogElement.ownerDocument;
  const watch = ahead?.watch ?? changeWatch(dialogElement);
  const readCounters = counterReader(doc, dialogElement);
  /** The dialog as last read (or as a read would give it since), changes measured against it. */
  let carried: DialogRead | null = ahead?.read ?? null;
  /**
   * A read of the dialog as it is now: the last one when the changes since tell it, else a new one
   * (`full`: read again in full, so rows may have been added or rewritten since the last).
   */
  const readNow = (): { read: DialogRead | null; full: boolean } => {
    carried = watch.since(carried);
    if (carried) return { read: carried, full: false };
    carried = reread(dialogElement);
    if (carried) watch.mark(carried);
    return { read: carried, full: true };
  };
  const first = readNow().read;
  const resume = first ? pauseListDrawing(dialogElement, first) : () => undefined;
  try {
    for (let start = 0; start < rows.length; start += PAGE_BATCH) {
      const dialog = signal.aborted ? null : readNow().read;
      if (!dialog) {
        progress.failed.push(...rows.slice(start));
        break;
      }
      // Rows gone before anything was pressed for them: found again if re-rendered, else unknown.
      const { live: batch, gone } = currentRows(rows.slice(start, start + PAGE_BATCH), dialog, watch.rowOf);
      progress.unknown.push(...gone);
      if (batch.length === 0) {
        onProgress({ ...progress });
        continue;
      }
      const wanted = new Set(batch.map((r) => r.element));
      for (const row of dialog.rows) setBox(row.checkbox, wanted.has(row.element));
      const alerts = new Set(Array.from(dialogElement.querySelectorAll('[role="alert"]')));
      const countersBefore = readCounters();
      // A row has left when its element went, or (a list that reuses its row elements) when its
      // element no longer shows its name and e-mail (a "removing…" badge beside them is not leaving);
      // the re-read below decides who is really gone.
      const left = (r: DialogRow) => {
        if (!r.element.isConnected) return true;
        const text = (r.element.textContent ?? '').replace(/\s+/g, ' ');
        return !text.includes(r.name) || (r.email !== '' && !text.includes(r.email));
      };
      dialog.withdrawButton.click();
      await elementReady(
        () => {
          if (batch.every(left)) return true;
          return alertShown(dialogElement, alerts) ? true : null;
        },
        // Checked at each change (a cheap check): the next batch is sent before the frame is drawn.
        { signal, timeoutMs: BATCH_TIMEOUT_MS, root: doc.body, attributes: true, eager: true },
      );
      const vanished = batch.filter(left);
      const stayed = batch.filter((r) => !left(r));
      // Confirmation 1: a re-read of the dialog no longer shows them (re-rendered rows are still there).
      const { read: after, full } = readNow();
      // A read carried from the batch's start has only lost rows since (the watch says so): a row
      // of the batch that left cannot be shown again under another element, so it is not looked
      // for (a search builds an index of every row the dialog shows: 1,000 beside a 1,110-row
      // dialog, each batch). After a full read, it is looked for.
      const { live: shownAgain, gone: confirmed } =
        after && full ? currentRows(vanished, after, watch.rowOf) : { live: [], gone: after ? vanished : [] };
      const unconfirmed = after ? [] : vanished;
      // Confirmation 2 (the dialog closed, or could not be read): the page's own counter.
      let byCounter = false;
      if (unconfirmed.length > 0 && countersBefore) {
        const fell = await elementReady(
          () => {
            const fall = counterFall(countersBefore, readCounters());
            return fall !== null && fall >= unconfirmed.length ? fall : null;
          },
          { signal, timeoutMs: COUNTER_WAIT_MS, root: doc.body },
        );
        byCounter = fell !== null;
      }
      progress.done.push(...confirmed, ...(byCounter ? unconfirmed : []));
      progress.unknown.push(...(byCounter ? [] : unconfirmed));
      const failedNow = [...stayed, ...shownAgain];
      progress.failed.push(...failedNow);
      onProgress({ ...progress });
      if (failedNow.length > 0 || (!after && !byCounter)) {
        progress.failed.push(...rows.slice(start + PAGE_BATCH));
        break;
      }
    }
  } finally {
    watch.stop();
    if (showListLater) showListLater(resume);
    else resume();
  }
  return progress;
}

// --- the journal entry of a row withdrawn through the page ---------------------------------------
// The background screens its payload (src/shared/protocol/schemas.ts, recordPageWithdrawal): at most 300
// characters of name and e-mail, 50 classes of at most 100, 10,000 entries a request. A page can
// show more, so the entry is cut to fit (with an ellipsis) rather than refused, and a long
// withdrawal is journaled in several requests.

const JOURNAL_LIMITS = { text: 300, className: 100, classes: 50, entries: 10_000 } as const;

/** The journal entry for a row withdrawn through the page, within the payload's bounds. */
export function pageJournalEntry(
  row: Pick<DialogRow, 'name' | 'email' | 'classes'>,
  assignment: { id: string; licenseId: string } | null,
): PageWithdrawalEntry {
  const { text, className, classes: maxClasses } = JOURNAL_LIMITS;
  let classes = row.classes.map((c) => clip(c, className, { ellipsis: true }));
  if (classes.length > maxClasses) {
    const rest = classes.length - (maxClasses - 1);
    classes = [...classes.slice(0, maxClasses - 1), `… (+${rest})`];
  }
  const idOrNull = (value: string | undefined) => (value && value.length <= 200 ? value : null);
  return {
    name: clip(row.name, text, { ellipsis: true }),
    email: clip(row.email, text, { ellipsis: true }),
    classes,
    assignmentId: idOrNull(assignment?.id),
    licenseId: idOrNull(assignment?.licenseId),
  };
}

/** Entries in requests of at most JOURNAL_LIMITS.entries each. */
export function journalChunks<T>(entries: T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < entries.length; i += JOURNAL_LIMITS.entries)
    chunks.push(entries.slice(i, i + JOURNAL_LIMITS.entries));
  return chunks;
}
