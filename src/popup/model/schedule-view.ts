// What the Jobb tab shows of a scheduled withdrawal, as data: its rule in parts, the preview's
// tool list, the date field's value and the draft an edit saves. SchedulesPanel puts words on it.
import type { Role } from '../../shared/model.ts';
import type { Schedule, SchedulePreview } from '../../shared/plans.ts';
import type { RequestOf } from '../../shared/protocol/types.ts';

export type ScheduleDraft = RequestOf<'saveSchedule'>['schedule'];

/** One part of a schedule's rule, in the order the administrator reads it. */
export type RulePart =
  | { kind: 'classes'; names: string[] }
  | { kind: 'roles'; roles: Role[] }
  | { kind: 'left' }
  | { kind: 'query'; text: string }
  | { kind: 'people'; count: number }
  | { kind: 'all-tools' }
  | { kind: 'tools'; names: string[] }
  | { kind: 'tool-count'; count: number }
  | { kind: 'schools'; names: string[] };

/** Up to this many tool names are named; more read as a count. */
const NAMED_TOOLS = 3;

export function ruleParts(
  schedule: Pick<Schedule, 'filters' | 'people' | 'toolIds' | 'schoolIds'>,
  names: { tool(id: string): string; school(id: string): string },
): RulePart[] {
  const { filters } = schedule;
  const parts: RulePart[] = [];
  if (filters.classes.length > 0) parts.push({ kind: 'classes', names: filters.classes });
  if (filters.roles.length > 0) parts.push({ kind: 'roles', roles: filters.roles });
  if (filters.leftOnly) parts.push({ kind: 'left' });
  if (filters.query.trim() !== '') parts.push({ kind: 'query', text: filters.query.trim() });
  if (schedule.people) parts.push({ kind: 'people', count: schedule.people.length });
  if (schedule.toolIds === null) parts.push({ kind: 'all-tools' });
  else if (schedule.toolIds.length <= NAMED_TOOLS)
    parts.push({ kind: 'tools', names: schedule.toolIds.map(names.tool) });
  else parts.push({ kind: 'tool-count', count: schedule.toolIds.length });
  // One school goes without saying; an organisation administrator's several are named.
  if (schedule.schoolIds.length > 1)
    parts.push({ kind: 'schools', names: schedule.schoolIds.map(names.school) });
  return parts;
}

/** The preview's tools, most assignments first: the first few named, and how many more. */
export function previewTools(
  preview: Pick<SchedulePreview, 'tools'>,
  shown = NAMED_TOOLS,
): { named: { toolName: string; assignments: number }[]; more: number } {
  const sorted = [...preview.tools]
    .filter((tool) => tool.assignments > 0)
    .sort((a, b) => b.assignments - a.assignments || a.toolName.localeCompare(b.toolName));
  return { named: sorted.slice(0, shown), more: Math.max(0, sorted.length - shown) };
}

/** Whether a schedule can still run (pause, resume, run now, edit): not once it ran. */
export function isPending(schedule: Pick<Schedule, 'state'>): boolean {
  return schedule.state !== 'ran';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A time as a `datetime-local` field's value, in the user's own time zone (to the minute). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value read in the user's own time zone; null when it is not a time. */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined)
    return null;
  const date = new Date(y, mo - 1, d, h, mi, s ?? 0);
  // 2026-02-31 rolls over in Date: refuse it instead of moving the run.
  if (date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== h) return null;
  return date.getTime();
}

export interface ScheduleEdit {
  name: string;
  runAt: number;
  /** The tools it names (as it had them), or null for every tool where the view matches. */
  toolIds: string[] | null;
  schoolIds: string[];
}

export type EditProblem = 'name' | 'time' | 'past' | 'schools';

/** What is wrong with an edit, if anything (the background checks again). */
export function editProblem(edit: ScheduleEdit, now: number): EditProblem | null {
  const name = edit.name.trim();
  if (name.length === 0 || name.length > 80) return 'name';
  if (!Number.isFinite(edit.runAt)) return 'time';
  if (edit.runAt <= now) return 'past';
  if (edit.schoolIds.length === 0) return 'schools';
  return null;
}

/** The draft an edit saves: the same schedule (its id), the rule unchanged, the edited fields. */
export function editDraft(schedule: Schedule, edit: ScheduleEdit): ScheduleDraft {
  return {
    id: schedule.id,
    name: edit.name.trim(),
    filters: schedule.filters,
    viewId: schedule.viewId,
    people: schedule.people,
    toolIds: edit.toolIds,
    schoolIds: edit.schoolIds,
    runAt: edit.runAt,
  };
}

/** The list after one schedule changed (an event or an answer): replaced, added or removed, soonest first. */
export function withSchedule(list: Schedule[], id: string, schedule: Schedule | null): Schedule[] {
  const rest = list.filter((s) => s.id !== id);
  return schedule ? [...rest, schedule].sort((a, b) => a.runAt - b.runAt || a.id.localeCompare(b.id)) : rest;
}
