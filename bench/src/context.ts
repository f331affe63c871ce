// What every bench item is given: where the project is, how big to go, and where to say what it does.
import { spawn } from 'node:child_process';

export interface BenchContext {
  /** The project root (the working directory of spawned commands). */
  root: string;
  /** bin/spex.js of the bench's private copy of the built spex (bin/ and dist/). */
  spexBin: string;
  /** A tiny run for the smoke test: few iterations, small sizes. */
  quick: boolean;
  log(line: string): void;
}

/** The environment spawned spex and aws get: no real AWS configuration, no CI, the bench key pair. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('AWS_') || key === 'CI') delete env[key];
  }
  return {
    ...env,
    AWS_CONFIG_FILE: '/nonexistent/spex-bench-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/spex-bench-credentials',
    AWS_ACCESS_KEY_ID: 'AKIDBENCH',
    AWS_SECRET_ACCESS_KEY: 'bench-secret',
    AWS_PAGER: '',
    NO_COLOR: '1',
    ...extra,
  };
}

export interface Timed {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end and times it from spawn to exit (wall clock). */
export function timeProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      resolve({ ms, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
