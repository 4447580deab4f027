// @vitest-environment happy-dom
// A part loaded on demand: nothing until its chunk is there, then the part with its props; the
// chunk is asked for once (preload or first render, whichever comes first); a chunk that cannot
// load says so, and is asked for again the next time the part is shown.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../shared/extension-api.ts', () => ({
  extensionApi: () => ({ i18n: { getMessage: (key: string) => key } }),
}));
const { lazy } = await import('./lazy.tsx');

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

function Greeting({ name }: { name: string }) {
  return <p data-lk="greeting">Hej {name}</p>;
}

/** A chunk that loads when `resolve` is called (or fails with `reject`). */
function deferredChunk() {
  const pending: { resolve?: () => void; reject?: (error: Error) => void } = {};
  const load = vi.fn(
    () =>
      new Promise<typeof Greeting>((ok, fail) => {
        pending.resolve = () => ok(Greeting);
        pending.reject = fail;
      }),
  );
  return { load, resolve: () => pending.resolve?.(), reject: (error: Error) => pending.reject?.(error) };
}

const settle = () => act(() => new Promise((r) => setTimeout(r, 0)));

describe('a part loaded on demand', () => {
  it('renders nothing until its chunk is loaded, then the part with its props', async () => {
    const chunk = deferredChunk();
    const Part = lazy(chunk.load, 'inline');
    await act(() => render(<Part name="Åsa" />, root));
    expect(root.innerHTML).toBe('');
    chunk.resolve();
    await settle();
    expect(root.querySelector('[data-lk="greeting"]')?.textContent).toBe('Hej Åsa');
    await act(() => render(<Part name="Bo" />, root));
    expect(root.textContent).toBe('Hej Bo');
    expect(chunk.load).toHaveBeenCalledTimes(1);
  });

  it('asks for the chunk once, whether preloaded or rendered first', async () => {
    const chunk = deferredChunk();
    const Part = lazy(chunk.load, 'inline');
    Part.preload();
    Part.preload();
    await act(() => render(<Part name="Åsa" />, root));
    chunk.resolve();
    await settle();
    expect(root.textContent).toBe('Hej Åsa');
    expect(chunk.load).toHaveBeenCalledTimes(1);
  });

  it('shows the part when a preloaded chunk arrives between its first render and its effect', async () => {
    // The Withdraw button preloads the confirmation on pointerdown; the chunk can land after the
    // confirmation rendered nothing and before its effect ran (effects run after the paint).
    const chunk = deferredChunk();
    const Part = lazy(chunk.load, 'inline');
    Part.preload();
    render(<Part name="Åsa" />, root);
    expect(root.innerHTML).toBe('');
    chunk.resolve();
    await Promise.resolve();
    await Promise.resolve();
    // Preact runs the effect after the next frame (or 100 ms without one).
    await act(() => new Promise((r) => setTimeout(r, 150)));
    expect(root.textContent).toBe('Hej Åsa');
  });

  it('says so when the chunk cannot load, and tries again when shown again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const chunk = deferredChunk();
    const Part = lazy(chunk.load, 'card');
    await act(() => render(<Part name="Åsa" />, root));
    chunk.reject(new Error('404'));
    await settle();
    const alert = root.querySelector('[data-lk="load-failed"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toBe('contentPartFailed');
    expect(alert?.classList.contains('card')).toBe(true);
    await act(() => render(null, root));
    await act(() => render(<Part name="Bo" />, root));
    expect(chunk.load).toHaveBeenCalledTimes(2);
    chunk.resolve();
    await settle();
    expect(root.textContent).toBe('Hej Bo');
    warn.mockRestore();
  });
});
