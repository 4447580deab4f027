// @vitest-environment happy-dom
// The tool page's counter, reported for the popup: read again from its own element when the page
// rewrites it in place (after each batch of page mode), and from the whole page only when it went away.
import { afterEach, expect, it, vi } from 'vitest';
import { loadSavedDialogPage } from '../../../test/support/saved-dialog.ts';

const reportFigures = vi.fn(async () => undefined);
vi.mock('../background-client.ts', () => ({ backgroundClient: () => ({ reportFigures }) }));
vi.mock('../page/recognise.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../page/recognise.ts')>();
  return { ...real, findLicensePage: vi.fn(real.findLicensePage) };
});
const { findLicensePage } = await import('../page/recognise.ts');
const { followFigures } = await import('./license-page-run.ts');

const lastFigure = () => (reportFigures.mock.lastCall as unknown[] | undefined)?.[1];

afterEach(() => {
  vi.useRealTimers();
  reportFigures.mockClear();
});

it('reads a counter rewritten in place from its element, and the page only once the counter is replaced', async () => {
  vi.useFakeTimers();
  loadSavedDialogPage();
  const page = findLicensePage(document);
  const counter = page?.counters[0]?.element;
  if (!page || !counter) throw new Error("the fixture's page has no counter");
  const abort = new AbortController();
  followFigures(page, 't1', abort.signal);
  expect(lastFigure()).toEqual([expect.objectContaining({ toolId: 't1', assigned: 72, total: 107 })]);

  vi.mocked(findLicensePage).mockClear();
  counter.textContent = (counter.textContent ?? '').replace('72/107', '71/107');
  await vi.advanceTimersByTimeAsync(2_500);
  expect(lastFigure()).toEqual([expect.objectContaining({ assigned: 71, total: 107 })]);
  expect(findLicensePage).not.toHaveBeenCalled();

  const replaced = counter.cloneNode(true) as HTMLElement;
  replaced.textContent = (counter.textContent ?? '').replace('71/107', '70/107');
  counter.replaceWith(replaced);
  await vi.advanceTimersByTimeAsync(2_500);
  expect(findLicensePage).toHaveBeenCalled();
  expect(lastFigure()).toEqual([expect.objectContaining({ assigned: 70, total: 107 })]);

  // The same figure again is not reported again.
  const calls = reportFigures.mock.calls.length;
  replaced.textContent = `${replaced.textContent} `;
  await vi.advanceTimersByTimeAsync(2_500);
  expect(reportFigures).toHaveBeenCalledTimes(calls);
  abort.abort();
});
