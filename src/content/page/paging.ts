// Lists the page does not render whole: a withdraw dialog that shows 50 rows and a "Visa fler"
// button, or a list that renders only what is visible. Licenskoll never assumes the DOM holds
// every row: it reads how many are loaded of how many there are, and can load the rest through
// the page's own button before acting (paging-load.ts, loaded when that is asked for); when it
// cannot, it says so and acts only on what it sees.
import { dialogButtons, labelled, outsideRows } from './dialog.ts';
import { LOADED_OF_TOTAL, SHOW_MORE } from './vocabulary.ts';

export interface Paging {
  /** Rows the dialog holds now. */
  loaded: number;
  /** All rows, when the page says ("Visar 50 av 1000"); null when it does not. */
  total: number | null;
  /** The page's own "Visa fler", when it offers more. */
  more: HTMLElement | null;
}

const number = (text: string | undefined) => Number((text ?? '').replace(/\D/g, ''));

export function isUsable(button: HTMLElement): boolean {
  return (
    !button.hasAttribute('disabled') &&
    button.getAttribute('aria-disabled') !== 'true' &&
    button.getAttribute('aria-hidden') !== 'true' &&
    button.isConnected
  );
}

/**
 * The total the dialog states, read from its text outside the rows (the status line). The rows'
 * body is skipped whole: a 2,000-row dialog has some 10,000 text nodes there, and this runs on
 * every change of the dialog. A name that reads like "Visar 3 av 4" is not taken for the status.
 */
function statedTotal(dialog: HTMLElement): number | null {
  for (const node of outsideRows(dialog, 'texts')) {
    const text = node.textContent ?? '';
    if (text.length > 80 || !/\d/.test(text)) continue;
    for (const pattern of LOADED_OF_TOTAL) {
      const match = pattern.exec(text);
      if (match) return number(match[2]);
    }
  }
  return null;
}

export function readPaging(dialog: HTMLElement, loaded: number): Paging {
  const more = labelled(dialogButtons(dialog), SHOW_MORE).find(isUsable) ?? null;
  const stated = statedTotal(dialog);
  return { loaded, total: stated !== null ? Math.max(stated, loaded) : more ? null : loaded, more };
}

/** Every row there is, as far as the page says: no "Visa fler" left and nothing missing. */
export function isComplete(paging: Paging): boolean {
  return paging.more === null && (paging.total === null || paging.loaded >= paging.total);
}
