// @vitest-environment happy-dom
// Page mode counts only what the page confirms: re-rendered rows are not withdrawals, rows gone
// before their batch are reported, a closed dialog needs the page's counter; journal entries fit.
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { loadSavedDialogPage } from '../../../test/support/saved-dialog.ts';
import { requestSchemas } from '../../shared/protocol/schemas.ts';
import { isCheckboxChecked, readWithdrawDialog, recogniseWithdrawDialog } from '../page/dialog.ts';
import { findCounters, recogniseLicensePage } from '../page/recognise.ts';
import { journalChunks, PAGE_BATCH, pageJournalEntry, readAhead, withdrawThroughPage } from './page-mode.ts';

// Page mode's own reads of the dialog and of the page's counters, counted (the originals read).
vi.mock('../page/dialog.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../page/dialog.ts')>();
  return { ...original, readWithdrawDialog: vi.fn(original.readWithdrawDialog) };
});
vi.mock('../page/recognise.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../page/recognise.ts')>();
  return { ...original, findCounters: vi.fn(original.findCounters) };
});

type PageBehaviour =
  | 'withdraw'
  | 'rerender-only'
  | 'withdraw-close-count'
  | 'withdraw-close-silent'
  | 'withdraw-but-show-one-again'
  | 'withdraw-then-close-count'
  | 'fail-with-alert'
  | 'refuse-with-alert'
  | 'withdraw-and-put-old-alert-back';

/** The saved dialog, with a fake page behind its "Dra tillbaka" button. */
function setup(behaviour: PageBehaviour) {
  loadSavedDialogPage();
  const found = recogniseWithdrawDialog(document);
  if (!found.ok) throw new Error(found.reason);
  const dialog = found.value;
  const page = recogniseLicensePage(document.body);
  const counter = page.ok ? page.value.counters[0] : undefined;
  if (!counter) throw new Error('the fixture shows no counter');
  let counterElement = counter.element;
  const setAssigned = (n: number) => {
    counterElement.textContent = (counterElement.textContent ?? '').replace(/^\s*\d+/, String(n));
  };
  /** The page renders its counter anew: a new element, the same text. */
  const rerenderCounter = () => {
    const again = counterElement.cloneNode(true) as HTMLElement;
    counterElement.replaceWith(again);
    counterElement = again;
  };
  let assigned = counter.assigned;
  let presses = 0;
  /** The page's error, in an element of its own with role="alert" (at the dialog's top, or `where`). */
  const showAlert = (where: Element = dialog.element) => {
    const alert = document.createElement('p');
    alert.setAttribute('role', 'alert');
    alert.textContent = 'Något gick fel. Försök igen.';
    where.prepend(alert);
    return alert;
  };
  let oldAlert: HTMLElement | null = null;
  // The saved page disabled its button (nothing was ticked then); its script would enable it.
  dialog.withdrawButton.removeAttribute('disabled');
  dialog.withdrawButton.addEventListener('click', () => {
    const ticked = dialog.rows.filter((r) => r.element.isConnected && isCheckboxChecked(r.checkbox));
    const current = Array.from(dialog.element.querySelectorAll('tbody tr'));
    presses++;
    // The page checks before it sends anything, and says no at once, in the click's own task.
    if (behaviour === 'refuse-with-alert') {
      showAlert();
      return;
    }
    queueMicrotask(() => {
      if (behaviour === 'fail-with-alert') {
        // The request failed: the rows stay, and the page says so (in the rows' table, as some do).
        showAlert(dialog.element.querySelector('tbody tr td') ?? dialog.element);
        return;
      }
      if (behaviour === 'withdraw-and-put-old-alert-back') {
        // The page shows the alert it showed before again, moved, and its rows go a moment later.
        oldAlert ??= dialog.element.querySelector('[role="alert"]');
        if (oldAlert) dialog.element.append(oldAlert);
        setTimeout(() => {
          for (const row of ticked) row.element.remove();
        }, 5);
        return;
      }
      if (behaviour === 'rerender-only') {
        // The page answers nothing and renders its list anew: every row is a new element.
        for (const row of current) row.replaceWith(row.cloneNode(true));
        return;
      }
      for (const row of ticked) row.element.remove();
      if (behaviour === 'withdraw-but-show-one-again') {
        // The page's request failed for the first of them, and it shows that person again, in a
        // new row at the end (a keyed list rendered anew).
        const again = ticked[0]?.element.cloneNode(true);
        if (again) dialog.element.querySelector('tbody')?.append(again);
        return;
      }
      if (behaviour === 'withdraw' || (behaviour === 'withdraw-then-close-count' && presses === 1)) return;
      dialog.element.remove();
      if (behaviour === 'withdraw-close-count' || behaviour === 'withdraw-then-close-count') {
        assigned -= ticked.length;
        setTimeout(() => setAssigned(assigned), 20);
      }
    });
  });
  return { dialog, counter, rerenderCounter, showAlert };
}

