// A profile that assumes a role with MFA (role_arn + mfa_serial + source_profile), through the SDK
// against the emulator, whose SpexAdminMfa role demands MFA (the demo device's code is 123456): the
// code from --mfa-code, checked before sending; without a code and without a terminal, refused naming
// --mfa-code; a wrong code refused by STS; and the session cached as the AWS CLI keys its own, so the
// next run asks nothing. In a pseudo-terminal the TUI asks once, masked, naming the device, before it
// draws; the second start does not ask.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCacheKey } from '../../src/aws/mfa.js';
import { runCommand } from '../../src/commands/index.js';
import { askMfaCode } from '../../src/io.js';
import { type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { memoryIo } from '../helpers/memory-io.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEVICE = 'arn:aws:iam::123456789012:mfa/alice';
let backend: TestBackend;
let dir: string;
beforeAll(async () => {
  backend = await startTestBackend();
  dir = mkdtempSync(join(tmpdir(), 'spex-mfa-'));
  writeFileSync(join(dir, 'credentials'), '[base]\naws_access_key_id = 123456789012\naws_secret_access_key = base-secret\n');
  writeFileSync(join(dir, 'config'), `[profile base]\nregion = us-east-1\n\n[profile admin]\nrole_arn = arn:aws:iam::210987654321:role/SpexAdminMfa\nmfa_serial = ${DEVICE}\nsource_profile = base\nregion = us-east-1\n`);
});
afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = (cache: string): NodeJS.ProcessEnv => ({ AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), SPEX_CACHE_DIR: cache, HOME: dir });

async function instances(cache: string, ...args: string[]) {
  const io = memoryIo({ env: env(cache) });
  const code = await runCommand('instances', ['--profile', 'admin', '--endpoint-url', backend.emulator.url, '--output', 'json', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const assumed = (): number => backend.emulator.requests.filter((r) => r.operation === 'AssumeRole').length;

describe('a role assumed with MFA', () => {
  it('takes --mfa-code, caches the session as the AWS CLI keys it, and asks nothing the next time', async () => {
    const cache = join(dir, 'cache-1');
    const before = assumed();
    const first = await instances(cache, '--mfa-code', '123456');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect((JSON.parse(first.out) as { alias: string }[]).map((i) => i.alias)).toEqual(['acme-prod']);
    expect(assumed()).toBe(before + 1);
    // botocore's key: sha1 of json.dumps({"RoleArn": …, "SerialNumber": …}, sort_keys=True) (computed with Python).
    expect(cliCacheKey({ profile: 'admin', roleArn: 'arn:aws:iam::210987654321:role/SpexAdminMfa', device: DEVICE, sourceProfile: 'base' })).toBe('c2c442ccee3b9a6caed8117ae9128f97af1b59e0');
    expect(readdirSync(join(cache, 'cli-sessions'))).toEqual(['c2c442ccee3b9a6caed8117ae9128f97af1b59e0.json']);
    // No code, no terminal: the cached session serves.
    const second = await instances(cache);
    expect(second.code).toBe(0);
    expect(assumed()).toBe(before + 1);
  });

  it('refuses without a code or a terminal, and a code that is not six digits before sending; STS refuses a wrong one', async () => {
    const cache = join(dir, 'cache-2');
    const before = assumed();
    const none = await instances(cache);
    expect(none.code).toBe(1);
    expect(none.err).toContain(`profile admin needs an MFA code from ${DEVICE}: pass --mfa-code, or run on a terminal to be asked`);
    const short = await instances(cache, '--mfa-code', '12ab');
    expect(short.err).toContain(`--mfa-code: an MFA code is 6 digits (${DEVICE})`);
    expect(assumed()).toBe(before);
    const wrong = await instances(cache, '--mfa-code', '654321');
    expect(wrong.err).toMatch(/could not assume arn:aws:iam::210987654321:role\/SpexAdminMfa with MFA \(AccessDenied\): MultiFactorAuthentication failed/);
    expect(existsSync(join(cache, 'cli-sessions'))).toBe(false);
  });

  it('asks on the terminal, masked, until the TUI draws; then (a session renewed later) asks nothing and says to start again', async () => {
    let drawing = false;
    const raw: boolean[] = [];
    const io = memoryIo({ stdinTTY: true });
    Object.assign(io.stdin, { isRaw: false, setRawMode: (on: boolean) => raw.push(on) });
    const ask = askMfaCode(io, () => drawing);
    const asked = ask(DEVICE, 'admin');
    // memoryIo's stdin is a PassThrough: what the user types.
    (io.stdin as unknown as PassThrough).write('123456\r');
    await expect(asked).resolves.toBe('123456');
    expect(io.err()).toBe(`MFA code for ${DEVICE} (profile admin): ******\n`);
    expect(raw).toEqual([true, false]);
    drawing = true;
    await expect(ask(DEVICE, 'admin')).rejects.toThrow(`profile admin: its MFA session has ended; quit and start spex again to enter a new code from ${DEVICE}`);
    // The terminal untouched: no raw mode, nothing written under the app.
    expect(raw).toEqual([true, false]);
    expect(io.err()).toBe(`MFA code for ${DEVICE} (profile admin): ******\n`);
  });

  it('the TUI asks once on the terminal, masked and naming the device, and not on the second start', async () => {
    const cache = join(dir, 'cache-3');
    const run = (): { child: ChildProcess; text: () => string; waitFor: (what: string) => Promise<void> } => {
      const child = spawn('script', ['-qfec', `stty cols 120 rows 35; exec ${process.execPath} bin/spex.js --profile admin --region us-east-1 --endpoint-url ${backend.emulator.url}`, '/dev/null'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, TERM: 'xterm-256color', SPEX_STATE_DIR: join(dir, 'state'), SPEX_CONFIG_DIR: join(dir, 'config-dir'), ...env(cache) },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      const text = (): string => out.replace(/\u001B\[[0-?]*[ -/]*[@-~]/g, '');
      return {
        child,
        text,
        async waitFor(what) {
          const deadline = Date.now() + 20_000;
          while (!text().includes(what)) {
            if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${what} on the terminal; it shows:\n${text().slice(-2000)}`);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        },
      };
    };
    const first = run();
    try {
      await first.waitFor(`MFA code for ${DEVICE} (profile admin): `);
      first.child.stdin!.write('123456\r');
      await first.waitFor('acme-prod');
      // What followed the question: six stars, never the code.
      const typed = first.text().split('(profile admin): ')[1]!;
      expect(typed.startsWith('******')).toBe(true);
      expect(typed).not.toContain('123456');
    } finally {
      first.child.kill('SIGKILL');
    }
    const second = run();
    try {
      await second.waitFor('acme-prod');
      expect(second.text()).not.toContain('MFA code');
    } finally {
      second.child.kill('SIGKILL');
    }
  }, 60_000);
});
