// @vitest-environment happy-dom
// The popup without the license API (page mode): the overview from the counts Skolon's pages showed,
// each with its age and source; the state line explains page mode; quick withdrawal and reclaim say
// why they are not there. And API mode as before.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { sameFakeAsPolyfill } from '../../test/support/extension-api.ts';
import type { SummarySnapshot } from './client-types.ts';
import { useTestRoot } from './test-dom.ts';
import { fakeClient, i18nMock, pageFigure, pageSnapshot, snapshot } from './test-fakes.ts';

vi.mock('../shared/extension-api.ts', () => sameFakeAsPolyfill());
vi.mock('webextension-polyfill', () => i18nMock);
const { Popup } = await import('./Popup.tsx');

const { root, until, $, $$, text } = useTestRoot();

const counts = () =>
  Object.fromEntries(
    $$('[data-tool-id]').map((li) => {
      const c = li.querySelector<HTMLElement>('[data-assigned]');
      return [li.dataset.toolId, `${c?.dataset.assigned}/${c?.dataset.seats}`];
    }),
  );

/** The popup on a snapshot, its refresh answering the same (so the first paint stays). */
async function open(initial: SummarySnapshot, overrides: Parameters<typeof fakeClient>[0] = {}) {
  const client = fakeClient({
    cachedSummary: async () => initial,
    refresh: async () => initial,
    ...overrides,
  });
  await act(() => render(<Popup client={client} initial={initial} />, root()));
  return client;
}

describe('the popup in page mode', () => {
  it('lists the figures the pages showed, with their ages, and says they come from the page', async () => {
    await open(pageSnapshot);
    expect(counts()).toEqual({ 't-psykologi': '2/22', 'name:kemi 1': '30/30' });
    expect($$('[data-tool-id]').map((li) => li.dataset.source)).toEqual(['page', 'page']);
    // Full first (urgency), then the rest; each with when it was seen.
    expect(text('[data-tool-id="name:kemi 1"] [data-seen-at]')).toBe('summarySeenOnPage(för 3 timmar sedan)');
    expect(text('[data-tool-id="t-psykologi"] [data-seen-at]')).toBe(
      'summarySeenOnPage(för 5 minuter sedan)',
    );
    expect(text('[data-total="assigned"]')).toBe('32');
    expect(text('[data-total="seats"]')).toBe('52');
    expect(text('[data-total="available"]')).toBe('20');
    expect(text('[data-sources]')).toBe('summaryAllFromPage');
    expect($('[data-mark="api"]')).toBeNull();
    // Nothing here can be exported or fetched from the API.
    expect($$('button').filter((b) => b.textContent?.includes('summaryExport'))).toEqual([]);
    // A tool links to where its page was seen (Skolon's routes are not ours to guess); one only seen
    // in a list, to the Skolon's start page.
    expect($('[data-tool-id="t-psykologi"] a')?.getAttribute('href')).toBe(
      'https://app.skolon.com/admin/tools/t-psykologi?tab=licenses',
    );
    expect($('[data-tool-id="name:kemi 1"] a')?.getAttribute('href')).toBe('https://app.skolon.com/');
  });

  it('explains page mode and why in the state line, instead of "never synced"; Försök igen asks again', async () => {
    const client = await open(pageSnapshot, { recheckMode: vi.fn(async () => snapshot) });
    expect($('main')?.dataset.state).toBe('page-mode');
    expect(text('[data-notice="page-mode"] h2')).toBe('pageModeLine');
    expect(text('[data-notice="page-mode"] [data-mode-reason]')).toBe('pageModeWhyAbsent');
    expect($('[data-notice="never-synced"]')).toBeNull();
    expect($('[data-notice="session-expired"]')).toBeNull();
    const retry = $$('[data-notice="page-mode"] button').find((b) => b.textContent === 'stateRetry');
    await act(() => retry?.click());
    expect(client.recheckMode).toHaveBeenCalledOnce();
    // The API answered this time: the API's tools, no page-mode line.
    await until(() => $('[data-notice="page-mode"]') === null);
    expect(Object.keys(counts()).sort()).toEqual(['historia', 'kemi', 'spanska']);
    expect($('main')?.dataset.state).toBe('signed-in');
  });

  it('names each reason, offers signing in when the API session expired, and no retry when forced', async () => {
    await open({ ...pageSnapshot, modeReason: 'session-expired' });
    expect(text('[data-mode-reason]')).toBe('pageModeWhyExpired');
    expect($$('[data-notice="page-mode"] button').map((b) => b.textContent)).toEqual([
      'stateSignInAgain',
      'stateRetry',
    ]);
    await act(() => render(null, root()));
    await open({ ...pageSnapshot, modeReason: 'unreachable' });
    expect(text('[data-mode-reason]')).toBe('pageModeWhyUnreachable');
    await act(() => render(null, root()));
    await open({ ...pageSnapshot, modeReason: 'forced' });
    expect(text('[data-mode-reason]')).toBe('pageModeWhyForced');
    expect($$('[data-notice="page-mode"] button')).toEqual([]);
  });

  it('replaces quick withdrawal and reclaim with one line why, and never asks the API for them', async () => {
    const client = await open(pageSnapshot);
    const search = vi.spyOn(client, 'searchPeople');
    const holdings = vi.spyOn(client, 'allHoldings');
    await act(() => $('[data-tab="quick"]')?.click());
    expect(text('[data-panel="quick"][data-needs-api]')).toBe('pageModeQuickUnavailable');
    expect($('#person-query')).toBeNull();
    await act(() => $('[data-tab="reclaim"]')?.click());
    expect(text('[data-panel="reclaim"][data-needs-api]')).toBe('pageModeReclaimUnavailable');
    expect($('[data-reclaim-total]')).toBeNull();
    await act(() => $('[data-tab="jobs"]')?.click());
    expect($('[data-panel="jobs"]')).not.toBeNull();
    expect(search).not.toHaveBeenCalled();
    expect(holdings).not.toHaveBeenCalled();
  });

  it('says what to do before any page has shown its figures', async () => {
    await open({ ...pageSnapshot, pageFigures: [] });
    expect(text('[data-panel="summary"][data-empty="page"] p')).toBe('pageModeNoFigures');
    expect($$('[data-panel="summary"] button').map((b) => b.textContent)).toEqual(['pageModeOpenTools']);
    expect($('[data-notice="page-mode"]')).not.toBeNull();
  });

  it('groups the figures by school when the pages named several, each with its totals', async () => {
    await open({
      ...pageSnapshot,
      pageFigures: [
        ...pageSnapshot.pageFigures,
        pageFigure({ school: 'Norrbyskolan', toolId: 't-kemi', toolName: 'Kemi', assigned: 4, total: 10 }),
      ],
    });
    expect($$('[data-school]').map((s) => s.dataset.school)).toEqual(['Demoskolan', 'Norrbyskolan']);
    expect(text('[data-school="Norrbyskolan"] h3')).toBe('Norrbyskolan');
    expect(text('[data-school="Norrbyskolan"] p')).toBe('summarySchoolTotals(4,10,6)');
    expect(text('[data-school="Demoskolan"] p')).toBe('summarySchoolTotals(32,52,20)');
    expect(text('[data-total="assigned"]')).toBe('36');
  });

  it('keeps one figure per tool: the newest of the list row and the tool page', async () => {
    const now = Date.now();
    await open({
      ...pageSnapshot,
      pageFigures: [
        pageFigure({ toolId: 't-x', toolName: 'X-boken', assigned: 3, total: 9, seenAt: now - 60_000 }),
        pageFigure({
          toolName: 'x-boken',
          assigned: 2,
          total: 9,
          seenAt: now - 120_000,
          source: 'tool-list',
        }),
      ],
    });
    expect(counts()).toEqual({ 't-x': '3/9' });
  });
});

