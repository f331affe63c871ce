// Drift and promote across an organisation's accounts, through the SDK against the emulator's
// organisation (twelve generated retail accounts, retail-010's Tier 1 Support drifted by one
// permission): past eight instances the drift table sums each profile up and names where it drifts;
// promote takes its targets by filter (every instance in eu-west-2 of the Retail OU).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { memoryIo } from '../helpers/memory-io.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend({ orgAccounts: 12 });
});
afterAll(async () => backend.close());

const ORG = ['--org', '--org-unit', 'Retail', '--region', 'us-east-1,us-west-2,eu-west-2'];

async function run(name: string, ...args: string[]) {
  const io = memoryIo({ env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, SPEX_CACHE_DIR: 'off', SPEX_STATE_DIR: '/nonexistent-spex-state' } });
  const code = await runCommand(name, [...ORG, ...args, '--endpoint-url', backend.emulator.url], io);
  return { code, out: io.out(), err: io.err() };
}

describe('an organisation', () => {
  it('drift sums each profile up across the instances and names where it drifts', async () => {
    const table = await run('drift', '--baseline', 'retail-001:retail-001', '--profile-name', 'Tier 1 Support', '--profile-name', 'Team Leads', '--output', 'table');
    expect(table.code).toBe(2);
    expect(table.out).toMatch(/ACROSS 11 INSTANCES \(BASELINE retail-001:retail-001\)/);
    expect(table.out).toMatch(/Tier 1 Support\s+same in 10, differs in 1\s+retail-010:retail-010 ≠1/);
    expect(table.out).toMatch(/Team Leads\s+same in 11/);
    const json = await run('drift', '--baseline', 'retail-001:retail-001', '--profile-name', 'Tier 1 Support', '--output', 'json');
    const tier1 = (JSON.parse(json.out) as { profiles: { name: string; summary: Record<string, number> }[] }).profiles[0]!;
    expect(tier1.summary).toEqual({ same: 10, differs: 1, missing: 0, extra: 0, unknown: 0 });
  });

  it('promote --to-filter takes every ACTIVE instance the words match, the source aside', async () => {
    const plan = await run('promote', '--from', 'retail-010:retail-010', '--to-filter', 'eu-west-2', '--profile-name', 'Tier 1 Support', '--dry-run', '--output', 'json');
    expect(plan.code).toBe(2); // --dry-run: changes to make
    const targets = (JSON.parse(plan.out) as { targets: { key: string }[] }).targets.map((t) => t.key);
    expect(targets).toEqual(['retail-002:retail-002', 'retail-005:retail-005', 'retail-008:retail-008', 'retail-011:retail-011']);
    const none = await run('promote', '--from', 'retail-010:retail-010', '--to-filter', 'ap-south-1', '--profile-name', 'Tier 1 Support', '--dry-run');
    expect(none.err).toContain('--to-filter ap-south-1: no ACTIVE instance of the fleet but the source matches');
    const both = await run('promote', '--from', 'retail-010:retail-010', '--to', 'retail-002:retail-002', '--to-filter', 'x', '--profile-name', 'Tier 1 Support', '--dry-run');
    expect(both.err).toContain('promote takes --to or --to-filter, not both');
  });
});
