// `spex users <profile>` against the emulator: both routes (SearchUsers, and AWS::Connect::User through
// Cloud Control when SearchUsers is refused) give the same holders, checked against the emulator's data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { runAgainst } from '../reliability/support/run.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => backend.close());

const run = (args: string[]) => runAgainst(backend, args);
const holdersOf = (name: string) =>
  backend.emulator.listModels('us-east-1', USER_TYPE).filter((u) => (u.SecurityProfileArns as string[]).includes(demoProfileArn(name))).map((u) => String(u.Username)).sort();
type Doc = { count: number; complete: boolean; route: string; profile: { name: string }; users: { username: string; hierarchyGroup?: string; otherProfiles: string[] }[] };

describe('spex users', () => {
  it('by name with --instance: every holder, their hierarchy group by name and the other profiles they hold', async () => {
    const { code, out } = await run(['users', 'Team Leads', '--instance', 'acme-support', '--output', 'json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out) as Doc;
    expect(doc.users.map((u) => u.username).sort()).toEqual(holdersOf('Team Leads'));
    expect(doc).toMatchObject({ count: holdersOf('Team Leads').length, complete: true, route: 'connect', profile: { name: 'Team Leads' } });
    expect(doc.users[0]!.hierarchyGroup).toBe('Americas/Support floor');
    expect(doc.users.every((u) => u.otherProfiles.includes('Agent'))).toBe(true);
  });

  it('by ARN or id; a table on a terminal; SearchUsers refused → the same holders through Cloud Control, said on stderr', async () => {
    const arn = demoProfileArn('Compliance Auditors');
    const byId = JSON.parse((await run(['users', arn.split('/').pop()!, '--instance', 'acme-support', '--output', 'json'])).out) as Doc;
    expect(byId.users.map((u) => u.username).sort()).toEqual(holdersOf('Compliance Auditors'));
    const table = await run(['users', arn, '--output', 'table']);
    expect(table.out).toMatch(/USERNAME\s+NAME\s+HIERARCHY GROUP\s+OTHER PROFILES/);
    expect(table.out).toContain('3 users hold Compliance Auditors.');
    backend.emulator.failNext('SearchUsers', 1, { exception: 'AccessDeniedException' });
    const slow = await run(['users', arn, '--output', 'json']);
    expect(slow.err).toContain('SearchUsers refused');
    const doc = JSON.parse(slow.out) as Doc;
    expect(doc.route).toBe('cloud-control');
    expect(doc.users.map((u) => u.username).sort()).toEqual(byId.users.map((u) => u.username).sort());
  });

  it('nobody holds QualityAnalyst; an unknown name is an error; a missing profile is a usage error', async () => {
    expect((await run(['users', 'QualityAnalyst', '--instance', 'acme-support', '--output', 'table'])).out).toContain('Nobody holds QualityAnalyst.');
    const unknown = await run(['users', 'Nope', '--instance', 'acme-support']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("No security profile 'Nope'");
    expect((await run(['users'])).code).toBe(2);
  });
});

describe('get, update and delete by id or name', () => {
  it('take a profile by name or id with --instance; without --instance a name is a usage error before any call', async () => {
    const byName = await run(['get', 'Workforce Planning', '--instance', 'acme-support', '--output', 'json']);
    expect(byName.code).toBe(0);
    expect(JSON.parse(byName.out).SecurityProfileName).toBe('Workforce Planning');
    const id = demoProfileArn('Workforce Planning').split('/').pop()!;
    const updated = await run(['update', id, '--instance', 'acme-support', '--description', 'By id']);
    expect(updated.code).toBe(0);
    const model = backend.emulator.getModel('us-east-1', 'AWS::Connect::SecurityProfile', demoProfileArn('Workforce Planning'))!;
    expect(model.Description).toBe('By id');
    backend.emulator.clearRequests();
    const noInstance = await run(['delete', 'Workforce Planning', '--yes']);
    expect(noInstance.code).toBe(2);
    expect(noInstance.err).toContain("'Workforce Planning' is not an ARN: give --instance too");
    expect(backend.emulator.requests).toHaveLength(0);
  });
});

describe('a profile that is not there', () => {
  it('is named once in the error', async () => {
    const arn = `${demoProfileArn('Agent').split('/security-profile/')[0]}/security-profile/00000000-0000-4000-a000-000000000000`;
    const { code, err } = await run(['get', arn]);
    expect(code).toBe(1);
    expect(err.split(arn).length - 1).toBe(1);
    expect(err).toMatch(/^spex: Not found: /);
  });
});
