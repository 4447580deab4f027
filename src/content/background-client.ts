// The PageBackground of bridge.ts, spoken through src/shared/protocol.ts: with background-jobs.ts
// (the withdrawal's requests, loaded with its work) the only files that know the request names;
// everything else in the content script asks through the interfaces of bridge.ts.
import { onEvent, request } from '../shared/protocol/client.ts';
import type { PageBackground, ToolData } from './bridge.ts';

/**
 * Per tool: the sync toolData started last, done once its changes reached onFresh. Shared by every
 * client of the page: the license page asks for the tool's data as soon as it is recognised
 * (early-data.ts) with one client, and its UI with another.
 */
const settled = new Map<string, Promise<void>>();
/**
 * Per tool: how many of this page's syncs changed the cache. A read taken before one of them
 * ended is stale even when its own sync then finds nothing new (the other one fetched it), so
 * this counts the syncs of every client of the page.
 */
const changes = new Map<string, number>();

export function backgroundClient(): PageBackground {
  return {
    async toolData(toolId, onFresh): Promise<ToolData> {
      const read = async (): Promise<ToolData> => {
        const view = await request('getToolDetail', { toolId });
        return {
          licenses: view.licenses,
          pools: view.pools,
          assignments: view.assignments,
          fetchedAt: view.assignmentsFetchedAt,
        };
      };
      // The dialog was just loaded by the page itself: our mapping must become at least as fresh.
      // The sync is cheap when nothing changed (ETag); the cache answers if it fails.
      const seen = changes.get(toolId) ?? 0;
      const sync = request('sync', { toolId, assignments: true }).then(
        (answer) => {
          if (answer.updated.length === 0) return false;
          changes.set(toolId, (changes.get(toolId) ?? 0) + 1);
          return true;
        },
        (error: unknown) => {
          console.debug('[Licenskoll] sync failed; cache used', error);
          return false;
        },
      );
      const cached = await read();
      if (cached.fetchedAt === null) {
        await sync;
        return read();
      }
      // Cached: the panel maps from it now, and maps again if the sync brought changes.
      const applied = sync.then(async (changed) => {
        const newer = changed || (changes.get(toolId) ?? 0) !== seen;
        if (newer && onFresh) onFresh(await read());
      });
      settled.set(
        toolId,
        applied.catch(() => undefined),
      );
      return cached;
    },
    async fresh(toolId) {
      await settled.get(toolId);
    },
    async mode(options = {}) {
      const { mode, reason } = await request('getPageMode', options.force ? { force: true } : {});
      return { mode, reason };
    },
    async resolveToolId(name) {
      return (await request('resolveToolId', { name: name.slice(0, 300) })).toolId;
    },
    async uiMessages(language) {
      return (await request('getUiMessages', { language })).messages;
    },
    async reportFigures(school, figures) {
      await request('reportPageFigures', { school, figures });
    },
    async reportPage(status) {
      await request('reportPageStatus', status);
    },
    async listViews() {
      return (await request('listViews', {})).views;
    },
    onViews(listener, signal) {
      const stop = onEvent('viewsChanged', ({ views }) => listener(views));
      signal.addEventListener('abort', stop, { once: true });
    },
    async takePendingView() {
      return (await request('takePendingView', {})).pending;
    },
  };
}
