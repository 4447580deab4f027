// @vitest-environment happy-dom
// The refresh after a job waits for the result card's frame: afterNextPaint.
import { describe, expect, it } from 'vitest';
import { afterNextPaint } from './refresh.ts';

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
