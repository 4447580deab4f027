// The audit export of current assignments (one tool or all), as the popup offers it. Same format as
// the journal (./journal-csv.ts): UTF-8 with a BOM, CRLF, and ';' between columns, because Swedish
// and Norwegian Excel use ',' as the decimal mark and open a ';'-separated file in columns.

import { JOURNAL_SEPARATOR } from '../../background/jobs/journal-csv.ts';
import { BOM, csvCell } from '../../shared/csv.ts';
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
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(JOURNAL_SEPARATOR));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
