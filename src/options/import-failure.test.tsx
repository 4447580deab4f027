// @vitest-environment happy-dom
// A settings import the background refuses shows the error in the file section and changes
// nothing, the language included.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, it, vi } from 'vitest';
import { sameFakeAsPolyfill } from '../../test/support/extension-api.ts';

const stored = new Map<string, unknown>([['uiLanguage', 'sv']]);
const STATIC_ORIGINS = ['https://app.skolon.com/*'];
vi.mock('../shared/extension-api.ts', () => sameFakeAsPolyfill());
vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: {
      getMessage: (key: string, subs: string[] = []) => (subs.length ? `${key}(${subs.join(',')})` : key),
      getUILanguage: () => 'sv-SE',
    },
    permissions: { contains: async () => true, request: async () => true, remove: async () => true },
    commands: { getAll: async () => [] },
    tabs: { create: async () => undefined },
    storage: {
      local: {
        get: async (key: string) => (stored.has(key) ? { [key]: stored.get(key) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) stored.set(k, v);
        },
      },
    },
    runtime: {
      getURL: (p: string) => `chrome-extension://id/${p}`,
      getManifest: () => ({
        version: '0.0.0',
        host_permissions: STATIC_ORIGINS,
        content_scripts: [{ matches: STATIC_ORIGINS, js: ['x.js'] }],
      }),
    },
  },
}));
const settings = {
  origins: ['https://app.skolon.com'],
  activeOrigin: null,
  confirmThreshold: 20,
  batchSize: 100,
  concurrency: 2,
};
const saveSettings = vi.fn(async (): Promise<typeof settings> => {
  throw new Error('storage is full');
});
const replaceViews = vi.fn(async (_views: unknown[]): Promise<void> => undefined);
vi.mock('./settings-port.ts', () => ({
  loadSettings: async () => settings,
  saveSettings,
  listViews: async () => [],
  replaceViews,
  clearCache: async () => undefined,
  portable: ({ origins, confirmThreshold, batchSize, concurrency }: typeof settings) => ({
    origins,
    confirmThreshold,
    batchSize,
    concurrency,
  }),
}));
globalThis.fetch = vi.fn(async () => new Response('{}')) as typeof fetch;
const { Options } = await import('./Options.tsx');

it('shows why an import failed and keeps the language (the views untouched)', async () => {
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<Options />, root));
  const $ = (sel: string) => root.querySelector<HTMLElement>(sel);
  for (let i = 0; i < 50 && !$('#settings-file'); i++) await act(() => new Promise((r) => setTimeout(r, 5)));
  const input = $('#settings-file') as HTMLInputElement;
  const file = new File(
    [
      JSON.stringify({
        kind: 'licenskoll-settings',
        version: 1,
        settings: { ...settings, activeOrigin: undefined, confirmThreshold: 50, language: 'en' },
      }),
    ],
    'mine.json',
  );
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  for (let i = 0; i < 50 && !$('[data-import-result]'); i++)
    await act(() => new Promise((r) => setTimeout(r, 5)));
  expect($('[data-import-result]')?.dataset.importResult).toBe('refused');
  expect($('[data-import-result]')?.textContent).toBe(
    'importRefused(mine.json,importProblemSaveFailed(storage is full))',
  );
  expect(stored.get('uiLanguage')).toBe('sv');
  expect(replaceViews).not.toHaveBeenCalled();
  render(null, root);
});

const view = {
  id: 'v1',
  name: 'Åk 9',
  toolId: 't1',
  toolName: 'Matematik',
  filters: { query: '', classes: ['9B'], roles: ['STUDENT'], leftOnly: false },
  createdAt: 1,
  updatedAt: 2,
};

async function importFile(body: unknown) {
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<Options />, root));
  const $ = (sel: string) => root.querySelector<HTMLElement>(sel);
  for (let i = 0; i < 50 && !$('#settings-file'); i++) await act(() => new Promise((r) => setTimeout(r, 5)));
  const input = $('#settings-file') as HTMLInputElement;
  Object.defineProperty(input, 'files', {
    value: [new File([JSON.stringify(body)], 'views.json')],
    configurable: true,
  });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  for (let i = 0; i < 50 && !$('[data-import-result]'); i++)
    await act(() => new Promise((r) => setTimeout(r, 5)));
  const result = $('[data-import-result]');
  const out = { result: result?.dataset.importResult, text: result?.textContent };
  render(null, root);
  root.remove();
  return out;
}

const fileSettings = { ...settings, activeOrigin: undefined, confirmThreshold: 50, language: 'sv' };

it('applies the settings, then replaces the views with the file’s', async () => {
  saveSettings.mockReset();
  saveSettings.mockImplementation(async () => settings);
  replaceViews.mockClear();
  const out = await importFile({
    kind: 'licenskoll-settings',
    version: 2,
    settings: fileSettings,
    views: [view],
  });
  expect(out.result).toBe('ok');
  expect(saveSettings).toHaveBeenCalledTimes(1);
  expect(replaceViews).toHaveBeenCalledWith([view]);
});

it('puts the settings back when the views are refused', async () => {
  saveSettings.mockReset();
  saveSettings.mockImplementation(async () => settings);
  replaceViews.mockReset();
  replaceViews.mockRejectedValueOnce(new Error('views refused'));
  const out = await importFile({
    kind: 'licenskoll-settings',
    version: 2,
    settings: fileSettings,
    views: [view],
  });
  expect(out.result).toBe('refused');
  // (The language was switched and back: the test's locale files are empty, so keys show bare.)
  expect(out.text).toMatch(/^importRefused/);
  // Once with the file's settings, once with the previous ones.
  expect(saveSettings).toHaveBeenCalledTimes(2);
  expect(saveSettings).toHaveBeenLastCalledWith(settings);
  expect(stored.get('uiLanguage')).toBe('sv');
});

it('refuses a file with a hostile view whole: neither settings nor views are applied', async () => {
  saveSettings.mockReset();
  replaceViews.mockReset();
  const out = await importFile({
    kind: 'licenskoll-settings',
    version: 2,
    settings: fileSettings,
    views: [{ ...view, filters: { ...view.filters, roles: ['ROOT'] } }],
  });
  expect(out.result).toBe('refused');
  expect(saveSettings).not.toHaveBeenCalled();
  expect(replaceViews).not.toHaveBeenCalled();
});
