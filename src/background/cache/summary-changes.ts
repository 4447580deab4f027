// "What the popup's summary is made of has changed" (tools, licenses, the session, the settings, a
// probe, the page figures). A leaf module: every writer can say so without importing the readers.
type Listener = () => void;

const listeners = new Set<Listener>();

export function onSummaryChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function summaryChanged(): void {
  for (const listener of listeners) listener();
}
