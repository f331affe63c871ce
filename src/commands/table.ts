// The table form of command output (loaded only when a table is printed, see `write`): every cell
// through sanitizeLine, so server text cannot drive the terminal.
import stringWidth from 'string-width';
import { formatAbsoluteTime, padEnd, truncate } from '../domain/text/format.js';
import { sanitizeLine } from '../domain/text/sanitize.js';

export { formatAbsoluteTime };

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | undefined;
  /** Widest the column may grow (default 60). */
  max?: number;
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => sanitizeLine(String(c.value(row) ?? '—'))));
  // Headers can name server things (drift's columns are instance aliases): inert, and measured as shown.
  const headers = columns.map((c) => sanitizeLine(c.header));
  const widths = columns.map((c, i) =>
    Math.min(c.max ?? 60, Math.max(stringWidth(headers[i]!), ...cells.map((r) => stringWidth(r[i]!)))),
  );
  const line = (parts: string[]): string =>
    parts
      .map((p, i) => (i === parts.length - 1 ? truncate(p, widths[i]!) : padEnd(p, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n') + '\n';
}
