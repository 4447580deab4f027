// Work that can wait for a quiet moment: run when the main thread is idle (within a second at the
// latest), or after a short timer where requestIdleCallback is missing. Returns a cancel.
export function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 1_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 50);
  return () => clearTimeout(id);
}
