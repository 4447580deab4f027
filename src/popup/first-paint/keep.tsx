// Keeps the view the popup's next open replays (view.ts): the popup's first render made from what
// storage.local holds now (the background's summary snapshot, the school chosen), rendered apart
// from the page with a client that never answers, captured as plain data, and stored under the key
// of everything it was made from. It follows storage: when the snapshot or the school changes
// (a sync, the popup's own answer), the view is made again; when the kept one already has the
// key, nothing is done. The live popup's own state (a filter typed, another tab, more rows) never
// goes into it.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { LANGUAGE_KEY } from '../../shared/i18n.ts';
import { SUMMARY_SNAPSHOT_KEY } from '../../shared/summary-snapshot.ts';
import { storedFirstPaint } from '../client.ts';
import type { PopupClient } from '../client-types.ts';
import { Popup } from '../Popup.tsx';
import {
  captureView,
  inputsOf,
  KEEPING_GLOBAL,
  POPUP_READS,
  POPUP_SCHOOL_KEY,
  readKeptView,
  VIEW_KEY,
  VIEW_STORED_INPUTS,
  viewKey,
} from './view.ts';

/** A client for a render that is only looked at: every request stays unanswered. */
const silentClient = new Proxy({} as PopupClient, {
  get: (_, name) =>
    name === 'subscribe' ? () => () => undefined : () => new Promise<never>(() => undefined),
});

/** What the popup's first render would be, as plain data, or null when it would ask the worker. */
function firstRenderOf(items: Record<string, unknown>): ReturnType<typeof captureView> | null {
  const school = items[POPUP_SCHOOL_KEY];
  if (school !== undefined && typeof school !== 'string') return null;
  const initial = storedFirstPaint(items[SUMMARY_SNAPSHOT_KEY], school || undefined);
  if (!initial) return null;
  const apart = document.createElement('div');
  render(<Popup client={silentClient} initial={initial} />, apart);
  const nodes = captureView(apart);
  render(null, apart);
  return nodes;
}

/**
 * Brings the kept view up to date now, and again whenever storage changes what it is made of.
 * `language`: the language choice this page renders in (a view is kept only while it is the stored
 * one). Returns the function that stops it.
 */
export function keepFirstPaintView(language: unknown, delayMs = 50): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  /** Updates asked for and not yet done (KEEPING_GLOBAL tells whether there are any). */
  let pending = 0;
  const busy = (n: number) => {
    pending += n;
    (globalThis as Record<string, unknown>)[KEEPING_GLOBAL] = pending > 0;
  };
  const update = async () => {
    const items = await browser.storage.local.get([...POPUP_READS]);
    if (JSON.stringify(items[LANGUAGE_KEY] ?? null) !== JSON.stringify(language ?? null)) return;
    const key = viewKey(inputsOf(items, document, navigator.language));
    if (!key || readKeptView(items[VIEW_KEY])?.key === key) return;
    const nodes = firstRenderOf(items);
    if (nodes) await browser.storage.local.set({ [VIEW_KEY]: JSON.stringify({ key, nodes }) });
  };
  const schedule = () => {
    if (timer === undefined) busy(1);
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running = running
        .then(update)
        .catch(() => undefined)
        .finally(() => busy(-1));
    }, delayMs);
  };
  const onChanged = (changes: Record<string, unknown>) => {
    if (Object.values(VIEW_STORED_INPUTS).some((key) => key in changes)) schedule();
  };
  browser.storage.onChanged.addListener(onChanged);
  schedule();
  return () => {
    if (timer !== undefined) busy(-1);
    clearTimeout(timer);
    timer = undefined;
    browser.storage.onChanged.removeListener(onChanged);
  };
}
