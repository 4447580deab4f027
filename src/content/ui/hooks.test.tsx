// @vitest-environment happy-dom
// The panel's placement beside the page's dialog: placed at mount by where the dialog was when it
// was read (no layout of the page forced to place it), or by measuring it when that is not known.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usePlacement } from './hooks.ts';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

function Placed({ dialog, first }: { dialog: HTMLElement; first: DOMRectReadOnly | null }) {
  return <div data-lk="placed" style={usePlacement(dialog, first)} />;
}

const placed = () => root.querySelector<HTMLElement>('[data-lk="placed"]') as HTMLElement;

describe('usePlacement', () => {
  it('places the panel by the rect it is given, without measuring the dialog', () => {
    const dialog = document.createElement('div');
    const measure = vi.spyOn(dialog, 'getBoundingClientRect');
    act(() => render(<Placed dialog={dialog} first={new DOMRect(100, 40, 400, 300)} />, root));
    expect(measure).not.toHaveBeenCalled();
    // window.innerWidth 1024 in happy-dom: room on the right (1024 − 500 − 24 = 500 ≥ 260).
    expect(placed().style.left).toBe('512px');
    expect(placed().style.top).toBe('40px');
  });

  it('measures the dialog when no rect is given', () => {
    const dialog = document.createElement('div');
    const measure = vi.spyOn(dialog, 'getBoundingClientRect').mockReturnValue(new DOMRect(60, 20, 400, 300));
    act(() => render(<Placed dialog={dialog} first={null} />, root));
    expect(measure).toHaveBeenCalledTimes(1);
    expect(placed().style.left).toBe('472px');
    expect(placed().style.top).toBe('20px');
  });
});
