// The matches of a large dialog, listed in the panel (controller.ts says why the page's own rows are
// not filtered in place from LARGE_DIALOG_ROWS on). Each row's box is the same selection as the
// page's box for that person (the controller keeps the page's boxes in step). Names are the page's
// text, rendered as text. Loaded on demand (parts.ts), only for a large dialog, and shown from the
// panel's first render: for an empty search its box holds a hint, so the keystroke that starts a
// search fills a box that is already laid out, and the panel's parts below it do not move.
//
// A virtual list: only the rows in view and two below them are in the DOM, so a keystroke
// re-renders a dozen rows of ours whatever the number of matches. Every row is ROW_PX high and the
// box LIST_PX, so which rows are in view is arithmetic on the box's scroll offset. It was
// @tanstack/virtual-core, which keeps a measurement object per item and makes them all again when
// the count changes, that is on every keystroke: 2.7 ms of a 733-match key in a CPU profile.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n.ts';
import { isTrustedEvent } from '../core/trusted.ts';
import type { DialogController } from '../dialog/controller.ts';
import { visibleRank, visibleRanked } from '../dialog/visible-rank.ts';

const ROW_PX = 28;
const LIST_PX = 280;
/** Rows rendered beyond the view: each one more is text laid out and painted on a keystroke. */
const OVERSCAN = 2;
/**
 * Where the window has no room beside the dialog, the panel is a sheet 40% of the window high
 * (`maxHeight: 40vh`, hooks.ts; the rules below find it by that inline style, set by us, so that
 * the license page's file needs no byte for them: a `data-sheet` on the panel, the plainer
 * contract, made that file 28,683 bytes, over its 28,672). The list then leaves this much of the sheet to
 * the panel's head, search and count above it and Markera alla below it, and the note on large
 * lists is left out, so that a search shows its count, its first matches and the button to select
 * them without scrolling the sheet (at 900 px high: five rows; at least four). Rows are
 * still rendered for LIST_PX: a few more than a shorter box shows, none missing.
 */
const SHEET_REST_PX = 220;

// The list is contained for size, layout and paint, not style (`contain: strict` adds style): in
// Chromium a style-contained box leaving the page walks the page's whole layout tree (4 ms beside a
// 5,000-row dialog); the list left on the keystroke that emptied the search, before its box stayed.
// With the list, each part of the panel paints as a unit: a keystroke changes the count, the
// buttons' labels and the list, and the panel's other parts (chips, saved views, schedule) are not
// painted again (paint per key 3.2–4.2 → 2.0–2.4 ms in traces). Here, not in content.css: only a
// large dialog's keystrokes repaint this much, and the panel's file has no bytes to spare.
const CSS = `
.card > * { isolation: isolate; }
.matchlist { flex: none; height: ${LIST_PX}px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; contain: size layout paint; }
.card[style*="40vh"] .matchlist { height: clamp(${4 * ROW_PX}px, calc(40vh - ${SHEET_REST_PX}px), ${LIST_PX}px); }
.card[style*="40vh"] [data-lk="large-note"] { display: none; }
.matchlist .match {
  position: absolute; left: 0; right: 0; top: 0; height: ${ROW_PX}px; box-sizing: border-box;
  display: flex; gap: 8px; align-items: center; padding: 0 8px; font-size: 13px; white-space: nowrap;
  border-bottom: 1px solid var(--line);
}
.matchlist .match[data-focused="true"] { outline: 2px solid var(--accent); outline-offset: -2px; }
.matchlist ul { margin: 0; padding: 0; list-style: none; }
.matchlist .match label { display: flex; gap: 8px; align-items: center; min-width: 0; }
.matchlist .match .name { overflow: hidden; text-overflow: ellipsis; }
.matchlist .match .muted { margin-left: auto; overflow: hidden; text-overflow: ellipsis; }
.matchlist .hint { margin: 0; padding: 8px; }
`;

/** The roots our list's rules were added to: see useListStyle. */
const styled = new WeakSet<Node>();

