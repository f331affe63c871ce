// CSV for spreadsheets, as OWASP's "CSV injection" guidance asks: every cell quoted (quotes doubled),
// and a text cell that a spreadsheet would run as a formula (beginning with =, +, -, @, tab or carriage
// return) gets a leading single quote, so it is shown, never evaluated. A profile's name or description
// is anyone's text: "=HYPERLINK(…)" must stay text. Controls a terminal acts on are removed (CSV has no
// escapes, and it may be printed to a terminal). Pure.
import { sanitizeBlock } from './sanitize.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell. Numbers are written as numbers; text is inert text. */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const clean = sanitizeBlock(value);
  const text = FORMULA_START.test(clean) ? `'${clean}` : clean;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Rows as CSV with a header line (RFC 4180 line ends). */
export function toCsv<T>(rows: readonly T[], columns: readonly { header: string; value: (row: T) => string | number | undefined }[]): string {
  const line = (cells: string[]): string => `${cells.join(',')}\r\n`;
  return line(columns.map((c) => csvCell(c.header))) + rows.map((row) => line(columns.map((c) => csvCell(c.value(row))))).join('');
}
