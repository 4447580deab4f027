// The assignments CSV (the popup's export): one row per assignment, the header in the UI's language,
// separated like the journal so Swedish Excel opens it in columns.
import { describe, expect, it } from 'vitest';
import { assignmentsCsv } from './assignments-csv.ts';

describe('assignmentsCsv', () => {
  it('writes one row per assignment with the translated header', () => {
    const h = {
      tool: 'Verktyg',
      toolId: 'id',
      licenseId: 'licens',
      assigneeType: 'typ',
      assigneeId: 'användare',
      name: 'namn',
      email: 'e-post',
      role: 'roll',
      classes: 'klasser',
      active: 'aktiv',
      assignedAt: 'tilldelad',
    };
    const csv = assignmentsCsv(
      [
        {
          toolId: 't1',
          toolName: 'Kemi',
          assignments: [
            {
              id: 'a1',
              licenseId: 'l1',
              assignedAt: '2025-01-01T00:00:00Z',
              assignee: {
                type: 'USER',
                id: 'u1',
                name: '<img src=x> Test',
                email: 'x@y.se',
                role: 'STUDENT',
                groups: [{ id: 'g', name: '9A' }],
                active: false,
              },
            },
          ],
        },
      ],
      h,
    );
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    // ';' like the journal, so Swedish Excel opens it in columns.
    expect(lines[1]).toBe('Kemi;t1;l1;USER;u1;<img src=x> Test;x@y.se;STUDENT;9A;false;2025-01-01T00:00:00Z');
  });
});
