// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { elementReady } from './dom.ts';
import { type Feature, startFeatures } from './features.ts';

afterEach(() => {
  history.replaceState(null, '', '/');
  document.body.replaceChildren();
});

const flush = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('the feature manager', () => {
  it('starts features side by side: one that throws stops alone', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const started: string[] = [];
    const features: Feature[] = [
      {
        id: 'sync-throws',
        runsOn: () => true,
        init: () => {
          throw new Error('boom');
        },
      },
      {
        id: 'async-throws',
        runsOn: () => true,
        init: async () => {
          throw new Error('later');
        },
      },
      {
        id: 'fine',
        runsOn: () => true,
        init: () => {
          started.push('fine');
        },
      },
      {
        id: 'elsewhere',
        runsOn: (url) => url.pathname === '/other',
        init: () => {
          started.push('elsewhere');
        },
      },
    ];
    const manager = startFeatures(features);
    await flush();
    expect(started).toEqual(['fine']);
    expect(warn).toHaveBeenCalledTimes(2);
    manager.stop();
    warn.mockRestore();
  });

  it('aborts a feature’s signal on single-page navigation and starts the features of the new URL', async () => {
    const signals: AbortSignal[] = [];
    const started: string[] = [];
    const manager = startFeatures([
      {
        id: 'any',
        runsOn: () => true,
        init: (signal) => {
          signals.push(signal);
          started.push(location.pathname);
        },
      },
    ]);
    history.pushState(null, '', '/skoladmin/verktyg/t-1');
    // A route change renders; the observer sees the DOM change and compares the location.
    document.body.append(document.createElement('main'));
    await flush();
    expect(started).toEqual(['/', '/skoladmin/verktyg/t-1']);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
    manager.stop();
    expect(signals[1]?.aborted).toBe(true);
  });
});

describe('elementReady', () => {
  it('resolves when the element appears, and null on timeout or abort', async () => {
    const abort = new AbortController();
    const ready = elementReady(() => document.querySelector('#late'), { signal: abort.signal });
    const late = document.createElement('div');
    late.id = 'late';
    document.body.append(late);
    expect(await ready).toBe(late);
    expect(
      await elementReady(() => document.querySelector('#never'), { signal: abort.signal, timeoutMs: 20 }),
    ).toBeNull();
    const gone = elementReady(() => document.querySelector('#never'), { signal: abort.signal });
    abort.abort();
    expect(await gone).toBeNull();
  });
});
