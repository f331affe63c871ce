// Writing results: JSON or YAML with every character a terminal could act on escaped (the data stays
// exact), or a plain table in which every cell has been through sanitizeLine, so server text cannot
// drive the terminal.
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


/**
 * What JSON.stringify and YAML leave raw although a terminal acts on it: DEL and C1 controls (0x9b is
 * CSI), bidi overrides and invisible format characters. Escaped as \uXXXX, which both formats read back.
 */
const RAW_UNSAFE = /[\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

function escapeUnsafe(text: string): string {
  return text.replace(RAW_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON: the characters above occur only inside strings, where \uXXXX means the same character. */
export function toJson(data: unknown): string {
  return `${escapeUnsafe(JSON.stringify(data, null, 2))}\n`;
}

/** YAML: strings holding such characters are double-quoted, the one style in which \uXXXX is an escape. */
export function toYaml(data: unknown): string {
  const doc = new YAML.Document(data);
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && new RegExp(RAW_UNSAFE.source).test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return escapeUnsafe(doc.toString());
}

/** Writes `data` as JSON or YAML, or calls `table()` for the table form. */
export function write(io: Io, format: OutputFormat, data: unknown, table: () => string): void {
  if (format === 'json') io.stdout.write(toJson(data));
  else if (format === 'yaml') io.stdout.write(toYaml(data));
  else io.stdout.write(table());
}

export function writeError(io: Io, message: string): void {
  io.stderr.write(`spex: ${sanitizeText(message)}\n`);
}
