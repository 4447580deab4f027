// The tool's data for the dialog comes from the cache at once when it is there (the panel is ready
// without waiting for Skolon), is mapped again when the sync changed it, and a withdrawal waits
// for that (fresh); without a cache, the sync comes first.
import { beforeEach, describe, expect, it, vi } from 'vitest';

let syncAnswer: (updated: string[]) => void = () => undefined;
/** Every sync's answer, in the order they were asked. */
const syncAnswers: ((updated: string[]) => void)[] = [];
let detailVersion = 0;
let cachedAt: number | null = 1;
const calls: string[] = [];

vi.mock('../shared/protocol/client.ts', () => ({
  request: async (type: string) => {
    calls.push(type);
    if (type === 'sync')
      return new Promise((resolve) => {
        syncAnswer = (updated) => resolve({ schoolId: 's', fetchedAt: 2, notModified: [], updated });
        syncAnswers.push(syncAnswer);
      });
    if (type === 'getToolDetail') {
      detailVersion++;
      const fetchedAt = cachedAt;
      cachedAt = 2;
      return {
        licenses: [],
        pools: [],
        assignments: [{ id: `a${detailVersion}` }],
        assignmentsFetchedAt: fetchedAt,
      };
    }
    throw new Error(`unexpected ${type}`);
  },
  onEvent: () => () => undefined,
}));
const { backgroundClient } = await import('./background-client.ts');

beforeEach(() => {
  detailVersion = 0;
  cachedAt = 1;
  calls.length = 0;
  syncAnswers.length = 0;
});

describe('toolData', () => {
  it('answers from the cache before the sync ends, then maps again with what the sync changed', async () => {
    const bg = backgroundClient();
    const onFresh = vi.fn();
    const first = await bg.toolData('t1', onFresh);
    expect(first.assignments.map((a) => a.id)).toEqual(['a1']);
    expect(onFresh).not.toHaveBeenCalled();
    let freshDone = false;
    const fresh = bg.fresh?.('t1').then(() => {
      freshDone = true;
    });
    await Promise.resolve();
    expect(freshDone).toBe(false);
    syncAnswer(['assignments|s|t1']);
    await fresh;
    expect(onFresh).toHaveBeenCalledTimes(1);
    expect(onFresh.mock.calls[0]?.[0].assignments.map((a: { id: string }) => a.id)).toEqual(['a2']);
  });

  it('does not map again when the sync changed nothing', async () => {
    const bg = backgroundClient();
    const onFresh = vi.fn();
    await bg.toolData('t1', onFresh);
    syncAnswer([]);
    await bg.fresh?.('t1');
    expect(onFresh).not.toHaveBeenCalled();
  });

  // The license page asks at recognition (early-data.ts) with one client and its UI with another:
  // the page's syncs are counted over both.
  it.each([
    ['the same client', false, 't1'],
    ['another client of the page', true, 't2'],
  ])(
    'maps again when a sync of %s changed the cache after this read, though its own found nothing new',
    async (_, two, tool) => {
      const first = backgroundClient();
      const second = two ? backgroundClient() : first;
      const early = vi.fn();
      const late = vi.fn();
      await first.toolData(tool, early);
      await second.toolData(tool, late);
      // The first sync fetched the new list; the second then found it not modified (ETag).
      syncAnswers[0]?.([`assignments|s|${tool}`]);
      await vi.waitFor(() => expect(early).toHaveBeenCalledTimes(1));
      syncAnswers[1]?.([]);
      await second.fresh?.(tool);
      expect(late).toHaveBeenCalledTimes(1);
    },
  );

  it('syncs first when nothing is cached', async () => {
    cachedAt = null;
    const bg = backgroundClient();
    const data = bg.toolData('t1');
    await vi.waitFor(() => expect(calls).toEqual(['sync', 'getToolDetail']));
    syncAnswer(['assignments|s|t1']);
    expect((await data).fetchedAt).toBe(2);
  });
});
