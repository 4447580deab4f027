// The schedule form's rules without the DOM: its default time, the local time it reads, the people
// of a selection (each once, mapped rows only), and the request a form makes or why it cannot. Only
// the form (ui/ScheduleForm.tsx) needs them, so they load with it.
import { isRestrictive, type ViewFilters } from '../../shared/plans.ts';
import type { ScheduleDraft } from '../bridge.ts';
import type { DialogController } from './controller.ts';
import type { ViewScope } from './plans.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** A local date and time as <input type="datetime-local"> reads and writes it. */
function localDateTime(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The form's default time: the next day at 18:00, local time. */
export function defaultRunAt(now: Date): string {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 18, 0);
  return localDateTime(next);
}

/** "2026-12-01T18:00" as local time (ms), or null when it is no date. */
export function parseLocalDateTime(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi);
  return at.getFullYear() === y && at.getMonth() === mo - 1 && at.getDate() === d ? at.getTime() : null;
}

export interface ScheduleForm {
  name: string;
  /** From the panel's view/filters (whoever matches then), or from the selected rows (only them). */
  source: 'view' | 'selection';
  /** This tool only, or every tool where the rule matches holders. */
  scope: ViewScope;
  /** The datetime-local value. */
  when: string;
}

export type ScheduleProblem = 'noName' | 'badTime' | 'past' | 'empty' | 'noTool' | 'noPeople';

/** The people of the selected rows the page could map to an assignment (each once). */
export function peopleOfSelection(controller: DialogController): { type: 'USER' | 'GROUP'; id: string }[] {
  const seen = new Set<string>();
  const people: { type: 'USER' | 'GROUP'; id: string }[] = [];
  for (const { assignment } of controller.selection()) {
    if (!assignment) continue;
    const key = `${assignment.assignee.type}:${assignment.assignee.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    people.push({ type: assignment.assignee.type, id: assignment.assignee.id });
  }
  return people;
}

/** The request a form makes, or why it cannot be made. */
export function scheduleDraftOf(
  form: ScheduleForm,
  context: {
    filters: ViewFilters;
    viewId: string | null;
    toolId: string | null;
    people: { type: 'USER' | 'GROUP'; id: string }[];
    now: number;
  },
): { ok: true; draft: ScheduleDraft } | { ok: false; problem: ScheduleProblem } {
  const fromSelection = form.source === 'selection';
  if (fromSelection && context.people.length === 0) return { ok: false, problem: 'noPeople' };
  if (!fromSelection && !isRestrictive(context.filters)) return { ok: false, problem: 'empty' };
  const name = form.name.trim();
  if (name === '' || name.length > 80) return { ok: false, problem: 'noName' };
  const runAt = parseLocalDateTime(form.when);
  if (runAt === null) return { ok: false, problem: 'badTime' };
  if (runAt <= context.now) return { ok: false, problem: 'past' };
  if (form.scope === 'tool' && context.toolId === null) return { ok: false, problem: 'noTool' };
  return {
    ok: true,
    draft: {
      name,
      filters: context.filters,
      viewId: fromSelection ? null : context.viewId,
      people: fromSelection ? context.people : null,
      toolIds: form.scope === 'tool' && context.toolId !== null ? [context.toolId] : null,
      runAt,
    },
  };
}
