// The process's streams and environment, passed down so commands can be run in tests.
import { open } from 'node:fs/promises';
import { SpexError } from './domain/service/errors.js';
import { rankSuggestions } from './domain/permissions/permission-search.js';
import { shellWords } from './domain/text/sanitize.js';

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

/** ` (did you mean X or Y?)` for a name not found among `names`, or nothing when none is close. */
export function didYouMean(input: string, names: readonly string[]): string {
  const close = rankSuggestions(input, names, 3);
  return close.length === 0 ? '' : `; did you mean ${close.map((n) => `'${n}'`).join(' or ')}?`;
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

/** The largest profiles file read by default: far above any real one (500 profiles are about 1 MB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** `--max-file-size MB`: a whole number of megabytes (MiB), 1 to 1024. */
export function parseMaxFileSize(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new UsageError(`--max-file-size must be a whole number of megabytes from 1 to 1024 (got ${JSON.stringify(text)})`);
  return n * 1024 * 1024;
}

/**
 * A local file's text, refused before any of it is parsed when it is larger than `limit` bytes, so a
 * profiles file from an untrusted source (a pull request in CI) cannot take the machine's memory.
 */
export async function readBoundedText(path: string, limit = MAX_FILE_BYTES): Promise<string> {
  // What is wrong with a local file is the user's to fix: a validation error naming it (exit 1).
  const refuse = (message: string): SpexError => new SpexError({ kind: 'validation', field: path, rule: 'file', message: `${path}: ${message}` });
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw refuse(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw refuse('not a file');
    const mb = (n: number): string => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
    const tooLarge = (): SpexError => refuse(`the file is larger than the limit of ${mb(limit)}; nothing was read (--max-file-size MB raises it)`);
    if (stats.size > limit) throw tooLarge();
    // Read at most limit + 1 bytes: a file that grows while it is read is refused the same way.
    const buffer = Buffer.alloc(Math.min(stats.size, limit) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > limit) throw tooLarge();
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * One line typed on the terminal without showing it (each key echoed as `*`), after the question on
 * stderr: an MFA code. Refused when stdin is not a terminal.
 */
export async function askHidden(io: Io, question: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  if (stdin.isTTY !== true || typeof stdin.setRawMode !== 'function') throw new UsageError(`${question.replace(/:\s*$/, '')}: stdin is not a terminal to ask on`);
  io.stderr.write(question);
  const wasRaw = stdin.isRaw;
  stdin.setRawMode(true);
  stdin.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: Buffer | string): void => {
        for (const ch of String(chunk)) {
          if (ch === '\r' || ch === '\n') {
            stdin.off('data', onData);
            io.stderr.write('\n');
            resolve(typed);
            return;
          }
          if (ch === '\u0003') {
            stdin.off('data', onData);
            io.stderr.write('\n');
            reject(new UsageError('cancelled'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') {
            if (typed.length > 0) io.stderr.write('\b \b');
            typed = typed.slice(0, -1);
          } else if (ch >= ' ') {
            typed += ch;
            io.stderr.write('*');
          }
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(wasRaw);
    stdin.pause();
  }
}

/** One line typed on the terminal (shown as typed), after the question on stderr. */
export async function askLine(io: Io, question: string): Promise<string> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  try {
    io.stderr.write(question);
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
  }
}

/**
 * Asks for an MFA code on the terminal, masked, naming the device and the profile it unlocks. Once
 * `drawing` says the terminal UI owns the terminal (a role's session renewed an hour into a run), the
 * terminal is left alone (a prompt there would take the UI's keys and leave its input paused): the
 * code is asked for over the app (`underApp`, app/credential-gate.tsx), or, without one, refused.
 */
export const askMfaCode =
  (io: Io, drawing: () => boolean = () => false, underApp?: (device: string, profile: string) => Promise<string>) =>
  (device: string, profile: string): Promise<string> =>
    !drawing()
      ? askHidden(io, `MFA code for ${device} (profile ${profile}): `)
      : underApp !== undefined
        ? underApp(device, profile)
        : Promise.reject(new SpexError({ kind: 'credentials', message: `profile ${profile}: its MFA session has ended; quit and start spex again to enter a new code from ${device}` }));

/**
 * Runs a command spex names (`aws sso login --sso-session 'my session'`, quoted as for a shell but run
 * without one) on the terminal, its streams the process's own, and says why it failed (undefined when
 * it exited 0).
 */
export async function runOnTerminal(command: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const { spawn } = await import('node:child_process');
  const [file, ...args] = shellWords(command);
  return new Promise((resolve) => {
    const child = spawn(file!, args, { stdio: 'inherit', env });
    child.once('error', (error) => resolve(`\`${command}\` could not be started (${error.message})`));
    child.once('exit', (code, signal) => resolve(code === 0 ? undefined : `\`${command}\` ${signal !== null ? `was stopped by ${signal}` : `ended with status ${code}`}`));
  });
}
