// Requests of the license page's content script (issue 5): its recognition report, page mode,
// and the journal of withdrawals done through the page's own button. Kept apart from
// handlers.ts so the two can grow without stepping on each other; handlers.ts spreads these in.
import browser from 'webextension-polyfill';
import type { JournalEntry } from '../shared/jobs-model.ts';
import type { Handlers, PageStatusRecord } from '../shared/protocol.ts';
import type { Store } from '../shared/store.ts';
import { sandboxBuild } from './flavour.ts';
import { readSession, schoolOf } from './session.ts';

/** storage.local key that forces page mode (sandbox build only; tests and demos set it). */
export const FORCE_PAGE_MODE_KEY = 'forcePageMode';
/** storage.session: survives the worker being stopped, forgotten when the browser closes. */
const PAGE_STATUS_KEY = 'pageStatus';
const MAX_STATUSES = 20;

type PageHandlers = Pick<
  Handlers,
  'reportPageStatus' | 'getPageStatus' | 'getPageMode' | 'recordPageWithdrawal'
>;

async function readStatuses(): Promise<PageStatusRecord[]> {
  const stored = (await browser.storage.session.get(PAGE_STATUS_KEY))[PAGE_STATUS_KEY];
  return Array.isArray(stored) ? (stored as PageStatusRecord[]) : [];
}

export function pageHandlers(db: () => Promise<Store>): PageHandlers {
  return {
    async reportPageStatus(report, sender) {
      const tabId = sender.tab?.id ?? null;
      const record: PageStatusRecord = { ...report, tabId, at: Date.now() };
      const others = (await readStatuses()).filter((s) => s.tabId !== tabId);
      await browser.storage.session.set({ [PAGE_STATUS_KEY]: [record, ...others].slice(0, MAX_STATUSES) });
      if (report.state === 'not-recognised') console.warn('[Licenskoll] page not recognised', report);
      return { recorded: true };
    },
    async getPageStatus({ tabId }) {
      const all = await readStatuses();
      return { statuses: tabId === undefined ? all : all.filter((s) => s.tabId === tabId) };
    },
    async getPageMode() {
      if (sandboxBuild) {
        const forced = (await browser.storage.local.get(FORCE_PAGE_MODE_KEY))[FORCE_PAGE_MODE_KEY];
        if (forced === true) return { mode: 'page', reason: 'forcePageMode' };
      }
      const session = await readSession(await db());
      return session?.status === 'offline'
        ? { mode: 'page', reason: session.message ?? 'the license API cannot be reached' }
        : { mode: 'api', reason: null };
    },
    async recordPageWithdrawal({ schoolId, toolId, entries }) {
      const store = await db();
      const school = await schoolOf(store, schoolId).catch(() => '');
      const tool = school ? await store.get('tools', [school, toolId]).catch(() => undefined) : undefined;
      const jobId = `page-${crypto.randomUUID()}`;
      const at = Date.now();
      const tx = store.transaction('journal', 'readwrite');
      entries.forEach((entry, i) => {
        const record: JournalEntry = {
          jobId,
          action: 'revoked',
          at,
          schoolId: school,
          toolId,
          toolName: tool?.name ?? toolId,
          licenseId: entry.licenseId ?? '',
          // Rows the page showed without an id we could map keep a unique placeholder.
          assignmentId: entry.assignmentId ?? `page-row-${i}`,
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
      return { jobId, recorded: entries.length };
    },
  };
}
