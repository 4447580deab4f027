// The audit export of current assignments (one tool or all), as the popup offers it, in the same
// CSV as the journal (src/shared/csv.ts).
import { toCsv } from '../../shared/csv.ts';
import type { Assignment } from '../../shared/model.ts';

export interface ToolAssignments {
  toolId: string;
  toolName: string;
  assignments: Assignment[];
}

/** Column headers come from the caller (translated); the order below is fixed. */
export interface AssignmentCsvHeaders {
  tool: string;
  toolId: string;
  licenseId: string;
  assigneeType: string;
  assigneeId: string;
  name: string;
  email: string;
  role: string;
  classes: string;
  active: string;
  assignedAt: string;
}

export function assignmentsCsv(tools: ToolAssignments[], h: AssignmentCsvHeaders): string {
  const header = [
    h.tool,
    h.toolId,
    h.licenseId,
    h.assigneeType,
    h.assigneeId,
    h.name,
    h.email,
    h.role,
    h.classes,
    h.active,
    h.assignedAt,
  ];
  const rows = tools.flatMap((t) =>
    t.assignments.map((a) => [
      t.toolName,
      t.toolId,
      a.licenseId,
      a.assignee.type,
      a.assignee.id,
      a.assignee.name,
      a.assignee.email ?? '',
      a.assignee.role ?? '',
      (a.assignee.groups ?? []).map((g) => g.name).join(' '),
      a.assignee.active === undefined ? '' : String(a.assignee.active),
      a.assignedAt,
    ]),
  );
  return toCsv(header, rows);
}
