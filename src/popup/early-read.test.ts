// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGE_KEY } from '../shared/i18n.ts';
import { LANGUAGE_MESSAGES_KEY } from '../shared/language-choice.ts';
import { SUMMARY_REVISION_KEY, SUMMARY_SNAPSHOT_KEY } from '../shared/summary-snapshot.ts';
import { EARLY_READ_GLOBAL, POPUP_READS, POPUP_SCHOOL_KEY, VIEW_KEY } from './first-paint/view.ts';

const get = vi.fn();
vi.mock('webextension-polyfill', () => ({ default: { storage: { local: { get } } } }));
const { popupStoredItems } = await import('./early-read.ts');

/** Runs the early script (first-paint/early.ts) afresh with `api` as chrome (and browser, if given). */
async function runEarly(api: { chrome?: unknown; browser?: unknown }): Promise<void> {
  vi.stubGlobal('chrome', api.chrome);
  vi.stubGlobal('browser', api.browser);
  vi.resetModules();
  await import('./first-paint/early.ts');
}

afterEach(() => {
  get.mockReset();
  vi.unstubAllGlobals();
  delete (globalThis as Record<string, unknown>)[EARLY_READ_GLOBAL];
});

describe('the popup read started by the early script', () => {
  it('names each key as the module that owns it does', () => {
    expect([...POPUP_READS]).toEqual([
      LANGUAGE_KEY,
      LANGUAGE_MESSAGES_KEY,
      SUMMARY_SNAPSHOT_KEY,
      SUMMARY_REVISION_KEY,
      POPUP_SCHOOL_KEY,
      VIEW_KEY,
    ]);
  });

  it('reads exactly the keys the popup module would read, through chrome.storage in Chromium', async () => {
    const early = vi.fn(() => Promise.resolve({}));
    await runEarly({ chrome: { storage: { local: { get: early } } } });
    expect(early).toHaveBeenCalledWith([...POPUP_READS]);
    expect((globalThis as Record<string, unknown>)[EARLY_READ_GLOBAL]).toBe(early.mock.results[0]?.value);
  });

  it('uses Firefox’s browser namespace when there is one', async () => {
    const chromeGet = vi.fn();
    const browserGet = vi.fn(() => Promise.resolve({}));
    await runEarly({
      chrome: { storage: { local: { get: chromeGet } } },
      browser: { storage: { local: { get: browserGet } } },
    });
    expect(browserGet).toHaveBeenCalledWith([...POPUP_READS]);
    expect(chromeGet).not.toHaveBeenCalled();
  });

  it('is taken by the popup module instead of a second read', async () => {
    (globalThis as Record<string, unknown>)[EARLY_READ_GLOBAL] = Promise.resolve({ uiLanguage: 'nb' });
    await expect(popupStoredItems()).resolves.toEqual({ uiLanguage: 'nb' });
    expect(get).not.toHaveBeenCalled();
  });

  it('is read by the module itself when the early script did not run', async () => {
    get.mockResolvedValue({ summarySnapshot: { v: 1 } });
    await expect(popupStoredItems()).resolves.toEqual({ summarySnapshot: { v: 1 } });
    expect(get).toHaveBeenCalledWith([...POPUP_READS]);
  });

  it('gives no items, not an error, when storage cannot be read', async () => {
    (globalThis as Record<string, unknown>)[EARLY_READ_GLOBAL] = Promise.reject(new Error('no storage'));
    await expect(popupStoredItems()).resolves.toEqual({});
  });
});
