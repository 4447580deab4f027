// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const permissions = {
  request: vi.fn(async () => true),
  contains: vi.fn(async () => true),
  remove: vi.fn(async () => true),
};
/** The sandbox build's manifest, as the browser reports it (the unit tests build the sandbox flavour). */
const STATIC_ORIGINS = ['https://app.skolon.com/*', 'http://127.0.0.1/*', 'http://localhost/*'];
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
    await act(() => render(<SettingsFileSection settings={settings} onImport={onImport} />, root));
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
