// @vitest-environment happy-dom
// The controller on the saved dialog: rows hidden and shown only through our filters, the page's
// checkboxes following our selection (with the events the page listens to), and everything put
// back when the dialog's life ends.
import { describe, expect, it, vi } from 'vitest';
import { loadSavedDialogPage } from '../../../test/support/saved-dialog.ts';
import { WordIndex } from '../../shared/word-search.ts';
import type { ToolData } from '../bridge.ts';
import { type DialogRow, recogniseWithdrawDialog } from '../page/dialog.ts';
import { DialogController } from './controller.ts';

function setup() {
  loadSavedDialogPage();
  const found = recogniseWithdrawDialog(document);
  if (!found.ok) throw new Error(found.reason);
  const abort = new AbortController();
  const controller = new DialogController(found.value, abort.signal, 'sv');
  return { controller, abort, dialog: found.value };
}

/** The tool's data with one assignment: the row's person, who has left the school (the API says so). */
function leftSchool(row: DialogRow): ToolData {
  return {
    licenses: [],
    pools: [],
    fetchedAt: null,
    assignments: [
      {
        id: 'x1',
        licenseId: 'l1',
        assignedAt: '2025-01-01T00:00:00Z',
        assignee: {
          type: 'USER',
          id: 'u1',
          name: row.name,
          ...(row.email ? { email: row.email } : {}),
          role: 'STUDENT',
          active: false,
          groups: row.classes.map((name) => ({ id: name, name })),
        },
      },
    ],
  };
}

const hiddenRows = (rows: { element: HTMLElement }[]) =>
  rows.filter((r) => r.element.style.display === 'none').length;

