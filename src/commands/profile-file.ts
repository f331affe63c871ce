// --from-file: a profile as JSON or YAML. A malformed file is reported with its line and column, so
// the user can go straight to the mistake.
import { readBoundedText } from '../io.js';
import { SpexError } from '../domain/service/errors.js';
import { parseYamlData, YamlDataError } from '../domain/text/yaml-data.js';

function fileError(path: string, message: string, rule = 'syntax'): SpexError {
  return new SpexError({ kind: 'validation', field: path, rule, message: `${path}: ${message}` });
}

export { lineColumn } from '../domain/text/format.js';
import { lineColumn } from '../domain/text/format.js';

/** JSON.parse's complaint about `text`, with the offset when V8 gives one ("… in JSON at position 12"). */
function jsonFailure(text: string): { message: string; position?: number } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const at = / at position (\d+)/.exec(message);
    return at ? { message, position: Number(at[1]) } : { message };
  }
}

/**
 * Where JSON.parse gives up. V8 names the position for most errors; for the rest ("Unexpected token
 * '}', … is not valid JSON") find the longest prefix that is still the start of valid JSON, by binary
 * search: a prefix is viable when it fails only at its very end (or not at all).
 */
export function jsonErrorOffset(text: string): number {
  const first = jsonFailure(text);
  if (!first) return 0;
  if (first.position !== undefined) return Math.min(first.position, text.length);
  if (/end of JSON input/i.test(first.message)) return text.length;
  const viable = (n: number): boolean => {
    const failure = jsonFailure(text.slice(0, n));
    if (!failure) return true;
    if (failure.position !== undefined) return failure.position >= n;
    return /end of JSON input|Unterminated string/i.test(failure.message);
  };
  let lo = 0;
  let hi = text.length;
  // Invariant: prefix lo is viable, prefix hi is not.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (viable(mid)) lo = mid;
    else hi = mid;
  }
  return Math.max(0, hi - 1);
}

export function parseProfileText(text: string, path: string): unknown {
  const isJson = /\.json$/i.test(path) || /^\s*[{[]/.test(text);
  if (isJson) {
    try {
      return JSON.parse(text);
    } catch (error) {
      const { line, column } = lineColumn(text, jsonErrorOffset(text));
      // Drop the echo of the file V8 appends (it can be long and hold anything).
      const reason = (error as Error).message.replace(/, ".*$/s, '').replace(/ in JSON at position \d+.*$/s, '');
      throw fileError(path, `invalid JSON at line ${line}, column ${column}: ${reason}`);
    }
  }
  try {
    return parseYamlData(text).value;
  } catch (error) {
    if (!(error instanceof YamlDataError)) throw error;
    throw fileError(path, `invalid YAML at line ${error.line}, column ${error.column}: ${error.reason}`);
  }
}

export async function readProfileFile(path: string, limit?: number): Promise<Record<string, unknown>> {
  const value = parseProfileText(await readBoundedText(path, limit), path);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw fileError(path, 'the file must hold one profile (a JSON/YAML object)', 'type');
  }
  return value as Record<string, unknown>;
}
