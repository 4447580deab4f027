// The journal as CSV for audits. UTF-8 with a BOM so Excel shows å, ä, ö; ';' as separator because
// Swedish (and Norwegian) Excel uses ',' as the decimal mark and splits columns on ';' when opening.
import { BOM, csvCell } from '../../shared/csv.ts';
import type { JournalEntry } from '../../shared/jobs-model.ts';

export const JOURNAL_SEPARATOR = ';';

export const JOURNAL_COLUMNS = [
  'time',
  'action',
  'jobId',
  'schoolId',
  'toolId',
  'tool',
  'licenseId',
  'assignmentId',
  'assigneeType',
  'assigneeId',
  'name',
  'email',
  'classes',
] as const;

export function journalCsv(entries: JournalEntry[]): string {
  const rows = entries.map((e) => [
    new Date(e.at).toISOString(),
    e.action,
    e.jobId,
    e.schoolId,
    e.toolId,
    e.toolName,
    e.licenseId,
    e.assignmentId,
    e.assignee.type,
    e.assignee.id,
    e.assignee.name,
    e.assignee.email ?? '',
    (e.assignee.groups ?? []).map((g) => g.name).join(', '),
  ]);
  const lines = [[...JOURNAL_COLUMNS], ...rows].map((row) => row.map(csvCell).join(JOURNAL_SEPARATOR));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
