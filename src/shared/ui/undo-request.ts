// The undo command asks for a confirmation in the popup: it leaves the job to undo here
// (storage.session, so it is gone with the browser session) and opens the popup, which takes it.
export const UNDO_REQUEST_KEY = 'licenskoll.undoRequest';
/** A request older than this is stale (the popup was not opened for it). */
const UNDO_REQUEST_TTL_MS = 60_000;

export interface UndoRequest {
  jobId: string;
  at: number;
}

export function freshUndoRequest(value: unknown, now = Date.now()): string | null {
  const request = value as Partial<UndoRequest> | undefined;
  if (typeof request?.jobId !== 'string' || typeof request.at !== 'number') return null;
  return now - request.at >= 0 && now - request.at < UNDO_REQUEST_TTL_MS ? request.jobId : null;
}
