// The popup's one storage read before its first render (first-paint/view.ts POPUP_READS). The early
// script (first-paint/early.ts, built to popup-early.js, a classic script in the popup's head) starts
// it while the page is parsed, before the popup's module is fetched, compiled and run (in the popup
// bench: our module's start → painted summary, median 17 → 8 ms); this takes that read, or reads
// itself when the early script did not run (tests, a page without it).
import browser from 'webextension-polyfill';
import { EARLY_READ_GLOBAL, POPUP_READS } from './first-paint/view.ts';

/** The popup's stored items: the early script's read, else a read now; {} when storage fails. */
export function popupStoredItems(): Promise<Record<string, unknown>> {
  const early = (globalThis as Record<string, unknown>)[EARLY_READ_GLOBAL] as
    | Promise<Record<string, unknown>>
    | undefined;
  const read = typeof early?.then === 'function' ? early : browser.storage.local.get([...POPUP_READS]);
  return read.catch(() => ({}));
}
