// @vitest-environment happy-dom
// Waiting for the page: elementReady resolves when the thing appears; with everyMs, a page that
// keeps changing is looked at a few times a second (and once after its last change), not per frame.
import { describe, expect, it } from 'vitest';
import { elementReady, throttle } from './dom.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('throttle', () => {
  it('runs at most once per interval and once more after the last call', async () => {
    let runs = 0;
    const life = new AbortController();
    const call = throttle(() => runs++, 50, life.signal);
    for (let i = 0; i < 20; i++) call();
    expect(runs).toBe(1);
    await tick(80);
    expect(runs).toBe(2);
    life.abort();
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
