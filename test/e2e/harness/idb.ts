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
