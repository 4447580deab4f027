// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sameFakeAsPolyfill } from '../../test/support/extension-api.ts';

const permissions = {
  request: vi.fn(async () => true),
  contains: vi.fn(async () => true),
  remove: vi.fn(async () => true),
};
/** The sandbox build's manifest, as the browser reports it (the unit tests build the sandbox flavour). */
const STATIC_ORIGINS = ['https://app.skolon.com/*', 'http://127.0.0.1/*', 'http://localhost/*'];
vi.mock('../shared/extension-api.ts', () => sameFakeAsPolyfill());
vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: {
      getMessage: (key: string, subs: string[] = []) => (subs.length ? `${key}(${subs.join(',')})` : key),
    },
    permissions,
    runtime: {
      getManifest: () => ({
        host_permissions: STATIC_ORIGINS,
        content_scripts: [{ matches: STATIC_ORIGINS, js: ['assets/loader.js'] }],
      }),
    },
  },
}));
const downloads: { name: string; text: string }[] = [];
vi.mock('../shared/ui/download.ts', () => ({
  downloadText: (name: string, text: string) => downloads.push({ name, text }),
}));
const { OriginsSection } = await import('./OriginsSection.tsx');
const { SettingsFileSection } = await import('./SettingsFileSection.tsx');

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  permissions.request.mockClear();
  permissions.remove.mockClear();
});
afterEach(() => {
  render(null, root);
  root.remove();
});
const $ = (sel: string) => root.querySelector<HTMLElement>(sel);

