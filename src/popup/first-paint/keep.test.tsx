// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sameFakeAsPolyfill } from '../../../test/support/extension-api.ts';
import {
  newSnapshot,
  type SummarySnapshotRecord,
  snapshotText,
  summaryRevision,
} from '../../shared/summary-snapshot.ts';
import { fakeClient, i18nMock, pageSnapshot } from '../test-fakes.ts';

/** storage.local as the popup sees it, with its change events. */
const area = new Map<string, unknown>();
const listeners = new Set<(changes: Record<string, unknown>) => void>();
const local = {
  get: vi.fn(async (keys: string[]) =>
    Object.fromEntries(keys.filter((k) => area.has(k)).map((k) => [k, area.get(k)])),
  ),
  set: vi.fn(async (items: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(items)) area.set(k, v);
    for (const listener of listeners) listener(Object.fromEntries(Object.keys(items).map((k) => [k, {}])));
  }),
};
vi.mock('../../shared/extension-api.ts', () => sameFakeAsPolyfill());
vi.mock('webextension-polyfill', () => ({
  default: {
    ...i18nMock.default,
    storage: {
      local,
      onChanged: {
        addListener: (l: never) => listeners.add(l),
        removeListener: (l: never) => listeners.delete(l),
      },
    },
  },
}));
const { keepFirstPaintView } = await import('./keep.tsx');
const { storedFirstPaint } = await import('../client.ts');
const { Popup } = await import('../Popup.tsx');
const { KEEPING_GLOBAL, POPUP_READS, readKeptView, replayKept, REPLAYED_GLOBAL, VIEW_KEY } = await import(
  './view.ts'
);

const record = (patch: Partial<SummarySnapshotRecord> = {}): SummarySnapshotRecord =>
  newSnapshot({
    origin: 'https://app.skolon.com',
    schoolId: 's',
    askedSchoolId: null,
    schools: [{ id: 's', name: 'Demoskolan' }],
    role: 'SCHOOL_ADMIN',
    status: 'signed-in',
    fetchedAt: Date.now() - 3 * 60_000,
    mode: 'api',
    modeReason: null,
    tools: Array.from({ length: 14 }, (_, i) => ({
      id: `t${i}`,
      name: i === 3 ? '<b>Fet</b> & "citat"' : `Verktyg ${i}`,
      seats: 10 + i,
      assigned: i % 3 === 0 ? 10 + i : i,
      nextExpiry: i === 2 ? '2999-01-01' : null,
      earliestEnd: i === 5 ? '2000-01-01' : null,
    })),
    pageFigures: [],
    ...patch,
  });

/** The snapshot and its revision, as the background writes them (one set). */
const stored = (r: SummarySnapshotRecord) => {
  const text = snapshotText(r);
  return { summarySnapshot: text, summarySnapshotRev: summaryRevision(text) };
};
const put = (items: Record<string, unknown>) => {
  for (const [k, v] of Object.entries(items)) area.set(k, v);
};

let app: HTMLElement;
let stop: (() => void) | undefined;
/** Lets the keeper's timer, storage calls and render run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 20)));
};

beforeEach(() => {
  area.clear();
  local.set.mockClear();
  app = document.createElement('div');
  app.id = 'app';
  document.body.append(app);
  performance.clearMarks();
});
afterEach(() => {
  stop?.();
  stop = undefined;
  render(null, app);
  app.remove();
  delete (globalThis as Record<string, unknown>)[REPLAYED_GLOBAL];
});

/**
 * The popup's first render from what storage holds, as the page has it when it is first painted
 * (before its effects run; times relative to now emptied).
 */
async function liveFirstRender(): Promise<string> {
  const live = document.createElement('div');
  const initial = storedFirstPaint(area.get('summarySnapshot'), undefined);
  render(<Popup client={fakeClient()} initial={initial} />, live);
  for (const volatile of live.querySelectorAll('[data-volatile]')) volatile.textContent = '';
  const markup = live.innerHTML;
  render(null, live);
  return markup;
}

describe('the kept first paint', () => {
  it('is the popup’s first render from what storage holds, replayed as it was rendered', async () => {
    put(stored(record()));
    area.set('uiLanguage', 'auto');
    stop = keepFirstPaintView('auto', 0);
    await settle();
    expect(readKeptView(area.get(VIEW_KEY))).not.toBeNull();
    const items = await local.get([...POPUP_READS]);
    expect(replayKept(items, document, navigator.language)).toBe(true);
    const replayed = app.innerHTML;
    expect(replayed).toContain('&lt;b&gt;Fet&lt;/b&gt;');
    expect(app.querySelectorAll('[data-tool-id]').length).toBeGreaterThan(5);
    expect(replayed).toBe(await liveFirstRender());
  });

  it('is page mode’s figures too, when the popup paints them from storage', async () => {
    const figures = pageSnapshot.pageFigures;
    put(stored(record({ mode: 'page', modeReason: 'absent', tools: [], pageFigures: figures })));
    stop = keepFirstPaintView(undefined, 0);
    await settle();
    const items = await local.get([...POPUP_READS]);
    expect(replayKept(items, document, navigator.language)).toBe(true);
    expect(app.innerHTML).toBe(await liveFirstRender());
  });

  it('follows storage: a new summary is kept anew, an unchanged one is not written again', async () => {
    put(stored(record()));
    stop = keepFirstPaintView(undefined, 0);
    await settle();
    expect(local.set).toHaveBeenCalledTimes(1);
    const first = readKeptView(area.get(VIEW_KEY));
    await local.set({ popupSchool: '' });
    await settle();
    // The school '' is the active school, as no value was: another key, the same render.
    const second = readKeptView(area.get(VIEW_KEY));
    expect(second?.key).not.toBe(first?.key);
    expect(second?.nodes).toEqual(first?.nodes);
    local.set.mockClear();
    const keeping = () => (globalThis as Record<string, unknown>)[KEEPING_GLOBAL];
    expect(keeping()).toBe(false);
    await local.set(stored(record({ tools: record().tools.slice(0, 2) })));
    // Busy from the change until its view is kept (the popup bench waits for that between opens).
    expect(keeping()).toBe(true);
    await settle();
    expect(keeping()).toBe(false);
    expect(local.set).toHaveBeenCalledTimes(2);
    expect(readKeptView(area.get(VIEW_KEY))?.nodes).not.toEqual(second?.nodes);
    local.set.mockClear();
    await act(() => {
      stop?.();
    });
    stop = keepFirstPaintView(undefined, 0);
    await settle();
    expect(local.set).not.toHaveBeenCalled();
  });

  it('keeps nothing without the snapshot’s revision, where the popup would ask the worker, or in a language no longer chosen', async () => {
    area.set('summarySnapshot', snapshotText(record()));
    stop = keepFirstPaintView(undefined, 0);
    await settle();
    expect(area.has(VIEW_KEY)).toBe(false);
    stop();
    put(stored(record({ schoolId: 's', askedSchoolId: 's' })));
    stop = keepFirstPaintView(undefined, 0);
    await settle();
    expect(area.has(VIEW_KEY)).toBe(false);
    stop();
    put(stored(record()));
    area.set('uiLanguage', 'en');
    stop = keepFirstPaintView('nb', 0);
    await settle();
    expect(area.has(VIEW_KEY)).toBe(false);
  });
});
