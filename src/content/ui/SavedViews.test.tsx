// @vitest-environment happy-dom
// The saved-views section without a view for this tool: the frame and "save view", with the full
// part (Views.tsx) not loaded; it loads with its save form open on the button or Alt+S, and at once
// when there are views to list.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SavedView } from '../../shared/plans.ts';
import type { DialogController } from '../dialog/controller.ts';

vi.mock('../../shared/extension-api.ts', () => ({
  extensionApi: () => ({ i18n: { getMessage: (key: string) => key, getUILanguage: () => 'sv' } }),
}));
vi.mock('../core/trusted.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../core/trusted.ts')>()),
  trusted:
    <E extends Event>(handler: (event: E) => void) =>
    (event: E) =>
      handler(event),
}));
const loaded = vi.hoisted(() => ({ count: 0 }));
vi.mock('./Views.tsx', () => {
  loaded.count++;
  return {
    Views: ({ openSave }: { openSave?: boolean }) => (
      <p data-lk="full-views">{openSave ? 'save form open' : 'list'}</p>
    ),
  };
});
const { SavedViews } = await import('./SavedViews.tsx');
const { Plans } = await import('../dialog/plans.ts');

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

const settle = () => act(() => new Promise((r) => setTimeout(r, 0)));

function plansWith(views: SavedView[], query = '') {
  const controller = {
    filters: { query, classes: new Set(), roles: new Set(), leftOnly: false },
  } as unknown as DialogController;
  const plans = new Plans({
    bg: {
      listViews: async () => views,
      onViews: () => undefined,
    },
    edits: async () => ({
      saveView: async () => views[0] as SavedView,
      deleteView: async () => undefined,
    }),
    toolId: () => 't1',
    toolName: () => 'Matematik',
    controller: () => controller,
    signal: new AbortController().signal,
  });
  return plans;
}

describe('the saved-views section', () => {
  it('shows the frame and "save view" without loading the full part; Alt+S opens it with its form', async () => {
    const plans = plansWith([], 'adam');
    await plans.load();
    await act(() => render(<SavedViews plans={plans} classes={[]} />, root));
    await settle();
    expect(root.querySelector('[data-lk="views"]')?.textContent).toContain('viewNone');
    expect(root.querySelector('[data-lk="view-save-open"]')?.hasAttribute('disabled')).toBe(false);
    expect(root.querySelector('[data-lk="full-views"]')).toBeNull();
    expect(loaded.count).toBe(0);
    await act(() => plans.requestSave());
    await settle();
    await settle();
    expect(root.querySelector('[data-lk="full-views"]')?.textContent).toBe('save form open');
    expect(loaded.count).toBe(1);
  });

  it('"save view" is disabled while nothing narrows the rows, and its press opens the form', async () => {
    const plans = plansWith([]);
    await plans.load();
    await act(() => render(<SavedViews plans={plans} classes={[]} />, root));
    const button = root.querySelector<HTMLButtonElement>('[data-lk="view-save-open"]');
    expect(button?.disabled).toBe(true);
    expect(button?.title).toBe('viewEmptyFilters');
    const narrowed = plansWith([], '9b');
    await narrowed.load();
    await act(() => render(<SavedViews plans={narrowed} classes={[]} />, root));
    await act(() => root.querySelector<HTMLButtonElement>('[data-lk="view-save-open"]')?.click());
    await settle();
    await settle();
    expect(root.querySelector('[data-lk="full-views"]')?.textContent).toBe('save form open');
  });

  it('loads the full part at once when this tool has views to list', async () => {
    const plans = plansWith([
      {
        id: 'v',
        name: 'Åk 9B',
        toolId: 't1',
        toolName: 'Matematik',
        filters: { query: '', classes: ['9B'], roles: [], leftOnly: false },
        createdAt: 1,
        updatedAt: 1,
      },
    ]);
    await plans.load();
    await act(() => render(<SavedViews plans={plans} classes={[]} />, root));
    await settle();
    await settle();
    expect(root.querySelector('[data-lk="full-views"]')?.textContent).toBe('list');
    expect(root.querySelector('[data-lk="view-save-open"]')).toBeNull();
  });
});