describe('the origins section', () => {
  const mount = async (onChange = vi.fn(async () => undefined)) => {
    await act(() =>
      render(
        <OriginsSection
          origins={['https://app.skolon.com']}
          inUse="https://app.skolon.com"
          onChange={onChange}
          onUse={async () => undefined}
        />,
        root,
      ),
    );
    return onChange;
  };
  const submit = async (value: string) => {
    const input = $('#origin-input') as HTMLInputElement;
    input.value = value;
    await act(() => {
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      $('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await act(() => new Promise((r) => setTimeout(r, 0)));
  };

  it.each([
    ['http://skolon.example.com', 'originProblemNotHttps'],
    ['https://*.skolon.com', 'originProblemWildcard'],
    ['hej hopp', 'originProblemGarbage'],
    ['https://app.skolon.com/skoladmin', 'originProblemHasPath'],
    ['https://app.skolon.com', 'originProblemDuplicate'],
    ['https://192.168.0.10', 'originProblemIpAddress'],
    ['https://[::1]:8443', 'originProblemIpAddress'],
    ['http://skolon.localhost', 'originProblemLocalhost'],
  ])('refuses %s with a clear message and asks the browser for nothing', async (value, message) => {
    const onChange = await mount();
    await submit(value);
    expect($('[role="alert"]')?.textContent).toBe(message);
    expect($('#origin-input')?.getAttribute('aria-invalid')).toBe('true');
    expect(permissions.request).not.toHaveBeenCalled();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('asks for exactly one origin’s permission and then saves it', async () => {
    const onChange = await mount();
    await submit('https://skolon.example.no');
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['https://skolon.example.no/*'] });
    expect(onChange).toHaveBeenCalledWith(['https://app.skolon.com', 'https://skolon.example.no']);
  });

  it('saves nothing when the browser refuses the permission', async () => {
    permissions.request.mockResolvedValueOnce(false);
    const onChange = await mount();
    await submit('https://skolon.example.no');
    expect($('[role="alert"]')?.textContent).toBe('originPermissionRefused');
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('removing an origin', () => {
  const mountWith = async (
    origins: string[],
    onChange: (next: string[]) => Promise<void> = vi.fn(async () => undefined),
  ) => {
    await act(() =>
      render(
        <OriginsSection
          origins={origins}
          inUse="https://app.skolon.com"
          onChange={onChange}
          onUse={async () => undefined}
        />,
        root,
      ),
    );
    return onChange;
  };
  const remove = async (origin: string) => {
    await act(() => {
      root.querySelector<HTMLButtonElement>(`[aria-label="optionsOriginRemoveLabel(${origin})"]`)?.click();
    });
    await act(() => new Promise((r) => setTimeout(r, 0)));
  };

  it('saves the list without it, then gives its permission back', async () => {
    const order: string[] = [];
    const onChange = vi.fn(async (_: string[]) => {
      order.push('save');
    });
    permissions.remove.mockImplementationOnce(async () => {
      order.push('remove');
      return true;
    });
    await mountWith(['https://app.skolon.com', 'https://skolon.example.org:8443'], onChange);
    await remove('https://skolon.example.org:8443');
    expect(onChange).toHaveBeenCalledWith(['https://app.skolon.com']);
    expect(permissions.remove).toHaveBeenCalledWith({ origins: ['https://skolon.example.org/*'] });
    expect(order).toEqual(['save', 'remove']);
  });

  it('never gives back the manifest’s own origins', async () => {
    const onChange = await mountWith(['https://app.skolon.com', 'http://127.0.0.1:4310']);
    await remove('http://127.0.0.1:4310');
    expect(onChange).toHaveBeenCalledWith(['https://app.skolon.com']);
    expect(permissions.remove).not.toHaveBeenCalled();
  });

  it('keeps the permission while another origin on the same host still needs it', async () => {
    const onChange = await mountWith([
      'https://app.skolon.com',
      'http://127.0.0.2:5555',
      'http://127.0.0.2:6666',
    ]);
    await remove('http://127.0.0.2:5555');
    expect(onChange).toHaveBeenCalledWith(['https://app.skolon.com', 'http://127.0.0.2:6666']);
    expect(permissions.remove).not.toHaveBeenCalled();
    await act(() => render(null, root));
    await mountWith(['https://app.skolon.com', 'http://127.0.0.2:6666'], onChange);
    await remove('http://127.0.0.2:6666');
    expect(permissions.remove).toHaveBeenCalledWith({ origins: ['http://127.0.0.2/*'] });
  });
});

describe('settings import', () => {
  it('refuses a foreign file, changes nothing and says why', async () => {
    const onImport = vi.fn(async () => undefined);
    const settings = {
      origins: ['https://app.skolon.com'],
      confirmThreshold: 20,
      batchSize: 100,
      concurrency: 2,
      language: 'auto' as const,
    };
    await act(() =>
      render(
        <SettingsFileSection settings={settings} loadViews={async () => []} onImport={onImport} />,
        root,
      ),
    );
    const input = $('#settings-file') as HTMLInputElement;
    const file = new File([JSON.stringify({ kind: 'other-app', version: 1, settings: {} })], 'other.json');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    for (let i = 0; i < 20 && !$('[data-import-result]'); i++)
      await act(() => new Promise((r) => setTimeout(r, 5)));
    expect($('[data-import-result]')?.dataset.importResult).toBe('refused');
    expect($('[data-import-result]')?.textContent).toBe('importRefused(other.json,importProblemForeign)');
    expect(onImport).not.toHaveBeenCalled();
  });
});

describe('the settings file carries the saved views', () => {
  const settings = {
    origins: ['https://app.skolon.com'],
    confirmThreshold: 20,
    batchSize: 100,
    concurrency: 2,
    language: 'auto' as const,
  };
  const view = {
    id: 'v1',
    name: 'Åk 9',
    toolId: null,
    toolName: null,
    filters: { query: '', classes: ['9A', '9B'], roles: ['STUDENT' as const], leftOnly: false },
    createdAt: 1,
    updatedAt: 2,
  };
  const mount = async (onImport = vi.fn(async () => undefined), loadViews = vi.fn(async () => [view])) => {
    await act(() =>
      render(<SettingsFileSection settings={settings} loadViews={loadViews} onImport={onImport} />, root),
    );
    return { onImport, loadViews };
  };
  const importText = async (text: string, name = 'mine.json') => {
    const input = $('#settings-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true });
    await act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    for (let i = 0; i < 20 && !$('[data-import-result]'); i++)
      await act(() => new Promise((r) => setTimeout(r, 5)));
  };

  it('exports the views with the settings, and imports them back', async () => {
    downloads.length = 0;
    const { onImport, loadViews } = await mount();
    await act(async () => {
      $('[data-export-settings]')?.click();
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(loadViews).toHaveBeenCalled();
    const exported = downloads[0]?.text ?? '';
    expect(JSON.parse(exported)).toMatchObject({ version: 2, settings, views: [view] });
    await importText(exported);
    expect($('[data-import-result]')?.dataset.importResult).toBe('ok');
    expect(onImport).toHaveBeenCalledWith(settings, [view]);
  });

  it('says so when the views cannot be read for the export, and downloads nothing', async () => {
    downloads.length = 0;
    await mount(
      vi.fn(async () => undefined),
      vi.fn(async () => {
        throw new Error('store closed');
      }),
    );
    await act(async () => {
      $('[data-export-settings]')?.click();
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(downloads).toEqual([]);
    expect($('[role="alert"]')?.textContent).toBe('viewExportFailed(store closed)');
  });

  it.each([
    ['a bad role', [{ ...view, filters: { ...view.filters, roles: ['ROOT'] } }], 'views.0.filters.roles.0'],
    [
      '10,000 views',
      Array.from({ length: 10_000 }, (_, i) => ({ ...view, id: `v${i}`, name: `V${i}` })),
      'views',
    ],
    ['duplicate ids', [view, { ...view, name: 'Other' }], 'views'],
    ['a name of 10 KB', [{ ...view, name: 'n'.repeat(10_240) }], 'views.0.name'],
    ['wrong types', [{ ...view, toolId: 42 }], 'views.0.toolId'],
    ['extra keys', [{ ...view, onload: 'x' }], 'views.0.onload'],
  ])('refuses a file with %s whole: nothing is applied', async (_, views, detail) => {
    const { onImport } = await mount();
    await importText(
      JSON.stringify({ kind: 'licenskoll-settings', version: 2, settings, views }),
      'bad.json',
    );
    expect($('[data-import-result]')?.dataset.importResult).toBe('refused');
    expect($('[data-import-result]')?.textContent).toBe(
      `importRefused(bad.json,importProblemInvalid(${detail}))`,
    );
    expect(onImport).not.toHaveBeenCalled();
  });

  it('imports a version 1 file without touching the views', async () => {
    const { onImport } = await mount();
    await importText(JSON.stringify({ kind: 'licenskoll-settings', version: 1, settings }));
    expect(onImport).toHaveBeenCalledWith(settings, null);
  });
});
