// Hostile server text and secrets, through the headless commands. Escape sequences in descriptions,
// tags, names, permissions and status messages render inert in tables and on stderr, while JSON and
// YAML keep the exact data, escaped. Credentials, session tokens and Authorization headers never reach
// stdout, stderr or the --debug log over a whole session of commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { type DroppingProxy, startDroppingProxy } from '../aws/support/dropping-proxy.js';
import { type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { ACTIVE, runAgainst } from './support/run.js';

const CLEAR = '\u001b[2J\u001b[3J';
const CURSOR = '\u001b[1;1H\u001b[2K\u001b7\u001b8';
const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007';
const OSC8 = '\u001b]8;;http://evil.example/\u0007click\u001b]8;;\u0007';
const TITLE = '\u001b]0;pwned\u001b\\';
const C1 = '\u009b31m\u009d0;x\u009c';
const BIDI = '\u202eredli\u202c\u2066';
const HOSTILE = `Plans${CLEAR}${CURSOR}${OSC52}${OSC8}${TITLE}${C1}${BIDI}end`;
/** What HOSTILE looks like once inert: its printable text, a mark where something was removed. */
const INERT = 'Plans\uFFFDclick\uFFFDredli\uFFFDend';

describe('hostile server text', () => {
  let backend: TestBackend;
  let arn: string;
  beforeAll(async () => {
    backend = await startTestBackend();
    const service = backend.spex.forRegion(backend.region);
    // Through the real API: the schema allows any text in a description and in tag values.
    const created = await service.createProfile({
      InstanceArn: backend.instanceArn,
      SecurityProfileName: 'Hostile Text',
      Description: HOSTILE,
      Tags: [{ Key: 'note', Value: HOSTILE }],
      Permissions: ['BasicAgentAccess'],
    }).done;
    if (!created.ok) throw new Error(created.error.message);
    arn = created.identifier!;
    // Names and permissions are restricted by the schema; a server could still return anything.
    backend.emulator.modifyProfile(backend.region, arn, (m) => {
      m.SecurityProfileName = `Hostile${CLEAR}Name${BIDI}`;
      m.Permissions = ['BasicAgentAccess', `Evil${CURSOR}Perm${OSC52}`];
    });
  });
  afterAll(async () => {
    await backend.close();
  });

  const clean = (text: string) => expect(text.replace(/\n/g, '')).not.toMatch(ACTIVE);

  it('get --output table shows descriptions, tags, names and permissions inert', async () => {
    const { code, out, err } = await runAgainst(backend, ['get', arn, '--output', 'table']);
    expect(code).toBe(0);
    expect(err).toBe('');
    clean(out);
    expect(out).toMatch(new RegExp(`^Description\\s+${INERT}$`, 'm'));
    expect(out).toMatch(new RegExp(`^Tags\\s+note=${INERT}$`, 'm'));
    expect(out).toMatch(/^Name\s+Hostile\uFFFDName\uFFFDredli\uFFFD$/m);
    expect(out).toContain('Evil\uFFFDPerm\uFFFD');
  });

  it('list --output table and --output json', async () => {
    const table = await runAgainst(backend, ['list', '--instance', 'acme-support', '--output', 'table']);
    clean(table.out);
    expect(table.out).toMatch(/^Hostile\uFFFDName\uFFFDredli\uFFFD\s/m);
    const json = await runAgainst(backend, ['list', '--instance', 'acme-support', '--output', 'json']);
    clean(json.out);
    expect((JSON.parse(json.out) as { name: string }[]).map((p) => p.name)).toContain(`Hostile${CLEAR}Name${BIDI}`);
  });

  it.each(['json', 'yaml'])('get --output %s keeps the exact data, every control escaped', async (format) => {
    const { code, out } = await runAgainst(backend, ['get', arn, '--output', format]);
    expect(code).toBe(0);
    clean(out);
    const parsed = (format === 'json' ? JSON.parse(out) : YAML.parse(out)) as { Description: string; Tags: { Value: string }[]; Permissions: string[] };
    expect(parsed.Description).toBe(HOSTILE);
    expect(parsed.Tags[0]!.Value).toBe(HOSTILE);
    expect(parsed.Permissions).toContain(`Evil${CURSOR}Perm${OSC52}`);
  });

  it('a hostile status message of a FAILED request is inert in progress lines, the error, and `spex requests`', async () => {
    backend.emulator.failNext('CreateResource', 1, { handlerErrorCode: 'InvalidRequest', message: HOSTILE });
    const create = await runAgainst(backend, ['create', '--instance', 'acme-support', '--name', 'Doomed Hostile']);
    expect(create.code).toBe(1);
    clean(create.err);
    expect(create.err).toMatch(new RegExp(`^CREATE FAILED · request \\S+ · InvalidRequest · ${INERT}$`, 'm'));
    expect(create.err).toMatch(new RegExp(`^spex: The create failed \\(InvalidRequest\\): ${INERT}$`, 'm'));

    const table = await runAgainst(backend, ['requests', '--output', 'table'], { stdoutTTY: true });
    clean(table.out);
    expect(table.out).toContain(INERT);
    const json = await runAgainst(backend, ['requests', '--output', 'json']);
    clean(json.out);
    // Status messages are sanitised where the service layer parses them, so even JSON holds them inert.
    expect((JSON.parse(json.out) as { statusMessage?: string }[]).map((r) => r.statusMessage)).toContain(INERT);
    const yaml = await runAgainst(backend, ['requests', '--output', 'yaml']);
    clean(yaml.out);
  });

  it('hostile text in a synchronous error message is inert on stderr', async () => {
    backend.emulator.failNext('GetResource', 1, { exception: 'InvalidRequestException', message: HOSTILE });
    const { code, out, err } = await runAgainst(backend, ['get', arn]);
    expect(code).toBe(1);
    expect(out).toBe('');
    clean(err);
    expect(err).toBe(`spex: The service refused GetResource: ${INERT}\n`);
  });

  it('hostile text in an update refusal is inert on stderr, and nothing changed', async () => {
    const before = backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, demoProfileArn('Team Leads'));
    backend.emulator.failNext('UpdateResource', 1, { handlerErrorCode: 'ResourceConflict', message: HOSTILE });
    const { code, err } = await runAgainst(backend, ['update', demoProfileArn('Team Leads'), '--description', 'x']);
    expect(code).toBe(1);
    clean(err);
    expect(err).toContain(`ResourceConflict): ${INERT}`);
    expect(backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, demoProfileArn('Team Leads'))).toEqual(before);
  });
});

