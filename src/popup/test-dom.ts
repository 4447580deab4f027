// The popup's component tests: a fresh element per test to render into (emptied and removed after
// it), and the queries they share.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect } from 'vitest';

export function useTestRoot() {
  let element: HTMLElement | null = null;
  beforeEach(() => {
    element = document.createElement('div');
    document.body.append(element);
  });
  afterEach(() => {
    if (element) {
      render(null, element);
      element.remove();
    }
    element = null;
  });
  const root = (): HTMLElement => {
    if (!element) throw new Error('the test root exists only during a test');
    return element;
  };
  const $ = (sel: string) => root().querySelector<HTMLElement>(sel);
  return {
    root,
    $,
    $$: (sel: string) => [...root().querySelectorAll<HTMLElement>(sel)],
    text: (sel: string) => $(sel)?.textContent ?? '',
    /** Lets preact render until `check` holds (1 s at most), then asserts it. */
    until: async (check: () => boolean) => {
      for (let i = 0; i < 100 && !check(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
      expect(check()).toBe(true);
    },
  };
}
