import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';

const get = vi.fn();
vi.mock('webextension-polyfill', () => ({ default: { storage: { local: { get } } } }));
const { EARLY_READ_GLOBAL, POPUP_READS, popupStoredItems } = await import('./early-read.ts');

const EARLY_SCRIPT = readFileSync(new URL('../../public/popup-early.js', import.meta.url), 'utf8');

/** Runs public/popup-early.js in a page-like global with `api` as chrome (and browser, if given). */
function runEarly(api: { chrome?: unknown; browser?: unknown }): Record<string, unknown> {
  const global: Record<string, unknown> = { ...api };
  global.globalThis = global;
  runInNewContext(EARLY_SCRIPT, global);
  return global;
}

afterEach(() => {
  get.mockReset();
  delete (globalThis as Record<string, unknown>)[EARLY_READ_GLOBAL];
});

describe('the popup read started by public/popup-early.js', () => {
  it('reads exactly the keys the popup module would read, through chrome.storage in Chromium', () => {
    const early = vi.fn(() => Promise.resolve({}));
    const global = runEarly({ chrome: { storage: { local: { get: early } } } });
    expect(early).toHaveBeenCalledWith([...POPUP_READS]);
    expect(global[EARLY_READ_GLOBAL]).toBe(early.mock.results[0]?.value);
  });

  it('uses Firefox’s browser namespace when there is one', () => {
    const chromeGet = vi.fn();
    const browserGet = vi.fn(() => Promise.resolve({}));
    runEarly({
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