const never = new AbortController().signal;

describe('withdrawThroughPage', () => {
  it('ticks the row that shows the person now, when the page reused row elements for other people', async () => {
    const { dialog } = setup('withdraw');
    const [first, second] = dialog.rows as [(typeof dialog.rows)[0], (typeof dialog.rows)[0]];
    const elementA = first.element;
    const elementB = second.element;
    // The selection as read before the page re-rendered: A in the first row element.
    const selectedA = { ...first };
    // The page re-renders in place: same row elements and checkboxes, the two people swapped.
    const textCells = (row: HTMLElement) => Array.from(row.children).slice(1);
    const cellsA = textCells(elementA);
    const cellsB = textCells(elementB);
    elementA.append(...cellsB);
    elementB.append(...cellsA);
    const result = await withdrawThroughPage(dialog.element, [selectedA], () => undefined, never);
    // The element now showing A went; the one now showing B stayed.
    expect(elementB.isConnected).toBe(false);
    expect(elementA.isConnected).toBe(true);
    expect(result.done.map((r) => r.name)).toEqual([first.name]);
    expect(result.failed).toEqual([]);
  });

  it('counts rows that the re-read dialog no longer shows', async () => {
    const { dialog } = setup('withdraw');
    const rows = dialog.rows.slice(0, 3);
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never);
    expect(result.done).toEqual(rows);
    expect(result.failed).toEqual([]);
    expect(result.unknown).toEqual([]);
  });

  it('does not count rows the page merely re-rendered', async () => {
    const { dialog } = setup('rerender-only');
    const rows = dialog.rows.slice(0, 3);
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never);
    expect(result.done).toEqual([]);
    expect(result.failed).toHaveLength(3);
  });

  it('reports rows that vanished before their batch was sent', async () => {
    const { dialog } = setup('withdraw');
    expect(dialog.rows.length).toBeGreaterThan(PAGE_BATCH + 2);
    const rows = dialog.rows.slice(0, PAGE_BATCH + 3);
    rows[PAGE_BATCH + 1]?.element.remove();
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never);
    expect(result.done).toHaveLength(PAGE_BATCH + 2);
    expect(result.unknown).toEqual([rows[PAGE_BATCH + 1]]);
    expect(result.done.length + result.failed.length + result.unknown.length).toBe(rows.length);
  });

  // Between batches the dialog is not read again when the page only took rows out: the next
  // batch's rows are looked up in the last full read, and only those still in the page count.
  it('a row of a later batch that the page takes out while an earlier batch is withdrawn is reported as gone, not withdrawn', async () => {
    const { dialog } = setup('withdraw');
    const rows = dialog.rows.slice(0, PAGE_BATCH + 3);
    const later = rows[PAGE_BATCH + 1];
    dialog.withdrawButton.addEventListener('click', () => queueMicrotask(() => later?.element.remove()), {
      once: true,
    });
    const reads = vi.mocked(readWithdrawDialog);
    reads.mockClear();
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(result.unknown).toEqual([later]);
    expect(result.done).toEqual(rows.filter((r) => r !== later));
    expect(result.failed).toEqual([]);
  });

  it('a row of a later batch that the page takes out and puts back (the same element) is found and withdrawn', async () => {
    const { dialog } = setup('withdraw');
    const rows = dialog.rows.slice(0, PAGE_BATCH + 3);
    const later = rows[PAGE_BATCH + 1];
    dialog.withdrawButton.addEventListener(
      'click',
      () =>
        queueMicrotask(() => {
          const element = later?.element;
          const body = element?.parentElement;
          element?.remove();
          if (element) body?.append(element);
        }),
      { once: true },
    );
    const reads = vi.mocked(readWithdrawDialog);
    reads.mockClear();
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never);
    // A row was added: the dialog was read again before the second batch.
    expect(reads).toHaveBeenCalledTimes(2);
    expect(result.done).toEqual(rows);
    expect(result.unknown).toEqual([]);
    expect(result.failed).toEqual([]);
  });

  // A status in the dialog worded like the page's counter goes with the dialog: only the page's
  // counter outside it confirms.
  it.each([
    ['', false],
    [', with a counter-like status inside the dialog', true],
  ])('a dialog that closes after withdrawing: the page counter confirms%s', async (_, statusInside) => {
    const { dialog } = setup('withdraw-close-count');
    if (statusInside) {
      const status = document.createElement('span');
      status.textContent = '4/30 tilldelade';
      dialog.element.prepend(status);
    }
    const rows = dialog.rows.slice(0, 4);
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never);
    expect(result.done).toEqual(rows);
    expect(result.unknown).toEqual([]);
  });

  it("reads the page's counter from its element after the first batch: the page is walked once, not before every batch", async () => {
    const { dialog } = setup('withdraw');
    const rows = dialog.rows.slice(0, PAGE_BATCH + 3);
    const walks = vi.mocked(findCounters);
    walks.mockClear();
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never);
    expect(result.done).toEqual(rows);
    // Two batches: the page walked before the first; before the second, only the elements that
    // walk found (the saved page shows two counters).
    const [first, ...later] = walks.mock.calls.map(([root]) => root);
    expect(first).toBe(document.body);
    const walked = (walks.mock.results[0]?.value ?? []) as ReturnType<typeof findCounters>;
    const elements = walked.map((c) => c.element);
    expect(elements).toHaveLength(2);
    expect(later).toEqual(elements);
  });

  it('a counter the page rendered anew between two batches is found again, and confirms a batch whose dialog closed', async () => {
    const { dialog, rerenderCounter } = setup('withdraw-then-close-count');
    const rows = dialog.rows.slice(0, PAGE_BATCH + 3);
    let rerendered = false;
    // After the first batch, the page renders its counter anew: the element read before it is gone.
    const onProgress = () => {
      if (rerendered) return;
      rerendered = true;
      rerenderCounter();
    };
    const result = await withdrawThroughPage(dialog.element, rows, onProgress, never);
    expect(rerendered).toBe(true);
    // The second batch closed the dialog: the counter, read from its new element, confirms it.
    expect(result.done).toEqual(rows);
    expect(result.unknown).toEqual([]);
  });

  // The page's own error (a new element with role="alert") ends the wait for a batch at once: its
  // rows that stayed failed, and the rest is not sent. A test's time limit (30 s, vitest.config.ts)
  // is under the batch's own (60 s): a wait that missed the alert fails the test.
  it.each([
    ['after its request', 'fail-with-alert'],
    ['at once, in the click itself', 'refuse-with-alert'],
  ] as const)(
    'the page shows an error %s: that batch failed and the rest are not sent',
    async (_, behaviour) => {
      const { dialog } = setup(behaviour);
      const rows = dialog.rows.slice(0, PAGE_BATCH + 2);
      const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never);
      expect(result.done).toEqual([]);
      expect(result.failed).toEqual(rows);
    },
  );

  it('an error the page showed before, still shown or put back, is not taken for a new one', async () => {
    const { dialog, showAlert } = setup('withdraw-and-put-old-alert-back');
    showAlert();
    const rows = dialog.rows.slice(0, PAGE_BATCH + 2);
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never);
    expect(result.done).toEqual(rows);
    expect(result.failed).toEqual([]);
  });

  it('the page re-renders between two batches: the next batch ticks the rows that show its people then', async () => {
    const { dialog } = setup('withdraw');
    expect(dialog.rows.length).toBeGreaterThan(PAGE_BATCH + 3);
    const rows = dialog.rows.slice(0, PAGE_BATCH + 1);
    const next = rows[PAGE_BATCH] as (typeof rows)[0];
    const other = dialog.rows[PAGE_BATCH + 2] as (typeof rows)[0];
    const [nextElement, otherElement] = [next.element, other.element];
    const [nextName, otherName] = [next.name, other.name];
    let swapped = false;
    // After the first batch is read back, the page swaps two people in place (the same row
    // elements): the read made after the first batch no longer says who is where.
    const onProgress = () => {
      if (swapped) return;
      swapped = true;
      const cellsOfNext = Array.from(nextElement.children).slice(1);
      const cellsOfOther = Array.from(otherElement.children).slice(1);
      nextElement.append(...cellsOfOther);
      otherElement.append(...cellsOfNext);
    };
    const result = await withdrawThroughPage(dialog.element, rows, onProgress, never);
    expect(swapped).toBe(true);
    expect(result.done.map((r) => r.name)).toContain(nextName);
    // The element that showed the next person then shows the other one, and stays.
    expect(nextElement.isConnected).toBe(true);
    expect(nextElement.textContent).toContain(otherName);
    expect(otherElement.isConnected).toBe(false);
    expect(result.failed).toEqual([]);
  });

  it('reads every row once when the page only takes the withdrawn rows out, not again after each batch', async () => {
    const { dialog } = setup('withdraw');
    const rows = dialog.rows.slice(0, 2 * PAGE_BATCH + 1);
    const reads = vi.mocked(readWithdrawDialog);
    reads.mockClear();
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never);
    expect(result.done).toEqual(rows);
    // Three batches: the dialog read before the first; after each, the rows that left are taken
    // out of that read instead of every row being read again.
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('a read made ahead of the confirmation is used when nothing changed since: the dialog is not read again', async () => {
    const { dialog } = setup('withdraw');
    const rows = dialog.rows.slice(0, 2 * PAGE_BATCH + 1);
    const ahead = readAhead(dialog.element);
    // The administrator's own ticks meanwhile change nothing a read sees.
    rows[0]?.checkbox.click();
    const reads = vi.mocked(readWithdrawDialog);
    reads.mockClear();
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never, { ahead });
    expect(result.done).toEqual(rows);
    expect(reads).not.toHaveBeenCalled();
  });

  it('a read made ahead is dropped when the page rendered its rows anew since: those rows are found and withdrawn', async () => {
    const { dialog } = setup('withdraw');
    const rows = dialog.rows.slice(0, 3);
    const ahead = readAhead(dialog.element);
    // Between the read and the confirmation, the page renders its list anew: new elements, the
    // same people. The read made ahead holds none of those elements.
    for (const row of Array.from(dialog.element.querySelectorAll('tbody tr')))
      row.replaceWith(row.cloneNode(true));
    const reads = vi.mocked(readWithdrawDialog);
    reads.mockClear();
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never, { ahead });
    expect(reads).toHaveBeenCalled();
    expect(result.done.map((r) => r.name)).toEqual(rows.map((r) => r.name));
    expect(result.failed).toEqual([]);
    expect(result.unknown).toEqual([]);
  });

  it('a row the page took out after the read made ahead is reported as gone, not withdrawn', async () => {
    const { dialog } = setup('withdraw');
    const rows = dialog.rows.slice(0, 3);
    const ahead = readAhead(dialog.element);
    rows[1]?.element.remove();
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never, { ahead });
    expect(result.done).toEqual([rows[0], rows[2]]);
    expect(result.unknown).toEqual([rows[1]]);
  });

  it('a person the page shows again in a new row after their batch is not counted withdrawn', async () => {
    const { dialog } = setup('withdraw-but-show-one-again');
    const rows = dialog.rows.slice(0, 3);
    const reads = vi.mocked(readWithdrawDialog);
    reads.mockClear();
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never);
    expect(result.done).toEqual(rows.slice(1));
    expect(result.failed.map((r) => r.name)).toEqual([rows[0]?.name]);
    // A row was added: the dialog was read again to see who it shows.
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('a name the page rewrites in a row between two batches (its text, same elements) is seen', async () => {
    const { dialog } = setup('withdraw');
    const rows = dialog.rows.slice(0, PAGE_BATCH + 1);
    const next = rows[PAGE_BATCH] as (typeof rows)[0];
    const other = dialog.rows[PAGE_BATCH + 2] as (typeof rows)[0];
    const [nextName, otherName] = [next.name, other.name];
    const textOf = (row: HTMLElement, name: string) => {
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        if ((node as Text).data.includes(name)) return node as Text;
      throw new Error(`no text ${name}`);
    };
    let swapped = false;
    // After the first batch, the page swaps the two people's names and e-mails in their text
    // nodes: no element is added or taken, only text changes.
    const onProgress = () => {
      if (swapped) return;
      swapped = true;
      const cells = (row: HTMLElement) => Array.from(row.children).slice(1);
      const a = cells(next.element).map((c) => textOf(c as HTMLElement, (c.textContent ?? '').trim()));
      const b = cells(other.element).map((c) => textOf(c as HTMLElement, (c.textContent ?? '').trim()));
      a.forEach((text, i) => {
        const bText = b[i];
        if (!bText) return;
        [text.data, bText.data] = [bText.data, text.data];
      });
    };
    const [nextElement, otherElement] = [next.element, other.element];
    const result = await withdrawThroughPage(dialog.element, rows, onProgress, never);
    expect(swapped).toBe(true);
    expect(result.done.map((r) => r.name)).toContain(nextName);
    // The element that showed the next person then shows the other one, and stays.
    expect(nextElement.isConnected).toBe(true);
    expect(nextElement.textContent).toContain(otherName);
    expect(otherElement.isConnected).toBe(false);
    expect(result.failed).toEqual([]);
  });

  it("hides the page's list while it works (the box around its table keeps its size) and restores the box's own style after", async () => {
    const { dialog } = setup('withdraw');
    const table = dialog.element.querySelector('table') as HTMLElement;
    const box = table.parentElement as HTMLElement;
    box.style.setProperty('content-visibility', 'auto');
    const during: string[] = [];
    dialog.withdrawButton.addEventListener('click', () => {
      during.push(box.style.getPropertyValue('content-visibility'));
      // Not the dialog, nor anything holding the page's button: those stay drawn.
      during.push(dialog.element.style.getPropertyValue('content-visibility'));
      during.push(box.style.getPropertyValue('contain-intrinsic-size') === '' ? 'no size' : 'sized');
    });
    const rows = dialog.rows.slice(0, PAGE_BATCH + 2);
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never);
    expect(result.done).toEqual(rows);
    expect(during).toEqual(['hidden', '', 'sized', 'hidden', '', 'sized']);
    expect(box.contains(dialog.withdrawButton)).toBe(false);
    expect(box.style.getPropertyValue('content-visibility')).toBe('auto');
    expect(box.style.getPropertyValue('contain-intrinsic-size')).toBe('');
  });

  it("shows the page's list again when stopped halfway, and leaves a style the page set since alone", async () => {
    const { dialog } = setup('withdraw');
    const box = (dialog.element.querySelector('table') as HTMLElement).parentElement as HTMLElement;
    const stop = new AbortController();
    dialog.withdrawButton.addEventListener('click', () => stop.abort());
    const result = await withdrawThroughPage(
      dialog.element,
      dialog.rows.slice(0, PAGE_BATCH * 2),
      () => undefined,
      stop.signal,
    );
    expect(result.failed.length).toBeGreaterThan(0);
    expect(box.style.getPropertyValue('content-visibility')).toBe('');

    const again = setup('withdraw');
    const box2 = (again.dialog.element.querySelector('table') as HTMLElement).parentElement as HTMLElement;
    again.dialog.withdrawButton.addEventListener('click', () =>
      box2.style.setProperty('content-visibility', 'visible'),
    );
    await withdrawThroughPage(again.dialog.element, again.dialog.rows.slice(0, 2), () => undefined, never);
    expect(box2.style.getPropertyValue('content-visibility')).toBe('visible');
  });

  it('a dialog that closes and a counter that does not move: unknown, not withdrawn', async () => {
    const { dialog } = setup('withdraw-close-silent');
    const rows = dialog.rows.slice(0, 4);
    const result = await withdrawThroughPage(dialog.element, rows, () => undefined, never);
    expect(result.done).toEqual([]);
    expect(result.unknown).toEqual(rows);
  });
});

