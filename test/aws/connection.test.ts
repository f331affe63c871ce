import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConnection } from '../../src/aws/index.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { type TestBackend, startTestBackend } from '../helpers/emulator.js';

describe('resolveConnection', () => {
  let dir: string;
  let config: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'spex-conn-'));
    config = join(dir, 'config');
    writeFileSync(config, '[default]\nregion = eu-west-2\n\n[profile work]\nregion = ap-southeast-2\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const base = () => ({ AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') });

  it.each([
    ['--region first', { region: 'us-west-2' }, { AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'ca-central-1' }, 'us-west-2'],
    ['then AWS_REGION', {}, { AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'ca-central-1' }, 'eu-central-1'],
    ['then AWS_DEFAULT_REGION', {}, { AWS_DEFAULT_REGION: 'ca-central-1' }, 'ca-central-1'],
    ['then the default profile', {}, {}, 'eu-west-2'],
    ['then the named profile (--profile)', { profile: 'work' }, {}, 'ap-southeast-2'],
    ['then the named profile (AWS_PROFILE)', {}, { AWS_PROFILE: 'work' }, 'ap-southeast-2'],
  ])('region: %s', async (_name, flags, env, expected) => {
    const connection = await resolveConnection({ flags, env: { ...base(), ...env } });
    expect(connection.region).toBe(expected);
  });

  it('has no region when nothing configures one', async () => {
    const connection = await resolveConnection({ flags: {}, env: { AWS_CONFIG_FILE: join(dir, 'missing'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'missing') } });
    expect(connection.region).toBeUndefined();
  });

  it.each([
    [{ endpointUrl: 'http://a' }, { AWS_ENDPOINT_URL_CLOUDCONTROL: 'http://b', AWS_ENDPOINT_URL: 'http://c' }, 'http://a'],
    [{}, { AWS_ENDPOINT_URL_CLOUDCONTROL: 'http://b', AWS_ENDPOINT_URL: 'http://c' }, 'http://b'],
    [{}, { AWS_ENDPOINT_URL: 'http://c' }, 'http://c'],
    [{}, {}, undefined],
  ])('endpoint precedence %#', async (flags, env, expected) => {
    expect((await resolveConnection({ flags, env: { ...base(), ...env } })).endpoint).toBe(expected);
  });

  it('takes the Connect API endpoint from AWS_ENDPOINT_URL_CONNECT (else none: createSpex then uses the Cloud Control one)', async () => {
    expect((await resolveConnection({ flags: {}, env: { ...base(), AWS_ENDPOINT_URL_CONNECT: 'http://connect' } })).connectEndpoint).toBe('http://connect');
    expect((await resolveConnection({ flags: { endpointUrl: 'http://a' }, env: base() })).connectEndpoint).toBeUndefined();
  });

  it('takes a key pair from the given environment, not from process.env', async () => {
    const connection = await resolveConnection({ flags: {}, env: { ...base(), AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'envsecret', AWS_SESSION_TOKEN: 'tok' } });
    expect(connection.credentials).toEqual({ accessKeyId: 'AKIDENV', secretAccessKey: 'envsecret', sessionToken: 'tok' });
  });

  it('uses the profile chain when --profile is given', async () => {
    const connection = await resolveConnection({ flags: { profile: 'work' }, env: { ...base(), AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'envsecret' } });
    expect(typeof connection.credentials).toBe('function');
  });
});

describe('--debug log', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  it('logs one line per request, never credentials, session tokens or signatures', async () => {
    const lines: string[] = [];
    const secret = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYSECRET';
    const sessionToken = 'FwoGZXIvYXdzSESSIONTOKEN0123456789';
    const { createSpex } = await import('../../src/aws/index.js');
    const spex = createSpex({
      region: backend.region,
      endpoint: backend.emulator.url,
      credentials: { accessKeyId: 'AKIDDEBUG', secretAccessKey: secret, sessionToken },
      maxAttempts: 2,
      pollSchedule: { firstMs: 5, maxMs: 20 },
      debug: (line) => lines.push(line),
    });
    try {
      const service = spex.forRegion(backend.region);
      await service.listInstances();
      for await (const _ of service.listProfiles(backend.instanceArn)) { /* all pages */ }
      const arn = demoProfileArn('Team Leads');
      const before = await service.getProfile(arn);
      expect((await service.updateProfile(arn, before, { ...before, Description: 'Debugged' }).done).ok).toBe(true);
      backend.emulator.failNext('GetResource', 1, { exception: 'AccessDeniedException' });
      await service.getProfile(arn).catch(() => undefined);
      await service.listRequests();
    } finally {
      spex.close();
    }
    const log = lines.join("\n");
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.some((l) => /ListResources us-east-1 200 \d+ms/.test(l))).toBe(true);
    expect(lines.some((l) => /GetResource us-east-1 400 AccessDeniedException/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('UpdateResource') && l.includes(demoProfileArn('Team Leads')))).toBe(true);
    for (const forbidden of [secret, sessionToken, 'Authorization', 'authorization', 'AWS4-HMAC-SHA256', 'Signature=', 'X-Amz-Security-Token']) {
      expect(log).not.toContain(forbidden);
    }
  });
});