describe('secrets over a whole session of commands with --debug', () => {
  const ACCESS_KEY = 'AKIASPEXFAKE7EXAMPLE';
  const SECRET = 'spexFAKEsecret/K7MDENG+bPxRfiCYEXAMPLEKEY';
  const SESSION = 'IQoJb3JpZ2luX2VjEspexFAKEsessionTOKEN//////////wEaCXVzLWVhc3QtMSJH';
  const env = { AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: SESSION };
  let backend: TestBackend;
  let proxy: DroppingProxy;
  beforeAll(async () => {
    backend = await startTestBackend();
    proxy = await startDroppingProxy(backend.emulator.url);
  });
  afterAll(async () => {
    await proxy.close();
    await backend.close();
  });

  it('never shows the key pair, the session token or the signature, on success and on every kind of failure', async () => {
    const emulator = backend.emulator;
    const arn = demoProfileArn('Workforce Planning');
    const steps: [string[], (() => void)?][] = [
      [['instances']],
      [['list', '--instance', 'acme-support']],
      [['get', arn, '--output', 'yaml']],
      [['create', '--instance', 'acme-support', '--name', 'Secret Session', '--permission', 'BasicAgentAccess']],
      [['update', arn, '--description', 'Session', '--dry-run']],
      [['update', arn, '--description', 'Session']],
      [['delete', demoProfileArn('Reporting Analysts'), '--yes']],
      [['requests', '--output', 'table']],
      [['get', arn], () => emulator.failNext('GetResource', 1, { exception: 'AccessDeniedException' })],
      [['instances'], () => emulator.failNext('ListResources', 1, { exception: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' })],
      [['instances'], () => emulator.failNext('ListResources', 1, { exception: 'ExpiredTokenException', message: 'The security token included in the request is expired' })],
      [['get', arn], () => emulator.failNext('GetResource', 2, { exception: 'ThrottlingException' })],
      [['create', '--instance', 'acme-support', '--name', 'Denied Session'], () => emulator.failNext('CreateResource', 1, { handlerErrorCode: 'AccessDenied' })],
      [['get', arn, 'UNREACHABLE']],
      [['iam-policy']],
    ];
    const outputs: string[] = [];
    const codes: number[] = [];
    for (const [args, arrange] of steps) {
      arrange?.();
      const unreachable = args.includes('UNREACHABLE');
      const result = await runAgainst(backend, [...args.filter((a) => a !== 'UNREACHABLE'), '--debug'], { env, endpoint: unreachable ? 'http://127.0.0.1:1' : proxy.url });
      codes.push(result.code);
      outputs.push(result.out, result.err);
    }
    expect(codes, outputs.join('\n')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0]);
    const all = outputs.join('\n');
    // The session really ran with these secrets, and --debug really logged it.
    expect(proxy.headers.length).toBeGreaterThan(15);
    expect(proxy.headers.every((h) => h['x-amz-security-token'] === SESSION && String(h.authorization).includes(ACCESS_KEY))).toBe(true);
    expect(all).toMatch(/spex debug: UpdateResource us-east-1 200 \d+ms/);
    expect(all).toMatch(/spex debug: GetResource us-east-1 400 AccessDeniedException/);
    expect(all).toContain('AWS_PROFILE');
    expect(all).toContain('Cannot reach the Cloud Control endpoint http://127.0.0.1:1');
    for (const forbidden of [ACCESS_KEY, SECRET, SESSION, SECRET.slice(0, 12), SESSION.slice(0, 16), 'AWS4-HMAC-SHA256', 'Signature=', 'Credential=']) {
      expect(all).not.toContain(forbidden);
    }
    expect(all).not.toMatch(/authorization|x-amz-security-token|x-amz-date/i);
  });
});
