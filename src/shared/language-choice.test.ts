// A chosen language (the options page's override): its messages come from the locale's file once,
// then from storage.local, where the first UI that fetched them kept them for this version.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const SV_FILE = {
  extName: { message: 'Licenskoll', description: 'The extension’s name.' },
  popupSelected: {
    message: '$COUNT$ valda',
    description: 'How many are selected.',
    placeholders: { count: { content: '$1', example: '12' } },
  },
};

function fakeBrowser(version: string) {
  const stored: Record<string, unknown> = {};
  const local = {
    get: vi.fn(async (keys: string[]) =>
      Object.fromEntries(keys.filter((k) => k in stored).map((k) => [k, stored[k]])),
    ),
    set: vi.fn(async (items: Record<string, unknown>) => {
      Object.assign(stored, structuredClone(items));
    }),
  };
  return {
    stored,
    local,
    api: {
      runtime: {
        id: 'test',
        getURL: (path: string) => `chrome-extension://test/${path}`,
        getManifest: () => ({ version }),
      },
      i18n: { getMessage: (key: string) => `browser:${key}`, getUILanguage: () => 'en-US' },
      storage: { local },
    },
  };
}

/** Fresh modules (the override is i18n's module state), as each UI page starts with them. */
async function freshI18n() {
  vi.resetModules();
  const choice = await import('./language-choice.ts');
  const { t, LANGUAGE_KEY } = await import('./i18n.ts');
  return { ...choice, t, LANGUAGE_KEY };
}

let fetchFile: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fetchFile = vi.fn(async () => new Response(JSON.stringify(SV_FILE)));
  vi.stubGlobal('fetch', fetchFile);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a chosen language’s messages', () => {
  it('are fetched from the file once, kept without the translators’ notes, and read from storage next time', async () => {
    const browser = fakeBrowser('1.4.0');
    vi.stubGlobal('browser', browser.api);
    browser.stored.uiLanguage = 'sv';

    const first = await freshI18n();
    expect(await first.initLanguage()).toBe('sv');
    expect(first.t('popupSelected' as never, 12)).toBe('12 valda');
    expect(fetchFile).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(browser.local.set).toHaveBeenCalled());
    expect(browser.stored.uiLanguageMessages).toEqual({
      language: 'sv',
      version: '1.4.0',
      messages: {
        extName: { message: 'Licenskoll' },
        popupSelected: { message: '$COUNT$ valda', placeholders: { count: { content: '$1' } } },
      },
    });

    // The next popup: one read gives the choice and its messages, and nothing is fetched.
    const next = await freshI18n();
    const items = await browser.api.storage.local.get([next.LANGUAGE_KEY, next.LANGUAGE_MESSAGES_KEY]);
    expect(await next.initLanguage(items)).toBe('sv');
    expect(next.t('popupSelected' as never, 3)).toBe('3 valda');
    expect(fetchFile).toHaveBeenCalledTimes(1);
  });

  it('are fetched again after an update (another version) or for another language', async () => {
    const browser = fakeBrowser('1.5.0');
    vi.stubGlobal('browser', browser.api);
    const kept = { language: 'sv', version: '1.4.0', messages: { extName: { message: 'Gammal' } } };

    const updated = await freshI18n();
    await updated.initLanguage({ uiLanguage: 'sv', uiLanguageMessages: kept });
    expect(updated.t('extName')).toBe('Licenskoll');
    expect(fetchFile).toHaveBeenCalledTimes(1);

    const other = await freshI18n();
    await other.initLanguage({ uiLanguage: 'nb', uiLanguageMessages: { ...kept, version: '1.5.0' } });
    expect(fetchFile).toHaveBeenCalledTimes(2);
    expect(String(fetchFile.mock.calls[1]?.[0])).toContain('_locales/nb/messages.json');
  });

  it('are not trusted when the kept record is malformed, and the browser’s language needs none', async () => {
    const browser = fakeBrowser('1.5.0');
    vi.stubGlobal('browser', browser.api);
    const broken = await freshI18n();
    await broken.initLanguage({
      uiLanguage: 'sv',
      uiLanguageMessages: { language: 'sv', version: '1.5.0', messages: { extName: { text: 'x' } } },
    });
    expect(broken.t('extName')).toBe('Licenskoll');
    expect(fetchFile).toHaveBeenCalledTimes(1);

    const auto = await freshI18n();
    expect(await auto.initLanguage({ uiLanguage: 'auto' })).toBe('en');
    expect(auto.t('extName')).toBe('browser:extName');
    expect(fetchFile).toHaveBeenCalledTimes(1);
  });
});
