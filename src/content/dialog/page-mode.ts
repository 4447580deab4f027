// Page mode: when the license API cannot be reached from the extension, "withdraw selected" does
// what the administrator would do by hand, in batches: tick exactly the batch's rows with the
// page's own checkboxes, press the page's own "Dra tillbaka", and wait until those rows vanish.
// The page's calls then do the work (the sandbox log shows them with the page's own origin).
import { elementReady } from '../core/dom.ts';
import {
  type DialogRow,
  isCheckboxChecked,
  readWithdrawDialog,
  type WithdrawDialog,
} from '../page/recognise.ts';

export const PAGE_BATCH = 50;
/** How long one batch may take before we stop and report the rest as failed. */
const BATCH_TIMEOUT_MS = 60_000;

export interface PageProgress {
  done: DialogRow[];
  failed: DialogRow[];
  total: number;
}

function setBox(box: HTMLElement, on: boolean): void {
  if (isCheckboxChecked(box) !== on) box.click();
}

function alertShown(dialog: HTMLElement, before: Set<Element>): boolean {
  return Array.from(dialog.querySelectorAll('[role="alert"]')).some((a) => !before.has(a));
}

export async function withdrawThroughPage(
  dialogElement: HTMLElement,
  rows: DialogRow[],
  onProgress: (progress: PageProgress) => void,
  signal: AbortSignal,
): Promise<PageProgress> {
  const progress: PageProgress = { done: [], failed: [], total: rows.length };
  for (let start = 0; start < rows.length; start += PAGE_BATCH) {
    if (signal.aborted || !dialogElement.isConnected) {
      progress.failed.push(...rows.slice(start));
      break;
    }
    const batch = rows.slice(start, start + PAGE_BATCH).filter((r) => r.element.isConnected);
    const read = readWithdrawDialog(dialogElement);
    if (!read.ok) {
      progress.failed.push(...rows.slice(start));
      break;
    }
    const dialog: WithdrawDialog = read.value;
    const wanted = new Set(batch.map((r) => r.element));
    for (const row of dialog.rows) setBox(row.checkbox, wanted.has(row.element));
    const alerts = new Set(Array.from(dialogElement.querySelectorAll('[role="alert"]')));
    dialog.withdrawButton.click();
    const finished = await elementReady(
      () => {
        const left = batch.filter((r) => r.element.isConnected);
        if (left.length === 0) return { left };
        return alertShown(dialogElement, alerts) ? { left } : null;
      },
      { signal, timeoutMs: BATCH_TIMEOUT_MS, root: dialogElement.ownerDocument.body, attributes: true },
    );
    const left = new Set(finished?.left ?? batch);
    for (const row of batch) (left.has(row) ? progress.failed : progress.done).push(row);
    onProgress({ ...progress });
    if (left.size > 0) {
      progress.failed.push(...rows.slice(start + PAGE_BATCH));
      break;
    }
  }
  return progress;
}
