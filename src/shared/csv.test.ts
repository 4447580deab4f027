// CSV for audits opens right in Swedish Excel: BOM, ';', CRLF, quoting, formulas defused, safe names.
import { describe, expect, it } from 'vitest';
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
    expect(csv.slice(1)).toBe('namn;klass\r\n"Åsa ""Ö"" Berg";"9A, 9B"\r\nPer;\r\n');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
  });

  it('makes safe file names', () => {
    expect(csvFileName('Psykologi för gymnasiet', '2025-05-20')).toBe(
      'licenskoll-psykologi-for-gymnasiet-2025-05-20.csv',
    );
  });
});
