// The worker's IndexedDB connection, opened on first use. A failed open, or one that stays blocked
// (another connection holds an older version open) longer than OPEN_TIMEOUT_MS, is not kept: the
// next message opens again, instead of every request failing until the worker is stopped.
import { openStore, type Store } from '../../shared/store.ts';

const OPEN_TIMEOUT_MS = 10_000;

export function storeProvider(
  open: () => Promise<Store> = openStore,
  timeoutMs = OPEN_TIMEOUT_MS,
): () => Promise<Store> {
  let current: Promise<Store> | null = null;
  return () => {
    if (current) return current;
    const attempt = open();
    const opened = new Promise<Store>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the database did not open within ${timeoutMs / 1000} s (blocked)`)),
        timeoutMs,
      );
      attempt.then(
        (store) => {
          clearTimeout(timer);
          resolve(store);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
    current = opened;
    opened.catch(() => {
      if (current === opened) current = null;
      // An open that succeeds after we gave up on it is closed: the next call opens afresh.
      attempt.then((late) => late.close()).catch(() => undefined);
    });
    return opened;
  };
}
