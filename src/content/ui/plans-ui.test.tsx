// @vitest-environment happy-dom
// Saved views and the schedule form on the license page, against the saved dialog and a fake
// background: applying, saving (with its scope), renaming and deleting views, Alt+1…9 and Alt+S,
// the schedule form's request (page-mode wording, a past time refused), and a page-mode schedule's
// pending view applied and selected, never confirmed. (happy-dom's events are not trusted: the
// trusted-event guard is replaced here; keys.test.ts covers it.)
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSavedDialogPage } from '../../../test/support/saved-dialog.ts';
import type { SavedView, Schedule } from '../../shared/plans.ts';
import type { Background, ScheduleDraft } from '../bridge.ts';

vi.mock('../../shared/extension-api.ts', () => ({
  extensionApi: () => ({
    i18n: {
      getMessage: (key: string, subs: string[] = []) => (subs.length ? `${key}(${subs.join('|')})` : key),
      getUILanguage: () => 'sv-SE',
    },
    storage: {
      local: { get: async () => ({ 'licenskoll.confirmThreshold': 25 }), set: async () => undefined },
    },
    runtime: { connect: () => ({ postMessage() {}, disconnect() {}, onDisconnect: { addListener() {} } }) },
  }),
}));
vi.mock('../core/trusted.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../core/trusted.ts')>()),
  isTrustedEvent: () => true,
  trusted:
    <E extends Event>(handler: (event: E) => void) =>
    (event: E) =>
      handler(event),
}));
const { startLicenseUi } = await import('./license-ui.tsx');
const { mountRoot } = await import('../root.ts');
// The saved views' list and the forms are chunks the panel imports when needed (SavedViews.tsx,
// parts.ts). Vitest transforms a module on its first import, which takes longer than a few
// settled ticks: transformed here once, the panel's own import() still loads each when needed, as
// in the browser.
await Promise.all([import('./Views.tsx'), import('./ViewForms.tsx'), import('./ScheduleForm.tsx')]);

const view = (patch: Partial<SavedView>): SavedView => ({
  id: 'v',
  name: 'View',
  toolId: 't1',
  toolName: 'Matematik',
  filters: { query: '', classes: [], roles: [], leftOnly: false },
  createdAt: 1,
  updatedAt: 1,
  ...patch,
});

const VIEWS = [
  view({
    id: 'v-9b',
    name: 'Åk 9B elever',
    filters: { query: '', classes: ['9B'], roles: ['STUDENT'], leftOnly: false },
  }),
  view({
    id: 'v-all',
    name: 'Alla 7A',
    toolId: null,
    toolName: null,
    filters: { query: '', classes: ['7A', '6Z'], roles: [], leftOnly: false },
  }),
  view({
    id: 'v-other',
    name: 'Annat verktyg',
    toolId: 't2',
    filters: { query: 'adam', classes: [], roles: [], leftOnly: false },
  }),
];

function fakeBackground(options: { mode?: 'api' | 'page'; pending?: unknown; pendingFails?: boolean } = {}) {
  let views = [...VIEWS];
  const listeners: ((views: SavedView[]) => void)[] = [];
  const bg = {
    mode: vi.fn(async () =>
      options.mode === 'api'
        ? { mode: 'api' as const, reason: null }
        : { mode: 'page' as const, reason: 'absent' as const },
    ),
    resolveToolId: vi.fn(async () => null),
    toolData: vi.fn(async () => ({ licenses: [], pools: [], assignments: [], fetchedAt: 1 })),
    onJob: () => undefined,
    preview: vi.fn(),
    startWithdrawal: vi.fn(),
    listViews: vi.fn(async () => views),
    saveView: vi.fn(async (draft: Omit<SavedView, 'id' | 'createdAt' | 'updatedAt'> & { id?: string }) => {
      const saved = view({ ...draft, id: draft.id ?? `new-${views.length}`, updatedAt: 99 });
      views = [saved, ...views.filter((v) => v.id !== saved.id)];
      return saved;
    }),
    deleteView: vi.fn(async (id: string) => {
      views = views.filter((v) => v.id !== id);
    }),
    onViews: (listener: (views: SavedView[]) => void) => listeners.push(listener),
    saveSchedule: vi.fn(async (draft: ScheduleDraft) => ({ ...draft, id: 's1' }) as unknown as Schedule),
    takePendingView: vi.fn(async () => {
      if (options.pendingFails) throw new Error('not implemented yet');
      return options.pending ?? null;
    }),
  };
  const emitViews = (next: SavedView[]) => {
    for (const listener of listeners) listener(next);
  };
  return { bg, emitViews };
}

