// What the background answers the UIs with: shapes built from the cache, each with its age.
import type {
  Assignee,
  Assignment,
  AssignmentWithTool,
  License,
  Pool,
  RevokeOutcome,
  Tool,
} from './model.ts';
import type { PageFigure, PageModeReason, SessionRecord } from './store.ts';

export interface ToolSummary {
  id: string;
  name: string;
  toolType: Tool['toolType'];
  supplier: string | null;
  seats: number;
  assigned: number;
  available: number;
  nextExpiry: string | null;
  /** True when the tool's detail is cached and one of its licenses has passed its end date. */
  hasExpired: boolean;
  /** Licenses ending within 30 days (or already ended), when the tool's detail is cached. */
  expiringLicenses: Pick<License, 'id' | 'kind' | 'seats' | 'assigned' | 'validUntil'>[];
}

export interface SummaryView {
  schoolId: string | null;
  schools: { id: string; name: string }[];
  session: SessionRecord | null;
  /** When the tool list was fetched (ms since epoch); null = never synced. */
  fetchedAt: number | null;
  tools: ToolSummary[];
  totals: { seats: number; assigned: number; available: number };
  /** The origin these figures are about (the active Skolon). */
  origin: string;
  /** 'page' when the license contract does not answer on the origin: figures come from its pages. */
  mode: 'api' | 'page' | 'unknown';
  modeReason: PageModeReason | null;
  /** What the administrator's pages showed on this origin, newest first, each with its time. */
  pageFigures: PageFigure[];
}

export interface ToolDetailView {
  schoolId: string;
  tool: Tool | null;
  licenses: License[];
  pools: Pool[];
  assignments: Assignment[];
  /** null = not cached yet. */
  detailFetchedAt: number | null;
  assignmentsFetchedAt: number | null;
}

export interface PreviewView {
  total: number;
  /** API outcomes of the dry run, counted. */
  outcomes: Partial<Record<RevokeOutcome, number>>;
  results: { toolId: string; assignmentId: string; outcome: RevokeOutcome }[];
  /** Seats each license gets back (from the cached assignments the dry run would revoke). */
  seatsFreed: {
    toolId: string;
    licenseId: string;
    kind: License['kind'] | null;
    validUntil: string | null;
    seats: number;
  }[];
  /** The first assignees who would lose a license, for "the names when they are few". */
  sample: Assignee[];
}

type PeopleSource = 'cache' | 'api';

export interface PeopleView {
  source: PeopleSource;
  people: Assignee[];
}

export interface AssignmentsOfView {
  source: PeopleSource;
  assignments: AssignmentWithTool[];
}
