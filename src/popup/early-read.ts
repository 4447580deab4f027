// The popup's one storage read before its first render: the language (and a chosen language's
// messages), the background's summary snapshot and the school chosen last. public/popup-early.js,
// a classic script in the popup's head, starts it while the page is parsed, before the popup's
// module is fetched, compiled and run (in the popup bench: our module's start → painted summary,
// median 17 → 8 ms); this takes that read, or reads itself when the early script did not run
// (tests, a page without it).
import browser from 'webextension-polyfill';
import { LANGUAGE_KEY } from '../shared/i18n.ts';
import { LANGUAGE_MESSAGES_KEY } from '../shared/language-choice.ts';
import { SUMMARY_SNAPSHOT_KEY } from '../shared/summary-snapshot.ts';

/**
 * The school an organisation admin chose in the popup, kept for its next open ('' for none; the
 * client keeps it, client.ts keptSchool).
 */
export const POPUP_SCHOOL_KEY = 'popupSchool';

/** The keys read; public/popup-early.js lists the same (early-read.test.ts checks it). */
export const POPUP_READS = [
  LANGUAGE_KEY,
  LANGUAGE_MESSAGES_KEY,
  SUMMARY_SNAPSHOT_KEY,
  POPUP_SCHOOL_KEY,
] as const;

/** Where public/popup-early.js leaves its read. */
export const EARLY_READ_GLOBAL = '__licenskollPopupRead';

/** The popup's stored items: the early script's read, else a read now; {} when storage fails. */
export function popupStoredItems(): Promise<Record<string, unknown>> {
  const early = (globalThis as Record<string, unknown>)[EARLY_READ_GLOBAL] as
    | Promise<Record<string, unknown>>
    | undefined;
  const read = typeof early?.then === 'function' ? early : browser.storage.local.get([...POPUP_READS]);
  return read.catch(() => ({}));
}