/**
 * The list's rules, added once to the root it renders in (our shadow root) and left there. As a
 * <style> of the list's own, they came and went with it: the keystroke that shows the list (the
 * first of a search) and the one that hides it (the last backspace) each changed the root's
 * style sheets, and the browser restyled all of our layer for it.
 */
function useListStyle(list: { current: HTMLDivElement | null }): void {
  useLayoutEffect(() => {
    const root = list.current?.getRootNode();
    if (!root || styled.has(root)) return;
    styled.add(root);
    const style = document.createElement('style');
    style.textContent = CSS;
    (root instanceof ShadowRoot ? root : document.head).append(style);
  }, [list]);
}

export function MatchList({ controller }: { controller: DialogController }) {
  const scroller = useRef<HTMLDivElement>(null);
  useListStyle(scroller);
  // `matches` is a new array on every refilter. Only the rows in the window are asked for
  // (visibleRanked): a keystroke does not list every match (thousands for a first letter).
  // With no search or filter nothing is listed: every row matches, and the page shows them all.
  const { matches, filtering } = controller;
  const count = filtering ? controller.matchCount : 0;
  // The box's scroll offset, as its scroll events report it (never read from layout at render).
  const [top, setTop] = useState(0);
  // A new filter starts at the top of its matches. A new list is at its top already: no write
  // (scrollTo lays the page out, inside the keystroke that starts a search).
  useLayoutEffect(() => {
    if (top > 0) {
      scroller.current?.scrollTo({ top: 0 });
      setTop(0);
    }
  }, [matches, filtering]);
  // j/k move the focused row: keep it in view here too.
  const focusAt = filtering ? visibleRank(controller, controller.focus) : -1;
  useLayoutEffect(() => {
    if (focusAt < 0) return;
    const start = focusAt * ROW_PX;
    // The box is shorter in a sheet (see SHEET_REST_PX); 0 where nothing is laid out.
    const view = scroller.current?.clientHeight || LIST_PX;
    const want = Math.min(start, Math.max(top, start + ROW_PX - view));
    if (want !== top) scroller.current?.scrollTo({ top: want });
  }, [focusAt]);
  const first = Math.max(0, Math.floor(top / ROW_PX) - OVERSCAN);
  const last = Math.min(count, Math.ceil((top + LIST_PX) / ROW_PX) + OVERSCAN);
  const inWindow = first < last ? visibleRanked(controller, first, last) : [];

  // The same box either way (its place in the panel is kept); it is the list only while searching.
  return (
    <>
      <div
        ref={scroller}
        class="matchlist"
        data-lk={filtering ? 'match-list' : 'match-hint'}
        data-count={filtering ? count : undefined}
        onScroll={(event) => setTop(event.currentTarget.scrollTop)}
      >
        {filtering ? (
          <ul
            aria-label={t('contentMatchList')}
            style={{ height: `${count * ROW_PX}px`, position: 'relative' }}
          >
            {inWindow.map((i, k) => {
              const at = first + k;
              const row = controller.rows[i];
              if (!row) return null;
              return (
                // Keyed by place in the list: a new filter rewrites the same few rows' text.
                <li
                  key={at}
                  class="match"
                  data-lk="match"
                  data-focused={controller.focus === i ? 'true' : undefined}
                  style={{ transform: `translateY(${at * ROW_PX}px)` }}
                >
                  <label>
                    <input
                      type="checkbox"
                      checked={controller.isSelected(i)}
                      onChange={(event) => {
                        if (isTrustedEvent(event)) controller.toggle(i);
                        // A synthetic click changed the box but not the selection: show the selection.
                        else event.currentTarget.checked = controller.isSelected(i);
                      }}
                    />
                    <span class="name">{row.name}</span>
                  </label>
                  <span class="muted">{row.classes.join(', ')}</span>
                </li>
              );
            })}
          </ul>
        ) : (
          <p class="muted hint">{t('contentMatchListHint')}</p>
        )}
      </div>
      <p class="muted" data-lk="large-note">
        {t('contentLargeListNote', controller.rows.length)}
      </p>
    </>
  );
}
