import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.js';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { memoryIo } from '../helpers/memory-io.js';

let backend: TestBackend;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spex-cmd-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  backend = await startTestBackend();
});
afterEach(async () => {
  await backend.close();
});

const env = () => ({
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
});
async function run(args: string[], options: Parameters<typeof memoryIo>[0] = {}) {
  const io = memoryIo({ env: env(), ...options });
  const [name, ...rest] = args;
  const code = await runCommand(name!, [...rest, '--endpoint-url', backend.emulator.url, '--region', 'us-east-1'], io);
  return { code, out: io.out(), err: io.err() };
}
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const model = (arn: string) => backend.emulator.getModel('us-east-1', SECURITY_PROFILE_TYPE, arn);
const named = (name: string) => backend.emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE).filter((m) => m.SecurityProfileName === name);
const sent = (operation: string) => backend.emulator.requests.filter((r) => r.operation === operation);

describe('create', () => {
  it('creates from flags, shows progress on stderr and the model on stdout', async () => {
    const { code, out, err } = await run(['create', '--instance', 'acme-support', '--name', 'Night Shift', '--description', 'After hours', '--permission', 'BasicAgentAccess', '--permission', 'users.view', '--tag', 'team=ops']);
    expect(err).toMatch(/CREATE (IN_PROGRESS|SUCCESS)/);
    expect(code).toBe(0);
    const created = JSON.parse(out) as { SecurityProfileName: string; Permissions: string[]; Tags: unknown };
    expect(created.SecurityProfileName).toBe('Night Shift');
    expect(created.Permissions.sort()).toEqual(['BasicAgentAccess', 'Users.View']);
    expect(created.Tags).toEqual([{ Key: 'team', Value: 'ops' }]);
    expect(named('Night Shift')).toHaveLength(1);
  });

  it('creates from a YAML file', async () => {
    const path = file('p.yaml', 'SecurityProfileName: From YAML\nDescription: via file\nPermissions:\n  - BasicAgentAccess\n');
    const { code } = await run(['create', '--instance', 'acme-support', '--from-file', path]);
    expect(code).toBe(0);
    expect(named('From YAML')[0]).toMatchObject({ Description: 'via file', Permissions: ['BasicAgentAccess'] });
  });

  it('refuses an invalid profile, naming the field and the rule, and sends nothing', async () => {
    const { code, err } = await run(['create', '--instance', 'acme-support', '--name', 'No/Slashes', '--description', 'x'.repeat(300)]);
    expect(code).toBe(1);
    expect(err).toContain('SecurityProfileName');
    expect(err).toContain('Description');
    expect(err).toContain('nothing was sent');
    expect(sent('CreateResource')).toHaveLength(0);
  });

  it.each([
    ['bad.json', '{\n  "SecurityProfileName": "X",\n  "Permissions": [,]\n}\n', /invalid JSON at line 3, column 19/],
    ['bad.yaml', 'SecurityProfileName: X\nPermissions: [a, b\nDescription: y\n', /invalid YAML at line \d+, column \d+/],
    ['list.json', '[1, 2]', /must hold one profile/],
    ['ro.json', '{"SecurityProfileName":"X","SecurityProfileArn":"arn:x"}', /SecurityProfileArn is read-only/],
  ])('reports a bad file (%s) clearly', async (name, text, message) => {
    const { code, err } = await run(['create', '--instance', 'acme-support', '--from-file', file(name, text)]);
    expect(code).toBe(1);
    expect(err).toMatch(message);
    expect(sent('CreateResource')).toHaveLength(0);
  });

  it('reports a missing file', async () => {
    const { code, err } = await run(['create', '--instance', 'acme-support', '--from-file', join(dir, 'missing.json')]);
    expect(code).toBe(1);
    expect(err).toContain('ENOENT');
  });

  it('shows a FAILED request with its handler code and exits 1', async () => {
    backend.emulator.failNext('CreateResource', 1, { handlerErrorCode: 'AccessDenied', message: 'not allowed here' });
    const { code, err } = await run(['create', '--instance', 'acme-support', '--name', 'Denied']);
    expect(code).toBe(1);
    expect(err).toContain('CREATE FAILED');
    expect(err).toContain('not allowed here');
    expect(err).toContain('connect:CreateSecurityProfile');
  });
});

