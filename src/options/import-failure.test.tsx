// @vitest-environment happy-dom
// A settings import the background refuses shows the error in the file section and changes
// nothing, the language included.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, it, vi } from 'vitest';

const stored = new Map<string, unknown>([['uiLanguage', 'sv']]);
const STATIC_ORIGINS = ['https://app.skolon.com/*'];
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
vi.mock('./settings-port.ts', () => ({
  loadSettings: async () => settings,
  saveSettings,
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

it('shows why an import failed and keeps the language', async () => {
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
  render(null, root);
});