describe('the popup with the API', () => {
  it('marks each figure’s source when a tool was only seen on a page', async () => {
    await open({
      ...snapshot,
      pageFigures: [
        pageFigure({ toolId: 'kemi', toolName: 'Kemi', assigned: 9, total: 10 }),
        pageFigure({ toolId: 't-engelska', toolName: 'Engelska', assigned: 1, total: 4 }),
      ],
    });
    // The API's Kemi wins over the page's; Engelska is only on a page.
    expect(counts()).toMatchObject({ kemi: '2/10', 't-engelska': '1/4' });
    expect($('[data-tool-id="t-engelska"]')?.dataset.source).toBe('page');
    expect(text('[data-tool-id="t-engelska"] [data-seen-at]')).toBe('summarySeenOnPage(för 5 minuter sedan)');
    for (const id of ['kemi', 'spanska', 'historia']) {
      expect($(`[data-tool-id="${id}"]`)?.dataset.source).toBe('api');
      expect(text(`[data-tool-id="${id}"] [data-mark="api"]`)).toBe('summaryFromApi');
    }
    expect(text('[data-mixed-sources]')).toBe('summaryMixedSources(3,1)');
    // Only the API's tools export.
    expect($('[data-tool-id="t-engelska"] button')).toBeNull();
    expect($('[data-tool-id="kemi"] button')).not.toBeNull();
  });

  it('is unchanged without page figures: no source marks, no page-mode line, every view there', async () => {
    await open(snapshot);
    expect($('main')?.dataset.state).toBe('signed-in');
    expect($('[data-notice]')).toBeNull();
    expect($('[data-mark="api"]')).toBeNull();
    expect($('[data-seen-at]')).toBeNull();
    expect($('[data-mixed-sources]')).toBeNull();
    expect($('[data-sources]')?.dataset.sources).toBe('api');
    expect($$('[data-tool-id] button')).toHaveLength(3);
    await act(() => $('[data-tab="quick"]')?.click());
    expect($('#person-query')).not.toBeNull();
    expect($('[data-needs-api]')).toBeNull();
  });

  it('still shows "never synced" when the mode is not known and nothing was seen', async () => {
    await open({ ...snapshot, state: 'never-synced', tools: [], mode: 'unknown' });
    expect($('[data-notice="never-synced"]')).not.toBeNull();
    expect($('[data-notice="page-mode"]')).toBeNull();
  });
});
