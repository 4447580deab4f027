// @vitest-environment happy-dom
// The popup's client: the first paint comes from the background's snapshot in storage.local (in page
// mode its probe's answer and the page figures) without the worker, page mode syncs nothing, and
// "Försök igen" re-probes before it refreshes.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sameFakeAsPolyfill } from '../../test/support/extension-api.ts';
import { DEFAULT_SETTINGS } from '../shared/settings.ts';
import { newSnapshot, type SummarySnapshotRecord } from '../shared/summary-snapshot.ts';
import type { SummaryView } from '../shared/views.ts';
import { i18nMock, pageSnapshot } from './test-fakes.ts';

const calls: { type: string; payload: unknown }[] = [];
let pageMode: { mode: 'api' | 'page'; reason: string | null; checkedAt: number | null } = {
  mode: 'page',
  reason: 'absent',
  checkedAt: 1,
};
let view: SummaryView;

const kept = vi.hoisted(() => ({ set: vi.fn((_: Record<string, unknown>) => Promise.resolve()) }));
vi.mock('../shared/extension-api.ts', () => sameFakeAsPolyfill());
vi.mock('webextension-polyfill', () => ({
  default: { ...i18nMock.default, storage: { local: { set: kept.set } } },
}));
vi.mock('../shared/protocol/client.ts', () => ({
  request: async (type: string, payload: unknown) => {
    calls.push({ type, payload });
    if (type === 'getPageMode') return pageMode;
    if (type === 'getSummary') return view;
    if (type === 'getSettings') return { settings: DEFAULT_SETTINGS };
    if (type === 'sync') return {};
    throw new Error(`unexpected ${type}`);
  },
  onEvent: () => () => undefined,
  isUnreachable: () => false,
}));
const { createClient } = await import('./client.ts');

const ORIGIN = 'https://app.skolon.com';
const stored = (patch: Partial<SummarySnapshotRecord> = {}): SummarySnapshotRecord =>
  newSnapshot({
    origin: ORIGIN,
    schoolId: null,
    askedSchoolId: null,
    schools: [],
    role: null,
    status: null,
    fetchedAt: null,
    mode: 'page',
    modeReason: 'unreachable',
    tools: [],
    pageFigures: pageSnapshot.pageFigures,
    ...patch,
  });

beforeEach(() => {
  localStorage.clear();
  kept.set.mockClear();
  calls.length = 0;
  pageMode = { mode: 'page', reason: 'absent', checkedAt: 1 };
  view = {
    schoolId: null,
    schools: [],
    session: null,
    fetchedAt: null,
    tools: [],
    totals: { seats: 0, assigned: 0, available: 0 },
    origin: ORIGIN,
    mode: 'page',
    modeReason: 'absent',
    pageFigures: pageSnapshot.pageFigures,
  };
});
const types = () => calls.map((c) => c.type);

