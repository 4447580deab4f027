// Work that can wait for a quiet moment: run when the main thread is idle (within `timeout` ms at
// the latest), or after a short timer where requestIdleCallback is missing. Returns a cancel.
export function whenIdle(run: () => void, timeout = 1_000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 50);
  return () => clearTimeout(id);
}
