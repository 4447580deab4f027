// @vitest-environment happy-dom
// A large dialog (LARGE_DIALOG_ROWS rows or more, made here by repeating the saved dialog's rows):
// the controller leaves the page's rows as they are, and the panel's list shows the matches, a
// window of them at a time, each box the same selection as the page's box. Only a trusted change
// of a box selects (happy-dom's events are not trusted: the guard is replaced, then restored).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSavedDialogPage } from '../../../test/support/saved-dialog.ts';

vi.mock('../../shared/extension-api.ts', () => ({
  extensionApi: () => ({
    i18n: {
      getMessage: (key: string, subs: string[] = []) => (subs.length ? `${key}(${subs.join('|')})` : key),
      getUILanguage: () => 'sv-SE',
    },
  }),
}));
const trust = { value: true };
vi.mock('../core/trusted.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../core/trusted.ts')>()),
  isTrustedEvent: () => trust.value,
}));
const { DialogController, LARGE_DIALOG_ROWS } = await import('../dialog/controller.ts');
const { recogniseWithdrawDialog } = await import('../page/dialog.ts');
const { MatchList } = await import('./MatchList.tsx');

/** The saved dialog with its rows repeated until it holds at least `rows`. */
function largeDialog(rows: number) {
  loadSavedDialogPage();
  const body = document.querySelector('[role="dialog"] tbody') as HTMLElement;
  const originals = [...body.children];
  while (body.children.length < rows) for (const row of originals) body.append(row.cloneNode(true));
  const found = recogniseWithdrawDialog(document);
  if (!found.ok) throw new Error(found.reason);
  const abort = new AbortController();
  return { controller: new DialogController(found.value, abort.signal, 'sv'), dialog: found.value, abort };
}

/** A large dialog's controller searching for `query`, and an element of the page to render in. */
function searching(query: string) {
  const found = largeDialog(LARGE_DIALOG_ROWS);
  found.controller.setFilters({ query });
  const host = document.createElement('div');
  document.body.append(host);
  return { ...found, host };
}

afterEach(() => {
  trust.value = true;
  vi.restoreAllMocks();
});

