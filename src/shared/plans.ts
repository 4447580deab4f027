// End-of-term planning: saved views (a search and its chips, under a name) and scheduled
// withdrawals (a view's rule, run at a date and time through the job runner). Types and the one
// rule that decides whether a person matches a view, shared by the license page (its rows), the
// background (resolving a schedule against fresh assignments) and the popup (previews).
import type { Assignee, Role } from './model.ts';
import { matchesAtWordStart } from './word-search.ts';

/** What a view filters by: the license page's search and chips. */
export interface ViewFilters {
  /** Search terms, matched at word starts (word-search.ts). */
  query: string;
  /** Class names; a person matches when they are in any of them (empty: any class). */
  classes: string[];
  /** Roles; any of them (empty: any role). */
  roles: Role[];
  /** Only people who have left the school ("Har slutat"). */
  leftOnly: boolean;
}

export interface SavedView {
  id: string;
  name: string;
  /** The tool the view was saved for; null = every tool ("Åk 9, alla verktyg"). */
  toolId: string | null;
  /** The tool's name when saved, for lists (untrusted text). */
  toolName: string | null;
  filters: ViewFilters;
  createdAt: number;
  updatedAt: number;
}

/**
 * The state of a schedule:
 * - scheduled: waits for runAt (an alarm, or the next browser start when the computer was off);
 * - paused: the administrator paused it; it does not run until resumed;
 * - awaiting-confirmation: due, resolved above the confirmation threshold: waits for a confirm
 *   from its notification or the popup (nothing runs without it);
 * - awaiting-login: due, but the Skolon session has expired: runs after the next sign-in;
 * - awaiting-page: due on an origin without the license API: the tool page was opened with the
 *   view applied, the administrator confirms there;
 * - ran: its jobs were started (see lastRun); a schedule runs once.
 */
type ScheduleState =
  | 'scheduled'
  | 'paused'
  | 'awaiting-confirmation'
  | 'awaiting-login'
  | 'awaiting-page'
  | 'ran';

/** One school's part of a run: its own job and outcome. */
interface ScheduleSchoolRun {
  schoolId: string;
  jobId: string | null;
  /** Assignments the rule matched when it was resolved. */
  matched: number;
  error: string | null;
}

interface ScheduleRun {
  at: number;
  schools: ScheduleSchoolRun[];
}

/** A scheduled withdrawal. */
export interface Schedule {
  id: string;
  name: string;
  /** The Skolon origin it runs against. */
  origin: string;
  /** The rule: a view's filters (copied; later edits of the view do not change a schedule). */
  filters: ViewFilters;
  /** The view it was made from, if any (for the UI only). */
  viewId: string | null;
  /** Explicit people, when scheduled from a selection: only these, if they still hold the tool. */
  people: { type: Assignee['type']; id: string }[] | null;
  /** The tools to withdraw; null = every tool where the rule matches holders. */
  toolIds: string[] | null;
  /** Each school runs as its own job (organisation administrators may name several). */
  schoolIds: string[];
  /** When to run (ms since epoch). */
  runAt: number;
  state: ScheduleState;
  /** Why it waits, in words, when it does. */
  message: string | null;
  /** Set when the administrator confirmed a run above the threshold. */
  confirmedAt: number | null;
  lastRun: ScheduleRun | null;
  createdAt: number;
  updatedAt: number;
}

/** What a schedule would withdraw right now (a fresh resolution; nothing changes). */
export interface SchedulePreview {
  scheduleId: string;
  /** People (distinct assignees) and assignments matched, over all its schools and tools. */
  people: number;
  assignments: number;
  tools: { toolId: string; toolName: string; assignments: number }[];
  /** Whether it needs a confirmation when it runs (assignments ≥ the threshold). */
  needsConfirmation: boolean;
  /** Set when it could not be resolved (no API, session expired, …). */
  error: string | null;
  resolvedAt: number;
}

export const NO_VIEW_FILTERS: ViewFilters = { query: '', classes: [], roles: [], leftOnly: false };

/** The facts of an assignee a view looks at, as the license page and the cache know them. */
export interface PersonFacts {
  name: string;
  email: string;
  classes: readonly string[];
  role: Role | null;
  left: boolean;
}

/** An assignee's facts from the API's shape: a class license's group is its own class. */
export function factsOf(assignee: Assignee): PersonFacts {
  return {
    name: assignee.name,
    email: assignee.email ?? '',
    classes: assignee.type === 'GROUP' ? [assignee.name] : (assignee.groups ?? []).map((g) => g.name),
    role: assignee.role ?? null,
    left: assignee.active === false,
  };
}

/** Whether a person matches a view: the same rule as the license page's search and chips. */
export function matchesView(person: PersonFacts, filters: ViewFilters): boolean {
  if (filters.leftOnly && !person.left) return false;
  if (filters.roles.length > 0 && (person.role === null || !filters.roles.includes(person.role)))
    return false;
  if (filters.classes.length > 0 && !person.classes.some((c) => filters.classes.includes(c))) return false;
  return filters.query.trim() === '' || matchesAtWordStart(person, filters.query);
}

/** Whether a view filters at all (an empty view would match everyone: never schedulable). */
export function isRestrictive(filters: ViewFilters): boolean {
  return (
    filters.query.trim() !== '' || filters.classes.length > 0 || filters.roles.length > 0 || filters.leftOnly
  );
}
