// @vitest-environment happy-dom
// Waiting for the page: elementReady resolves when the thing appears; with everyMs, a page that
// keeps changing is looked at a few times a second (and once after its last change), not per frame.
import { describe, expect, it } from 'vitest';
import { elementReady, observeChanges } from './dom.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts the calls of every MutationObserver created until `restore`. */
function countObserverCalls(): { readonly calls: number; restore(): void } {
  const Real = globalThis.MutationObserver;
  const counter = {
    calls: 0,
    restore: () => {
      globalThis.MutationObserver = Real;
    },
  };
  globalThis.MutationObserver = class extends Real {
    constructor(callback: MutationCallback) {
      super((records, observer) => {
        counter.calls++;
        callback(records, observer);
      });
    }
  };
  return counter;
}

describe('observeChanges with everyMs', () => {
  it('runs at once after a quiet spell, then at most once per interval and once after the last change, with few observer calls', async () => {
    const observer = countObserverCalls();
    const life = new AbortController();
    try {
      document.body.replaceChildren();
      let runs = 0;
      observeChanges(document.body, () => runs++, life.signal, { everyMs: 60 });
      document.body.append(document.createElement('p'));
      await tick(20);
      expect(runs).toBe(1);
      // 20 changes over ~100 ms (longer on a loaded machine: the bound follows the time they took):
      // one run per 60 ms at most, and a trailing one.
      const started = performance.now();
      for (let i = 0; i < 20; i++) {
        document.body.append(document.createElement('p'));
        await tick(5);
      }
      const intervals = Math.ceil((performance.now() - started) / 60);
      await tick(150);
      expect(runs).toBeGreaterThanOrEqual(2);
      expect(runs).toBeLessThanOrEqual(Math.min(1 + intervals + 1, 10));
      // The observer is disconnected while a run waits: a call per run, not per change.
      expect(observer.calls).toBe(runs);
      const before = runs;
      document.body.append(document.createElement('table'));
      await tick(100);
      expect(runs).toBe(before + 1);
    } finally {
      life.abort();
      observer.restore();
    }
  });
});

describe('elementReady with everyMs', () => {
  it('finds what appears, after far fewer looks than the page changed', async () => {
    document.body.replaceChildren();
    let looks = 0;
    const find = () => {
      looks++;
      return document.querySelector('table');
    };
    const ready = elementReady(find, { signal: new AbortController().signal, everyMs: 40 });
    for (let i = 0; i < 30; i++) {
      document.body.append(document.createElement('p'));
      await tick(5);
    }
    document.body.append(document.createElement('table'));
    expect(await ready).toBeInstanceOf(HTMLTableElement);
    expect(looks).toBeLessThan(12);
  });
});

describe('observeChanges', () => {
  it('records nothing between a change and its run (one observer call per run), and sees a change made after it', async () => {
    const observer = countObserverCalls();
    const life = new AbortController();
    try {
      document.body.replaceChildren();
      let runs = 0;
      observeChanges(document.body, () => runs++, life.signal);
      // 20 changes, each delivered to observers on its own (a microtask apart): before, each was
      // an observer call of its own while the run was pending.
      for (let i = 0; i < 20; i++) {
        document.body.append(document.createElement('p'));
        await Promise.resolve();
      }
      await tick(150);
      expect(runs).toBe(1);
      expect(observer.calls).toBe(1);
      const before = runs;
      document.body.append(document.createElement('table'));
      await tick(150);
      expect(runs).toBe(before + 1);
    } finally {
      life.abort();
      observer.restore();
    }
  });
});

describe('elementReady with eager', () => {
  it('checks in the change itself, before any frame or timer could run', async () => {
    document.body.replaceChildren();
    const life = new AbortController();
    let timerRan = false;
    const ready = elementReady(() => document.querySelector('table'), { signal: life.signal, eager: true });
    setTimeout(() => {
      timerRan = true;
    }, 0);
    document.body.append(document.createElement('table'));
    // Microtasks only: an observer's callback is one; a frame or the 100 ms fallback is not.
    let answer: Element | null | undefined;
    void ready.then((found) => {
      answer = found;
    });
    for (let i = 0; i < 5 && answer === undefined; i++) await Promise.resolve();
    expect(answer).toBeInstanceOf(HTMLTableElement);
    expect(timerRan).toBe(false);
    life.abort();
  });
});
