import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DB_NAME,
  DB_VERSION,
  jobItemKeys,
  journalKeys,
  openStore,
  recentVisits,
  recordVisit,
} from './store.ts';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('the store', () => {
  it('records visits and reads the newest first', async () => {
    const store = await openStore();
    await recordVisit(store, { url: 'https://app.skolon.com/a', page: 'admin-page', at: 1 });
    await recordVisit(store, { url: 'https://app.skolon.com/b', page: 'license-page', at: 2 });
    const visits = await recentVisits(store, 10);
    expect(visits.map((v) => v.url)).toEqual(['https://app.skolon.com/b', 'https://app.skolon.com/a']);
    expect(await recentVisits(store, 1)).toHaveLength(1);
  });
});

describe('migrations', () => {
  it('opens a version 1 database with its visits kept and the version 2, 3 and 4 stores added', async () => {
    // Version 1 exactly as the first release created it.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = () => {
        const visits = open.result.createObjectStore('visits', { keyPath: 'id', autoIncrement: true });
        visits.createIndex('byAt', 'at');
        visits.add({ url: 'https://app.skolon.com/skoladmin', page: 'admin-page', at: 5 });
      };
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    const store = await openStore();
    expect(store.version).toBe(DB_VERSION);
    expect(await recentVisits(store, 10)).toEqual([
      { id: 1, url: 'https://app.skolon.com/skoladmin', page: 'admin-page', at: 5 },
    ]);
    expect([...store.objectStoreNames].sort()).toEqual([
      'apiProbes',
      'assignments',
      'datasets',
      'jobItems',
      'jobs',
      'journal',
      'pageFigures',
      'schedules',
      'session',
      'settings',
      'toolDetails',
      'tools',
      'views',
      'visits',
    ]);
    expect([...store.transaction('assignments').store.indexNames].sort()).toEqual([
      'byAssignee',
      'byClass',
      'byTool',
    ]);
    store.close();
  });

  it("drops the byJob indexes of version 4 and finds a job's items and journal by their keys instead", async () => {
    // The two stores as version 2 to 4 created them, each with a row of two jobs.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(DB_NAME, 4);
      open.onupgradeneeded = () => {
        const items = open.result.createObjectStore('jobItems', { keyPath: ['jobId', 'seq'] });
        items.createIndex('byJob', 'jobId');
        items.createIndex('byJobState', ['jobId', 'state']);
        const journal = open.result.createObjectStore('journal', { keyPath: 'id', autoIncrement: true });
        journal.createIndex('byJob', 'jobId');
        journal.createIndex('byAt', 'at');
        journal.createIndex('byJobAssignment', ['jobId', 'action', 'assignmentId'], { unique: true });
        for (const [jobId, seq] of [
          ['j1', 0],
          ['j1', 1],
          ['j2', 0],
        ] as const) {
          items.add({ jobId, seq, state: 'pending' });
          journal.add({
            jobId,
            action: seq === 0 ? 'revoked' : 'reassigned',
            assignmentId: `a${seq}`,
            at: seq,
          });
        }
      };
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    const store = await openStore();
    expect([...store.transaction('jobItems').store.indexNames]).toEqual(['byJobState']);
    expect([...store.transaction('journal').store.indexNames].sort()).toEqual(['byAt', 'byJobAssignment']);
    expect((await store.getAll('jobItems', jobItemKeys('j1'))).map((i) => i.seq)).toEqual([0, 1]);
    expect(await store.count('jobItems', jobItemKeys('j2'))).toBe(1);
    const journal = (id: string, action?: 'revoked') =>
      store.getAllFromIndex('journal', 'byJobAssignment', journalKeys(id, action));
    expect((await journal('j1')).map((e) => e.assignmentId).sort()).toEqual(['a0', 'a1']);
    expect((await journal('j1', 'revoked')).map((e) => e.assignmentId)).toEqual(['a0']);
    expect(await journal('j')).toEqual([]);
    store.close();
  });

  it('indexes assignments by tool, by assignee and by class (every class of the assignee)', async () => {
    const store = await openStore();
    const assignee = {
      type: 'USER' as const,
      id: 'u1',
      name: 'Åsa',
      groups: [
        { id: 'g-9b', name: '9B' },
        { id: 'g-sv', name: 'Svenska' },
      ],
    };
    await store.put('assignments', {
      id: 'a1',
      licenseId: 'l1',
      assignee,
      assignedAt: '2025-01-01T00:00:00Z',
      schoolId: 's',
      toolId: 't',
      classIds: ['g-9b', 'g-sv'],
    });
    expect(await store.countFromIndex('assignments', 'byTool', ['s', 't'])).toBe(1);
    expect(await store.countFromIndex('assignments', 'byAssignee', ['USER', 'u1'])).toBe(1);
    expect(await store.countFromIndex('assignments', 'byClass', 'g-sv')).toBe(1);
    expect(await store.countFromIndex('assignments', 'byClass', 'g-9a')).toBe(0);
  });
});