let abort: AbortController | null = null;
afterEach(() => {
  abort?.abort();
  abort = null;
  vi.useRealTimers();
});

const settle = async (rounds = 6) => {
  for (let i = 0; i < rounds; i++) await act(() => new Promise((r) => setTimeout(r, 1)));
};

async function setup(options: Parameters<typeof fakeBackground>[0] = {}) {
  loadSavedDialogPage();
  const { bg, emitViews } = fakeBackground(options);
  abort = new AbortController();
  const root = mountRoot(document);
  startLicenseUi({ root, toolId: 't1', signal: abort.signal, background: bg as unknown as Background });
  await settle();
  const $ = <T extends HTMLElement = HTMLElement>(sel: string) => root.shadow.querySelector<T>(sel);
  const $$ = (sel: string) => [...root.shadow.querySelectorAll<HTMLElement>(sel)];
  const click = async (el: HTMLElement | null) => {
    if (!el) throw new Error('no element');
    await act(() => el.click());
    await settle(2);
  };
  const type = async (sel: string, value: string) => {
    const input = $<HTMLInputElement>(sel);
    if (!input) throw new Error(`no ${sel}`);
    input.value = value;
    await act(() => {
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  };
  const submit = async (sel: string) => {
    await act(() => {
      $(sel)?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle(3);
  };
  const key = async (code: string, extra: KeyboardEventInit = {}) => {
    await act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { code, key: '', bubbles: true, ...extra }));
    });
    await settle(2);
  };
  const panel = () => $('[data-lk="panel"]') as HTMLElement;
  return { bg, emitViews, root, $, $$, click, type, submit, key, panel };
}

const pressed = (el: HTMLElement | null) => el?.getAttribute('aria-pressed');

describe('the panel', () => {
  it('has what a search shows and does right under it, and the filters and views after', async () => {
    const { $ } = await setup();
    const order = [
      'search',
      'count',
      'select-all',
      'withdraw',
      'role-STUDENT',
      'class-9B',
      'view-save-open',
    ].map((name) => {
      const el = $(`[data-lk="${name}"]`);
      if (!el) throw new Error(`no ${name}`);
      return el;
    });
    // At a laptop's width the panel is a sheet under the dialog, 40% of the window high: a class
    // chip list of a large school filled it before the count and the matches came.
    for (let i = 1; i < order.length; i++) {
      const before = order[i - 1] as HTMLElement;
      expect(before.compareDocumentPosition(order[i] as HTMLElement) & Node.DOCUMENT_POSITION_FOLLOWING).toBe(
        Node.DOCUMENT_POSITION_FOLLOWING,
      );
    }
  });
});