describe('update', () => {
  const arn = demoProfileArn('Workforce Planning');
  /** A catalogue permission the profile does not have yet. */
  const missing = (): string => ['Users.View', 'Queues.View', 'Prompts.View', 'RoutingPolicies.View'].find((p) => !(model(arn)!.Permissions as string[]).includes(p))!;

  it('a change that creates a high finding is warned about, as in the TUI review, and needs yes (or --yes)', async () => {
    const before = JSON.stringify(model(arn));
    const refused = await run(['update', arn, '--add-permission', 'Users.Edit']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/warning: high: grants Users.Edit to a non-admin profile/);
    expect(refused.err).toContain('--yes saves it anyway. Nothing was sent.');
    const declined = await run(['update', arn, '--add-permission', 'Users.Edit'], { stdinTTY: true, input: 'no\n' });
    expect(declined.code).toBe(1);
    expect(declined.err).toContain('Save it anyway? Type yes: ');
    expect(JSON.stringify(model(arn))).toBe(before);
    const saved = await run(['update', arn, '--add-permission', 'Users.Edit', '--yes']);
    expect(saved.code, saved.err).toBe(0);
    expect(model(arn)!.Permissions).toContain('Users.Edit');
  });

  it('applies permission, description and tag edits', async () => {
    const before = model(arn)!;
    const removed = (before.Permissions as string[])[0]!;
    const added = missing();
    const { code, err } = await run(['update', arn, '--add-permission', added, '--remove-permission', removed, '--description', 'Plans', '--tag', 'owner=ana', '--untag', 'cost-center']);
    expect(err).toMatch(/UPDATE SUCCESS/);
    expect(code).toBe(0);
    const after = model(arn)!;
    expect(after.Permissions).toContain(added);
    expect(after.Permissions).not.toContain(removed);
    expect(after.Description).toBe('Plans');
    expect(after.Tags).toEqual(expect.arrayContaining([{ Key: 'owner', Value: 'ana' }, { Key: 'team', Value: 'wfm' }]));
    expect((after.Tags as { Key: string }[]).some((t) => t.Key === 'cost-center')).toBe(false);
  });

  it('takes permissions in the console\'s words, adds the View they need, and says so', async () => {
    const before = model(arn)!.Permissions as string[];
    const target = ['Prompts', 'Queues', 'RoutingPolicies', 'HoursOfOperation'].find((r) => !before.includes(`${r}.View`) && !before.includes(`${r}.Edit`))!;
    const words = { Prompts: 'edit prompts', Queues: 'Queues – Edit', RoutingPolicies: 'routing profiles edit', HoursOfOperation: 'edit hours of operation' }[target]!;
    const { code, err } = await run(['update', arn, '--add-permission', words]);
    expect(code).toBe(0);
    expect(err).toContain(`${target}.Edit also grants ${target}.View, as the console does (--no-implied turns this off)`);
    expect(model(arn)!.Permissions).toEqual(expect.arrayContaining([`${target}.Edit`, `${target}.View`]));
  });

  it('--no-implied grants only what is named', async () => {
    const before = model(arn)!.Permissions as string[];
    const target = ['Prompts', 'Queues', 'RoutingPolicies', 'HoursOfOperation'].find((r) => !before.includes(`${r}.View`) && !before.includes(`${r}.Edit`))!;
    const { code, err } = await run(['update', arn, '--add-permission', `${target}.Edit`, '--no-implied']);
    expect(code).toBe(0);
    expect(err).not.toContain('also grants');
    expect(model(arn)!.Permissions).toContain(`${target}.Edit`);
    expect(model(arn)!.Permissions).not.toContain(`${target}.View`);
  });

  it('refuses an unknown or ambiguous permission with the choices, exit 2, before anything is sent', async () => {
    const typo = await run(['update', arn, '--add-permission', 'Usres.Edit']);
    expect(typo.code).toBe(2);
    expect(typo.err).toContain("--add-permission 'Usres.Edit' is not a permission spex knows (did you mean Users.Edit?); --allow-unknown sends it as typed");
    const many = await run(['create', '--instance', 'acme-support', '--name', 'Vague', '--permission', 'users.ed']);
    expect(many.code).toBe(2);
    expect(many.err).toContain("'users.ed' matches 2 permissions: Users.Edit, Users.EditPermission; name one of them");
    expect(sent('UpdateResource')).toHaveLength(0);
    expect(sent('CreateResource')).toHaveLength(0);
    const allowed = await run(['update', arn, '--add-permission', 'Brand.NewThing', '--allow-unknown']);
    expect(allowed.code).toBe(0);
    expect(allowed.err).toContain("'Brand.NewThing' is not a permission spex knows; sending it as typed (--allow-unknown)");
    expect(model(arn)!.Permissions).toContain('Brand.NewThing');
    // A name the profile holds is removed as it is spelt there, known or not.
    const removed = await run(['update', arn, '--remove-permission', 'Brand.NewThing']);
    expect(removed.code).toBe(0);
    expect(model(arn)!.Permissions).not.toContain('Brand.NewThing');
  });

  it('--dry-run prints the diff and the exact patch and sends nothing', async () => {
    const added = missing();
    const { code, out } = await run(['update', arn, '--add-permission', added, '--description', 'Plans', '--dry-run', '--output', 'table']);
    expect(code).toBe(0);
    expect(out).toContain(`(${added})`);
    expect(out).toMatch(/^\+ /m);
    expect(out).toContain('Patch (not sent)');
    expect(out).toContain('"op": "test"');
    expect(out).toContain('"path": "/Description"');
    const json = await run(['update', arn, '--add-permission', added, '--dry-run', '--output', 'json']);
    const parsed = JSON.parse(json.out) as { patch: { op: string; path: string }[]; changes: string[] };
    expect(parsed.patch.filter((p) => p.op !== 'test')).toEqual([expect.objectContaining({ op: 'add', path: '/Permissions' })]);
    expect(parsed.changes.length).toBe(1);
    expect(sent('UpdateResource')).toHaveLength(0);
  });

  it('takes the new values from a file; a rename in the file is refused', async () => {
    const ok = await run(['update', arn, '--from-file', file('upd.yaml', 'Description: From a file\nTags:\n  - Key: team\n    Value: planning\n')]);
    expect(ok.code).toBe(0);
    expect(model(arn)).toMatchObject({ Description: 'From a file', Tags: [{ Key: 'team', Value: 'planning' }] });
    const rename = await run(['update', arn, '--from-file', file('rename.json', '{"SecurityProfileName":"Renamed"}')]);
    expect(rename.code).toBe(1);
    expect(rename.err).toMatch(/SecurityProfileName|name/i);
    expect(sent('UpdateResource')).toHaveLength(1);
  });

  it('refuses a too-long description before sending', async () => {
    const { code, err } = await run(['update', arn, '--description', 'y'.repeat(251)]);
    expect(code).toBe(1);
    expect(err).toMatch(/Description/);
    expect(sent('UpdateResource')).toHaveLength(0);
  });

  it('reports no changes without sending', async () => {
    const { code, err } = await run(['update', arn]);
    expect(code).toBe(0);
    expect(err).toContain('No changes');
    expect(sent('UpdateResource')).toHaveLength(0);
  });
});

