// `spex move-holders` and `spex assign` against the emulator through the SDK: the users' sets checked
// in the emulator's data, the guard against a user changed meanwhile, a run stopped halfway resumed
// without sending anything twice (counted in the request log), and the none-or-over-ten guard.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { USER_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { runAgainst } from '../reliability/support/run.js';

let backend: TestBackend;
let state: string;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => backend.close());
beforeEach(() => {
  state = mkdtempSync(join(tmpdir(), 'spex-assign-'));
  backend.emulator.clearRequests();
  return () => rmSync(state, { recursive: true, force: true });
});

const env = () => ({ AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, SPEX_STATE_DIR: state });
const run = (args: string[]) => runAgainst(backend, [...args, '--instance', 'acme-support'], { env: env() });
const users = () => backend.emulator.listModels('us-east-1', USER_TYPE) as { UserArn: string; Username: string; SecurityProfileArns: string[] }[];
const holdersOf = (name: string) => users().filter((u) => u.SecurityProfileArns.includes(demoProfileArn(name))).map((u) => u.Username).sort();
const user = (login: string) => users().find((u) => u.Username === login)!;
const updates = () => backend.emulator.requests.filter((r) => r.operation === 'UpdateUserSecurityProfiles' && r.status === 200);
const journals = () => {
  try {
    return readdirSync(join(state, 'batches')).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
};

describe('spex move-holders', () => {
  it('--dry-run reviews per group what users lose and gain, exits 2 and sends nothing', async () => {
    const holders = holdersOf('Compliance Auditors');
    expect(holders.length).toBeGreaterThan(1);
    const { code, out } = await run(['move-holders', '--from', 'Compliance Auditors', '--to', 'QualityAnalyst', '--dry-run', '--output', 'table']);
    expect(code).toBe(2);
    expect(out).toContain(`move ${holders.length} holders of “Compliance Auditors” to “QualityAnalyst”`);
    expect(out).toMatch(/\d+ users?: (lose|gain)/);
    expect(out).toContain('Nothing has been sent yet.');
    expect(updates()).toEqual([]);
    expect(holdersOf('Compliance Auditors')).toEqual(holders);
  });

  it('moves every holder (one guarded write each), reads them again, exits 0; the journal is gone', async () => {
    const holders = holdersOf('Compliance Auditors');
    const { code, err } = await run(['move-holders', '--from', 'Compliance Auditors', '--to', 'QualityAnalyst', '--yes', '--output', 'json']);
    expect(code).toBe(0);
    expect(err).toContain(`${holders.length} of ${holders.length} users changed and read again`);
    expect(holdersOf('Compliance Auditors')).toEqual([]);
    for (const login of holders) expect(user(login).SecurityProfileArns).toContain(demoProfileArn('QualityAnalyst'));
    expect(updates()).toHaveLength(holders.length);
    // Each write was preceded by a fresh read of that user's set (the guard).
    expect(backend.emulator.requests.filter((r) => r.operation === 'DescribeUser')).toHaveLength(holders.length);
    expect(journals()).toEqual([]);
  });

  it('a run left with a write not confirmed resumes with the same command; a user who already holds what was planned is not sent again', async () => {
    const holders = holdersOf('Team Leads');
    // A first run that fails on its first write past the SDK's retries: that step stays "sent", the rest are done.
    backend.emulator.failNext('UpdateUserSecurityProfiles', 4, { exception: 'InternalServiceException' });
    const first = await run(['move-holders', '--from', 'Team Leads', '--to', 'Supervisors - Night Shift', '--yes', '--output', 'json']);
    expect(first.code).toBe(1);
    expect(first.err).toContain('run the same command again to finish');
    expect(journals()).toHaveLength(1);
    const left = holdersOf('Team Leads');
    expect(left).toHaveLength(1);
    const stuck = left[0]!;
    // Meanwhile someone else changes that user (here: the change the plan wanted): the resumed run finds
    // it in effect and does not send it again.
    const before = user(stuck).SecurityProfileArns;
    backend.emulator.modifyModel('us-east-1', USER_TYPE, user(stuck).UserArn, (m) => {
      m.SecurityProfileArns = [...before.filter((a) => a !== demoProfileArn('Team Leads')), demoProfileArn('Supervisors - Night Shift')];
    });
    backend.emulator.clearRequests();
    const again = await run(['move-holders', '--from', 'Team Leads', '--to', 'Supervisors - Night Shift', '--yes', '--output', 'table']);
    expect(again.out).toContain(`An unfinished run: ${holders.length - 1} of ${holders.length} users done`);
    expect(again.code).toBe(0);
    expect(updates()).toEqual([]);
    expect(journals()).toEqual([]);
    expect(holdersOf('Team Leads')).toEqual([]);
  });

  it('the guard: a user whose set changed since the plan is refused, never overwritten', async () => {
    const holders = holdersOf('Supervisors - Night Shift');
    backend.emulator.failNext('UpdateUserSecurityProfiles', 4, { exception: 'InternalServiceException' });
    expect((await run(['move-holders', '--from', 'Supervisors - Night Shift', '--to', 'Team Leads', '--yes'])).code).toBe(1);
    const stuck = holdersOf('Supervisors - Night Shift')[0]!;
    const theirs = [demoProfileArn('Agent'), demoProfileArn('Supervisors - Night Shift'), demoProfileArn('Reporting Analysts')];
    backend.emulator.modifyModel('us-east-1', USER_TYPE, user(stuck).UserArn, (m) => {
      m.SecurityProfileArns = theirs;
    });
    backend.emulator.clearRequests();
    const again = await run(['move-holders', '--from', 'Supervisors - Night Shift', '--to', 'Team Leads', '--yes']);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`${stuck} was changed by someone else since the plan`);
    expect(user(stuck).SecurityProfileArns).toEqual(theirs);
    expect(updates()).toEqual([]);
    expect(holders.length).toBeGreaterThan(0);
  });
});