describe('Vyer', () => {
  it("lists this tool's views and every tool's, not another tool's, and applies one with a click", async () => {
    const { $, $$, click, panel } = await setup();
    expect($$('[data-lk="view-apply"]').map((b) => b.textContent)).toEqual(['Åk 9B elever', 'Alla 7A']);
    await click($$('[data-lk="view-apply"]')[0] ?? null);
    expect(pressed($('[data-lk="class-9B"]'))).toBe('true');
    expect(pressed($('[data-lk="role-STUDENT"]'))).toBe('true');
    expect(pressed($$('[data-lk="view-apply"]')[0] ?? null)).toBe('true');
    const matches = Number(panel().dataset.matches);
    expect(matches).toBeGreaterThan(0);
    // Nothing is selected by applying a view.
    expect(panel().dataset.selected).toBe('0');
  });

  it('keeps a class the dialog does not have, shown as not present', async () => {
    const { $, $$, click } = await setup();
    await click($$('[data-lk="view-apply"]')[1] ?? null);
    expect(pressed($('[data-lk="class-7A"]'))).toBe('true');
    const missing = $('[data-lk="class-6Z"]');
    expect(missing?.dataset.missing).toBe('true');
    expect(missing?.textContent).toBe('6Z · viewClassNotHere');
    expect($('[data-lk="view-missing"]')?.textContent).toContain('viewClassesMissing(6Z)');
  });

  it('saves the search and chips under a name, for this tool or every tool', async () => {
    const { bg, $, click, type, submit } = await setup();
    // Nothing filtered: nothing to save.
    expect(($('[data-lk="view-save-open"]') as HTMLButtonElement).disabled).toBe(true);
    await type('[data-lk="search"]', 'adam');
    await click($('[data-lk="role-TEACHER"]'));
    await click($('[data-lk="view-save-open"]'));
    await type('[data-lk="view-name"]', '  Adams lärare ');
    await submit('[data-lk="view-save-form"]');
    expect(bg.saveView).toHaveBeenLastCalledWith({
      name: 'Adams lärare',
      toolId: 't1',
      toolName: expect.any(String),
      filters: { query: 'adam', classes: [], roles: ['TEACHER'], leftOnly: false },
    });
    expect($('[data-lk="view-status"]')?.textContent).toBe('viewSaved(Adams lärare)');
    expect($('[data-lk="view-apply"]')?.textContent).toBe('Adams lärare');

    await click($('[data-lk="view-save-open"]'));
    await type('[data-lk="view-name"]', 'Adam överallt');
    await click($('[data-lk="view-scope-all"]'));
    await submit('[data-lk="view-save-form"]');
    expect(bg.saveView).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'Adam överallt', toolId: null, toolName: null }),
    );
  });

  it('refuses a name the scope already has, and an empty filter set, without asking the background', async () => {
    const { bg, $, click, type, submit, key } = await setup();
    await type('[data-lk="search"]', 'adam');
    await click($('[data-lk="view-save-open"]'));
    await type('[data-lk="view-name"]', 'åk 9b ELEVER');
    await submit('[data-lk="view-save-form"]');
    expect($('[data-lk="view-error"]')?.textContent).toBe('viewNameTaken(åk 9b ELEVER)');
    // The same name for every tool is another scope: allowed.
    await click($('[data-lk="view-scope-all"]'));
    await submit('[data-lk="view-save-form"]');
    expect(bg.saveView).toHaveBeenCalledTimes(1);

    bg.saveView.mockClear();
    await type('[data-lk="search"]', '');
    await key('KeyS', { altKey: true });
    expect($('[data-lk="view-save-form"]')?.textContent).toContain('viewEmptyFilters');
    await type('[data-lk="view-name"]', 'Tom');
    await submit('[data-lk="view-save-form"]');
    expect($('[data-lk="view-error"]')?.textContent).toBe('viewEmptyFilters');
    expect(bg.saveView).not.toHaveBeenCalled();
  });

  it('renames a view by id, and deletes one only after its confirmation', async () => {
    const { bg, $, $$, click, type, submit } = await setup();
    await click($$('[data-lk="view-rename"]')[1] ?? null);
    expect(($('[data-lk="view-name"]') as HTMLInputElement).value).toBe('Alla 7A');
    await type('[data-lk="view-name"]', 'Alla i 7A');
    await submit('[data-lk="view-rename-form"]');
    expect(bg.saveView).toHaveBeenLastCalledWith({
      id: 'v-all',
      name: 'Alla i 7A',
      toolId: null,
      toolName: null,
      filters: VIEWS[1]?.filters,
    });
    expect($$('[data-lk="view-apply"]').map((b) => b.textContent)).toEqual(['Alla i 7A', 'Åk 9B elever']);

    await click($$('[data-lk="view-delete"]')[1] ?? null);
    expect($('[data-lk="view-delete-confirm"]')?.textContent).toContain('viewDeleteConfirm(Åk 9B elever)');
    await click($('[data-lk="view-delete-no"]'));
    expect(bg.deleteView).not.toHaveBeenCalled();
    await click($$('[data-lk="view-delete"]')[1] ?? null);
    await click($('[data-lk="view-delete-yes"]'));
    expect(bg.deleteView).toHaveBeenCalledWith('v-9b');
    expect($$('[data-lk="view-apply"]').map((b) => b.textContent)).toEqual(['Alla i 7A']);
  });

  it('follows viewsChanged from elsewhere, and renders names as text only', async () => {
    const { $$, emitViews, root } = await setup();
    await act(() => emitViews([view({ id: 'x', name: '<img src=x onerror=alert(1)>' })]));
    await settle(2);
    expect($$('[data-lk="view-apply"]').map((b) => b.textContent)).toEqual(['<img src=x onerror=alert(1)>']);
    expect(root.shadow.querySelector('img')).toBeNull();
  });
});

