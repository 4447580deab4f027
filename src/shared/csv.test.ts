import { describe, expect, it } from 'vitest';
import { assignmentsCsv } from '../popup/model/assignments-csv.ts';
import { BOM, csvCell, csvFileName, toCsv } from './csv.ts';

describe('csv', () => {
  it('starts with a BOM, quotes what needs quoting and ends lines with CRLF', () => {
    const csv = toCsv(
      ['namn', 'klass'],
      [
        ['Åsa "Ö" Berg', '9A, 9B'],
        ['Per', null],
      ],
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1)).toBe('namn,klass\r\n"Åsa ""Ö"" Berg","9A, 9B"\r\nPer,\r\n');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
  });

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

  it('makes safe file names', () => {
    expect(csvFileName('Psykologi för gymnasiet', '2025-05-20')).toBe(
      'licenskoll-psykologi-for-gymnasiet-2025-05-20.csv',
    );
  });
});
