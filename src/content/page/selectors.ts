// Every CSS selector we use on Skolon's pages, as lists: newest markup first, older fallbacks
// after, each with a note of why it is there and when it may go. Never a class name (Skolon's
// are generated). When the first entry stops matching but a fallback does, or nothing matches,
// the list is reported (see `selectorReport`), so a markup change is seen, not silently absorbed.
//
// Where they should match: any tool license page of an allowed origin, with the gear's withdraw
// dialog open, whatever its address (the live site's route is unknown, and no selector or feature
// depends on a route).

interface SelectorEntry {
  css: string;
  note: string;
}

export interface SelectorList {
  name: string;
  entries: readonly SelectorEntry[];
}

export const DIALOG: SelectorList = {
  name: 'dialog',
  entries: [
    { css: 'dialog[open]', note: 'native <dialog>, the way new SPAs render modals' },
    { css: '[role="dialog"],[role="alertdialog"]', note: 'ARIA modal portal at the end of body (2025)' },
    { css: '[aria-modal="true"]', note: 'modal without a role; drop when no longer seen' },
  ],
};

export const TABLE: SelectorList = {
  name: 'table',
  entries: [
    { css: 'table', note: 'HTML table (2025 markup)' },
    { css: '[role="table"],[role="grid"],[role="treegrid"]', note: 'div grid with ARIA roles' },
  ],
};

export const ROW: SelectorList = {
  name: 'row',
  entries: [
    { css: 'tr', note: 'HTML table rows' },
    { css: '[role="row"]', note: 'ARIA grid rows' },
    { css: 'li', note: 'a list of people; drop if Skolon never renders one' },
  ],
};

export const CHECKBOX: SelectorList = {
  name: 'checkbox',
  entries: [
    { css: 'input[type="checkbox"]', note: 'native checkbox (2025 markup)' },
    { css: '[role="checkbox"]', note: 'ARIA checkbox of a component library' },
  ],
};

export const TAB: SelectorList = {
  name: 'tab',
  entries: [
    { css: '[role="tab"]', note: 'ARIA tabs (2025 markup)' },
    { css: 'button,a', note: 'tabs as plain buttons or links' },
  ],
};

export const BUTTON: SelectorList = {
  name: 'button',
  entries: [
    { css: 'button', note: 'native buttons' },
    { css: '[role="button"],a[href]', note: 'styled links or divs acting as buttons' },
  ],
};

/** Which entry of a list answered last: 0 is the newest, -1 none. Kept for the report. */
const lastMatch = new Map<string, number>();

/** The elements of the first entry that matches anything under `root`, newest first. */
export function queryList<T extends Element = HTMLElement>(root: ParentNode, list: SelectorList): T[] {
  for (const [index, entry] of list.entries.entries()) {
    const found = Array.from(root.querySelectorAll<T>(entry.css));
    if (found.length > 0) {
      lastMatch.set(list.name, index);
      return found;
    }
  }
  lastMatch.set(list.name, -1);
  return [];
}

/** Like queryList, but the union of every entry (for lists whose entries are alternatives side by side). */
export function queryAny<T extends Element = HTMLElement>(root: ParentNode, list: SelectorList): T[] {
  return Array.from(root.querySelectorAll<T>(list.entries.map((e) => e.css).join(',')));
}

/** `element` itself matches one of the list's entries (newest first)? */
export function matchesList(element: Element, list: SelectorList): boolean {
  return list.entries.some((entry) => element.matches(entry.css));
}

/** Lists that answered with a fallback (or with nothing), for the background's report. */
export function selectorReport(): { list: string; matchedEntry: number }[] {
  return [...lastMatch.entries()]
    .filter(([, index]) => index !== 0)
    .map(([list, matchedEntry]) => ({ list, matchedEntry }));
}

export function resetSelectorReport(): void {
  lastMatch.clear();
}
