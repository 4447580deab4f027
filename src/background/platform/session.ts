// The adapter the worker uses, built from the settings, and the session state it reports.
// The LicenseApi instance is a cache (rebuilt whenever settings change or the worker restarts).
// The session is stored and broadcast WITHOUT its CSRF token: the adapter keeps the token in memory
// and reads the session again when it has none (after a restart, or once it expired).

import type { Session } from '../../shared/model.ts';
import { apiOrigin, type Settings } from '../../shared/settings.ts';
import { RECORD_KEY, type SessionRecord, type SessionStatus, type Store } from '../../shared/store.ts';
import { type ApiOptions, LicenseApi } from '../api/license-api.ts';
import { broadcast } from '../messaging/broadcast.ts';
import { keepLearnedLimits, restoreLearnedLimits } from './learned-limits.ts';
import { withoutSecrets } from './secrets.ts';
import { loadSettings } from './settings-store.ts';

const SESSION_KEY = RECORD_KEY.session;
const signedInListeners: (() => void)[] = [];

/**
 * Called whenever the API confirms a valid session, and when a recorded session turns signed-in again
 * (e.g. to resume jobs paused as session-expired, and schedules waiting for a sign-in).
 */
export function onSignedIn(listener: () => void): void {
  signedInListeners.push(listener);
}
let cached: { key: string; api: LicenseApi } | null = null;

/** What a test may change of the adapter besides its fetch: no real waits, no rate limit of its own. */
export type ApiTestOverrides = Partial<
  Pick<ApiOptions, 'sleep' | 'random' | 'requestsPerSecond' | 'concurrency'>
>;

/** Test and benchmark hook: Node has no cookie jar, so they inject a fetch that adds one. */
let fetchOverride: typeof fetch | undefined;
let apiOverrides: ApiTestOverrides = {};
export function useFetch(fetchFn: typeof fetch | undefined, overrides: ApiTestOverrides = {}): void {
  fetchOverride = fetchFn;
  apiOverrides = fetchFn ? overrides : {};
  cached = null;
}

export async function apiFor(store: Store, origin?: string): Promise<LicenseApi> {
  const [settings] = await Promise.all([loadSettings(store), restoreLearnedLimits()]);
  return apiFromSettings(store, settings, origin ?? apiOrigin(settings));
}

function apiFromSettings(store: Store, settings: Settings, origin: string): LicenseApi {
  const key = `${origin}|${settings.concurrency}|${settings.requestsPerSecond}`;
  if (cached?.key === key) return cached.api;
  const api = new LicenseApi({
    origin,
    concurrency: settings.concurrency,
    requestsPerSecond: settings.requestsPerSecond,
    ...(fetchOverride ? { fetch: fetchOverride } : {}),
    ...apiOverrides,
    onLimitLearned: keepLearnedLimits,
    onSessionState: (status, session) => {
      recordSession(store, origin, status, session ?? null, null)
        .then(() => {
          if (status === 'signed-in') for (const listener of signedInListeners) listener();
        })
        .catch(() => undefined);
    },
  });
  cached = { key, api };
  return api;
}

/**
 * A record fit to store, broadcast and answer: its session without the CSRF token (its type says
 * so: PublicSession). Records an older version stored may still hold one at run time.
 */
function publicRecord(record: SessionRecord): SessionRecord;
function publicRecord(record: SessionRecord | null): SessionRecord | null;
function publicRecord(record: SessionRecord | null): SessionRecord | null {
  return record === null ? null : withoutSecrets(record);
}

/** The last session state: of one origin when given, else the one most recently recorded. */
export async function readSession(store: Store, origin?: string): Promise<SessionRecord | null> {
  // A record an older version stored may still hold a token: it never leaves this function.
  const current = publicRecord((await store.get('session', SESSION_KEY)) ?? null);
  if (origin === undefined || current?.origin === origin) return current;
  return publicRecord((await store.get('session', origin)) ?? null);
}

/** Records a state change and tells the UIs (only when the status actually changed, or a session arrived). */
export async function recordSession(
  store: Store,
  origin: string,
  status: SessionStatus,
  session: Session | null,
  message: string | null,
): Promise<SessionRecord> {
  const previous = await readSession(store, origin);
  const record = publicRecord({
    origin,
    status,
    session: session ?? previous?.session ?? null,
    checkedAt: Date.now(),
    message,
  });
  // Per origin (an organisation admin may work on two), and the latest for the popup.
  const tx = store.transaction('session', 'readwrite');
  await Promise.all([tx.store.put(record, origin), tx.store.put(record, SESSION_KEY), tx.done]);
  if (previous?.status !== status || previous.origin !== origin || session !== null) {
    broadcast('sessionChanged', { state: record });
  }
  // Signed in again however it was learned (a probe from a page too, not only an API call).
  if (status === 'signed-in' && previous !== null && previous.status !== 'signed-in') {
    for (const listener of signedInListeners) listener();
  }
  return record;
}

/** The school a request means: the one asked for, else the session's active school. */
export async function schoolOf(
  store: Store,
  requested: string | undefined,
  origin?: string,
): Promise<string> {
  if (requested) return requested;
  const record = await readSession(store, origin);
  const active = record?.session?.activeSchoolId;
  if (active) return active;
  const session = await (await apiFor(store, origin)).getSession();
  return session.activeSchoolId;
}
