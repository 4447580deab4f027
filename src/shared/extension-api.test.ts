// The shared modules' way to the browser: `browser` where it has the extension API (Firefox,
// Chromium 148+), else Chromium's `chrome`; a context without either is an error, not a guess.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extensionApi } from './extension-api.ts';

const api = (name: string) => ({ runtime: { id: name }, i18n: {}, storage: {} });

afterEach(() => vi.unstubAllGlobals());

describe('the extension API', () => {
  it('is `browser` where it has a runtime', () => {
    vi.stubGlobal('browser', api('browser'));
    vi.stubGlobal('chrome', api('chrome'));
    expect(extensionApi().runtime.id).toBe('browser');
  });

  it('is `chrome` where `browser` is missing or has no runtime', () => {
    vi.stubGlobal('chrome', api('chrome'));
    expect(extensionApi().runtime.id).toBe('chrome');
    vi.stubGlobal('browser', {});
    expect(extensionApi().runtime.id).toBe('chrome');
  });

  it('throws where there is none', () => {
    vi.stubGlobal('browser', undefined);
    vi.stubGlobal('chrome', { runtime: undefined });
    expect(() => extensionApi()).toThrow('no extension API here');
  });
});
