// `--sso NAME`: the accounts of an IAM Identity Center session as the fleet, through the SDK against the
// emulator's portal. The token is read from the cache file the AWS CLI v2 writes
// (~/.aws/sso/cache/<sha1 of the sso-session's name>.json); an expired one is refused before any call,
// naming the command that renews it. A role chosen with --sso-role, else each account's only role; an
// account without it has one row naming the roles it has.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetRoleCredentialsCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainSettings, readSsoSource, resolveConnection, ssoRoleCredentials, ssoTokens } from '../../src/aws/index.js';
import { runCommand } from '../../src/commands/index.js';
import { type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { memoryIo } from '../helpers/memory-io.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let backend: TestBackend;
let home: string;
beforeAll(async () => {
  backend = await startTestBackend({ orgAccounts: 1 });
  home = mkdtempSync(join(tmpdir(), 'spex-sso-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(
    join(home, '.aws', 'config'),
    ['[profile acme-admin]', 'sso_session = acme', 'sso_account_id = 210987654321', 'sso_role_name = AdministratorAccess', 'region = us-east-1', '', '[sso-session acme]', 'sso_start_url = https://acme.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', ''].join('\n'),
  );
});
afterAll(async () => {
  await backend.close();
  rmSync(home, { recursive: true, force: true });
});

/** The token file as `aws sso login --sso-session acme` leaves it. */
function cacheToken(accessToken: string, expiresAt: Date): void {
  const dir = join(home, '.aws', 'sso', 'cache');
  mkdirSync(dir, { recursive: true });
  const name = createHash('sha1').update('acme').digest('hex');
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1', accessToken, expiresAt: expiresAt.toISOString().replace(/\.\d+Z$/, 'Z'), clientId: 'x', clientSecret: 'y', registrationExpiresAt: '2027-01-01T00:00:00Z', refreshToken: 'r' }));
}

interface Row {
  profile: string;
  accountId: string | null;
  alias?: string | null;
  error?: { message: string };
}

async function fleet(...args: string[]) {
  const io = memoryIo({ env: { HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'none'), SPEX_CACHE_DIR: 'off' } });
  const code = await runCommand('fleet', [...args, '--endpoint-url', backend.emulator.url, '--output', 'json'], io);
  return { code, rows: io.out() === '' ? [] : (JSON.parse(io.out()) as Row[]), err: io.err() };
}

describe('--sso', () => {
  it('a login made in another terminal while spex runs is taken up: an ended or refused token is read again from the cache', async () => {
    const env = { HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') };
    const source = await readSsoSource('acme', env);
    const portal = plainSettings({ region: 'us-east-1', endpoint: backend.emulator.url, credentials: { accessKeyId: 'none', secretAccessKey: 'none' } });
    const role = (tokens: ReturnType<typeof ssoTokens>) => ssoRoleCredentials(portal, source, tokens, '210987654321', 'AdministratorAccess').first();
    const hourAgo = new Date(Date.now() - 3_600_000);
    const inAnHour = new Date(Date.now() + 3_600_000);
    // The token spex started with has ended, and the cache holds no newer one: the renewal says how to log in.
    cacheToken('sso-alice', hourAgo);
    const ended = ssoTokens(source, env, { accessToken: 'sso-alice', expiresAt: hourAgo });
    await expect(role(ended)).rejects.toThrow('run `aws sso login --sso-session acme`');
    // `aws sso login` in another terminal: the next renewal takes the new token.
    cacheToken('sso-alice', inAnHour);
    await expect(role(ended)).resolves.toMatchObject({ accessKeyId: '210987654321' });
    // A token the portal refuses (withdrawn) while the cache holds a good one: read again, and used.
    const withdrawn = { accessToken: 'sso-withdrawn', expiresAt: inAnHour };
    await expect(role(ssoTokens(source, env, withdrawn))).resolves.toMatchObject({ accessKeyId: '210987654321' });
    // Nothing better in the cache: the refusal names the command.
    cacheToken('sso-withdrawn', inAnHour);
    await expect(role(ssoTokens(source, env, withdrawn))).rejects.toThrow('IAM Identity Center refused the token of sso-session acme (GetRoleCredentials AdministratorAccess in 210987654321): run `aws sso login --sso-session acme`');
  });

  it('with nothing better in the cache, a renewal asks for a sign-in (once for every renewal waiting) and takes up the token it leaves', async () => {
    const env = { HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') };
    const source = await readSsoSource('acme', env);
    const portal = plainSettings({ region: 'us-east-1', endpoint: backend.emulator.url, credentials: { accessKeyId: 'none', secretAccessKey: 'none' } });
    const hourAgo = new Date(Date.now() - 3_600_000);
    cacheToken('sso-alice', hourAgo);
    const asked: string[] = [];
    let answer: 'sign in' | 'refuse' | 'nobody' = 'sign in';
    // The TUI's prompt, answered: `aws sso login` leaves a fresh token in the cache; or Esc; or no app to ask.
    const askLogin = (what: string, command: string): Promise<void> | undefined => {
      asked.push(`${what}: ${command}`);
      if (answer === 'nobody') return undefined;
      return new Promise<void>((resolve, reject) =>
        setTimeout(() => {
          if (answer === 'refuse') return reject(new Error('refused with Esc'));
          cacheToken('sso-alice', new Date(Date.now() + 3_600_000));
          resolve();
        }, 30),
      );
    };
    const tokens = ssoTokens(source, env, { accessToken: 'sso-alice', expiresAt: hourAgo }, askLogin);
    const roles = ['AdministratorAccess', 'ConnectReadOnly'].map((role) => ssoRoleCredentials(portal, source, tokens, '210987654321', role).first());
    await expect(Promise.all(roles)).resolves.toMatchObject([{ accessKeyId: '210987654321' }, { accessKeyId: '210987654321' }]);
    expect(asked).toEqual(['sso-session acme: aws sso login --sso-session acme']);
    // Refused: the renewal fails with the refusal, and the next one asks again.
    cacheToken('sso-alice', hourAgo);
    answer = 'refuse';
    const again = ssoTokens(source, env, { accessToken: 'sso-alice', expiresAt: hourAgo }, askLogin);
    await expect(ssoRoleCredentials(portal, source, again, '210987654321', 'AdministratorAccess').first()).rejects.toThrow('refused with Esc');
    // Nobody to ask (the app is not drawing): the cache's own error, naming the command.
    answer = 'nobody';
    await expect(ssoRoleCredentials(portal, source, again, '210987654321', 'AdministratorAccess').first()).rejects.toThrow('expired at');
    expect(asked).toHaveLength(3);
    // A token the portal refuses, with nothing newer in the cache: the sign-in is asked for too.
    answer = 'sign in';
    cacheToken('sso-withdrawn', new Date(Date.now() + 3_600_000));
    const withdrawn = ssoTokens(source, env, { accessToken: 'sso-withdrawn', expiresAt: new Date(Date.now() + 3_600_000) }, askLogin);
    await expect(ssoRoleCredentials(portal, source, withdrawn, '210987654321', 'AdministratorAccess').first()).resolves.toMatchObject({ accessKeyId: '210987654321' });
    expect(asked).toHaveLength(4);
  });

  it('an SSO profile whose session has ended says so, naming `aws sso login --profile`; with someone to ask, the sign-in is offered once and the SDK asked again', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    cacheToken('sso-alice', hourAgo);
    // Headless: the command named, not "no credentials found".
    const io = memoryIo({ env: { HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'none'), SPEX_CACHE_DIR: 'off' } });
    expect(await runCommand('instances', ['--profile', 'acme-admin', '--endpoint-url', backend.emulator.url], io)).toBe(1);
    expect(io.err()).toBe('spex: the IAM Identity Center session of profile acme-admin has ended, or was never signed in to: run `aws sso login --profile acme-admin`\n');
    // As the TUI's prompt answers: the sign-in leaves a fresh token; the SDK reads it (as the process's
    // environment says where: home and config file) and asks the portal (the emulator's, through the SDK's own AWS_ENDPOINT_URL_SSO) for the role's credentials.
    const asked: string[] = [];
    const askSsoLogin = (what: string, command: string): Promise<void> => {
      asked.push(`${what}: ${command}`);
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          cacheToken('sso-alice', new Date(Date.now() + 3_600_000));
          resolve();
        }, 30),
      );
    };
    const before = { HOME: process.env.HOME, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_ENDPOINT_URL_SSO: process.env.AWS_ENDPOINT_URL_SSO };
    Object.assign(process.env, { HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_ENDPOINT_URL_SSO: backend.emulator.url });
    try {
      const env = { HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'none') };
      const connection = await resolveConnection({ flags: { profile: 'acme-admin', askSsoLogin }, env });
      const provider = connection.credentials as () => Promise<{ accessKeyId: string }>;
      const got = await Promise.all([provider(), provider()]);
      expect(got.map((c) => c.accessKeyId)).toEqual(['210987654321', '210987654321']);
      expect(asked).toEqual(['profile acme-admin: aws sso login --profile acme-admin']);
      // Refused: the refusal is the answer.
      cacheToken('sso-alice', hourAgo);
      const refusing = await resolveConnection({ flags: { profile: 'acme-admin', askSsoLogin: () => Promise.reject(new Error('refused with Esc')) }, env });
      await expect((refusing.credentials as () => Promise<unknown>)()).rejects.toThrow('refused with Esc');
    } finally {
      for (const [key, value] of Object.entries(before)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('lists the accounts of the session and takes the role chosen in each; an account without it says which it has', async () => {
    cacheToken('sso-alice', new Date(Date.now() + 3_600_000));
    backend.emulator.clearRequests();
    const { code, rows } = await fleet('--sso', 'acme', '--sso-role', 'AdministratorAccess', '--region', 'us-east-1,us-west-2');
    expect(code).toBe(1); // acme-research has no AdministratorAccess
    const by = (p: string) => rows.filter((r) => r.profile === p);
    expect(by('acme').map((r) => r.alias)).toEqual(expect.arrayContaining(['acme-support']));
    expect(by('acme-platform').map((r) => r.alias).sort()).toEqual(['acme-dev', 'acme-prod']);
    expect(by('acme-research').map((r) => r.error?.message)).toEqual(['account 333333333333: no role AdministratorAccess for you here (roles: ConnectReadOnly)']);
    // The SUSPENDED account is not offered by the portal.
    expect(by('acme-legacy')).toEqual([]);
    expect(by('retail-001').map((r) => r.alias)).toEqual(['retail-001']);
    const ops = backend.emulator.requests.map((r) => r.operation);
    expect(ops).toContain('ListAccounts');
    expect(ops.filter((o) => o === 'GetRoleCredentials').length).toBeGreaterThanOrEqual(4);
  });

  it("without --sso-role: a profile's sso_role_name, else an account's only role", async () => {
    cacheToken('sso-alice', new Date(Date.now() + 3_600_000));
    const viaProfile = await fleet('--sso', 'acme-admin', '--region', 'us-east-1', '--org-account', 'acme-platform');
    expect(viaProfile.rows.map((r) => r.alias)).toEqual(['acme-prod']);
    const bySession = await fleet('--sso', 'acme', '--region', 'us-east-1', '--org-account', 'acme-platform,acme-research');
    expect(bySession.rows.find((r) => r.profile === 'acme-platform')?.error?.message).toBe('account 210987654321 has the roles AdministratorAccess, ConnectReadOnly: choose one with --sso-role');
    // acme-research has one role, ConnectReadOnly, taken without asking (and it has no instance in us-east-1).
    expect(bySession.rows.filter((r) => r.profile === 'acme-research')).toEqual([]);
  });

  it('an expired token is refused before any call, naming the command that renews it; a token the portal does not know likewise', async () => {
    cacheToken('sso-alice', new Date(Date.now() - 60_000));
    backend.emulator.clearRequests();
    const expired = await fleet('--sso', 'acme', '--sso-role', 'ConnectReadOnly');
    expect(expired.code).toBe(1);
    expect(expired.err).toMatch(/the IAM Identity Center session of sso-session acme expired at .* UTC: run `aws sso login --sso-session acme`/);
    expect(backend.emulator.requests).toEqual([]);
    cacheToken('sso-nobody', new Date(Date.now() + 3_600_000));
    const unknown = await fleet('--sso', 'acme', '--sso-role', 'ConnectReadOnly');
    expect(unknown.err).toMatch(/IAM Identity Center refused the token of sso-session acme \(ListAccounts\): run `aws sso login --sso-session acme`/);
    const missing = await fleet('--sso', 'nope');
    expect(missing.err).toMatch(/--sso nope: no sso-session or SSO profile of that name in the AWS config \(sso-sessions: acme\)/);
  });

  it('the TUI offers to run `aws sso login` for an expired session, then opens the fleet', async () => {
    cacheToken('sso-alice', new Date(Date.now() - 60_000));
    // A stand-in for the AWS CLI: `aws sso login` caches a fresh token, as the real one does after the browser.
    const bin = join(home, 'bin');
    mkdirSync(bin, { recursive: true });
    const fresh = JSON.stringify({ startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1', accessToken: 'sso-alice', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const file = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('acme').digest('hex')}.json`);
    writeFileSync(join(bin, 'aws'), `#!/bin/sh\necho "aws $*" >> ${join(home, 'aws-calls')}\nprintf '%s' '${fresh}' > ${file}\n`, { mode: 0o755 });
    const env = { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: home, TERM: 'xterm-256color', AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'none'), SPEX_CACHE_DIR: 'off', SPEX_STATE_DIR: join(home, 'state'), SPEX_CONFIG_DIR: join(home, 'config-dir') };
    const child = spawn('script', ['-qfec', `stty cols 120 rows 35; exec ${process.execPath} bin/spex.js --sso acme --sso-role ConnectReadOnly --region us-east-1 --endpoint-url ${backend.emulator.url}`, '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const text = (): string => out.replace(/\u001B\[[0-?]*[ -/]*[@-~]/g, '');
    const waitFor = async (what: string): Promise<void> => {
      const deadline = Date.now() + 20_000;
      while (!text().includes(what)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${what} on the terminal; it shows:\n${text().slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    try {
      await waitFor('Run `aws sso login --sso-session acme` now? [y/N] ');
      child.stdin.write('y\r');
      await waitFor('acme-platform');
      expect(readFileSync(join(home, 'aws-calls'), 'utf8')).toBe('aws sso login --sso-session acme\n');
    } finally {
      child.kill('SIGKILL');
    }
  }, 40_000);

  it("the emulator's portal: bearer token, maxResults 1–100, credentials whose key selects the account", async () => {
    const sso = new SSOClient({ endpoint: backend.emulator.url, region: 'us-east-1', maxAttempts: 1 });
    try {
      const page = await sso.send(new ListAccountsCommand({ accessToken: 'sso-alice', maxResults: 2 }));
      expect(page.accountList?.map((a) => a.accountName)).toEqual(['acme', 'acme-platform']);
      expect(page.nextToken).toBeDefined();
      expect(((await sso.send(new ListAccountsCommand({ accessToken: 'sso-alice', maxResults: 101 })).catch((e: Error) => e)) as Error).name).toBe('InvalidRequestException');
      expect(((await sso.send(new ListAccountsCommand({ accessToken: 'stale' })).catch((e: Error) => e)) as Error).name).toBe('UnauthorizedException');
      const creds = await sso.send(new GetRoleCredentialsCommand({ accessToken: 'sso-alice', accountId: '210987654321', roleName: 'ConnectReadOnly' }));
      expect(creds.roleCredentials?.accessKeyId).toBe('210987654321');
      expect(creds.roleCredentials?.expiration).toBeGreaterThan(Date.now());
    } finally {
      sso.destroy();
    }
  });
});
