// The popup's first paint reads the background's IndexedDB directly (same origin, read-only), so the
// counts appear without waiting for the service worker to wake. Everything after that goes through
// the background. The keys are the store's (RECORD_KEY, datasetKey; apiProbes by origin, pageFigures
// by their byOrigin index), the same the background writes with. If the database is missing or of
// another version, the popup asks the background instead.
import { openDB } from 'idb';
import { apiOrigin, DEFAULT_SETTINGS, type Settings } from '../shared/settings.ts';
import {
  type ApiProbeRecord,
  DB_NAME,
  DB_VERSION,
  datasetKey,
  type LicenskollDB,
  type PageFigure,
  RECORD_KEY,
  type SessionRecord,
} from '../shared/store.ts';
import type { ToolCounts } from './model/urgency.ts';

export interface CachedPicture {
  session: SessionRecord | null;
  settings: Settings;
  schoolId: string | null;
  tools: ToolCounts[];
  fetchedAt: number | null;
  /** The active Skolon origin (the settings'), which the probe and the figures below are about. */
  origin: string;
  /** The last probe of the license API on that origin; null = not probed yet. */
  probe: ApiProbeRecord | null;
  /** What that origin's pages showed, newest first. */
  pageFigures: PageFigure[];
}

/** null when there is no database yet (or it has another version): never creates or migrates it. */
export async function readCachedPicture(
  preferredSchool: string | undefined,
  today: string,
): Promise<CachedPicture | null> {
  let refused = false;
  const db = await openDB<LicenskollDB>(DB_NAME, DB_VERSION, {
    upgrade(_db, _old, _new, transaction) {
      // Only the background creates and migrates the database.
      refused = true;
      // The aborted upgrade's own promise rejects too; nobody waits for it.
      transaction.done.catch(() => undefined);
      transaction.abort();
    },
  }).catch(() => null);
  if (!db || refused) return null;
  try {
    const tx = db.transaction([
      'session',
      'settings',
      'tools',
      'toolDetails',
      'datasets',
      'apiProbes',
      'pageFigures',
    ]);
    const [storedSession, storedSettings] = await Promise.all([
      tx.objectStore('session').get(RECORD_KEY.session),
      tx.objectStore('settings').get(RECORD_KEY.settings),
    ]);
    const session = storedSession ?? null;
    const settings = { ...DEFAULT_SETTINGS, ...storedSettings };
    const origin = apiOrigin(settings);
    const [probe, pageFigures] = await Promise.all([
      tx.objectStore('apiProbes').get(origin),
      tx.objectStore('pageFigures').index('byOrigin').getAll(origin),
    ]);
    pageFigures.sort((a, b) => b.seenAt - a.seenAt);
    const page = { origin, probe: probe ?? null, pageFigures };
    const schools = session?.session?.schools.map((s) => s.id) ?? [];
    const schoolId =
      preferredSchool && schools.includes(preferredSchool)
        ? preferredSchool
        : (session?.session?.activeSchoolId ?? null);
    if (!schoolId) return { session, settings, schoolId: null, tools: [], fetchedAt: null, ...page };
    const [rows, details, meta] = await Promise.all([
      tx.objectStore('tools').index('bySchool').getAll(schoolId),
      tx.objectStore('toolDetails').getAll(IDBKeyRange.bound([schoolId, ''], [schoolId, '\uffff'])),
      tx.objectStore('datasets').get(datasetKey.tools(schoolId)),
    ]);
    const expired = new Set(
      details.filter((d) => d.licenses.some((l) => l.validUntil < today)).map((d) => d.toolId),
    );
    const tools = rows.map((t) => ({
      id: t.id,
      name: t.name,
      seats: t.seats,
      assigned: t.assigned,
      nextExpiry: t.nextExpiry ?? null,
      hasExpired: expired.has(t.id),
    }));
    return { session, settings, schoolId, tools, fetchedAt: meta?.fetchedAt ?? null, ...page };
  } finally {
    db.close();
  }
}