describe('the popup client in page mode', () => {
  it('paints page figures from the background’s snapshot without asking the worker', async () => {
    const first = await createClient().firstPaint(JSON.stringify(stored()));
    expect(calls).toEqual([]);
    expect(first.mode).toBe('page');
    expect(first.modeReason).toBe('unreachable');
    expect(first.origin).toBe(ORIGIN);
    expect(first.pageFigures.map((f) => f.toolName)).toEqual(pageSnapshot.pageFigures.map((f) => f.toolName));
  });

  it('tells an expired license from its end date and today, and the account state from the session', async () => {
    const tools = [
      { id: 'a', name: 'A', seats: 5, assigned: 1, nextExpiry: null, earliestEnd: '2000-01-01' },
      { id: 'b', name: 'B', seats: 5, assigned: 5, nextExpiry: '2999-01-01', earliestEnd: '2999-01-01' },
      { id: 'c', name: 'C', seats: 0, assigned: 0, nextExpiry: null, earliestEnd: null },
    ];
    const first = await createClient().firstPaint(
      stored({ mode: 'api', modeReason: null, status: 'session-expired', fetchedAt: 5, tools }),
    );
    expect(calls).toEqual([]);
    expect(first.state).toBe('session-expired');
    expect(first.tools.map((t) => [t.id, t.hasExpired])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
  });

  it.each([
    ['there is none', undefined],
    ['it is of another version', { ...stored(), version: 0 }],
    ['it is damaged', { ...stored(), pageFigures: [{ toolName: 'Kemi' }] }],
    ['it holds neither tools nor figures', stored({ pageFigures: [] })],
    [
      'it was asked for a chosen school, and none is chosen now',
      stored({ schoolId: 's1', askedSchoolId: 's1' }),
    ],
  ])('asks the worker when %s', async (_, record) => {
    await createClient().firstPaint(record);
    expect(types()).toContain('getSummary');
  });

  it('paints the snapshot of the school an organisation admin chose, and no other school’s', async () => {
    await createClient('s1').firstPaint(stored({ schoolId: 's1', askedSchoolId: 's1' }));
    expect(calls).toEqual([]);
    await createClient('s1').firstPaint(stored({ schoolId: 's2', askedSchoolId: null }));
    expect(types()).toContain('getSummary');
    calls.length = 0;
    // '' is kept for "none chosen": the active school's snapshot is the popup's.
    await createClient('').firstPaint(stored({ schoolId: 's2', askedSchoolId: null }));
    expect(calls).toEqual([]);
  });

  it('keeps the chosen school in storage.local, read with the first read, not in localStorage', async () => {
    const getItem = vi.spyOn(Storage.prototype, 'getItem');
    const client = createClient('s1');
    expect(getItem).not.toHaveBeenCalled();
    expect(kept.set).not.toHaveBeenCalled();
    view = { ...view, schoolId: 's2', mode: 'api', modeReason: null };
    pageMode = { mode: 'api', reason: null, checkedAt: 1 };
    await client.switchSchool('s2');
    expect(kept.set).toHaveBeenLastCalledWith({ popupSchool: 's2' });
    // A school the session no longer has is forgotten: the active one is shown next time.
    view = { ...view, schoolId: 's3' };
    await client.refresh();
    expect(kept.set).toHaveBeenLastCalledWith({ popupSchool: '' });
    expect(getItem).not.toHaveBeenCalled();
    getItem.mockRestore();
  });

  it('moves a choice an earlier version kept in localStorage, once', async () => {
    localStorage.setItem('licenskoll.popup.school', 's1');
    await createClient(undefined).firstPaint(stored({ schoolId: 's1', askedSchoolId: 's1' }));
    expect(calls).toEqual([]);
    expect(kept.set).toHaveBeenCalledWith({ popupSchool: 's1' });
    expect(localStorage.getItem('licenskoll.popup.school')).toBeNull();
    kept.set.mockClear();
    // With nothing kept anywhere, "none" is written, so later opens never look in localStorage.
    createClient(undefined);
    expect(kept.set).toHaveBeenCalledWith({ popupSchool: '' });
  });

  it('does not sync in page mode; "Försök igen" probes with force, then syncs once the API answers', async () => {
    const client = createClient();
    const snap = await client.refresh();
    expect(types()).toEqual(['getPageMode', 'getSummary', 'getSettings']);
    expect(snap.mode).toBe('page');
    calls.length = 0;
    pageMode = { mode: 'api', reason: null, checkedAt: 2 };
    await client.recheckMode();
    expect(calls[0]).toEqual({ type: 'getPageMode', payload: { force: true } });
    expect(types()).toContain('sync');
  });

  it('lets a sync of the last minute answer when the popup opens, and always syncs on refresh', async () => {
    pageMode = { mode: 'api', reason: null, checkedAt: 1 };
    view = { ...view, schoolId: 's1', mode: 'api', modeReason: null };
    const client = createClient('s1');
    const syncs = () => calls.filter((c) => c.type === 'sync').map((c) => c.payload);
    await client.refresh({ opening: true });
    await client.refresh();
    expect(syncs()).toEqual([{ schoolId: 's1', maxAgeMs: 60_000 }, { schoolId: 's1' }]);
  });

  it('shows page mode forced in the sandbox, which only getPageMode knows', async () => {
    pageMode = { mode: 'page', reason: 'forced', checkedAt: null };
    view = { ...view, mode: 'api', modeReason: null };
    const snap = await createClient().refresh();
    expect(snap.mode).toBe('page');
    expect(snap.modeReason).toBe('forced');
  });
});
