// `spex lint` through its real entry point against the emulator's demo instance: findings, exit
// codes for CI, every output format, and the holders rule skipped (said so) when nobody can be listed.
import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.js';
import { RULES } from '../../src/domain/access/lint.js';
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

  it('in the demo every rule finds something, across acme-support and the untidy acme-apac, and some profiles pass them all', async () => {
    const support = JSON.parse((await lint('--output', 'json')).out) as { findings: { rule: string; profile: string }[] };
    const io = memoryIo({ env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey } });
    const code = await runCommand('lint', ['--instance', 'acme-apac', '--output', 'json', '--fail-on', 'medium', '--endpoint-url', backend.emulator.url, '--region', 'ap-southeast-2'], io);
    expect(code).toBe(1);
    const apac = JSON.parse(io.out()) as { findings: { rule: string; profile: string; evidence: string[] }[] };
    const rules = new Set([...support.findings, ...apac.findings].map((f) => f.rule));
    expect([...rules].sort()).toEqual(Object.keys(RULES).sort());
    expect(apac.findings).toContainEqual(expect.objectContaining({ rule: 'view-missing', profile: 'Queue Editors', evidence: ['Queues.Edit without Queues.View'] }));
    // The quota as Service Quotas gives it (the emulator answers AWS's default, 100).
    expect(apac.findings).toContainEqual(expect.objectContaining({ rule: 'quota', evidence: [expect.stringMatching(/^\d+ of 100 profiles \(\d+%\)$/)] }));
    expect(backend.emulator.requests.some((r) => r.operation === 'GetServiceQuota')).toBe(true);
    expect(apac.findings.some((f) => f.profile === 'Site 01 agents')).toBe(false);
    // The AI agents' rules: an agent holding escalation permissions, one allowed every tool of an MCP server, an allowance to an agent gone.
    const all = [...support.findings, ...apac.findings] as { rule: string; profile: string; evidence: string[] }[];
    expect(all).toContainEqual(expect.objectContaining({ rule: 'agent-escalation', profile: 'CallCenterManager', evidence: [expect.stringMatching(/^AI agent “Supervisor copilot” holds it: Users\.Edit/)] }));
    expect(all).toContainEqual(expect.objectContaining({ rule: 'agent-every-tool', profile: 'AI Agent Builders', evidence: [expect.stringContaining('AI agent “Order status assistant” may call every tool of mcp.orders.acme.example (*)')] }));
    expect(all).toContainEqual(expect.objectContaining({ rule: 'agent-allowance-unused', profile: 'Legacy Wallboard', evidence: expect.arrayContaining([expect.stringContaining('which is no AI agent of this instance spex can find')]) }));
    expect(support.findings.some((f) => f.profile === 'Workforce Planning')).toBe(false);
  });

  it('the quota comes from Service Quotas: a raised one clears the finding; where it cannot be read, the default is said', async () => {
    const apac = async () => {
      const io = memoryIo({ env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey } });
      await runCommand('lint', ['--instance', 'acme-apac', '--output', 'json', '--endpoint-url', backend.emulator.url, '--region', 'ap-southeast-2'], io);
      return { findings: (JSON.parse(io.out()) as { findings: { rule: string; evidence: string[] }[] }).findings, err: io.err() };
    };
    backend.emulator.setFaults({ profileQuota: 200 });
    expect((await apac()).findings.some((f) => f.rule === 'quota')).toBe(false);
    backend.emulator.setFaults({ profileQuota: 100 });
    backend.emulator.failNext('GetServiceQuota', 1, { exception: 'AccessDeniedException' });
    const denied = await apac();
    expect(denied.err).toContain('quota: the default 100 profiles per instance is assumed');
    expect(denied.findings.find((f) => f.rule === 'quota')!.evidence[0]).toMatch(/the default quota$/);
  });

  it('--fail-on decides the exit code; a bad value is a usage error', async () => {
    expect((await lint('--output', 'json', '--fail-on', 'low')).code).toBe(1);
    const bad = await lint('--fail-on', 'critical');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--fail-on must be high, medium or low (got 'critical')");
    const badOutput = await lint('--output', 'xml');
    expect(badOutput.code).toBe(2);
    expect(badOutput.err).toContain("--output must be table, json, yaml, sarif or csv (got 'xml')");
  });

  it('writes SARIF 2.1.0 that the OASIS schema accepts, for code scanning, and a table for people', async () => {
    const raw = JSON.parse((await lint('--output', 'sarif')).out) as unknown;
    const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
    // Both are CommonJS: under NodeNext their default import is the module, the class its `default`.
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    ajvFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(raw), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The schema does refuse a malformed log (a driver without its name, a level SARIF does not have).
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
    const sarif = raw as { version: string; runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; message: { text: string } }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['escalation', 'agent-escalation']));
    expect(sarif.runs[0]!.results).toContainEqual(expect.objectContaining({ ruleId: 'agent-escalation', level: 'error', message: { text: expect.stringContaining('Supervisor copilot') } }));
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

describe('spex explain-user', () => {
  async function explain(...args: string[]) {
    const io = memoryIo({ env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey } });
    const code = await runCommand('explain-user', [...args, '--instance', 'acme-support', '--endpoint-url', backend.emulator.url, '--region', 'us-east-1'], io);
    return { code, out: io.out(), err: io.err() };
  }

  it('a user holding a tag-restricted profile beside an unrestricted one: every permission with its profiles, and the restriction lifted', async () => {
    // A demo user holding Supervisors (EMEA) (tag-restricted) and CallCenterManager (unrestricted).
    const users = backend.emulator.listModels(backend.region, 'AWS::Connect::User') as unknown as { Username: string; SecurityProfileArns: string[] }[];
    const profiles = backend.emulator.listModels(backend.region, 'AWS::Connect::SecurityProfile') as unknown as { SecurityProfileArn: string; SecurityProfileName: string }[];
    const arnOf = (name: string) => profiles.find((p) => p.SecurityProfileName === name)!.SecurityProfileArn;
    const who = users.find((u) => u.SecurityProfileArns.includes(arnOf('Supervisors (EMEA)')) && u.SecurityProfileArns.includes(arnOf('CallCenterManager')))!;
    const { code, out } = await explain(who.Username, '--output', 'json');
    expect(code).toBe(0);
    const e = JSON.parse(out) as { username: string; permissions: { name: string; grantedBy: string[] }[]; restrictions: { resource: string; applies: boolean; liftedBy: string[] }[] };
    expect(e.username).toBe(who.Username);
    expect(e.permissions.find((p) => p.name === 'Users.Edit')!.grantedBy).toContain('CallCenterManager');
    expect(e.restrictions.find((r) => r.resource === 'User')).toMatchObject({ applies: false, liftedBy: ['CallCenterManager'] });
    const table = await explain(who.Username, '--output', 'table');
    expect(table.out).toContain('Restrictions, as they combine:');
  });

  it('an unknown login says so, with close logins', async () => {
    const users = backend.emulator.listModels(backend.region, 'AWS::Connect::User') as unknown as { Username: string }[];
    const real = users[0]!.Username;
    const typo = `${real.slice(0, -1)}`;
    const { code, err } = await explain(typo);
    expect(code).toBe(1);
    expect(err).toContain(`No user '${typo}' in that instance (did you mean`);
    expect(err).toContain(real);
  });
});
