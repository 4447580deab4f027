// The IndexedDB store (through idb). Only the background writes it; extension pages may read it.
// The schema is versioned: each version's upgrade step is kept, so any older database migrates.
import { type DBSchema, type IDBPDatabase, type IDBPObjectStore, openDB, type StoreNames, unwrap } from 'idb';
import type { Job, JobItem, JournalEntry } from './jobs-model.ts';
import type { Assignment, License, Pool, Session, Tool } from './model.ts';
import type { SavedView, Schedule } from './plans.ts';
import type { Settings } from './settings.ts';

export type PageKind = 'license-page' | 'admin-page' | 'other';

/** A content script announced itself (hello): where, what kind of page, when. */
export interface Visit {
  id?: number;
  url: string;
  page: PageKind;
  at: number;
}

export const DB_NAME = 'licenskoll';
export const DB_VERSION = 5;

/** The keys of the single-record stores: the background writes them, the popup's first paint reads them. */
export const RECORD_KEY = { session: 'current', settings: 'settings' } as const;

/** The `datasets` store's keys: when each cached dataset was fetched, and its ETag. */
export const datasetKey = {
  tools: (schoolId: string) => `tools|${schoolId}`,
  detail: (schoolId: string, toolId: string) => `detail|${schoolId}|${toolId}`,
  assignments: (schoolId: string, toolId: string) => `assignments|${schoolId}|${toolId}`,
  /** A sync's last success on an origin (`what`: the request with its school; no ETag). */
  sync: (origin: string, what: string) => `sync|${origin}|${what}`,
};

export type SessionStatus = 'unknown' | 'signed-in' | 'session-expired' | 'offline' | 'not-admin';

/** What the background last learned about the administrator's Skolon session. */
/** A session as it is stored, broadcast and answered: never with its CSRF token. */
type PublicSession = {
  [K in keyof Session as string extends K ? never : K extends 'csrfToken' ? never : K]: Session[K];
};

export interface SessionRecord {
  origin: string;
  status: SessionStatus;
  session: PublicSession | null;
  checkedAt: number;
  message: string | null;
}

type CachedTool = Tool & { schoolId: string };

interface CachedToolDetail {
  schoolId: string;
  toolId: string;
  licenses: License[];
  pools: Pool[];
}

/** An assignment as cached: the contract's shape plus the keys its indexes need. */
export type CachedAssignment = Assignment & {
  schoolId: string;
  toolId: string;
  /** The assignee's classes and, for a GROUP assignee, the group itself (index byClass). */
  classIds: string[];
};

/** What the license contract answered on an origin: the contract is there, or page mode. */
export type ApiPresence = 'present' | 'absent' | 'session-expired' | 'unreachable';
/** Why Licenskoll works through the page's own buttons: forced (sandbox), or the probe's answer. */
export type PageModeReason = 'forced' | Exclude<ApiPresence, 'present'>;

/** The last probe of an origin's contract session endpoint, with when to look again. */
export interface ApiProbeRecord {
  origin: string;
  state: ApiPresence;
  checkedAt: number;
  /** Probes in a row that did not find the contract (drives the back-off). */
  failures: number;
  /** Not probed again before this time unless someone asks explicitly. */
  retryAt: number;
  detail: string;
}

/** A count the administrator's own pages showed ("2/22 tilldelade"), for the popup without the API. */
export interface PageFigure {
  origin: string;
  /** The school as the page names it ("Demoskolan"); '' when the page does not say. */
  school: string;
  /** toolId when known, else "name:" + the folded tool name. */
  toolKey: string;
  toolId: string | null;
  toolName: string;
  assigned: number;
  total: number;
  seenAt: number;
  source: 'tool-page' | 'tool-list';
  /** Where a tool page was seen (source 'tool-page'): a page-mode schedule opens it there. */
  url?: string;
}

/** When a dataset was fetched, and its ETag for If-None-Match. Key e.g. "tools|school-demo". */
export interface DatasetMeta {
  key: string;
  fetchedAt: number;
  etag: string | null;
}

