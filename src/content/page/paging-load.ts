// Loading the rest of a paged withdraw dialog through the page's own "Visa fler" (paging.ts reads
// how many are loaded). Loaded the first time every row is needed: select all matching, or "load
// all" on the panel.
import { elementReady } from '../core/dom.ts';
import { dialogButtons, labelled, readWithdrawDialog } from './dialog.ts';
import { isUsable, type Paging, readPaging } from './paging.ts';
import { SHOW_MORE } from './vocabulary.ts';

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
