// Lists the page does not render whole: a withdraw dialog that shows 50 rows and a "Visa fler"
// button, or a list that renders only what is visible. Licenskoll never assumes the DOM holds
// every row: it reads how many are loaded of how many there are, and can load the rest through
// the page's own button before acting; when it cannot, it says so and acts only on what it sees.
import { elementReady } from '../core/dom.ts';
import { dialogButtons, labelled, outsideRows, readWithdrawDialog } from './dialog.ts';
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

function isUsable(button: HTMLElement): boolean {
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

const rowCount = (dialog: HTMLElement) => {
  const read = readWithdrawDialog(dialog);
  return read.ok ? read.value.rows.length : 0;
};

/** How long one press of "Visa fler" may take to bring rows before we stop trying. */
const MORE_TIMEOUT_MS = 20_000;
/** A bound on presses, so a button that never goes away cannot hold us forever. */
const MAX_PRESSES = 1_000;

/**
 * Presses the page's own "Visa fler" until the page has no more (or stops bringing rows).
 * Resolves with the paging it ended at; `onProgress` sees each step.
 */
export async function loadAllRows(
  dialog: HTMLElement,
  signal: AbortSignal,
  onProgress: (paging: Paging) => void = () => undefined,
): Promise<Paging> {
  let paging = readPaging(dialog, rowCount(dialog));
  for (let press = 0; press < MAX_PRESSES && paging.more && !signal.aborted; press++) {
    const before = paging.loaded;
    paging.more.click();
    const grown = await elementReady(
      () => {
        if (!dialog.isConnected) return { loaded: before };
        // Done when rows arrived and the button is usable again (a page disables it while it
        // loads), or when the button is gone altogether.
        const buttons = labelled(dialogButtons(dialog), SHOW_MORE);
        if (buttons.length === 0) return { loaded: rowCount(dialog) };
        if (!buttons.some(isUsable)) return null;
        const loaded = rowCount(dialog);
        return loaded > before ? { loaded } : null;
      },
      { signal, timeoutMs: MORE_TIMEOUT_MS, root: dialog.ownerDocument.body, attributes: true },
    );
    if (!grown || grown.loaded <= before) {
      paging = readPaging(dialog, rowCount(dialog));
      break;
    }
    paging = readPaging(dialog, grown.loaded);
    onProgress(paging);
  }
  return paging;
}
