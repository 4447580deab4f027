// The administrator's settings the background owns (stored in IndexedDB, applied by the worker).
// Pure and free of valibot (the popup's first paint loads it): defaults, how a patch applies, and
// which origin the API adapter speaks to. The patch's check is the background's
// (background/platform/settings-patch.ts).
import { checkOrigin, DEFAULT_ORIGIN } from './origins.ts';

export interface Settings {
  /** Skolon origins the administrator allowed (each one a host permission). */
  origins: string[];
  /** The origin the adapter talks to: the last allowed admin page visited, else origins[0]. */
  activeOrigin: string | null;
  /** Ask for confirmation above this many withdrawals. */
  confirmThreshold: number;
  /** Items per revoke call (the contract allows at most 100). */
  batchSize: number;
  /** API requests in flight at once. */
  concurrency: number;
  /**
   * Changes (withdraw, assign) sent to the API per second, at most: where the pacing starts, and
   * what a server nobody told us about is asked to bear. Reads, which change nothing, may go
   * READS_PER_WRITE times as fast (api/license-api.ts); a 429 on either teaches the server's own
   * limit, which then holds for both (api/pacing.ts).
   */
  requestsPerSecond: number;
}

export const DEFAULT_SETTINGS: Settings = {
  origins: [DEFAULT_ORIGIN],
  activeOrigin: null,
  confirmThreshold: 20,
  batchSize: 100,
  concurrency: 2,
  requestsPerSecond: 5,
};

export type SettingsPatch = Partial<Settings>;

/** Applies a patch: a newly chosen active origin joins the allowed list; a removed one stops being active. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const next: Settings = { ...current, ...patch };
  const active = next.activeOrigin;
  if (active !== null && !next.origins.includes(active)) {
    if (patch.activeOrigin === active) next.origins = [...next.origins, active];
    else next.activeOrigin = null;
  }
  return next;
}

/** The origin the adapter uses. */
export function apiOrigin(settings: Settings): string {
  return settings.activeOrigin ?? settings.origins[0] ?? DEFAULT_ORIGIN;
}

/**
 * Which origin an admin page the content script reports makes active: only one the administrator
 * allowed, or (sandbox build only) a local one, so `npm start` works without any setup.
 */
export function originFromVisit(url: string, settings: Settings, allowLocal: boolean): string | null {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return null;
  }
  if (settings.origins.includes(origin)) return origin;
  const check = checkOrigin(origin, allowLocal);
  return allowLocal && check.ok && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin) ? origin : null;
}
