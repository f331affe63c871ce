// Writing results: JSON (JSON.stringify escapes every control character), YAML, or a plain table in
// which every cell has been through sanitizeLine, so server text cannot drive the terminal.
import stringWidth from 'string-width';
import YAML from 'yaml';
import { padEnd, truncate } from '../domain/format.js';
import { sanitizeLine, sanitizeText } from '../domain/sanitize.js';
import type { Io } from '../io.js';
import type { OutputFormat } from './context.js';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | undefined;
  /** Widest the column may grow (default 60). */
  max?: number;
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => sanitizeLine(String(c.value(row) ?? '—'))));
  const widths = columns.map((c, i) =>
    Math.min(c.max ?? 60, Math.max(c.header.length, ...cells.map((r) => stringWidth(r[i]!)))),
  );
  const line = (parts: string[]): string =>
    parts
      .map((p, i) => (i === parts.length - 1 ? truncate(p, widths[i]!) : padEnd(p, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}

/** Key/value lines for one record: `Name         Supervisors`. */
export function renderFields(fields: readonly [string, string | undefined][]): string {
  const width = Math.max(...fields.map(([k]) => k.length));
  return fields
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k.padEnd(width)}  ${sanitizeLine(v!)}`)
    .join('\n') + '\n';
}


/** Writes `data` as JSON or YAML, or calls `table()` for the table form. */
export function write(io: Io, format: OutputFormat, data: unknown, table: () => string): void {
  if (format === 'json') io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  else if (format === 'yaml') io.stdout.write(YAML.stringify(data));
  else io.stdout.write(table());
}

export function writeError(io: Io, message: string): void {
  io.stderr.write(`spex: ${sanitizeText(message)}\n`);
}
