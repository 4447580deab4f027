// Keeps the popup's first paint (shared/summary-snapshot.ts) in storage.local: the summary the popup
// would ask for, rewritten whenever what it is made of changes (summary-changes.ts) and whenever the
// popup itself asks. The popup paints it without waking the worker, then asks for the fresh one.
import browser from 'webextension-polyfill';
import { apiOrigin } from '../../shared/settings.ts';
import type { Store } from '../../shared/store.ts';
import {
  newSnapshot,
  readSummarySnapshot,
  SUMMARY_REVISION_KEY,
  SUMMARY_SNAPSHOT_KEY,
  type SummarySnapshotRecord,
  snapshotText,
  summaryRevision,
} from '../../shared/summary-snapshot.ts';
import type { SummaryView } from '../../shared/views.ts';
import { loadSettings } from '../platform/settings-store.ts';
import { summary } from './reads.ts';
import { onSummaryChanged } from './summary-changes.ts';

/** The least time between two rewrites while changes keep coming. */
const REWRITE_GAP_MS = 2_000;

function snapshotOf(view: SummaryView, askedSchoolId: string | null): SummarySnapshotRecord {
  return newSnapshot({
    origin: view.origin,
    schoolId: view.schoolId,
    askedSchoolId,
    schools: view.schools,
    role: view.session?.session?.role ?? null,
    status: view.session?.status ?? null,
    fetchedAt: view.fetchedAt,
    mode: view.mode,
    modeReason: view.modeReason,
    tools: view.tools.map((t) => ({
      id: t.id,
      name: t.name,
      seats: t.seats,
      assigned: t.assigned,
      nextExpiry: t.nextExpiry,
      // Ended licenses are among the expiring ones: the popup tells "expired" by today's date.
      earliestEnd: t.expiringLicenses.reduce<string | null>(
        (first, l) => (first === null || l.validUntil < first ? l.validUntil : first),
        null,
      ),
    })),
    pageFigures: view.pageFigures,
  });
}

async function readStoredSnapshot(): Promise<SummarySnapshotRecord | null> {
  return readSummarySnapshot((await browser.storage.local.get(SUMMARY_SNAPSHOT_KEY))[SUMMARY_SNAPSHOT_KEY]);
}

/** The running keeper's way to take the popup's own answer (none before keepSummarySnapshot). */
let recordAnswer: ((view: SummaryView, asked: string | null) => Promise<void>) | null = null;

/** The popup's own answer (getSummary from an extension page) is its next first paint. */
export function recordPopupSummary(view: SummaryView, asked: string | null): Promise<void> {
  return recordAnswer?.(view, asked) ?? Promise.resolve();
}

/**
 * Rewrites the snapshot on every change (one rewrite at a time; changes meanwhile make one more),
 * and takes the popup's own answers. Returns the function that stops it.
 */
export function keepSummarySnapshot(store: () => Promise<Store>, gapMs = REWRITE_GAP_MS): () => void {
  /** The school the popup last asked about (undefined: not since the worker started). */
  let askedSchool: string | null | undefined;
  let lastWritten = '';
  let writes: Promise<void> = Promise.resolve();
  /** Writes in order, and only what differs from the last write. */
  const write = (record: SummarySnapshotRecord): Promise<void> => {
    writes = writes
      .then(async () => {
        const text = snapshotText(record);
        if (text === lastWritten) return;
        // One set: the popup never reads a revision of another text.
        await browser.storage.local.set({
          [SUMMARY_SNAPSHOT_KEY]: text,
          [SUMMARY_REVISION_KEY]: summaryRevision(text),
        });
        lastWritten = text;
      })
      .catch((error: unknown) => console.warn('[Licenskoll] summary snapshot', error));
    return writes;
  };

  const rewrite = async () => {
    const s = await store();
    if (askedSchool === undefined)
      askedSchool = (await readStoredSnapshot().catch(() => null))?.askedSchoolId ?? null;
    const asked = askedSchool;
    const origin = apiOrigin(await loadSettings(s));
    await write(snapshotOf(await summary(s, asked, origin), asked));
  };
  let dirty = false;
  let running = false;
  let lastRewrite = Number.NEGATIVE_INFINITY;
  const run = async () => {
    while (dirty) {
      // Changes that keep coming (a job's every batch) make one rewrite per gap: each rewrite reads
      // the whole summary from IndexedDB, in the way of the job's own transactions.
      const wait = lastRewrite + gapMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      dirty = false;
      lastRewrite = Date.now();
      await rewrite().catch((error: unknown) => console.warn('[Licenskoll] summary snapshot', error));
    }
    running = false;
  };
  const changed = () => {
    dirty = true;
    if (running) return;
    running = true;
    void run();
  };

  const record = (view: SummaryView, asked: string | null) => {
    askedSchool = asked;
    return write(snapshotOf(view, asked));
  };
  recordAnswer = record;
  const off = onSummaryChanged(changed);
  // A first start (or an update that changed the snapshot's shape) has none yet.
  readStoredSnapshot().then(
    (stored) => {
      if (!stored) changed();
    },
    () => undefined,
  );
  return () => {
    off();
    if (recordAnswer === record) recordAnswer = null;
  };
}
