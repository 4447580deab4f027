// The popup's part of the worker: notifications while no Licenskoll UI is visible. Wired from
// index.ts with one call. (The "undo the last job" command is in commands.ts, with its confirmation.)
import type { Job } from '../shared/jobs-model.ts';
import type { Store } from '../shared/store.ts';
import { trackUiPorts } from './notify.ts';

/** The newest finished withdrawal that revoked something and has not been undone. */
export function lastUndoable(jobs: Job[]): Job | null {
  return (
    [...jobs]
      .sort((a, b) => b.createdAt - a.createdAt)
      .find(
        (j) => j.kind === 'withdraw' && j.state === 'done' && j.undoneBy === null && j.counts.revoked > 0,
      ) ?? null
  );
}

export function startPopupServices(_storePromise: Promise<Store>): void {
  trackUiPorts();
  // The undo-last-job command lives in commands.ts: it asks for a confirmation before any undo.
}