describe('page journal entries', () => {
  it('cut long names, e-mails, classes and class lists with an ellipsis, so the journal write is never refused', () => {
    const entry = pageJournalEntry(
      {
        name: 'Å'.repeat(500),
        email: `${'x'.repeat(400)}@skola.se`,
        classes: Array.from({ length: 70 }, (_, i) => `${i}${'K'.repeat(150)}`),
      },
      { id: 'a-1', licenseId: 'l-1' },
    );
    expect(entry.name).toHaveLength(300);
    expect(entry.name.endsWith('…')).toBe(true);
    expect(entry.email).toHaveLength(300);
    expect(entry.classes).toHaveLength(50);
    expect(entry.classes.at(-1)).toBe('… (+21)');
    expect(entry.classes.every((c) => c.length <= 100)).toBe(true);
    const payload = { toolId: 't', entries: [entry] };
    expect(v.safeParse(requestSchemas.recordPageWithdrawal, payload).success).toBe(true);
    // A later batch names its page job; no other job can be named (an API job's journal is not
    // the content script's to add to).
    const jobId = 'page-0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(v.safeParse(requestSchemas.recordPageWithdrawal, { ...payload, jobId }).success).toBe(true);
    for (const other of ['job-1', `${jobId}x`, 'page-'])
      expect(v.safeParse(requestSchemas.recordPageWithdrawal, { ...payload, jobId: other }).success).toBe(
        false,
      );
    const many = journalChunks(Array.from({ length: 25_000 }, () => entry));
    expect(many.map((c) => c.length)).toEqual([10_000, 10_000, 5_000]);
  });
});
