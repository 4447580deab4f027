import { describe, expect, it } from 'vitest';
import { journalCsv } from './journal-csv.ts';

describe('the journal as CSV', () => {
  it('starts with a BOM, separates with ";", quotes and defuses formulas', () => {
    const csv = journalCsv([
      {
        jobId: 'j1',
        action: 'revoked',
        at: Date.UTC(2025, 4, 20, 8, 0, 0),
        schoolId: 's',
        toolId: 't',
        toolName: 'Matematik; 7–9',
        licenseId: 'l',
        assignmentId: 'a1',
        assignee: { type: 'USER', id: 'u1', name: '=HYPERLINK("x")', groups: [{ id: 'g', name: '9B' }] },
      },
    ]);
    expect(csv.startsWith('\uFEFFtime;action;jobId')).toBe(true);
    const row = csv.split('\r\n')[1];
    expect(row).toBe(
      `2025-05-20T08:00:00.000Z;revoked;j1;s;t;"Matematik; 7–9";l;a1;USER;u1;"'=HYPERLINK(""x"")";;9B`,
    );
  });
});
