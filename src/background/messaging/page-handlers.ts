// Requests of the license page's content script: its recognition report, page mode, the counts
// its pages show, its language's messages, and the journal of withdrawals done through the page's
// own button. handlers.ts spreads these in.
import { fold } from '../../shared/fold.ts';
import type { JournalEntry } from '../../shared/jobs-model.ts';
import { localeMessages } from '../../shared/language-choice.ts';
import type { Handlers } from '../../shared/protocol/types.ts';
import type { PageFigure, Store } from '../../shared/store.ts';
import { syncSchool } from '../cache/sync.ts';
import { pageRunContinued, pageRunRecorded } from '../plans/scheduler.ts';
import { apiPresence, modeFor } from '../platform/discovery.ts';
import { apiFor, readSession, schoolOf } from '../platform/session.ts';
import { broadcast } from './broadcast.ts';
import { adoptOrigin, requestOrigin, type Sender, senderOrigin } from './origin.ts';

type PageHandlers = Pick<
  Handlers,
  | 'reportPageStatus'
  | 'getPageMode'
  | 'paceRoom'
  | 'recordPageWithdrawal'
  | 'reportPageFigures'
  | 'resolveToolId'
  | 'getUiMessages'
>;

/** The longest a page's own request is asked to wait for our pacing window (paceRoom). */
const PACE_ROOM_MAX_MS = 2_200;

/** Figures kept per origin; the oldest beyond this go (a school has a few hundred tools at most). */
const MAX_FIGURES_PER_ORIGIN = 2_000;

/** Page-mode jobs whose school and tool name are kept (see recordPageWithdrawal). */
const PAGE_JOBS_KEPT = 20;

/** The school and tool name a page-mode job is journaled under. */
async function pageJobContext(
  store: Store,
  sender: Sender,
  schoolId: string | undefined,
  toolId: string,
): Promise<{ school: string; toolName: string }> {
  const origin = await requestOrigin(store, sender);
  // Page mode asks the API nothing: the school is what the last session said, if anything.
  const school =
    (await modeFor(store, origin)).mode === 'api'
      ? await schoolOf(store, schoolId, origin).catch(() => '')
      : (schoolId ?? (await readSession(store, origin))?.session?.activeSchoolId ?? '');
  const tool = school ? await store.get('tools', [school, toolId]).catch(() => undefined) : undefined;
  return { school, toolName: tool?.name ?? toolId };
}