describe('spex assign', () => {
  it('gives and takes away profiles for named users; a user who would hold none is blocked and skipped', async () => {
    const [login] = holdersOf('Agent');
    const had = user(login!).SecurityProfileArns;
    const { code, err } = await run(['assign', '--user', login!, '--add', 'Reporting Analysts', '--yes']);
    expect(code).toBe(0);
    expect(err).toContain('1 of 1 user changed and read again');
    expect(user(login!).SecurityProfileArns.sort()).toEqual([...had, demoProfileArn('Reporting Analysts')].sort());
    // Taking away every profile the user holds would leave none: blocked, nothing sent, exit 1.
    backend.emulator.clearRequests();
    const removes = user(login!).SecurityProfileArns.flatMap((arn) => ['--remove', arn]);
    const blocked = await run(['assign', '--user', login!, ...removes, '--yes', '--output', 'table']);
    expect(blocked.code).toBe(1);
    expect(blocked.out).toContain(`✗ ${login!}: would be left with no security profile`);
    expect(updates()).toEqual([]);
  });

  it('an unknown login or profile is refused before anything is sent, naming the closest', async () => {
    const unknown = await run(['assign', '--user', 'nobody.here', '--add', 'Agent', '--yes']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("--user: no user 'nobody.here'");
    const [login] = holdersOf('Agent');
    const typo = await run(['assign', '--user', login!, '--add', 'Agnet', '--yes']);
    expect(typo.err).toMatch(/--add: no security profile 'Agnet'.*did you mean/);
    expect(updates()).toEqual([]);
  });

  it('read-only refuses the write', async () => {
    const [login] = holdersOf('Agent');
    const { code, err } = await run(['assign', '--user', login!, '--add', 'QualityAnalyst', '--yes', '--read-only']);
    expect(code).toBe(1);
    expect(err).toMatch(/read-only/i);
    expect(updates()).toEqual([]);
  });
});

describe('spex move-holders --delete (a held profile deleted after its users are moved)', () => {
  it('spex delete refuses a held profile and names the one command that moves its users and deletes it', async () => {
    const held = await run(['delete', 'Team Leads', '--yes']);
    expect(held.code).toBe(1);
    expect(held.err).toContain('spex move-holders --instance');
    expect(held.err).toContain("--from 'Team Leads' --to PROFILE --delete");
    expect(backend.emulator.getModel('us-east-1', 'AWS::Connect::SecurityProfile', demoProfileArn('Team Leads'))).toBeDefined();
  });

  it('moves every holder, then deletes the profile last; the review says so first', async () => {
    const holders = holdersOf('Team Leads');
    expect(holders.length).toBeGreaterThan(0);
    const review = await run(['move-holders', '--from', 'Team Leads', '--to', 'Reporting Analysts', '--delete', '--dry-run', '--output', 'table']);
    expect(review.code).toBe(2);
    expect(review.out).toContain('then “Team Leads” is deleted, last, and only if every holder was moved');
    const { code, err } = await run(['move-holders', '--from', 'Team Leads', '--to', 'Reporting Analysts', '--delete', '--yes']);
    expect(code).toBe(0);
    expect(err).toContain('“Team Leads” deleted');
    expect(backend.emulator.getModel('us-east-1', 'AWS::Connect::SecurityProfile', demoProfileArn('Team Leads'))).toBeUndefined();
    for (const login of holders) expect(user(login).SecurityProfileArns).toContain(demoProfileArn('Reporting Analysts'));
    // The delete came after every user's write.
    const order = backend.emulator.requests.map((r) => r.operation).filter((op) => op === 'UpdateUserSecurityProfiles' || op === 'DeleteResource' || op === 'DeleteSecurityProfile');
    expect(order.at(-1)).toMatch(/Delete/);
    expect(order.filter((op) => op === 'UpdateUserSecurityProfiles')).toHaveLength(holders.length);
  });

  it('with --user, --delete is a usage error (every holder must move first); its exit is 1, as 2 means changes', async () => {
    const { code, err } = await run(['move-holders', '--from', 'Agent', '--to', 'Reporting Analysts', '--user', 'x', '--delete', '--yes']);
    expect(code).toBe(1);
    expect(err).toContain('--delete moves every holder first');
  });
});

/** A command against acme-apac (its own region, which runAgainst would override). */
async function runApac(args: string[]) {
  const { runCommand } = await import('../../src/commands/index.js');
  const { memoryIo } = await import('../helpers/memory-io.js');
  const io = memoryIo({ env: env() });
  const [name, ...rest] = args;
  const code = await runCommand(name!, rest, io);
  return { code, out: io.out(), err: io.err() };
}

describe('a move of many users, killed halfway', () => {
  it('kill -9 in the middle of a 300-user move; the same command resumes: every user ends with the planned set, none written twice, none ever without a profile', async () => {
    const { spawnSpex } = await import('../emulator/spawn.js');
    const args = ['move-holders', '--from', 'Queue Editors', '--to', 'Reporting Analysts', '--instance', 'acme-apac', '--yes', '--endpoint-url', backend.emulator.url, '--region', 'ap-southeast-2'];
    const apac = () => backend.emulator.listModels('ap-southeast-2', USER_TYPE) as { UserArn: string; Username: string; SecurityProfileArns: string[] }[];
    const site = (n: string) => String(backend.emulator.listModels('ap-southeast-2', 'AWS::Connect::SecurityProfile').find((m) => m.SecurityProfileName === n)!.SecurityProfileArn);
    // Set-up in the store: 300 users hold Queue Editors (those with room for one more profile).
    for (const u of apac().filter((x) => x.SecurityProfileArns.length < 10).slice(0, 300)) {
      backend.emulator.modifyModel('ap-southeast-2', USER_TYPE, u.UserArn, (m) => void (m.SecurityProfileArns = [...(m.SecurityProfileArns as string[]), site('Queue Editors')]));
    }
    const holders = apac().filter((u) => u.SecurityProfileArns.includes(site('Queue Editors'))).map((u) => u.Username);
    expect(holders).toHaveLength(300);
    // Each Connect call takes a while, so the process is killed with writes still to send.
    backend.emulator.setFaults({ latencyMs: 50 });
    backend.emulator.clearRequests();
    const child = spawnSpex(args, env());
    try {
      const deadline = Date.now() + 20_000;
      while (updates().length < 2) {
        if (Date.now() > deadline) throw new Error(`no write sent; stderr: ${child.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      child.child.kill('SIGKILL');
      await child.exited;
      backend.emulator.setFaults({ latencyMs: 0 });
    }
    const firstRun = updates().length;
    expect(firstRun).toBeLessThan(holders.length);
    expect(journals()).toHaveLength(1);
    const again = await runApac(args);
    expect(again.code).toBe(0);
    expect(again.err).toContain(`${holders.length} of ${holders.length} users changed and read again`);
    // One successful write per user over both runs, whatever the kill left "sent".
    const byUser = new Map<string, number>();
    for (const r of updates()) byUser.set(String(r.body.UserId), (byUser.get(String(r.body.UserId)) ?? 0) + 1);
    expect([...byUser.values()].every((n) => n === 1)).toBe(true);
    expect(byUser.size).toBe(holders.length);
    for (const login of holders) {
      const sets = apac().find((u) => u.Username === login)!.SecurityProfileArns;
      expect(sets).toContain(site('Reporting Analysts'));
      expect(sets).not.toContain(site('Queue Editors'));
      expect(sets.length).toBeGreaterThan(0);
    }
    expect(journals()).toEqual([]);
  }, 60_000);

  it('under throttling and server errors the move ends the same way (run again until done), no user written twice', async () => {
    const args = ['move-holders', '--from', 'Site 09 agents', '--to', 'Site 10 agents', '--instance', 'acme-apac', '--yes', '--endpoint-url', backend.emulator.url, '--region', 'ap-southeast-2'];
    const site = (n: string) => String(backend.emulator.listModels('ap-southeast-2', 'AWS::Connect::SecurityProfile').find((m) => m.SecurityProfileName === n)!.SecurityProfileArn);
    const apac = () => backend.emulator.listModels('ap-southeast-2', USER_TYPE) as { Username: string; SecurityProfileArns: string[] }[];
    const holders = apac().filter((u) => u.SecurityProfileArns.includes(site('Site 09 agents'))).map((u) => u.Username);
    backend.emulator.clearRequests();
    backend.emulator.failNext('UpdateUserSecurityProfiles', 6, { exception: 'ThrottlingException' });
    backend.emulator.failNext('DescribeUser', 5, { exception: 'InternalServiceException' });
    let code = 1;
    for (let i = 0; i < 4 && code !== 0; i += 1) code = (await runApac(args)).code;
    expect(code).toBe(0);
    const byUser = new Map<string, number>();
    for (const r of updates()) byUser.set(String(r.body.UserId), (byUser.get(String(r.body.UserId)) ?? 0) + 1);
    expect(byUser.size).toBe(holders.length);
    expect([...byUser.values()].every((n) => n === 1)).toBe(true);
    for (const login of holders) expect(apac().find((u) => u.Username === login)!.SecurityProfileArns).toContain(site('Site 10 agents'));
  }, 60_000);
});

describe('without the Connect API', () => {
  it("moves holders through Cloud Control (AWS::Connect::User's SecurityProfileArns), each guarded by a fresh read; a set the schema refuses is never sent", async () => {
    const login = holdersOf('Agent').find((l) => !user(l).SecurityProfileArns.includes(demoProfileArn('QualityAnalyst')));
    expect(login).toBeDefined();
    const { code, err } = await run(['move-holders', '--from', 'Agent', '--to', 'QualityAnalyst', '--user', login!, '--yes', '--cloudcontrol-only']);
    expect(code, err).toBe(0);
    expect(user(login!).SecurityProfileArns).toContain(demoProfileArn('QualityAnalyst'));
    expect(user(login!).SecurityProfileArns).not.toContain(demoProfileArn('Agent'));
    const ops = backend.emulator.requests.map((r) => r.operation);
    expect(ops).not.toContain('UpdateUserSecurityProfiles');
    expect(ops).not.toContain('DescribeUser');
    const writes = backend.emulator.requests.filter((r) => r.operation === 'UpdateResource' && r.body.TypeName === USER_TYPE);
    expect(writes).toHaveLength(1);
    // The user's model was read just before the write (the guard), through Cloud Control.
    const reads = backend.emulator.requests.filter((r) => r.operation === 'GetResource' && r.body.TypeName === USER_TYPE && r.body.Identifier === user(login!).UserArn);
    expect(reads.length).toBeGreaterThanOrEqual(1);
  });

  it('the local endpoint refuses a user patch that would leave none or name another property, as the schema does', async () => {
    const { UpdateResourceCommand } = await import('@aws-sdk/client-cloudcontrol');
    const { clientFor } = await import('../emulator/helpers.js');
    const client = clientFor(backend.emulator);
    const someone = users().find((u) => u.SecurityProfileArns.length === 1)!;
    await expect(client.send(new UpdateResourceCommand({ TypeName: USER_TYPE, Identifier: someone.UserArn, PatchDocument: JSON.stringify([{ op: 'replace', path: '/SecurityProfileArns', value: [] }]) }))).rejects.toThrow(/SecurityProfileArns/);
    await expect(client.send(new UpdateResourceCommand({ TypeName: USER_TYPE, Identifier: someone.UserArn, PatchDocument: JSON.stringify([{ op: 'replace', path: '/Username', value: 'x' }]) }))).rejects.toThrow(/SecurityProfileArns only/);
    client.destroy();
  });
});

describe('a move under random faults on 30% of Connect calls', () => {
  it('throttles, 500s and answers lost after the change: run again until done, every user ends with the planned set, every write carried it', async () => {
    const args = ['move-holders', '--from', 'Site 11 agents', '--to', 'Site 12 agents', '--instance', 'acme-apac', '--yes', '--endpoint-url', backend.emulator.url, '--region', 'ap-southeast-2'];
    const site = (n: string) => String(backend.emulator.listModels('ap-southeast-2', 'AWS::Connect::SecurityProfile').find((m) => m.SecurityProfileName === n)!.SecurityProfileArn);
    const apac = () => backend.emulator.listModels('ap-southeast-2', USER_TYPE) as { UserArn: string; Username: string; SecurityProfileArns: string[] }[];
    const moving = apac().filter((u) => u.SecurityProfileArns.includes(site('Site 11 agents')));
    const planned = new Map(moving.map((u) => [u.UserArn.split('/').pop()!, [...u.SecurityProfileArns.filter((a) => a !== site('Site 11 agents')), ...(u.SecurityProfileArns.includes(site('Site 12 agents')) ? [] : [site('Site 12 agents')])]]));
    expect(moving.length).toBeGreaterThan(5);
    backend.emulator.setFaults({ failRate: 0.3 });
    let code = 1;
    let runs = 0;
    try {
      for (; runs < 8 && code !== 0; runs += 1) code = (await runApac(args)).code;
    } finally {
      backend.emulator.setFaults({ failRate: 0 });
    }
    expect(code).toBe(0);
    // The writes Connect carried out (a throttle or a 500 is answered before the request is read).
    const writes = backend.emulator.requests.filter((r) => r.operation === 'UpdateUserSecurityProfiles' && r.body.SecurityProfileIds !== undefined);
    expect(writes.length).toBeGreaterThanOrEqual(moving.length);
    // The faults were there: some calls throttled, failed or lost their answer.
    expect(backend.emulator.requests.filter((r) => r.status === 429 || r.status === 500 || r.errorType === 'AnswerDropped').length).toBeGreaterThan(0);
    for (const w of writes) {
      // Whatever was re-sent, it was the planned whole set (never none, never another one).
      const id = String(w.body.UserId);
      const sent = (w.body.SecurityProfileIds as string[]).slice().sort();
      expect(sent.length).toBeGreaterThan(0);
      expect(sent).toEqual(planned.get(id)!.map((a) => a.split('/').pop()!).sort());
    }
    for (const u of moving) expect(apac().find((x) => x.UserArn === u.UserArn)!.SecurityProfileArns.slice().sort()).toEqual(planned.get(u.UserArn.split('/').pop()!)!.slice().sort());
    expect(journals()).toEqual([]);
  }, 120_000);
});

describe('spex rename', () => {
  it('creates the copy under the new name, moves every holder to it and deletes the old one last; the same permissions', async () => {
    const old = backend.emulator.getModel('us-east-1', 'AWS::Connect::SecurityProfile', demoProfileArn('Tier 1 Support'))!;
    const moving = holdersOf('Tier 1 Support');
    expect(moving.length).toBeGreaterThan(0);
    const review = await run(['rename', 'Tier 1 Support', '--to', 'Front Line', '--dry-run', '--output', 'table']);
    expect(review.code).toBe(2);
    expect(review.out).toContain('rename “Tier 1 Support” to “Front Line”');
    expect(review.out).toContain('first “Front Line” is created');
    expect(review.out).toMatch(/\d+ users?: lose nothing, gain nothing/);
    const { code, err } = await run(['rename', 'Tier 1 Support', '--to', 'Front Line', '--yes']);
    expect(code).toBe(0);
    expect(err).toContain(`${moving.length} of ${moving.length} users changed and read again; “Tier 1 Support” deleted`);
    const copy = backend.emulator.listModels('us-east-1', 'AWS::Connect::SecurityProfile').find((m) => m.SecurityProfileName === 'Front Line')!;
    expect([...(copy.Permissions as string[])].sort()).toEqual([...(old.Permissions as string[])].sort());
    expect(backend.emulator.getModel('us-east-1', 'AWS::Connect::SecurityProfile', demoProfileArn('Tier 1 Support'))).toBeUndefined();
    for (const login of moving) expect(user(login).SecurityProfileArns).toContain(String(copy.SecurityProfileArn));
  });

  it('a name taken or one Connect refuses is refused before anything is sent', async () => {
    backend.emulator.clearRequests();
    const taken = await run(['rename', 'Reporting Analysts', '--to', 'Agent', '--yes']);
    expect(taken.code).toBe(1);
    expect(taken.err).toContain("already has a profile named 'Agent'");
    const bad = await run(['rename', 'Reporting Analysts', '--to', 'Bad (name)', '--yes']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--to: SecurityProfileName');
    expect(backend.emulator.requests.filter((r) => ['CreateResource', 'CreateSecurityProfile', 'UpdateUserSecurityProfiles'].includes(r.operation))).toEqual([]);
  });
});