export interface LicenskollDB extends DBSchema {
  visits: { key: number; value: Visit; indexes: { byAt: number } };
  session: { key: string; value: SessionRecord };
  tools: { key: [string, string]; value: CachedTool; indexes: { bySchool: string } };
  toolDetails: { key: [string, string]; value: CachedToolDetail };
  assignments: {
    key: string;
    value: CachedAssignment;
    indexes: { byTool: [string, string]; byAssignee: [string, string]; byClass: string };
  };
  jobs: { key: string; value: Job; indexes: { byState: string; byCreated: number } };
  jobItems: {
    key: [string, number];
    value: JobItem;
    indexes: { byJobState: [string, string] };
  };
  journal: {
    key: number;
    value: JournalEntry;
    indexes: { byAt: number; byJobAssignment: [string, string, string] };
  };
  settings: { key: string; value: Settings };
  datasets: { key: string; value: DatasetMeta };
  apiProbes: { key: string; value: ApiProbeRecord };
  pageFigures: {
    key: [string, string, string];
    value: PageFigure;
    indexes: { byOriginSchool: [string, string]; byOrigin: string };
  };
  /** Saved views (search and chips under a name): ../shared/plans.ts. */
  views: { key: string; value: SavedView };
  /** Scheduled withdrawals. */
  schedules: { key: string; value: Schedule; indexes: { byRunAt: number } };
}

export type Store = IDBPDatabase<LicenskollDB>;

/**
 * Queues puts of many rows without a promise each: idb wraps every request in a promise with its
 * listeners, which for a 1,000-item job was a large part of the worker's time before the first
 * call. A failed put aborts the transaction, so awaiting `tx.done` still fails on it (use the
 * wrapped request where the error's own name matters, as with the journal's ConstraintError).
 */
export function putEach<N extends StoreNames<LicenskollDB>>(
  store: IDBPObjectStore<LicenskollDB, ArrayLike<StoreNames<LicenskollDB>>, N, 'readwrite'>,
  values: Iterable<LicenskollDB[N]['value']>,
): void {
  const raw = unwrap(store) as IDBObjectStore;
  for (const value of values) raw.put(value);
}

/** All items of one job: the store's own key is [jobId, seq]. */
export const jobItemKeys = (jobId: string) => IDBKeyRange.bound([jobId, -Infinity], [jobId, Infinity]);

/**
 * All journal entries of one job (of one action), on the `byJobAssignment` index, whose key is
 * [jobId, action, assignmentId]: an array sorts after every string, so `[…, []]` closes the range.
 * The index orders them by action and assignment; `byWritten` puts them back in the order written.
 */
export const journalKeys = (jobId: string, action?: JournalEntry['action']) =>
  action === undefined
    ? IDBKeyRange.bound([jobId], [jobId, []])
    : IDBKeyRange.bound([jobId, action], [jobId, action, []]);
export const byWritten = (a: JournalEntry, b: JournalEntry) => (a.id ?? 0) - (b.id ?? 0);

/**
 * Read-write transactions on the `assignments` store, counted for every connection openStore made
 * (the worker holds more than one): `assignmentsVersion` changes when one starts and when it ends.
 * A reader that sees the same version before and after its read, with none in flight, read what
 * the store holds until the next one starts; reads.ts keeps the last tool's list on that basis.
 */
let writesStarted = 0;
let writesEnded = 0;
const tracked = new WeakSet<IDBDatabase>();

/** The assignments store's version for `store`; null while a write is in flight, or if untracked. */
export function assignmentsVersion(store: Store): number | null {
  if (!tracked.has(unwrap(store) as IDBDatabase)) return null;
  return writesStarted === writesEnded ? writesStarted : null;
}

function trackAssignmentWrites(db: Store): Store {
  const raw = unwrap(db) as IDBDatabase;
  const transaction = raw.transaction;
  const touches = (names: string | Iterable<string>) =>
    typeof names === 'string' ? names === 'assignments' : [...names].includes('assignments');
  // idb calls the connection's own `transaction` for every transaction and shortcut (put, get…).
  raw.transaction = function (this: IDBDatabase, names, mode, options) {
    const tx = transaction.call(this, names, mode, options);
    if (mode === 'readwrite' && touches(names)) {
      writesStarted++;
      const end = () => {
        writesEnded++;
      };
      // A transaction ends once: complete, or abort (an error aborts it too).
      tx.addEventListener('complete', end, { once: true });
      tx.addEventListener('abort', end, { once: true });
    }
    return tx;
  } as IDBDatabase['transaction'];
  tracked.add(raw);
  return db;
}

