// AI agents through the headless commands, against the emulator's demo (acme-support: “Order status
// assistant” holds AI Agent Builders, “Supervisor copilot” holds CallCenterManager; Tier 1 Support allows
// the order assistant): explain-agent (and explain-user given an agent), spex users, spex get, and the
// exports that cannot carry a profile's allowed AI agents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { memoryIo } from '../helpers/memory-io.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => backend.close());

async function run(...args: string[]) {
  const io = memoryIo({ env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey } });
  const code = await runCommand(args[0]!, [...args.slice(1), '--endpoint-url', backend.emulator.url, '--region', 'us-east-1'], io);
  return { code, out: io.out(), err: io.err() };
}

describe('AI agents in the headless commands', () => {
  it('explain-agent: the profiles it holds, every permission with where it comes from, and the MCP tools it may call', async () => {
    const copilot = await run('explain-agent', 'supervisor copilot', '--instance', 'acme-support', '--output', 'table');
    expect(copilot.code).toBe(0);
    expect(copilot.out).toMatch(/^AI agent Supervisor copilot holds CallCenterManager\./);
    expect(copilot.out).toMatch(/✓ Users · Edit \(Users\.Edit\) — from CallCenterManager/);
    // CallCenterManager grants what a human agent needs for the built-in tools (the admin guide's table).
    expect(copilot.out).toContain('Customer Profiles (built in): needs CustomerProfiles.View, which its profiles grant');
    expect(copilot.out).toContain('Cases (create, update, search) (built in): needs Cases.View and Cases.Edit');
    const order = JSON.parse((await run('explain-user', 'Order status assistant', '--instance', 'acme-support', '--output', 'json')).out) as { kind: string; profiles: { name: string }[]; tools: { applications: { namespace: string; tools: string[] }[] } };
    expect(order.kind).toBe('AI agent');
    expect(order.profiles.map((p) => p.name)).toEqual(['AI Agent Builders']);
    expect(order.tools.applications).toEqual(expect.arrayContaining([expect.objectContaining({ namespace: 'mcp.orders.acme.example', tools: ['*'] })]));
    const missing = await run('explain-agent', 'Order status asistant', '--instance', 'acme-support');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("No AI agent 'Order status asistant' in that instance (did you mean Order status assistant");
  });

  it('spex users lists the AI agents after the users; spex get names the allowed agents', async () => {
    const users = await run('users', 'CallCenterManager', '--instance', 'acme-support', '--output', 'table');
    expect(users.out).toMatch(/AI AGENT\s+ARN/);
    expect(users.out).toContain('1 AI agent holds it too.');
    const doc = JSON.parse((await run('users', 'CallCenterManager', '--instance', 'acme-support', '--output', 'json')).out) as { aiAgents: { name: string }[] };
    expect(doc.aiAgents.map((a) => a.name)).toEqual(['Supervisor copilot']);
    const get = await run('get', 'Tier 1 Support', '--instance', 'acme-support', '--output', 'table');
    expect(get.out).toMatch(/Allowed AI agents\s+Order status assistant \(arn:aws:wisdom:/);
  });

  it('exports: the profiles file carries the allowed agents; CloudFormation and Terraform say per profile they cannot (exit 3 unless --allow-loss)', async () => {
    const yaml = await run('export', '--instance', 'acme-support', '--name', 'Tier 1 Support');
    expect(yaml.code).toBe(0);
    expect(yaml.out).toMatch(/AllowedAIAgents:\n\s+- Arn: arn:aws:wisdom:/);
    for (const format of ['cloudformation', 'terraform-awscc', 'terraform-aws']) {
      const lossy = await run('export', '--instance', 'acme-support', '--name', 'Tier 1 Support', '--format', format);
      expect(lossy.code, format).toBe(3);
      expect(lossy.err, format).toMatch(/Tier 1 Support.*AllowedAIAgents.*Connect API only/);
      expect((await run('export', '--instance', 'acme-support', '--name', 'Tier 1 Support', '--format', format, '--allow-loss')).code, format).toBe(0);
    }
  });
});

describe('AI agents on the batch of holder changes', () => {
  it('assign --ai-agent gives and takes away through Associate/DisassociateSecurityProfiles, guarded and read again; move-holders moves agents with the users', async () => {
    const before = await run('assign', '--instance', 'acme-support', '--ai-agent', 'Supervisor copilot', '--add', 'QualityAnalyst', '--remove', 'CallCenterManager', '--dry-run', '--output', 'table');
    expect(before.code).toBe(2);
    expect(before.out).toContain('AI agent “Supervisor copilot”: CallCenterManager → QualityAnalyst');
    const sent = await run('assign', '--instance', 'acme-support', '--ai-agent', 'supervisor copilot', '--add', 'QualityAnalyst', '--remove', 'CallCenterManager', '--yes');
    expect(sent.code, sent.err).toBe(0);
    expect(sent.err).toContain('1 of 1 user changed and read again');
    const ops = backend.emulator.requests.map((r) => r.operation);
    expect(ops).toContain('AssociateSecurityProfiles');
    expect(ops).toContain('DisassociateSecurityProfiles');
    expect(ops).not.toContain('UpdateUserSecurityProfiles');
    // Back again with move-holders, which takes the agent as a holder of QualityAnalyst (no user holds it).
    const moved = await run('move-holders', '--instance', 'acme-support', '--from', 'QualityAnalyst', '--to', 'CallCenterManager', '--yes');
    expect(moved.code, moved.err).toBe(0);
    const users = JSON.parse((await run('users', 'CallCenterManager', '--instance', 'acme-support', '--output', 'json')).out) as { aiAgents: { name: string }[] };
    expect(users.aiAgents.map((a) => a.name)).toEqual(['Supervisor copilot']);
    const unknown = await run('assign', '--instance', 'acme-support', '--ai-agent', 'Supervisor copilt', '--add', 'Agent', '--dry-run');
    expect(unknown.err).toContain("--ai-agent: no AI agent 'Supervisor copilt' in that instance");
  });
});