describe('keys', () => {
  it('Alt+1…9 apply the n-th view; Alt+S opens "save view" with its name focused', async () => {
    const { $, root, key } = await setup();
    await key('Digit2', { altKey: true });
    expect(pressed($('[data-lk="class-7A"]'))).toBe('true');
    await key('Digit1', { altKey: true });
    expect(pressed($('[data-lk="class-9B"]'))).toBe('true');
    expect(pressed($('[data-lk="class-7A"]'))).toBe('false');
    // No ninth view: nothing changes.
    await key('Digit9', { altKey: true });
    expect(pressed($('[data-lk="class-9B"]'))).toBe('true');
    await key('KeyS', { altKey: true });
    expect(root.shadow.activeElement).toBe($('[data-lk="view-name"]'));
    // Alt+S only opens it, typing it in a page field does nothing (the keys' rules).
  });

  it('ignore the views keys while the person types in one of the page’s own fields', async () => {
    const { $ } = await setup();
    const field = document.createElement('input');
    document.body.append(field);
    await act(() => {
      field.dispatchEvent(
        new KeyboardEvent('keydown', { code: 'Digit1', altKey: true, bubbles: true, composed: true }),
      );
    });
    await settle(2);
    expect(pressed($('[data-lk="class-9B"]'))).toBe('false');
  });
});

