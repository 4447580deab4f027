// CSV for audits (the journal, the assignments): UTF-8 with a BOM (so Excel shows å, ä, ö right),
// CRLF, RFC 4180 quoting, and ';' between columns because Swedish and Norwegian Excel expect it.
// Display names are untrusted text: a cell that a spreadsheet would run as a formula is defused.

export const BOM = '\uFEFF';

type Cell = string | number | boolean | null | undefined;

export function csvCell(value: Cell): string {
  let text = value === null || value === undefined ? '' : String(value);
  // =, +, -, @, tab and CR start formulas in Excel and LibreOffice (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_SEPARATOR = ';';

export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(CSV_SEPARATOR));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** A file name that is safe on every OS: "licenskoll-tilldelningar-2025-05-20.csv". */
export function csvFileName(stem: string, day: string): string {
  const safe = stem
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `licenskoll-${safe || 'export'}-${day}.csv`;
}
