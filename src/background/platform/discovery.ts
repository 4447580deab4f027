// Per origin: does the license contract answer there? Nobody knows the live site's API, so the
// background asks the contract's session endpoint once per origin (and again after a failure,
// with back-off), stores the answer with its time, and everything else follows from it: API mode
// when the contract is present, page mode (Skolon's own buttons) when it is absent or unreachable.
import browser from 'webextension-polyfill';
import type { ApiPresence, ApiProbeRecord, PageModeReason, Store } from '../../shared/store.ts';
import { summaryChanged } from '../cache/summary-changes.ts';
import { sandboxBuild } from './flavour.ts';
import { apiFor, recordSession } from './session.ts';

const MINUTE = 60_000;
/** A present contract is re-checked lazily: real calls notice an expiry sooner anyway. */
const PRESENT_TTL_MS = 10 * MINUTE;
/** After "log in again" the administrator is likely to log in soon: look again quickly. */
const EXPIRED_RETRY_MS = 15_000;
/** Absent: probably a Skolon without our contract; look again rarely, doubling up to an hour. */
const ABSENT_RETRY_MS = MINUTE;
const ABSENT_RETRY_CAP_MS = 60 * MINUTE;
/** Unreachable: a network blip; look again soon, doubling up to ten minutes. */
const UNREACHABLE_RETRY_MS = 5_000;
const UNREACHABLE_RETRY_CAP_MS = 10 * MINUTE;

/** storage.local key that forces page mode (sandbox build only; tests and demos set it). */
const FORCE_PAGE_MODE_KEY = 'forcePageMode';

function retryDelay(state: ApiPresence, failures: number): number {
  const doubling = (base: number, cap: number) => Math.min(cap, base * 2 ** Math.max(0, failures - 1));
  switch (state) {
    case 'present':
      return PRESENT_TTL_MS;
    case 'session-expired':
      return EXPIRED_RETRY_MS;
    case 'absent':
      return doubling(ABSENT_RETRY_MS, ABSENT_RETRY_CAP_MS);
    case 'unreachable':
      return doubling(UNREACHABLE_RETRY_MS, UNREACHABLE_RETRY_CAP_MS);
  }
}

/** One probe per origin at a time (many tabs may ask at once after a start). */
const inFlight = new Map<string, Promise<ApiProbeRecord>>();

async function storedPresence(store: Store, origin: string): Promise<ApiProbeRecord | null> {
  return (await store.get('apiProbes', origin)) ?? null;
}

/**
 * The contract's presence on `origin`: the stored answer while it is fresh, else a new probe.
 * `force` probes now (the administrator pressed "Försök igen", or a page says they are signed in).
 */
export function apiPresence(
  store: Store,
  origin: string,
  options: { force?: boolean; now?: () => number } = {},
): Promise<ApiProbeRecord> {
  const now = options.now ?? Date.now;
  const running = inFlight.get(origin);
  if (running) return running;
  const work = (async () => {
    const stored = await storedPresence(store, origin);
    if (stored && !options.force && now() < stored.retryAt) return stored;
    const answer = await (await apiFor(store, origin)).probeSession();
    const failures = answer.state === 'present' ? 0 : (stored?.failures ?? 0) + 1;
    const at = now();
    const record: ApiProbeRecord = {
      origin,
      state: answer.state,
      checkedAt: at,
      failures,
      retryAt: at + retryDelay(answer.state, failures),
      detail: answer.state === 'present' ? '' : answer.detail,
    };
    await store.put('apiProbes', record);
    summaryChanged(); // the summary's mode
    if (answer.state === 'present') await recordSession(store, origin, 'signed-in', answer.session, null);
    else if (answer.state === 'session-expired' && stored?.state === 'present') {
      await recordSession(store, origin, 'session-expired', null, answer.detail);
    }
    return record;
  })().finally(() => inFlight.delete(origin));
  inFlight.set(origin, work);
  return work;
}

/** API mode when the contract answers on `origin`; else page mode and why. */
export async function modeFor(
  store: Store,
  origin: string,
): Promise<{ mode: 'api' | 'page'; reason: PageModeReason | null; checkedAt: number | null }> {
  if (sandboxBuild) {
    const forced = (await browser.storage.local.get(FORCE_PAGE_MODE_KEY))[FORCE_PAGE_MODE_KEY];
    if (forced === true) return { mode: 'page', reason: 'forced', checkedAt: null };
  }
  const probe = await apiPresence(store, origin);
  return probe.state === 'present'
    ? { mode: 'api', reason: null, checkedAt: probe.checkedAt }
    : { mode: 'page', reason: probe.state, checkedAt: probe.checkedAt };
}
