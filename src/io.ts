// The process's streams and environment, passed down so commands can be run in tests.
import { rankSuggestions } from './domain/permission-search.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** Exit statuses: 0 success, 1 failure, 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** node:util parseArgs reports unknown or malformed flags with these codes. */
/**
 * Node's parser text for an unknown option ("Unknown option '--instnace'. To specify a positional
 * argument starting with a '-', …") as spex says it: `unknown option --instnace; did you mean --instance?`.
 */
export function parseArgsMessage(error: unknown, known: readonly string[]): string {
  const message = (error as Error).message;
  const code = (error as { code?: unknown }).code;
  const option = /'(-{1,2}[^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    const name = option.replace(/^-+/, '').split('=')[0] ?? '';
    const close = rankSuggestions(name, known, 2).map((k) => `--${k}`);
    return `unknown option ${option}${close.length > 0 ? `; did you mean ${close.join(' or ')}?` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) return `${option} needs a value`;
  return message;
}

export function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** `--concurrency N`, for the TUI and the headless commands alike. */
export function parseConcurrency(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new UsageError('--concurrency must be a whole number from 1 to 16');
  return n;
}

/** `--rate-share F`: the share of AWS's budgets spex may use, 0 < F ≤ 1. */
export function parseRateShare(text: string | undefined, source = '--rate-share'): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || !(n > 0 && n <= 1)) throw new UsageError(`${source} must be a number above 0 and at most 1, e.g. 0.5 (got ${JSON.stringify(text)})`);
  return n;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
