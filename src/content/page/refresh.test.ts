// @vitest-environment happy-dom
// The refresh after a job waits for the result card's frame (afterNextPaint), and the page's own
// focus move as its dialog closes does not take the focus from our UI (keepOurFocus).
import { describe, expect, it } from 'vitest';
import { afterNextPaint, keepOurFocus } from './refresh.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('afterNextPaint', () => {
  it('waits for the next animation frame and a task after it', async () => {
    const order: string[] = [];
    const frames: FrameRequestCallback[] = [];
    const win = {
      ...window,
      setTimeout,
      clearTimeout,
      requestAnimationFrame: (cb: FrameRequestCallback) => frames.push(cb),
    };
    const done = afterNextPaint(win as unknown as Window, 10_000).then(() => order.push('resolved'));
    await tick(20);
    expect(order).toEqual([]);
    order.push('frame');
    for (const cb of frames) cb(0);
    await done;
    expect(order).toEqual(['frame', 'resolved']);
  });

  it('does not wait forever where no frame comes (a hidden tab)', async () => {
    const win = { ...window, setTimeout, clearTimeout, requestAnimationFrame: () => 0 };
    const started = Date.now();
    await afterNextPaint(win as unknown as Window, 30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});

describe('keepOurFocus', () => {
  /** The page's gear that opened its dialog, and our root with a button in its shadow root. */
  function setup() {
    document.body.replaceChildren();
    const gear = document.createElement('button');
    const host = document.createElement('licenskoll-root');
    const shadow = host.attachShadow({ mode: 'open' });
    const cancel = document.createElement('button');
    shadow.append(cancel);
    document.body.append(gear, host);
    const deepFocus = () => (document.activeElement === host ? shadow.activeElement : document.activeElement);
    return { gear, cancel, shadow, deepFocus };
  }

  it('gives our element back the focus the page takes as its dialog closes, now and a little later', async () => {
    const { gear, cancel, deepFocus } = setup();
    cancel.focus();
    keepOurFocus(document, 100);
    gear.focus();
    expect(deepFocus()).toBe(cancel);
    await tick(50);
    gear.focus();
    expect(deepFocus()).toBe(cancel);
    await tick(60); // its time is over before the next test
  });

  it('follows our UI: the element of ours focused last is the one given back', async () => {
    const { gear, shadow, deepFocus } = setup();
    keepOurFocus(document, 50);
    const undoCancel = document.createElement('button');
    shadow.append(undoCancel);
    undoCancel.focus();
    gear.focus();
    expect(deepFocus()).toBe(undoCancel);
    await tick(60);
  });

  it('leaves the focus to the page when none of ours had it, and after its time', async () => {
    const first = setup();
    keepOurFocus(document, 30);
    first.gear.focus();
    expect(first.deepFocus()).toBe(first.gear);
    const second = setup();
    second.cancel.focus();
    keepOurFocus(document, 30);
    await tick(60);
    second.gear.focus();
    expect(second.deepFocus()).toBe(second.gear);
  });
});