/** Opens (and migrates) the database. Tests install a fresh fake-indexeddb `IDBFactory` first. */
export async function openStore(): Promise<Store> {
  const db = await openDB<LicenskollDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const visits = db.createObjectStore('visits', { keyPath: 'id', autoIncrement: true });
        visits.createIndex('byAt', 'at');
      }
      if (oldVersion < 2) {
        db.createObjectStore('session');
        const tools = db.createObjectStore('tools', { keyPath: ['schoolId', 'id'] });
        tools.createIndex('bySchool', 'schoolId');
        db.createObjectStore('toolDetails', { keyPath: ['schoolId', 'toolId'] });
        const assignments = db.createObjectStore('assignments', { keyPath: 'id' });
        assignments.createIndex('byTool', ['schoolId', 'toolId']);
        assignments.createIndex('byAssignee', ['assignee.type', 'assignee.id']);
        assignments.createIndex('byClass', 'classIds', { multiEntry: true });
        const jobs = db.createObjectStore('jobs', { keyPath: 'id' });
        jobs.createIndex('byState', 'state');
        jobs.createIndex('byCreated', 'createdAt');
        const items = db.createObjectStore('jobItems', { keyPath: ['jobId', 'seq'] });
        items.createIndex('byJobState', ['jobId', 'state']);
        const journal = db.createObjectStore('journal', { keyPath: 'id', autoIncrement: true });
        journal.createIndex('byAt', 'at');
        // Unique: the same job can never journal the same assignment's action twice.
        journal.createIndex('byJobAssignment', ['jobId', 'action', 'assignmentId'], { unique: true });
        db.createObjectStore('settings');
        db.createObjectStore('datasets', { keyPath: 'key' });
      }
      if (oldVersion < 3) {
        db.createObjectStore('apiProbes', { keyPath: 'origin' });
        const figures = db.createObjectStore('pageFigures', { keyPath: ['origin', 'school', 'toolKey'] });
        figures.createIndex('byOriginSchool', ['origin', 'school']);
        figures.createIndex('byOrigin', 'origin');
      }
      if (oldVersion < 4) {
        db.createObjectStore('views', { keyPath: 'id' });
        const schedules = db.createObjectStore('schedules', { keyPath: 'id' });
        schedules.createIndex('byRunAt', 'runAt');
      }
      if (oldVersion >= 2 && oldVersion < 5) {
        // Up to version 4, job items and journal entries had a `byJob` index as well. Each index is
        // one more write per row (a 1,000-item job: ~40% of its IndexedDB time), and both are
        // covered by a key that leads with the job: jobItemKeys and journalKeys below.
        for (const name of ['jobItems', 'journal'] as const) {
          const os = tx.objectStore(name) as unknown as IDBObjectStore;
          if (os.indexNames.contains('byJob')) os.deleteIndex('byJob');
        }
      }
    },
  });
  return trackAssignmentWrites(db);
}

/** Visits kept: the newest this many; older ones go as new ones come. */
export const MAX_VISITS = 200;

/** Adds a visit and drops the oldest beyond MAX_VISITS, in one transaction. */
export async function recordVisit(store: Store, visit: Omit<Visit, 'id'>): Promise<number> {
  const tx = store.transaction('visits', 'readwrite');
  const id = await tx.store.add(visit as Visit);
  let excess = (await tx.store.count()) - MAX_VISITS;
  let cursor = excess > 0 ? await tx.store.index('byAt').openCursor() : null;
  while (cursor && excess > 0) {
    await cursor.delete();
    excess--;
    cursor = await cursor.continue();
  }
  await tx.done;
  return id;
}

export async function recentVisits(store: Store, limit: number): Promise<Visit[]> {
  const visits: Visit[] = [];
  let cursor = await store.transaction('visits').store.index('byAt').openCursor(null, 'prev');
  while (cursor && visits.length < limit) {
    visits.push(cursor.value);
    cursor = await cursor.continue();
  }
  return visits;
}
