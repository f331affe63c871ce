// `spex lint` through its real entry point against the emulator's demo instance: findings, exit
// codes for CI, every output format, and the holders rule skipped (said so) when nobody can be listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { memoryIo } from '../helpers/memory-io.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => backend.close());

async function lint(...args: string[]) {
  const io = memoryIo({ env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey } });
  const code = await runCommand('lint', ['--instance', 'acme-support', ...args, '--endpoint-url', backend.emulator.url, '--region', 'us-east-1'], io);
  return { code, out: io.out(), err: io.err() };
}

describe('spex lint', () => {
  it('finds the demo\'s risky profiles, with evidence, and exits 1 on a high finding', async () => {
    const { code, out, err } = await lint('--output', 'json');
    expect(code).toBe(1);
    expect(err).toMatch(/details \(to check every profile\) \d+\/\d+/);
    const { findings } = JSON.parse(out) as { findings: { rule: string; severity: string; profile: string; evidence: string[] }[] };
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'escalation', severity: 'high', profile: 'CallCenterManager', evidence: expect.arrayContaining(['Users.Edit']) }));
    expect(findings.some((f) => f.rule === 'escalation' && f.profile === 'Admin')).toBe(false);
    expect(findings.some((f) => f.rule === 'not-cloud-control-safe' && f.profile === 'Supervisors (EMEA)')).toBe(true);
    // Holders came from SearchUsers: the rule that needs them ran.
    expect(findings.some((f) => f.rule === 'multi-tag-restricted')).toBe(true);
    expect(backend.emulator.requests.some((r) => r.operation === 'SearchUsers')).toBe(true);
  });

  it('--fail-on decides the exit code; a bad value is a usage error', async () => {
    expect((await lint('--output', 'json', '--fail-on', 'low')).code).toBe(1);
    const bad = await lint('--fail-on', 'critical');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--fail-on must be high, medium or low (got 'critical')");
    const badOutput = await lint('--output', 'xml');
    expect(badOutput.code).toBe(2);
    expect(badOutput.err).toContain("--output must be table, json, yaml or sarif (got 'xml')");
  });

  it('writes SARIF 2.1.0 for code scanning, and a table for people', async () => {
    const sarif = JSON.parse((await lint('--output', 'sarif')).out) as { version: string; runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; message: { text: string } }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toContain('escalation');
    expect(sarif.runs[0]!.results).toContainEqual(expect.objectContaining({ ruleId: 'escalation', level: 'error', message: { text: expect.stringContaining('CallCenterManager') } }));
    const table = await lint('--output', 'table');
    expect(table.out).toMatch(/^SEVERITY\s+RULE\s+PROFILE\s+EVIDENCE/m);
    expect(table.out).toMatch(/\d+ high, \d+ medium, \d+ low in \d+ profiles/);
  });

  it('without holders (SearchUsers denied, the User list empty) the holders rule is skipped and said so', async () => {
    backend.emulator.setFaults({ userList: 'empty' });
    backend.emulator.failNext('SearchUsers', 5, { exception: 'AccessDeniedException' });
    const { out, err } = await lint('--output', 'json');
    expect(err).toContain('multi-tag-restricted: who holds which profile is not known, so it was not checked');
    expect((JSON.parse(out) as { findings: { rule: string }[] }).findings.some((f) => f.rule === 'multi-tag-restricted')).toBe(false);
    backend.emulator.setFaults({ userList: 'full' });
  });
});
