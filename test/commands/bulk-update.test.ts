// `spex update` over several profiles (--profile-name, --grants, --all) against the emulator: one
// review of every profile's change and reach, the unchanged ones listed, one batch applied, checked in
// the emulator's data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { runAgainst } from '../reliability/support/run.js';

let backend: TestBackend;
let state: string;
beforeAll(async () => {
  backend = await startTestBackend();
  state = mkdtempSync(join(tmpdir(), 'spex-bulk-'));
});
afterAll(async () => {
  await backend.close();
  rmSync(state, { recursive: true, force: true });
});

const run = (args: string[]) =>
  runAgainst(backend, ['update', ...args, '--instance', 'acme-support'], { env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, SPEX_STATE_DIR: state } });
const permissionsOf = (name: string) => (backend.emulator.getModel('us-east-1', SECURITY_PROFILE_TYPE, demoProfileArn(name))?.Permissions as string[]) ?? [];
const updates = () => backend.emulator.requests.filter((r) => r.operation === 'UpdateResource');

describe('spex update on several profiles', () => {
  const names = ['Agent', 'QualityAnalyst', 'Tier 1 Support'];
  const named = names.flatMap((n) => ['--profile-name', n]);

  it('--dry-run: one review, each profile with its change and its reach in users; those the change does nothing to are listed as unchanged; nothing sent', async () => {
    backend.emulator.clearRequests();
    expect(permissionsOf('Agent')).toContain('BasicAgentAccess');
    const { code, out } = await run([...named, '--add-permission', 'BasicAgentAccess', '--dry-run', '--output', 'table']);
    expect(code).toBe(0);
    expect(out).toMatch(/“QualityAnalyst” — reaches \d+ users?/);
    expect(out).toContain('(BasicAgentAccess)');
    expect(out).toMatch(/Unchanged \(the change does nothing to them\): .*Agent/);
    expect(out).toContain('Nothing has been sent yet.');
    expect(updates()).toEqual([]);
  });

  it('applies the change to every named profile in one batch, each once', async () => {
    backend.emulator.clearRequests();
    const changing = names.filter((n) => !permissionsOf(n).includes('Queues.View'));
    const { code, err } = await run([...named, '--add-permission', 'Queues.View', '--yes']);
    expect(code).toBe(0);
    expect(err).toContain(`${changing.length} of ${changing.length} profiles updated`);
    for (const n of names) expect(permissionsOf(n)).toContain('Queues.View');
    expect(updates()).toHaveLength(changing.length);
  });

  it('--grants picks the profiles that grant a permission; an unknown name is refused before anything is sent', async () => {
    backend.emulator.clearRequests();
    const review = await run(['--grants', 'Queues.View', '--tag', 'reviewed=2026', '--dry-run', '--output', 'json']);
    const plan = JSON.parse(review.out) as { changes: { name: string }[] };
    expect(plan.changes.map((c) => c.name)).toEqual(expect.arrayContaining(names));
    const missing = await run(['--profile-name', 'Nobody', '--add-permission', 'Queues.View', '--yes']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("--profile-name: no security profile 'Nobody'");
    expect(updates()).toEqual([]);
  });

  it('one change to twelve profiles, one review, one guarded update each, checked in the data; the rest untouched', async () => {
    backend.emulator.clearRequests();
    const all = backend.emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE).filter((m) => m.InstanceArn === backend.instanceArn && !/[()]/.test(String(m.SecurityProfileName)));
    const twelve = all.slice(0, 12).map((m) => String(m.SecurityProfileName));
    const others = all.slice(12).map((m) => String(m.SecurityProfileName));
    expect(twelve).toHaveLength(12);
    const before = new Map(others.map((n) => [n, [...permissionsOf(n)].sort()]));
    const changing = twelve.filter((n) => !permissionsOf(n).includes('ContactLensPostContactSummary.View'));
    const { code, out, err } = await run([...twelve.flatMap((n) => ['--profile-name', n]), '--add-permission', 'ContactLensPostContactSummary.View', '--yes', '--output', 'table']);
    expect(code, err).toBe(0);
    expect(out).toContain(`Update ${changing.length} profile`);
    for (const n of twelve) expect(permissionsOf(n), n).toContain('ContactLensPostContactSummary.View');
    for (const n of others) expect([...permissionsOf(n)].sort(), n).toEqual(before.get(n));
    expect(updates()).toHaveLength(changing.length);
  });
});

