// Writing results: JSON or YAML with every character a terminal could act on escaped (the data stays
// exact), or a plain table in which every cell has been through sanitizeLine, so server text cannot
// drive the terminal.
import { sanitizeLine, sanitizeText } from '../domain/sanitize.js';
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

/**
 * YAML: strings holding such characters are double-quoted, the one style in which \uXXXX is an escape.
 * The YAML library is loaded only when YAML is asked for (it is a fifth of the code `list` would load).
 */
export async function toYaml(data: unknown): Promise<string> {
  const { default: YAML } = await import('yaml');
  const doc = new YAML.Document(data);
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && new RegExp(RAW_UNSAFE.source).test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return escapeUnsafe(doc.toString());
}

export type TableKit = typeof import('./table.js');

/**
 * Writes `data` as JSON or YAML, or calls `table()` for the table form with the table helpers, which
 * are loaded only then: string-width and a grapheme segmenter take ~20 ms to set up, a tenth of a
 * whole `spex list --output json`.
 */
export async function write(io: Io, format: OutputFormat, data: unknown, table: (kit: TableKit) => string): Promise<void> {
  if (format === 'json') io.stdout.write(toJson(data));
  else if (format === 'yaml') io.stdout.write(await toYaml(data));
  else io.stdout.write(table(await import('./table.js')));
}

export function writeError(io: Io, message: string): void {
  io.stderr.write(`spex: ${sanitizeText(message)}\n`);
}
