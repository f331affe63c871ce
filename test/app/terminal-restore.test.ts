// The real binary in a pseudo-terminal (`script`): SIGTERM while an edit is unsaved and while a save
// is still running leaves the terminal as it was (cursor shown, alternate screen left), keeps the
// draft on disk, and reports the running request with its token.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LEAVE_ALT_SCREEN, SHOW_CURSOR } from '../../src/app/terminal.js';
import { startTestBackend, TEST_CREDENTIALS, type TestBackend } from '../helpers/emulator.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const esc = (s: string): string => s.replace(/[[\]?()\\^$.|*+{}]/g, '\\$&');
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[()][0-9A-Za-z]|\u001B[=>78]/g;

interface Tty {
  child: ChildProcess;
  output(): string;
  text(): string;
  waitFor(what: string | RegExp, timeoutMs?: number): Promise<void>;
  /**
   * Presses a key until what it leads to shows. On a loaded machine a key can land before the screen
   * it is meant for reads keys; it is pressed again only while nothing changed.
   */
  press(key: string, then: string | RegExp): Promise<void>;
  exited: Promise<number | null>;
  /** The spex process itself (script's child), to signal it. */
  spexPid(): number;
}

function spawnTty(args: string, env: NodeJS.ProcessEnv): Tty {
  const child = spawn('script', ['-qfec', `stty cols 120 rows 35; exec ${process.execPath} bin/spex.js ${args}`, '/dev/null'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: '/nonexistent', TERM: 'xterm-256color', AWS_EC2_METADATA_DISABLED: 'true', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const text = (): string => out.replace(ANSI, '');
  return {
    child,
    output: () => out,
    text,
    exited,
    async waitFor(what, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      const hit = (): boolean => (typeof what === 'string' ? text().includes(what) : what.test(text()));
      while (!hit()) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${String(what)} in the terminal; it shows:\n${text().slice(-3000)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async press(key, then) {
      for (let attempt = 1; ; attempt += 1) {
        child.stdin.write(key);
        try {
          await this.waitFor(then, 5_000);
          return;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
    },
    spexPid() {
      return Number(execFileSync('pgrep', ['-P', String(child.pid)]).toString().trim().split('\n')[0]);
    },
  };
}

let dir: string | undefined;
let tty: Tty | undefined;
let backend: TestBackend | undefined;
afterEach(async () => {
  if (tty?.child.exitCode === null) tty.child.kill('SIGKILL');
  tty = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
  await backend?.close();
  backend = undefined;
});

function dirs(): NodeJS.ProcessEnv {
  dir = mkdtempSync(join(tmpdir(), 'spex-tty-'));
  return { SPEX_STATE_DIR: join(dir, 'state'), SPEX_CONFIG_DIR: join(dir, 'config') };
}

const drafts = (): string[] => {
  try {
    return readdirSync(join(dir!, 'state', 'drafts')).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
};

describe('the terminal after SIGTERM', () => {
  it('is restored, and the unsaved draft is on disk', async () => {
    tty = spawnTty('--demo --region us-east-1 --instance acme-support', dirs());
    await tty.waitFor('Tier 2 Escalations', 20_000);
    tty.child.stdin!.write('e');
    await tty.waitFor('Edit Admin ·', 20_000);
    // The editor's rows drawn (not only its title, which the breadcrumb repeats): its keys are live.
    await tty.waitFor('AI agents · View', 20_000);
    // Space on the first group's title toggles the whole group: the draft is dirty.
    await tty.press(' ', 'unsaved');
    process.kill(tty.spexPid(), 'SIGTERM');
    await tty.exited;
    // Left the alternate screen and showed the cursor last (Ink's own exit hook may show it once more).
    const tail = tty.output().slice(-40);
    expect(tail).toMatch(new RegExp(`${esc(LEAVE_ALT_SCREEN)}(${esc(SHOW_CURSOR)})+$`));
    expect(tty.output()).toContain('\u001B[?1049h');
    expect(drafts()).toHaveLength(1);
  });

  it('reports a save still running, with its request token', async () => {
    backend = await startTestBackend({ asyncDelayMs: 60_000 });
    const env = { ...dirs(), AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey };
    tty = spawnTty(`--endpoint-url ${backend.emulator.url} --region us-east-1 --instance acme-support`, env);
    await tty.waitFor('Tier 2 Escalations');
    await tty.press('e', 'Edit Admin ·');
    await tty.waitFor('AI agents · View');
    await tty.press(' ', 'unsaved');
    await tty.press('s', 'Review the change');
    // The progress line starts at SENDING (the review's own text never says it).
    await tty.press('y', /SENDING|IN_PROGRESS/);
    await tty.waitFor(/IN_PROGRESS .* request [0-9a-f-]{36}/);
    const update = backend.emulator.requests.find((r) => r.operation === 'UpdateResource');
    expect(update).toBeDefined();
    process.kill(tty.spexPid(), 'SIGTERM');
    await tty.exited;
    const after = tty.output().slice(tty.output().lastIndexOf(LEAVE_ALT_SCREEN));
    expect(after).toMatch(/request [0-9a-f-]{36} was still IN_PROGRESS/);
    const token = /request ([0-9a-f-]{36}) was still/.exec(after)![1]!;
    const status = await backend.spex.forRegion('us-east-1').listRequests({});
    expect(status.map((s) => s.requestToken)).toContain(token);
  });
});