describe('Schemalägg', () => {
  it('sends the view as a schedule for this tool, next day 18:00 by default, with what will happen', async () => {
    const { bg, $, $$, click, submit } = await setup({ mode: 'api' });
    await click($$('[data-lk="view-apply"]')[0] ?? null);
    await click($('[data-lk="schedule-open"]'));
    const when = ($('[data-lk="schedule-when"]') as HTMLInputElement).value;
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    tomorrow.setHours(18, 0, 0, 0);
    expect(new Date(when).getTime()).toBe(tomorrow.getTime());
    expect(when).toMatch(/T18:00$/);
    expect(($('[data-lk="schedule-name"]') as HTMLInputElement).value).toBe('Åk 9B elever');
    expect($('[data-lk="schedule-what"]')?.textContent).toMatch(/^schedFormWhatView\(.+\|25\)$/);
    expect($('[data-lk="schedule-page-mode"]')).toBeNull();
    await submit('[data-lk="schedule-form"]');
    expect(bg.saveSchedule).toHaveBeenCalledWith({
      name: 'Åk 9B elever',
      filters: { query: '', classes: ['9B'], roles: ['STUDENT'], leftOnly: false },
      viewId: 'v-9b',
      people: null,
      toolIds: ['t1'],
      runAt: tomorrow.getTime(),
    });
    expect($('[data-lk="schedule-status"]')?.textContent).toMatch(/^schedFormSaved\(Åk 9B elever\|/);
  });

  it('every tool where the view matches: toolIds null', async () => {
    const { bg, $, $$, click, submit } = await setup({ mode: 'api' });
    await click($$('[data-lk="view-apply"]')[1] ?? null);
    await click($('[data-lk="schedule-open"]'));
    await click($('[data-lk="lk-sched-scope-all"]'));
    await submit('[data-lk="schedule-form"]');
    expect(bg.saveSchedule).toHaveBeenCalledWith(expect.objectContaining({ toolIds: null, viewId: 'v-all' }));
  });

  it('sends the filters as they are when it is sent, also after a search typed with the form open', async () => {
    const { bg, $, $$, click, type, submit } = await setup({ mode: 'api' });
    await click($$('[data-lk="view-apply"]')[0] ?? null);
    await click($('[data-lk="schedule-open"]'));
    await type('[data-lk="search"]', 'adam');
    await submit('[data-lk="schedule-form"]');
    expect(bg.saveSchedule).toHaveBeenCalledWith(
      expect.objectContaining({
        filters: { query: 'adam', classes: ['9B'], roles: ['STUDENT'], leftOnly: false },
      }),
    );
  });

  it('refuses a past time with a message and sends nothing', async () => {
    const { bg, $, $$, click, type, submit } = await setup();
    await click($$('[data-lk="view-apply"]')[0] ?? null);
    await click($('[data-lk="schedule-open"]'));
    await type('[data-lk="schedule-when"]', '2020-05-01T18:00');
    await submit('[data-lk="schedule-form"]');
    expect($('[data-lk="schedule-error"]')?.textContent).toBe('schedFormPast');
    expect(bg.saveSchedule).not.toHaveBeenCalled();
  });

  it('refuses an empty view (it would match everyone)', async () => {
    const { bg, $, click, submit } = await setup();
    await click($('[data-lk="schedule-open"]'));
    await submit('[data-lk="schedule-form"]');
    expect($('[data-lk="schedule-error"]')?.textContent).toBe('schedFormEmpty');
    expect(bg.saveSchedule).not.toHaveBeenCalled();
  });

  it('says in page mode that the page opens at the time, with the selection ready to confirm', async () => {
    const { $, $$, click, submit } = await setup({ mode: 'page' });
    await click($$('[data-lk="view-apply"]')[0] ?? null);
    await click($('[data-lk="schedule-open"]'));
    expect($('[data-lk="schedule-page-mode"]')?.textContent).toBe('schedFormPageMode');
    // Page mode maps no rows to assignments: "from the selection" needs the people.
    await click($('[data-lk="select-all"]'));
    await click($('[data-lk="schedule-cancel"]'));
    await click($('[data-lk="schedule-open"]'));
    await click($('[data-lk="lk-sched-source-selection"]'));
    expect($('[data-lk="schedule-what"]')?.textContent).toMatch(/^schedFormWhatSelection\(.+\|0\|25\)$/);
    await submit('[data-lk="schedule-form"]');
    expect($('[data-lk="schedule-error"]')?.textContent).toBe('schedFormNoPeople');
  });
});

describe('a page-mode schedule opened this page', () => {
  const pending = {
    scheduleId: 's1',
    toolId: 't1',
    filters: { query: '', classes: ['9B'], roles: ['STUDENT'], leftOnly: false },
  };

  it('applies its view and selects every match, shows the banner, and confirms nothing', async () => {
    const { bg, $, panel } = await setup({ pending });
    await settle(6);
    expect(bg.takePendingView).toHaveBeenCalledTimes(1);
    expect(pressed($('[data-lk="class-9B"]'))).toBe('true');
    const matches = Number(panel().dataset.matches);
    expect(matches).toBeGreaterThan(0);
    expect(Number(panel().dataset.selected)).toBe(matches);
    expect($('[data-lk="pending-banner"]')?.textContent).toBe('viewPendingBanner');
    // Never confirmed for the person: no preview asked, no withdrawal started, no confirmation shown.
    expect(bg.preview).not.toHaveBeenCalled();
    expect(bg.startWithdrawal).not.toHaveBeenCalled();
    expect($('[data-lk="confirm"]')).toBeNull();
  });

  it("ignores another tool's pending view, and treats a failure as none", async () => {
    const other = await setup({ pending: { ...pending, toolId: 't9' } });
    expect(other.$('[data-lk="pending-banner"]')).toBeNull();
    expect(other.panel().dataset.selected).toBe('0');
    abort?.abort();
    const failing = await setup({ pendingFails: true });
    expect(failing.$('[data-lk="pending-banner"]')).toBeNull();
    expect(failing.panel().dataset.selected).toBe('0');
  });
});