describe('DialogController', () => {
  it('hides rows that do not match, only through style, and restores them on abort', () => {
    const { controller, abort, dialog } = setup();
    const before = dialog.rows.map((r) => r.element.getAttribute('style'));
    controller.setFilters({ classes: new Set(['9B']), roles: new Set(['STUDENT']) });
    controller.flush();
    const visible = controller.visibleIndices().length;
    expect(visible).toBeGreaterThan(0);
    expect(visible).toBe(controller.matchCount);
    expect(hiddenRows(dialog.rows)).toBe(dialog.rows.length - visible);
    abort.abort();
    expect(hiddenRows(dialog.rows)).toBe(0);
    expect(dialog.rows.map((r) => r.element.getAttribute('style') || null)).toEqual(
      before.map((s) => s || null),
    );
  });

  it('selects all matching rows and ticks the page’s own checkboxes with input and change events', () => {
    const { controller, dialog } = setup();
    const seen: string[] = [];
    dialog.element.addEventListener('change', () => seen.push('change'));
    dialog.element.addEventListener('input', () => seen.push('input'));
    controller.setFilters({ query: 'a' });
    controller.selectAllMatching();
    controller.flush();
    const ticked = dialog.rows.filter((r) => (r.checkbox as HTMLInputElement).checked).length;
    expect(ticked).toBe(controller.matchCount);
    expect(controller.selected.size).toBe(controller.matchCount);
    expect(seen.filter((e) => e === 'change')).toHaveLength(ticked);
    expect(seen.filter((e) => e === 'input')).toHaveLength(ticked);
    controller.clearSelection();
    controller.flush();
    expect(dialog.rows.some((r) => (r.checkbox as HTMLInputElement).checked)).toBe(false);
  });

  it('counts selected rows hidden by a later filter, and ranges cover visible rows only', () => {
    const { controller } = setup();
    controller.toggle(0);
    controller.setFilters({ query: 'zzzz-no-one' });
    expect(controller.hiddenSelectedCount()).toBe(1);
    controller.clearFilters();
    controller.clearSelection();
    controller.setFilters({ roles: new Set(['STUDENT']) });
    const visible = controller.visibleIndices();
    const first = visible[0] ?? 0;
    const fifth = visible[4] ?? 0;
    controller.toggle(first);
    controller.selectRange(fifth, true);
    expect(controller.selected.size).toBe(5);
  });

  it('asks whether the filters hide anything once per filter, not once per row', () => {
    const { controller } = setup();
    controller.setFilters({ query: ' a ' });
    const matching = controller.matchCount;
    // The query was trimmed for each of a large dialog's 5,000 rows on every keystroke.
    const trimmed = vi.spyOn(String.prototype, 'trim');
    const visible = controller.visibleIndices();
    controller.toggle(0);
    controller.hiddenSelectedCount();
    expect(trimmed).not.toHaveBeenCalled();
    trimmed.mockRestore();
    expect(visible).toHaveLength(matching);
    expect(matching).toBeLessThan(controller.rows.length);
    controller.clearFilters();
    expect(controller.visibleIndices()).toHaveLength(controller.rows.length);
  });

  it('ignores the page’s checkbox events that a script dispatched (not trusted)', () => {
    const { controller, dialog } = setup();
    const box = dialog.rows[0]?.checkbox as HTMLInputElement;
    box.checked = true;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    expect(controller.selected.size).toBe(0);
  });

  it('moves the focused row among visible rows and toggles it', () => {
    const { controller, dialog } = setup();
    controller.setFilters({ roles: new Set(['STUDENT']) });
    controller.moveFocus(1);
    controller.moveFocus(1);
    const second = controller.visibleIndices()[1];
    expect(controller.focus).toBe(second);
    expect(document.activeElement).toBe(dialog.rows[second ?? 0]?.checkbox);
    controller.toggleFocused();
    expect(controller.isSelected(second ?? 0)).toBe(true);
  });

  it('takes roles and "left" from the tool’s data when it arrives, and keeps searching the same rows', () => {
    const { controller, dialog } = setup();
    controller.setFilters({ query: 'a' });
    const before = controller.matchCount;
    const first = dialog.rows[0] as (typeof dialog.rows)[number];
    // The first row's person has left the school, as the API says (the page shows no badge).
    controller.setTool(leftSchool(first), null);
    expect(controller.mapped[0]?.id).toBe('x1');
    expect(controller.matchCount).toBe(before);
    controller.setFilters({ query: '', leftOnly: true });
    expect(controller.visibleIndices()).toContain(0);
    controller.setFilters({ leftOnly: false, query: first.name });
    expect(controller.visibleIndices()).toContain(0);
  });
  it('made with the tool’s data in hand, maps its rows as it reads them', () => {
    loadSavedDialogPage();
    const found = recogniseWithdrawDialog(document);
    if (!found.ok) throw new Error(found.reason);
    const first = found.value.rows[0] as (typeof found.value.rows)[number];
    const tool = leftSchool(first);
    const controller = new DialogController(found.value, new AbortController().signal, 'sv', {
      tool,
      scope: null,
    });
    expect(controller.tool).toBe(tool);
    expect(controller.mapped[0]?.id).toBe('x1');
    // "Left" comes from the data at once (the page shows no badge on this row).
    controller.setFilters({ leftOnly: true });
    expect(controller.visibleIndices()).toContain(0);
  });

  it('builds the word index when idle after a read, and searches before that all the same', async () => {
    const prepare = vi.spyOn(WordIndex.prototype, 'prepare');
    try {
      const { controller } = setup();
      const words = (controller as unknown as { index: { words: WordIndex } }).index.words;
      expect(prepare.mock.contexts).not.toContain(words);
      await new Promise((r) => setTimeout(r, 100));
      expect(prepare.mock.contexts).toContain(words);
    } finally {
      prepare.mockRestore();
    }
    const other = setup().controller;
    other.setFilters({ query: 'a' });
    expect(other.matchCount).toBeGreaterThan(0);
    expect(other.matchCount).toBeLessThan(other.rows.length);
  });

  it('notices a row element reused for someone else, and the selection follows the person, not the element', async () => {
    const { controller, dialog } = setup();
    const [a, b] = dialog.rows as [(typeof dialog.rows)[0], (typeof dialog.rows)[0]];
    controller.setSelected([0], true);
    controller.flush();
    expect((a.checkbox as HTMLInputElement).checked).toBe(true);
    // The page re-renders in place: row elements and checkboxes stay, the people swap rows, and
    // the page's own ticks follow the people.
    const textCells = (row: HTMLElement) => Array.from(row.children).slice(1);
    const cellsA = textCells(a.element);
    const cellsB = textCells(b.element);
    a.element.append(...cellsB);
    b.element.append(...cellsA);
    (a.checkbox as HTMLInputElement).checked = false;
    (b.checkbox as HTMLInputElement).checked = true;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(controller.takeStale()).toBe(true);
    expect(controller.takeStale()).toBe(false);
    const again = recogniseWithdrawDialog(document);
    if (!again.ok) throw new Error(again.reason);
    controller.read(again.value);
    expect(controller.rows[1]?.name).toBe(a.name);
    expect(controller.selection().map((s) => s.row.name)).toEqual([a.name]);
    expect(controller.isSelected(0)).toBe(false);
    expect(controller.isSelected(1)).toBe(true);
  });
});
