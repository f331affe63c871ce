// Writing results: JSON or YAML with every character a terminal could act on escaped (the data stays
// exact), or a plain table in which every cell has been through sanitizeLine, so server text cannot
// drive the terminal.
import { inertJson, sanitizeBlock, sanitizeLine, sanitizeText } from '../domain/text/sanitize.js';
import type { Io } from '../io.js';
import type { OutputFormat } from './context.js';

/** Key/value lines for one record: `Name         Supervisors`. */
export function renderFields(fields: readonly [string, string | undefined][]): string {
  const width = Math.max(...fields.map(([k]) => k.length));
  return fields
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k.padEnd(width)}  ${sanitizeLine(v!)}`)
    .join('\n') + '\n';
}

/** JSON: the characters a terminal acts on occur only inside strings, where \uXXXX means the same character. */
export function toJson(data: unknown): string {
  return `${inertJson(data, 2)}\n`;
}

/**
 * YAML: strings holding such characters are double-quoted, the one style in which \uXXXX is an escape.
 * The YAML library is loaded only when YAML is asked for (it is a fifth of the code `list` would load).
 */
export async function toYaml(data: unknown): Promise<string> {
  const { inertYaml } = await import('../domain/text/inert-yaml.js');
  return inertYaml(data);
}

export type TableKit = typeof import('./table.js');

/**
 * Writes `data` as JSON or YAML, or calls `table()` for the table form with the table helpers, which
 * are loaded only then: string-width and a grapheme segmenter take ~20 ms to set up, a tenth of a
 * whole `spex list --output json`.
 */
export async function write(io: Io, format: OutputFormat, data: unknown, table: (kit: TableKit) => string): Promise<void> {
  if (format === 'csv') return writeCsv(io, table);
  if (format === 'json') io.stdout.write(toJson(data));
  else if (format === 'yaml') io.stdout.write(await toYaml(data));
  // The table form is for a terminal: whatever a command put in it (cells are sanitised already; a
  // summary line that named a profile might not be), one pass here makes it inert.
  else io.stdout.write(sanitizeBlock(table(await import('./table.js'))));
}

/**
 * CSV of the table the command's table form draws: its renderTable call is taken as CSV instead, and
 * the text around it (a summary line, a legend) is left out, so the file is one table.
 */
async function writeCsv(io: Io, table: (kit: TableKit) => string): Promise<void> {
  const [kit, { toCsv }] = await Promise.all([import('./table.js'), import('../domain/text/csv.js')]);
  let csv: string | undefined;
  table({ ...kit, renderTable: (rows, columns) => ((csv ??= toCsv(rows, columns)), '') });
  // A command that drew no table (nobody holds the profile) writes nothing; one with no table form never offers csv.
  io.stdout.write(csv ?? '');
}

/** Text for a terminal that a command composed itself (plans, summaries): made inert in one pass, whole. */
export function writeTerminal(io: Io, text: string): void {
  io.stdout.write(sanitizeBlock(text));
}

/** The redraw spex's own progress line starts with (progress.ts); the only control that may reach stderr. */
const REDRAW = '\r\x1b[K';

/**
 * `io` with a stderr through which nothing a terminal acts on passes: every warning, progress line and
 * error of a command goes through here (runCommand wraps the Io once), so no new message can forget.
 */
export function inertIo(io: Io): Io {
  const stderr = io.stderr;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (typeof chunk !== 'string') return (stderr.write as (...a: unknown[]) => boolean)(chunk, ...rest);
    const redraw = chunk.startsWith(REDRAW) ? REDRAW : '';
    const clean = sanitizeBlock(chunk.slice(redraw.length));
    return (stderr.write as (...a: unknown[]) => boolean)(redraw + clean, ...rest);
  };
  const wrapped = new Proxy(stderr, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...io, stderr: wrapped };
}

export function writeError(io: Io, message: string): void {
  io.stderr.write(`spex: ${sanitizeText(message)}\n`);
}