describe('delete', () => {
  const arn = demoProfileArn('Reporting Analysts');

  it('deletes with --yes', async () => {
    const { code, out } = await run(['delete', arn, '--yes']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ deleted: arn, name: 'Reporting Analysts' });
    expect(model(arn)).toBeUndefined();
  });

  it('refuses without --yes when stdin is not a terminal', async () => {
    const { code, err } = await run(['delete', arn]);
    expect(code).toBe(2);
    expect(err).toContain('without --yes');
    expect(sent('DeleteResource')).toHaveLength(0);
    expect(model(arn)).toBeDefined();
  });

  it('asks for the name on a terminal: the right name deletes, a wrong one does not', async () => {
    const wrong = await run(['delete', arn], { stdinTTY: true, input: 'Reporting\n' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('Type its name');
    expect(model(arn)).toBeDefined();
    const right = await run(['delete', arn], { stdinTTY: true, input: 'Reporting Analysts\n' });
    expect(right.code).toBe(0);
    expect(model(arn)).toBeUndefined();
  });

  it('refuses to delete a built-in profile', async () => {
    const { code, err } = await run(['delete', demoProfileArn('Agent'), '--yes']);
    expect(code).toBe(1);
    expect(err).toContain('built-in');
    expect(sent('DeleteResource')).toHaveLength(0);
  });

  it('refuses a profile that users hold before sending anything, naming up to ten of them and the count', async () => {
    const arn = demoProfileArn('Tier 1 Support');
    const holders = backend.emulator.listModels('us-east-1', 'AWS::Connect::User').filter((u) => (u.SecurityProfileArns as string[]).includes(arn));
    expect(holders.length).toBeGreaterThan(10);
    const { code, err } = await run(['delete', arn, '--yes']);
    expect(code).toBe(1);
    expect(err).toContain(`Tier 1 Support is held by ${holders.length} users:`);
    expect(err).toContain(`and ${holders.length - 10} more`);
    expect(err).toContain(String(holders[0]!.Username));
    expect(err).toMatch(/assign those users other profiles first.*Nothing was deleted/);
    expect(sent('DeleteResource')).toHaveLength(0);
  });

  it('refuses a profile an AI agent holds before sending anything, naming the agent', async () => {
    const { code, err } = await run(['delete', demoProfileArn('AI Agent Builders'), '--yes']);
    expect(code).toBe(1);
    expect(err).toMatch(/AI Agent Builders is held by (\d+ users? and )?1 AI agent: .*AI agent “Order status assistant”/);
    expect(err).toContain('Nothing was deleted');
    expect(sent('DeleteResource')).toHaveLength(0);
  });

  it('when SearchUsers is refused, the guard asks AWS::Connect::User through Cloud Control; when nobody can say, Connect decides', async () => {
    backend.emulator.failNext('SearchUsers', 1, { exception: 'AccessDeniedException' });
    const held = await run(['delete', demoProfileArn('Compliance Auditors'), '--yes']);
    expect(held.code).toBe(1);
    expect(held.err).toContain('SearchUsers refused');
    expect(held.err).toContain('Compliance Auditors is held by 3 users');
    expect(sent('DeleteResource')).toHaveLength(0);
    // The User list handler lists nobody (as it has in some versions): unknown, not "free"; Connect decides and refuses.
    backend.emulator.setFaults({ userList: 'empty' });
    backend.emulator.failNext('SearchUsers', 1, { exception: 'AccessDeniedException' });
    const unknown = await run(['delete', demoProfileArn('Team Leads'), '--yes']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('who holds what is unknown; Connect refuses the delete if anyone does');
    expect(unknown.err).toMatch(/Connect will not delete a profile that users hold/);
    expect(sent('DeleteResource')).toHaveLength(1);
    expect(model(demoProfileArn('Team Leads'))).toBeDefined();
  });
});

describe('--read-only', () => {
  it('refuses every mutation command and sends nothing', async () => {
    const arn = demoProfileArn('Workforce Planning');
    const results = [
      await run(['create', '--instance', 'acme-support', '--name', 'RO', '--read-only']),
      await run(['update', arn, '--description', 'RO', '--read-only']),
      await run(['delete', arn, '--yes', '--read-only']),
    ];
    for (const r of results) {
      expect(r.code).toBe(1);
      expect(r.err).toContain('--read-only');
    }
    expect(sent('CreateResource').length + sent('UpdateResource').length + sent('DeleteResource').length).toBe(0);
    // A dry run sends nothing, so it is allowed.
    expect((await run(['update', arn, '--description', 'RO', '--read-only', '--dry-run'])).code).toBe(0);
  });

  it('is also set by { "readOnly": true } in the settings file, and a malformed settings file is reported', async () => {
    const arn = demoProfileArn('Workforce Planning');
    const configDir = join(dir, 'config');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'config.json'), '{ "readOnly": true }');
    const withSettings = { env: { ...env(), SPEX_CONFIG_DIR: configDir } };
    const refused = await run(['delete', arn, '--yes'], withSettings);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--read-only');
    writeFileSync(join(configDir, 'config.json'), '{ "readOnly": "yes" }');
    const malformed = await run(['delete', arn, '--yes'], withSettings);
    expect(malformed.code).toBe(1);
    expect(malformed.err).toMatch(/config\.json: "readOnly" must be true or false/);
    expect(sent('DeleteResource')).toHaveLength(0);
  });
});
