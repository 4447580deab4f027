// The matches of a large dialog, listed in the panel (controller.ts says why the page's own rows are
// not filtered in place from LARGE_DIALOG_ROWS on). A virtual list (@tanstack/virtual-core): only
// the rows in view and a few around them are in the DOM, so a keystroke re-renders a few dozen rows
// of ours whatever the number of matches. Each row's box is the same selection as the page's box
// for that person (the controller keeps the page's boxes in step). Names are the page's text,
// rendered as text. Loaded on demand (parts.ts), only for a large dialog.
import {
  elementScroll,
  observeElementOffset,
  Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n.ts';
import { isTrustedEvent } from '../core/trusted.ts';
import type { DialogController } from '../dialog/controller.ts';

const ROW_PX = 28;
const LIST_PX = 280;

// The list is contained for size, layout and paint, not style (`contain: strict` adds style): in
// Chromium a style-contained box leaving the page walks the page's whole layout tree (4 ms beside a
// 5,000-row dialog), and the list leaves on the keystroke that empties the search.
// With the list, each part of the panel paints as a unit: a keystroke changes the count, the
// buttons' labels and the list, and the panel's other parts (chips, saved views, schedule) are not
// painted again (paint per key 3.2–4.2 → 2.0–2.4 ms in traces). Here, not in content.css: only a
// large dialog's keystrokes repaint this much, and the panel's file has no bytes to spare.
const CSS = `
.card > * { isolation: isolate; }
.matchlist { flex: none; height: ${LIST_PX}px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; contain: size layout paint; }
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
`;

type Options = VirtualizerOptions<HTMLDivElement, HTMLDivElement>;

/**
 * The list's box, as the virtualizer asks for it: its height is fixed (LIST_PX, `contain: size`)
 * and a vertical list needs nothing else. virtual-core's own observer reads the box's clientWidth
 * and clientHeight when the list mounts: a layout forced inside the keystroke that brings the list
 * back after an empty search.
 */
const fixedRect: Options['observeElementRect'] = (_instance, changed) => {
  changed({ width: 0, height: LIST_PX });
  return () => undefined;
};

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

/** The lists that were scrolled by the virtualizer once: see scrollTo. */
const scrolled = new WeakSet<Element>();

/**
 * virtual-core's scroll write (elementScroll), but for its first one to a list, when the list mounts:
 * a new list is at its top already, and `scrollTo` lays the page out inside the keystroke that
 * brings the list back after an empty search (21.7 of the 73.8 ms of our render over five such
 * keys and their backspaces, in a CPU profile).
 */
const scrollTo: Options['scrollToFn'] = (offset, options, instance) => {
  const list = instance.scrollElement;
  if (list && !scrolled.has(list)) {
    scrolled.add(list);
    if (offset + (options.adjustments ?? 0) === 0) return;
  }
  elementScroll(offset, options, instance);
};

/** The virtualizer, driven the way its React adapter does it (options each render, mount, update). */
function useVirtualList(count: number, scroller: { current: HTMLDivElement | null }) {
  const [, rerender] = useReducer((n: number, _: undefined) => n + 1, 0);
  const options: Options = {
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 2,
    initialRect: { width: 0, height: LIST_PX },
    scrollToFn: scrollTo,
    observeElementRect: fixedRect,
    observeElementOffset,
    onChange: () => rerender(undefined),
  };
  const [virtualizer] = useState(() => new Virtualizer(options));
  virtualizer.setOptions(options);
  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => {
    virtualizer._willUpdate();
  });
  return virtualizer;
}

export function MatchList({ controller }: { controller: DialogController }) {
  const scroller = useRef<HTMLDivElement>(null);
  useListStyle(scroller);
  // `matches` is a new array on every refilter: the list of row indices is made once per filter.
  const { matches, rows } = controller;
  const indices = useMemo(() => controller.visibleIndices(), [controller, matches, rows]);
  const virtualizer = useVirtualList(indices.length, scroller);
  // A new filter starts at the top of its matches.
  useLayoutEffect(() => {
    if ((virtualizer.scrollOffset ?? 0) > 0) virtualizer.scrollToOffset(0);
  }, [indices, virtualizer]);
  // j/k move the focused row: keep it in view here too.
  const focusAt = indices.indexOf(controller.focus);
  useLayoutEffect(() => {
    if (focusAt >= 0) virtualizer.scrollToIndex(focusAt, { align: 'auto' });
  }, [focusAt, virtualizer]);

  return (
    <>
      <div ref={scroller} class="matchlist" data-lk="match-list" data-count={indices.length}>
        <ul
          aria-label={t('contentMatchList')}
          style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const i = indices[item.index] as number;
            const row = controller.rows[i];
            if (!row) return null;
            return (
              // Keyed by place in the list: a new filter rewrites the same few rows' text.
              <li
                key={item.index}
                class="match"
                data-lk="match"
                data-focused={controller.focus === i ? 'true' : undefined}
                style={{ transform: `translateY(${item.start}px)` }}
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
      </div>
      <p class="muted" data-lk="large-note">
        {t('contentLargeListNote', controller.rows.length)}
      </p>
    </>
  );
}
