import { describe, expect, it } from 'vitest';
import type { Store } from '../../shared/store.ts';
import { storeProvider } from './store-provider.ts';

const fakeStore = () => ({ close() {} }) as unknown as Store;

describe('storeProvider', () => {
  it('opens once and shares the connection', async () => {
    let opens = 0;
    const db = storeProvider(async () => {
      opens++;
      return fakeStore();
    });
    const [a, b] = await Promise.all([db(), db()]);
    expect(a).toBe(b);
    expect(opens).toBe(1);
  });

  it('opens again on the next call after a failed open', async () => {
    let opens = 0;
    const store = fakeStore();
    const db = storeProvider(async () => {
      opens++;
      if (opens === 1) throw new DOMException('no', 'UnknownError');
      return store;
    });
    await expect(db()).rejects.toThrow('no');
    expect(await db()).toBe(store);
    expect(opens).toBe(2);
  });

  it('gives up on a blocked open after the timeout, and the next call opens again', async () => {
    let opens = 0;
    let closed = 0;
    let unblock: (s: Store) => void = () => undefined;
    const store = fakeStore();
    const db = storeProvider(() => {
      opens++;
      if (opens === 1)
        return new Promise<Store>((resolve) => {
          unblock = resolve;
        });
      return Promise.resolve(store);
    }, 20);
    await expect(db()).rejects.toThrow(/blocked/);
    expect(await db()).toBe(store);
    unblock({
      close() {
        closed++;
      },
    } as unknown as Store);
    await new Promise((r) => setTimeout(r, 0));
    expect(closed).toBe(1);
  });
});
