// Reads the background's IndexedDB from one of our own extension pages (same origin as the worker).
export interface IdbRead {
  store: string;
}

/** Runs in the page: every record of one object store of the extension's database. */
export function readAllInPage({ store }: IdbRead): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('licenskoll');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(store, 'readonly');
      const all = tx.objectStore(store).getAll();
      all.onsuccess = () => {
        resolve(all.result);
        db.close();
      };
      all.onerror = () => reject(all.error);
    };
  });
}

/**
 * Runs in the page: moves a stored schedule's time to `runAt`, as if the clock had passed it while
 * the service worker was stopped (Chromium's alarms cannot be fast-forwarded). The worker's check
 * of due schedules at its next start then finds it.
 */
export function setScheduleTimeInPage({ id, runAt }: { id: string; runAt: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('licenskoll');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('schedules', 'readwrite');
      const store = tx.objectStore('schedules');
      const get = store.get(id);
      get.onsuccess = () => {
        if (!get.result) reject(new Error(`no schedule ${id}`));
        else store.put({ ...get.result, runAt });
      };
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}
