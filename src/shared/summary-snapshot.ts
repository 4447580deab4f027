// The popup's first paint: the summary it would ask the background for, kept by the background in
// storage.local whenever what it is made of changes (cache/summary-snapshot.ts), so the popup paints
// it at once, without waking the worker or opening IndexedDB, and then asks for the fresh one.
// Stored as JSON text: storage.local hands the popup one string and JSON.parse makes the objects
// in ~1 ms, where turning 300 stored objects into JavaScript ones took ~5 ms.
import type { PageFigure, PageModeReason, SessionStatus } from './store.ts';

export const SUMMARY_SNAPSHOT_KEY = 'summarySnapshot';
/**
 * storage.local key of the snapshot's revision (summaryRevision of its text), written with it in one
 * set: the popup's early script tells by it, without reading the text, whether the first paint it
 * kept is of this snapshot (popup/first-paint/view.ts).
 */
export const SUMMARY_REVISION_KEY = 'summarySnapshotRev';
const VERSION = 1;

interface SnapshotTool {
  id: string;
  name: string;
  seats: number;
  assigned: number;
  nextExpiry: string | null;
  /** The earliest end date of the licenses that had ended or were ending soon when written. */
  earliestEnd: string | null;
}

export interface SummarySnapshotRecord {
  version: typeof VERSION;
  /** The active Skolon origin the figures are about. */
  origin: string;
  /** The school the figures are of. */
  schoolId: string | null;
  /** The school the popup last asked about; null: it asked for the session's active one. */
  askedSchoolId: string | null;
  schools: { id: string; name: string }[];
  role: 'SCHOOL_ADMIN' | 'ORG_ADMIN' | null;
  /** The session's status; null before any was recorded. */
  status: SessionStatus | null;
  /** When the tool list was fetched; null = never synced. */
  fetchedAt: number | null;
  mode: 'api' | 'page' | 'unknown';
  modeReason: PageModeReason | null;
  tools: SnapshotTool[];
  pageFigures: PageFigure[];
}

export function newSnapshot(fields: Omit<SummarySnapshotRecord, 'version'>): SummarySnapshotRecord {
  return { version: VERSION, ...fields };
}

const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const orNull =
  <T>(is: (x: unknown) => x is T) =>
  (x: unknown): x is T | null =>
    x === null || is(x);
const isDay = orNull(isString);
const isTime = orNull(isNumber);
const fields = (x: unknown): Record<string, unknown> | null =>
  typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : null;

function isTool(x: unknown): x is SnapshotTool {
  const t = fields(x);
  return (
    t !== null &&
    isString(t.id) &&
    isString(t.name) &&
    isNumber(t.seats) &&
    isNumber(t.assigned) &&
    isDay(t.nextExpiry) &&
    isDay(t.earliestEnd)
  );
}

function isFigure(x: unknown): x is PageFigure {
  const f = fields(x);
  return (
    f !== null &&
    isString(f.origin) &&
    isString(f.school) &&
    isString(f.toolKey) &&
    orNull(isString)(f.toolId) &&
    isString(f.toolName) &&
    isNumber(f.assigned) &&
    isNumber(f.total) &&
    isNumber(f.seenAt) &&
    (f.source === 'tool-page' || f.source === 'tool-list') &&
    (f.url === undefined || isString(f.url))
  );
}

const isSchool = (x: unknown): x is { id: string; name: string } => {
  const s = fields(x);
  return s !== null && isString(s.id) && isString(s.name);
};

const MODES: readonly unknown[] = ['api', 'page', 'unknown'];
const STATUSES: readonly unknown[] = [
  null,
  'unknown',
  'signed-in',
  'session-expired',
  'offline',
  'not-admin',
];
const REASONS: readonly unknown[] = [null, 'forced', 'absent', 'session-expired', 'unreachable'];

/** The snapshot text's revision: its length and a 53-bit hash (cyrb53) of it. */
export function summaryRevision(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${text.length}.${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

/** What storage.local holds under SUMMARY_SNAPSHOT_KEY. */
export function snapshotText(record: SummarySnapshotRecord): string {
  return JSON.stringify(record);
}

function parsed(stored: unknown): unknown {
  if (typeof stored !== 'string') return stored;
  try {
    return JSON.parse(stored);
  } catch {
    return null;
  }
}

/**
 * The stored snapshot when it has this version's shape, else null (missing, written by another
 * version, or damaged: the popup then asks the background). Plain checks, no schema library: this
 * runs before the popup's first paint.
 */
export function readSummarySnapshot(stored: unknown): SummarySnapshotRecord | null {
  const value = parsed(stored);
  const s = fields(value);
  if (s === null || s.version !== VERSION) return null;
  const ok =
    isString(s.origin) &&
    orNull(isString)(s.schoolId) &&
    orNull(isString)(s.askedSchoolId) &&
    Array.isArray(s.schools) &&
    s.schools.every(isSchool) &&
    (s.role === null || s.role === 'SCHOOL_ADMIN' || s.role === 'ORG_ADMIN') &&
    STATUSES.includes(s.status) &&
    isTime(s.fetchedAt) &&
    MODES.includes(s.mode) &&
    REASONS.includes(s.modeReason) &&
    Array.isArray(s.tools) &&
    s.tools.every(isTool) &&
    Array.isArray(s.pageFigures) &&
    s.pageFigures.every(isFigure);
  return ok ? (value as SummarySnapshotRecord) : null;
}