describe('a large dialog', () => {
  it('is filtered in the panel: the page’s rows are not hidden', () => {
    const { controller, dialog } = largeDialog(LARGE_DIALOG_ROWS);
    expect(controller.large).toBe(true);
    controller.setFilters({ query: 'a' });
    controller.flush();
    expect(controller.matchCount).toBeGreaterThan(0);
    expect(controller.matchCount).toBeLessThan(dialog.rows.length);
    expect(dialog.rows.filter((r) => r.element.style.display === 'none')).toHaveLength(0);
  });

  it('lists the matches a window at a time, and a box there selects the row and ticks the page’s box', async () => {
    const { controller, dialog } = largeDialog(LARGE_DIALOG_ROWS);
    controller.setFilters({ classes: new Set([controller.classes[0] as string]) });
    const host = document.createElement('div');
    document.body.append(host);
    // The list's height is fixed: its box is never read from layout (a layout forced inside the
    // keystroke that mounts the list).
    const boxRead = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get');
    // Nor is a new list scrolled to its top, where it is (scrollTo lays the page out).
    const scrolled = vi.spyOn(HTMLElement.prototype, 'scrollTo');
    await act(() => render(<MatchList controller={controller} />, host));
    expect(boxRead).not.toHaveBeenCalled();
    expect(scrolled).not.toHaveBeenCalled();
    const list = host.querySelector('[data-lk="match-list"]') as HTMLElement;
    expect(list.getAttribute('data-count')).toBe(String(controller.matchCount));
    const shown = [...host.querySelectorAll('[data-lk="match"]')];
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(controller.matchCount);
    // The 10 rows in view and two below: each row more is text laid out and painted on a keystroke.
    expect(shown.length).toBeLessThanOrEqual(12);
    const first = controller.visibleIndices()[0] as number;
    expect(shown[0]?.querySelector('.name')?.textContent).toBe(controller.rows[first]?.name);

    const box = shown[0]?.querySelector('input') as HTMLInputElement;
    await act(() => box.click());
    expect(controller.isSelected(first)).toBe(true);
    controller.flush();
    const pageBox = dialog.rows[first]?.checkbox as HTMLInputElement | undefined;
    expect(pageBox?.checked).toBe(true);

    // A script's click does not select, and the box goes back to what is selected.
    trust.value = false;
    const second = shown[1]?.querySelector('input') as HTMLInputElement;
    await act(() => second.click());
    expect(controller.isSelected(controller.visibleIndices()[1] as number)).toBe(false);
    expect(second.checked).toBe(false);

    // A list scrolled down goes back to the top for a new filter: that write is made.
    list.scrollTop = 400;
    await act(() => {
      list.dispatchEvent(new Event('scroll'));
    });
    await act(() => controller.setFilters({ query: 'a' }));
    expect(scrolled).toHaveBeenCalledWith(expect.objectContaining({ top: 0 }));
    render(null, host);
  });

  it('holds a hint in its box for an empty search, and the same box lists the matches while searching', async () => {
    const { controller } = largeDialog(LARGE_DIALOG_ROWS);
    const host = document.createElement('div');
    document.body.append(host);
    await act(() => render(<MatchList controller={controller} />, host));
    // The box is laid out before the first keystroke: that key fills it, and nothing below moves.
    const box = host.querySelector('.matchlist') as HTMLElement;
    expect(box.getAttribute('data-lk')).toBe('match-hint');
    expect(box.textContent).toBe('contentMatchListHint');
    expect(host.querySelector('[data-lk="match-list"]')).toBeNull();
    expect(host.querySelector('[data-lk="match"]')).toBeNull();
    // The panel renders it again when the controller notifies.
    const change = (act_: () => void) =>
      act(() => {
        act_();
        render(<MatchList controller={controller} />, host);
      });
    await change(() => controller.setFilters({ query: 'a' }));
    expect(host.querySelector('[data-lk="match-list"]')).toBe(box);
    expect(box.getAttribute('data-count')).toBe(String(controller.matchCount));
    expect(host.querySelectorAll('[data-lk="match"]').length).toBeGreaterThan(0);
    await change(() => controller.setFilters({ query: '' }));
    expect(host.querySelector('.matchlist')).toBe(box);
    expect(box.getAttribute('data-lk')).toBe('match-hint');
    expect(box.hasAttribute('data-count')).toBe(false);
    expect(host.querySelector('[data-lk="match"]')).toBeNull();
    render(null, host);
  });

  it('shows the rows at its scroll offset, and scrolls to the row that j/k focus', async () => {
    const { controller, host } = searching('a');
    await act(() => render(<MatchList controller={controller} />, host));
    const list = host.querySelector('[data-lk="match-list"]') as HTMLElement;
    const indices = controller.visibleIndices();
    expect(indices.length).toBeGreaterThan(40);
    const names = () => [...host.querySelectorAll('[data-lk="match"] .name')].map((n) => n.textContent);
    const nameAt = (at: number) => controller.rows[indices[at] as number]?.name;
    // Rows are 28 px: 20 rows down, rows 18 (two above the view) to 32 (two below) are there.
    list.scrollTop = 20 * 28;
    await act(() => {
      list.dispatchEvent(new Event('scroll'));
    });
    expect(names()).toEqual(Array.from({ length: 14 }, (_, k) => nameAt(18 + k)));
    const first = host.querySelector('[data-lk="match"]') as HTMLElement;
    expect(first.style.transform).toBe(`translateY(${18 * 28}px)`);
    // The list is as tall as all its rows, so the scroll bar is the matches' own.
    expect((host.querySelector('ul') as HTMLElement).style.height).toBe(`${indices.length * 28}px`);

    // j above the view scrolls up to that row; far below, to where it is the last in view.
    const scrolled = vi.spyOn(HTMLElement.prototype, 'scrollTo');
    // The panel renders it again when the controller notifies.
    const move = (delta: number) =>
      act(() => {
        controller.moveFocus(delta);
        render(<MatchList controller={controller} />, host);
      });
    controller.focus = indices[5] as number;
    await move(1);
    expect(controller.focus).toBe(indices[6]);
    expect(scrolled).toHaveBeenLastCalledWith({ top: 6 * 28 });
    list.scrollTop = 0;
    await act(() => {
      list.dispatchEvent(new Event('scroll'));
    });
    controller.focus = indices[29] as number;
    await move(1);
    expect(scrolled).toHaveBeenLastCalledWith({ top: 31 * 28 - 280 });
    // In view: no scroll.
    const calls = scrolled.mock.calls.length;
    list.scrollTop = 0;
    await act(() => {
      list.dispatchEvent(new Event('scroll'));
    });
    controller.focus = indices[2] as number;
    await move(1);
    expect(scrolled.mock.calls.length).toBe(calls);
    // In a sheet the box is shorter (its rule uses the window's height): j scrolls by the box's
    // real height, so the focused row is the last one in view, not below it.
    Object.defineProperty(list, 'clientHeight', { configurable: true, value: 5 * 28 });
    controller.focus = indices[9] as number;
    await move(1);
    expect(scrolled).toHaveBeenLastCalledWith({ top: 11 * 28 - 5 * 28 });
    render(null, host);
  });

  it('finds the rows of its window without listing every match (thousands for a first letter)', async () => {
    const { controller, host } = searching('a');
    const listed = vi.spyOn(controller, 'visibleIndices');
    await act(() => render(<MatchList controller={controller} />, host));
    expect(listed).not.toHaveBeenCalled();
    const all = controller.visibleIndices();
    expect(all.length).toBeGreaterThan(40);
    const names = [...host.querySelectorAll('[data-lk="match"] .name')].map((n) => n.textContent);
    expect(names).toEqual(all.slice(0, 12).map((i) => controller.rows[i]?.name));
    // The focused row is found among the matches by its place, without the list too.
    listed.mockClear();
    const list = host.querySelector('[data-lk="match-list"]') as HTMLElement;
    const scrolled = vi.spyOn(HTMLElement.prototype, 'scrollTo');
    controller.focus = all[30] as number;
    await act(() => render(<MatchList controller={controller} />, host));
    expect(listed).not.toHaveBeenCalled();
    expect(scrolled).toHaveBeenLastCalledWith({ top: 31 * 28 - 280 });
    list.scrollTop = 31 * 28 - 280;
    await act(() => {
      list.dispatchEvent(new Event('scroll'));
    });
    const focused = host.querySelector('[data-lk="match"][data-focused="true"] .name');
    expect(focused?.textContent).toBe(controller.rows[all[30] as number]?.name);
    render(null, host);
  });

  it('adds its rules to the root once, and leaves them when it goes (no restyle of the panel each time)', async () => {
    const { controller, host } = searching('a');
    const shadow = host.attachShadow({ mode: 'open' });
    const container = document.createElement('div');
    shadow.append(container);
    const rules = () =>
      [...shadow.querySelectorAll('style')].filter((s) => s.textContent?.includes('.matchlist'));
    for (let i = 0; i < 3; i++) {
      await act(() => render(<MatchList controller={controller} />, container));
      expect(container.querySelector('[data-lk="match-list"]')).not.toBeNull();
      expect(rules()).toHaveLength(1);
      await act(() => render(null, container));
      expect(rules()).toHaveLength(1);
    }
    // Outside the list: its own render holds no <style> that would come and go with it.
    await act(() => render(<MatchList controller={controller} />, container));
    expect(container.querySelector('style')).toBeNull();
    render(null, container);
    // Contained for size, layout and paint, not for style (`strict` and `content` include style):
    // a style-contained box leaving the page made Chromium walk the whole page's layout tree, 4 ms
    // beside a 5,000-row dialog, on the keystroke that empties the search.
    const contain = /\.matchlist \{[^}]*contain:([^;}]*)/.exec(rules()[0]?.textContent ?? '')?.[1] ?? '';
    expect(contain.split(' ').filter(Boolean).sort()).toEqual(['layout', 'paint', 'size']);
    // With the list, each part of the panel is a paint unit of its own (an isolated stacking context).
    expect(rules()[0]?.textContent).toMatch(/\.card > \* \{\s*isolation: isolate;\s*\}/);
  });

  it('a dialog below the threshold is still filtered in place', () => {
    const { controller, dialog } = largeDialog(0);
    expect(controller.large).toBe(false);
    controller.setFilters({ query: 'a' });
    controller.flush();
    expect(dialog.rows.filter((r) => r.element.style.display === 'none')).toHaveLength(
      dialog.rows.length - controller.matchCount,
    );
  });
});
