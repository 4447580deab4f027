// The journal as CSV for audits (the format is src/shared/csv.ts's): one row per revoke or re-assign.
import { toCsv } from '../../shared/csv.ts';
import type { JournalEntry } from '../../shared/jobs-model.ts';

const JOURNAL_COLUMNS = [
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
  return toCsv(JOURNAL_COLUMNS, rows);
}