export function pageHandlers(db: () => Promise<Store>): PageHandlers {
  const pageJobs = new Map<
    string,
    { toolId: string; schoolId: string | undefined; school: string; toolName: string }
  >();
  return {
    async reportPageStatus(report, sender) {
      if (report.state === 'not-recognised') console.warn('[Licenskoll] page not recognised', report);
      // A recognised license page is an admin page: its origin becomes the active Skolon.
      const origin = await senderOrigin(await db(), sender);
      if (report.state === 'recognised' && origin) await adoptOrigin(await db(), origin);
      return { recorded: true };
    },
    async getPageMode({ force }, sender) {
      const store = await db();
      const origin = await requestOrigin(store, sender);
      if (force) await apiPresence(store, origin, { force: true });
      const mode = await modeFor(store, origin);
      if (mode.mode === 'api') await adoptOrigin(store, origin);
      return mode;
    },
    async paceRoom(_request, sender) {
      const store = await db();
      const origin = await requestOrigin(store, sender);
      if ((await modeFor(store, origin)).mode !== 'api') return { waitMs: 0 };
      // At most two windows: the page's refetch is never held back for long.
      return { waitMs: Math.min(PACE_ROOM_MAX_MS, (await apiFor(store, origin)).roomForOthers()) };
    },
    async reportPageFigures({ school, figures }, sender) {
      const store = await db();
      const origin = await senderOrigin(store, sender);
      if (!origin || figures.length === 0) return { recorded: 0 };
      const seenAt = Date.now();
      const pageUrl = sender.url ?? sender.tab?.url;
      const tx = store.transaction('pageFigures', 'readwrite');
      for (const figure of figures) {
        const record: PageFigure = {
          origin,
          school,
          toolKey: figure.toolId ?? `name:${fold(figure.toolName)}`,
          toolId: figure.toolId,
          toolName: figure.toolName,
          assigned: figure.assigned,
          total: figure.total,
          seenAt,
          source: figure.source,
          // The tool's license page, for a page-mode schedule to open again (scheduler.ts).
          ...(figure.source === 'tool-page' && figure.toolId !== null && pageUrl ? { url: pageUrl } : {}),
        };
        // A tool page's counter is more precise than a list row seen at the same time: keep it.
        if (figure.toolId === null) {
          const byId = (await tx.store.index('byOriginSchool').getAll([origin, school])).find(
            (f) => f.toolId !== null && fold(f.toolName) === fold(figure.toolName),
          );
          if (byId) record.toolKey = byId.toolKey;
        }
        await tx.store.put(record);
      }
      const keys = await tx.store.index('byOrigin').getAllKeys(origin);
      if (keys.length > MAX_FIGURES_PER_ORIGIN) {
        const all = await tx.store.index('byOrigin').getAll(origin);
        all.sort((a, b) => a.seenAt - b.seenAt);
        for (const old of all.slice(0, all.length - MAX_FIGURES_PER_ORIGIN)) {
          await tx.store.delete([old.origin, old.school, old.toolKey]);
        }
      }
      await tx.done;
      // An open popup re-reads its summary (the figures are part of it).
      broadcast('syncFinished', { schoolId: null, toolId: null, ok: true, error: null });
      return { recorded: figures.length };
    },
    async resolveToolId({ name }, sender) {
      const store = await db();
      const origin = await requestOrigin(store, sender);
      if ((await modeFor(store, origin)).mode !== 'api') return { toolId: null };
      const school = await schoolOf(store, undefined, origin);
      const find = async () => {
        const tools = await store.getAllFromIndex('tools', 'bySchool', school);
        const named = tools.filter((t) => fold(t.name) === fold(name));
        return named.length === 1 ? (named[0]?.id ?? null) : null;
      };
      const cached = await find();
      if (cached) return { toolId: cached };
      await syncSchool(store, { schoolId: school }, origin).catch(() => undefined);
      return { toolId: await find() };
    },
    async getUiMessages({ language }) {
      return { messages: await localeMessages(language) };
    },
    async recordPageWithdrawal({ schoolId, toolId, entries, jobId: continued }, sender) {
      const store = await db();
      // A withdrawal through the page is journaled batch by batch, as one job: the first batch
      // starts it, the next ones name it (what was done is journaled even if the tab closes).
      // The next batches take the first one's school and tool name (kept while the worker runs):
      // finding them is four reads before the journal's write, and page mode waits for its last
      // batch's write.
      const known = continued ? pageJobs.get(continued) : undefined;
      const { school, toolName } =
        known?.toolId === toolId && known.schoolId === schoolId
          ? known
          : await pageJobContext(store, sender, schoolId, toolId);
      const jobId = continued ?? `page-${crypto.randomUUID()}`;
      pageJobs.set(jobId, { toolId, schoolId, school, toolName });
      if (pageJobs.size > PAGE_JOBS_KEPT) pageJobs.delete(pageJobs.keys().next().value as string);
      const at = Date.now();
      const tx = store.transaction('journal', 'readwrite');
      // The same assignment twice would break the journal's unique index and refuse the whole
      // write: it is journaled once. (Long texts are cut by the content script to the schema.)
      const seen = new Set<string>();
      let recorded = 0;
      entries.forEach((entry) => {
        if (entry.assignmentId !== null && seen.has(entry.assignmentId)) return;
        if (entry.assignmentId !== null) seen.add(entry.assignmentId);
        recorded++;
        const record: JournalEntry = {
          jobId,
          action: 'revoked',
          at,
          schoolId: school,
          toolId,
          toolName,
          licenseId: entry.licenseId ?? '',
          // Rows the page showed without an id we could map keep a placeholder unique in the job
          // (over all of its batches).
          assignmentId: entry.assignmentId ?? `page-row-${crypto.randomUUID()}`,
          assignee: {
            type: 'USER',
            id: '',
            name: entry.name,
            ...(entry.email ? { email: entry.email } : {}),
            groups: entry.classes.map((name) => ({ id: '', name })),
          },
        };
        void tx.store.add(record);
      });
      await tx.done;
      // A page-mode schedule that opened this tab has now run (through the page); a later batch
      // adds to what it matched.
      if (continued) await pageRunContinued(store, jobId, recorded);
      else await pageRunRecorded(store, sender.tab?.id, { schoolId: school, jobId, recorded });
      return { jobId, recorded };
    },
  };
}
