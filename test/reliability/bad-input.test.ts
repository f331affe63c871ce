// Bad input through the headless commands: every schema rule of the security profile tried in
// `create`/`update --from-file` and in flags, refused before anything is sent (the emulator saw no
// CreateResource/UpdateResource) with the field and the rule named; malformed files give line and column.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProfileArn } from '../../src/emulator/index.js';
import { type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { profileState, runAgainst, sent } from './support/run.js';

let backend: TestBackend;
let dir: string;
let state: string;
beforeAll(async () => {
  backend = await startTestBackend();
  dir = mkdtempSync(join(tmpdir(), 'spex-bad-input-'));
  state = profileState(backend);
});
afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
const file = (text: string, ext = 'json'): string => {
  const path = join(dir, `f${files++}.${ext}`);
  writeFileSync(path, text);
  return path;
};
const times = (n: number, f: (i: number) => unknown): unknown[] => Array.from({ length: n }, (_, i) => f(i));
const tag = (Key: string, Value = 'v') => ({ Key, Value });
const granular = (values: unknown) => ({ DataTableAccessControlConfiguration: { PrimaryAttributeAccessControlConfiguration: { PrimaryAttributeValues: values } } });

/** Nothing reached the emulator's write side, and its state is as it started. */
function nothingSent(): void {
  expect(sent(backend, 'CreateResource')).toHaveLength(0);
  expect(sent(backend, 'UpdateResource')).toHaveLength(0);
  expect(profileState(backend)).toBe(state);
}

// [what, the profile in the file (name added unless given), the line stderr must hold]
const RULES: [string, Record<string, unknown>, string][] = [
  ['name pattern', { SecurityProfileName: 'Ops/Night!' }, 'SecurityProfileName: may contain only letters, digits, spaces, _ @ and - (got "Ops/Night!")'],
  ['name empty', { SecurityProfileName: '' }, 'SecurityProfileName: must not be empty'],
  ['name too long', { SecurityProfileName: 'n'.repeat(128) }, 'SecurityProfileName: at most 127 characters (got 128)'],
  ['name wrong type', { SecurityProfileName: 42 }, 'SecurityProfileName: must be a string (got a number)'],
  ['description too long', { Description: 'd'.repeat(251) }, 'Description: at most 250 characters (got 251)'],
  ['permissions not a list', { Permissions: 'BasicAgentAccess' }, 'Permissions: must be an array (got a string)'],
  ['too many permissions', { Permissions: times(501, (i) => `P${i}`) }, 'Permissions: at most 500 items (got 501)'],
  ['duplicate permission', { Permissions: ['Users.View', 'Users.View'] }, 'Permissions: items must be unique ("Users.View" appears twice)'],
  ['empty permission', { Permissions: [''] }, 'Permissions/0: must not be empty'],
  ['permission too long', { Permissions: ['p'.repeat(129)] }, 'Permissions/0: at most 128 characters (got 129)'],
  ['too many tags', { Tags: times(51, (i) => tag(`k${i}`)) }, 'Tags: at most 50 items (got 51)'],
  ['duplicate tag key', { Tags: [tag('team', 'a'), tag('team', 'b')] }, 'Tags: items must be unique (Key "team" appears twice)'],
  ['tag key aws:', { Tags: [tag('aws:owner')] }, 'Tags/0/Key: must not start with aws:'],
  // A key with a space is Connect's to take (created through its API: test/aws/connect-routes.test.ts); "!" neither takes.
  ['tag key with a "!"', { Tags: [tag('cost!center')] }, 'Tags/0/Key: may contain only letters, digits and + - = . _ : / (no spaces)'],
  ['tag key empty', { Tags: [tag('')] }, 'Tags/0/Key: must not be empty'],
  ['tag key too long', { Tags: [tag('k'.repeat(129))] }, 'Tags/0/Key: at most 128 characters (got 129)'],
  ['tag value too long', { Tags: [tag('k', 'v'.repeat(257))] }, 'Tags/0/Value: at most 256 characters (got 257)'],
  ['tag without a value', { Tags: [{ Key: 'k' }] }, 'Tags/0/Value: is required'],
  ['too many access-control tags', { AllowedAccessControlTags: times(5, (i) => tag(`k${i}`)) }, 'AllowedAccessControlTags: at most 4 items (got 5)'],
  ['too many tag-restricted resources', { TagRestrictedResources: times(11, (i) => `R${i}`) }, 'TagRestrictedResources: at most 10 items (got 11)'],
  ['too many hierarchy-restricted resources', { HierarchyRestrictedResources: times(11, (i) => `R${i}`) }, 'HierarchyRestrictedResources: at most 10 items (got 11)'],
  ['hierarchy group id pattern', { AllowedAccessControlHierarchyGroupId: 'a_b' }, 'AllowedAccessControlHierarchyGroupId: may contain only letters, digits and -'],
  ['application type enum', { Applications: [{ Namespace: 'n', Type: 'WEB' }] }, 'Applications/0/Type: must be one of MCP, THIRD_PARTY_APPLICATION (got "WEB")'],
  ['too many applications', { Applications: times(11, (i) => ({ Namespace: `n${i}` })) }, 'Applications: at most 10 items (got 11)'],
  ['too many flow modules', { AllowedFlowModules: times(11, (i) => ({ FlowModuleId: `f${i}` })) }, 'AllowedFlowModules: at most 10 items (got 11)'],
  ['granular: too many values', { GranularAccessControlConfiguration: granular([{ Values: ['a', 'b', 'c'] }]) }, 'PrimaryAttributeValues/0/Values: at most 2 items (got 3)'],
  ['granular: access type enum', { GranularAccessControlConfiguration: granular([{ AccessType: 'DENY' }]) }, 'PrimaryAttributeValues/0/AccessType: must be one of ALLOW (got "DENY")'],
  ['unknown property', { Colour: 'red' }, 'Colour: is not a known property'],
];

describe('create --from-file: each schema rule is refused before sending', () => {
  it.each(RULES)('%s', async (_what, profile, line) => {
    const path = file(JSON.stringify({ SecurityProfileName: 'Bad Input', ...profile }));
    const { code, out, err } = await runAgainst(backend, ['create', '--instance', 'acme-support', '--from-file', path]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^spex: nothing was sent:$/m);
    expect(err).toContain(line);
    nothingSent();
  });

  it('the same rules in a YAML file', async () => {
    const path = file('SecurityProfileName: Bad Input\nTags:\n  - Key: aws:owner\n    Value: me\nDescription: ' + 'd'.repeat(251) + '\n', 'yaml');
    const { code, err } = await runAgainst(backend, ['create', '--instance', 'acme-support', '--from-file', path]);
    expect(code).toBe(1);
    expect(err).toContain('Tags/0/Key: must not start with aws:');
    expect(err).toContain('Description: at most 250 characters (got 251)');
    nothingSent();
  });

  it('an instance ARN in the file must be one (without --instance)', async () => {
    const { code, err } = await runAgainst(backend, ['create', '--from-file', file(JSON.stringify({ SecurityProfileName: 'X', InstanceArn: 'i-123' }))]);
    expect(code).toBe(1);
    expect(err).toContain('InstanceArn: must be a Connect instance ARN');
    nothingSent();
  });

  it.each(['SecurityProfileArn', 'LastModifiedTime', 'LastModifiedRegion'])('read-only %s in the file is refused, not dropped', async (property) => {
    const { code, err } = await runAgainst(backend, ['create', '--instance', 'acme-support', '--from-file', file(JSON.stringify({ SecurityProfileName: 'X', [property]: 'x' }))]);
    expect(code).toBe(1);
    expect(err).toContain(`${property} is read-only and cannot be set`);
    nothingSent();
  });

  it('a profile without a name is a usage error (exit 2)', async () => {
    const { code, err } = await runAgainst(backend, ['create', '--instance', 'acme-support', '--from-file', file('{"Description":"no name"}')]);
    expect(code).toBe(2);
    expect(err).toContain('create needs --name');
    nothingSent();
  });
});

describe('create and update flags: each rule they can break is refused before sending', () => {
  const arn = demoProfileArn('Workforce Planning');
  it.each<[string, string[], string]>([
    ['create --name pattern', ['create', '--instance', 'acme-support', '--name', 'a/b'], 'SecurityProfileName: may contain only letters, digits, spaces, _ @ and -'],
    ['create --name too long', ['create', '--instance', 'acme-support', '--name', 'n'.repeat(128)], 'SecurityProfileName: at most 127 characters (got 128)'],
    ['create --description too long', ['create', '--instance', 'acme-support', '--name', 'X', '--description', 'd'.repeat(251)], 'Description: at most 250 characters (got 251)'],
    ['create --tag aws:', ['create', '--instance', 'acme-support', '--name', 'X', '--tag', 'aws:owner=me'], 'Tags/0/Key: must not start with aws:'],
    ['create --tag key with a "!"', ['create', '--instance', 'acme-support', '--name', 'X', '--tag', 'cost!center=1'], 'Tags/0/Key: may contain only letters'],
    ['create --tag value too long', ['create', '--instance', 'acme-support', '--name', 'X', '--tag', `k=${'v'.repeat(257)}`], 'Tags/0/Value: at most 256 characters (got 257)'],
    ['create 51 --tag', ['create', '--instance', 'acme-support', '--name', 'X', ...times(51, (i) => ['--tag', `k${i}=v`]).flat() as string[]], 'Tags: at most 50 items (got 51)'],
    ['create --permission empty', ['create', '--instance', 'acme-support', '--name', 'X', '--permission', '', '--allow-unknown'], 'Permissions/0: must not be empty'],
    ['update --description too long', ['update', arn, '--description', 'd'.repeat(251)], 'Description: at most 250 characters (got 251)'],
    ['update --tag aws:', ['update', arn, '--tag', 'aws:x=1'], 'Key: must not start with aws:'],
    ['update --tag value too long', ['update', arn, '--tag', `k=${'v'.repeat(257)}`], 'Value: at most 256 characters (got 257)'],
    ['update --add-permission too long', ['update', arn, '--add-permission', 'p'.repeat(129), '--allow-unknown'], 'at most 128 characters (got 129)'],
    ['update --from-file with a bad tag list', ['update', arn, '--from-file', 'TAGS_FILE'], 'Tags: items must be unique (Key "team" appears twice)'],
    // Without --allow-unknown these two are refused sooner, as names spex does not know (exit 2).
  ])('%s', async (_what, args, line) => {
    const real = args.map((a) => (a === 'TAGS_FILE' ? file(JSON.stringify({ Tags: [tag('team', 'a'), tag('team', 'b')] })) : a));
    const { code, out, err } = await runAgainst(backend, real);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(line);
    nothingSent();
  });

  it.each<[string, string[]]>([
    ['a tag without =', ['create', '--instance', 'acme-support', '--name', 'X', '--tag', 'novalue']],
    ['a tag with an empty key', ['update', arn, '--tag', '=v']],
  ])('%s is a usage error (exit 2)', async (_what, args) => {
    const { code, err } = await runAgainst(backend, args);
    expect(code).toBe(2);
    expect(err).toContain('--tag takes key=value');
    nothingSent();
  });
});

describe('malformed files report line and column', () => {
  const unterminated = '{"SecurityProfileName": "X", "Description": "abc';
  it.each<[string, string, string, RegExp]>([
    ['JSON trailing comma', 'json', '{\n  "SecurityProfileName": "X",\n}\n', /invalid JSON at line 3, column 1: Expected double-quoted property name$/m],
    ['JSON missing colon', 'json', '{\n  "SecurityProfileName" "X"\n}\n', /invalid JSON at line 2, column 25: Expected ':' after property name$/m],
    ['JSON line break inside a string', 'json', `${unterminated}\n"}`, new RegExp(`invalid JSON at line 1, column ${unterminated.length + 1}: Bad control character in string literal$`, 'm')],
    ['JSON cut short', 'json', '{\n  "SecurityProfileName": "X",\n  "Permissions": [\n', /invalid JSON at line 4, column 1: Unexpected end of JSON input$/m],
    ['YAML duplicate key', 'yaml', 'SecurityProfileName: X\nDescription: a\nSecurityProfileName: Y\n', /invalid YAML at line 3, column 1: Map keys must be unique/],
    // yaml notices the missing quote where the document ends.
    ['YAML unclosed quote', 'yaml', 'SecurityProfileName: X\nDescription: "open\n', /invalid YAML at line 3, column 1: Missing closing "quote/],
    ['YAML tab indentation', 'yaml', 'SecurityProfileName: X\nTags:\n\t- Key: a\n', /invalid YAML at line 3, column 1: /],
    ['YAML unclosed flow list', 'yaml', 'SecurityProfileName: X\nPermissions: [a, b\nDescription: y\n', /invalid YAML at line \d+, column \d+: /],
  ])('%s', async (_what, ext, text, message) => {
    const path = file(text, ext);
    const { code, err } = await runAgainst(backend, ['create', '--instance', 'acme-support', '--from-file', path]);
    expect(code).toBe(1);
    expect(err).toMatch(message);
    expect(err.startsWith(`spex: ${path}: `)).toBe(true);
    // One line, and none of the file's content echoed back.
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    nothingSent();
  });
});
