// The IndexedDB store (through idb). Only the background writes it; extension pages may read it.
// The schema is versioned: each version's upgrade step is kept, so any older database migrates.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Visit } from './protocol.ts';

export const DB_NAME = 'licenskoll';
export const DB_VERSION = 1;

export interface LicenskollDB extends DBSchema {
  visits: { key: number; value: Visit; indexes: { byAt: number } };
}

export type Store = IDBPDatabase<LicenskollDB>;

/** Opens (and migrates) the database. Tests install a fresh fake-indexeddb `IDBFactory` first. */
export function openStore(): Promise<Store> {
  return openDB<LicenskollDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const visits = db.createObjectStore('visits', { keyPath: 'id', autoIncrement: true });
        visits.createIndex('byAt', 'at');
      }
    },
  });
}

export async function recordVisit(store: Store, visit: Omit<Visit, 'id'>): Promise<number> {
  return store.add('visits', visit as Visit);
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
