// Every headless command, in every output format it offers, against data with hostile text in every
// field the server controls (test/fixtures/hostile.ts: a profile's name, description, tags and
// permissions, users' names and logins, hierarchy group names, flow module names, the instance alias)
// and a server error carrying hostile text: nothing a terminal acts on reaches stdout or stderr, and
// the hostile names are still recognisable. The commands come from the command table itself, so a new
// command without an entry here fails this test until it is added.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandTable } from '../../src/commands/index.js';
import type { CommandName } from '../../src/commands/names.js';
import { INSTANCE_TYPE } from '../../src/domain/profile/security-profile.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { HOSTILE, HOSTILE_AGENT, HOSTILE_CLASSES, plantHostile, type Planted } from '../fixtures/hostile.js';
import { ACTIVE, runAgainst } from './support/run.js';

let backend: TestBackend;
let planted: Planted;
let dir: string;
let other: string;
let profilesFile: string;

beforeAll(async () => {
  backend = await startTestBackend();
  planted = plantHostile(backend, { alias: true });
  other = String(backend.emulator.listModels(backend.region, INSTANCE_TYPE).map((i) => i.Arn).find((a) => a !== planted.instanceArn));
  dir = mkdtempSync(join(tmpdir(), 'spex-hostile-'));
  profilesFile = join(dir, 'profiles.yaml');
  writeFileSync(profilesFile, `kind: spex/security-profiles\nversion: 1\nprofiles:\n  - SecurityProfileName: Hostile Plan\n    Description: ${JSON.stringify(HOSTILE)}\n`);
});
afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A login of a user who holds the hostile profile (its hostile suffix included). */
function hostileLogin(): string {
  const users = backend.emulator.listModels(backend.region, 'AWS::Connect::User') as { Username: string; SecurityProfileArns?: string[] }[];
  return users.find((u) => u.SecurityProfileArns?.includes(planted.profileArn))!.Username;
}

/** The invocations of each command: what reaches the hostile text (reads, plans, refusals), never a real change to it. */
function invocations(name: CommandName): string[][] {
  const I = planted.instanceArn;
  const P = planted.profileArn;
  const file = profilesFile;
  const table: Record<CommandName, string[][]> = {
    regions: [[]],
    instances: [[]],
    list: [['--instance', I]],
    get: [[P]],
    create: [['--instance', I, '--name', 'Hostile Copy', '--description', HOSTILE_CLASSES.template, '--permission', 'BasicAgentAccess']],
    update: [[P, '--description', 'inert now', '--dry-run'], [P, '--add-permission', 'Users.View', '--dry-run']],
    // Users hold it: refused, naming them (hostile logins and names).
    delete: [[P, '--yes']],
    requests: [[]],
    users: [[P]],
    cache: [['clear']],
    'iam-policy': [[]],
    completion: [['bash']],
    export: [['--instance', I], ['--instance', I, '--format', 'terraform-aws', '--allow-loss'], ['--instance', I, '--format', 'cloudformation', '--allow-loss']],
    plan: [['-f', file, '--instance', I]],
    // No --yes and no terminal: refused after showing the plan.
    apply: [['-f', file, '--instance', I]],
    'explain-user': [[hostileLogin(), '--instance', I]],
    'explain-agent': [[HOSTILE_AGENT, '--instance', I]],
    history: [[P]],
    revert: [[P]],
    versions: [[P]],
    // Written to a new folder each time: the summary on the terminal names the hostile alias, inert.
    'access-review': [['--instance', I, '--out', join(tmpdir(), `spex-hostile-review-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`), '--format', 'json,html']],
    fleet: [[]],
    drift: [['--baseline', I]],
    // The target lacks the hostile group: blocked, with a hint to paste.
    promote: [['--from', I, '--to', other, '--profile-name', String(backend.emulator.getModel(backend.region, 'AWS::Connect::SecurityProfile', P)?.SecurityProfileName), '--dry-run']],
    lint: [['--instance', I]],
    // Dry runs: the review names the hostile profile and its holders; nothing is sent.
    'move-holders': [['--instance', I, '--from', P, '--to', 'Agent', '--dry-run']],
    assign: [['--instance', I, '--user', hostileLogin(), '--add', 'Agent', '--remove', P, '--dry-run']],
    rename: [[P, '--instance', I, '--to', 'Hostile Renamed', '--dry-run']],
  };
  return table[name];
}

describe('hostile server text never reaches a terminal, through any command in any format', () => {
  const commands = commandTable();

  it('every command of the table has invocations here', () => {
    for (const { name } of commands) expect(invocations(name), name).toBeDefined();
  });

  it.each(commands.map((c) => [c.name, c.formats] as const))('%s', async (name, formats) => {
    for (const args of invocations(name)) {
      for (const output of ['table', 'json', 'yaml', ...formats]) {
        // A server error with hostile text, on the first call this command makes of the common ones.
        backend.emulator.failNext('ListResources', 1, { exception: 'InvalidRequestException', message: `refused ${HOSTILE}` });
        const first = await runAgainst(backend, [name, ...args, '--output', output]);
        // Not every command lists resources: the fault must not wait for the next one.
        backend.emulator.failNext('ListResources', 0, { exception: 'InvalidRequestException' });
        const second = await runAgainst(backend, [name, ...args, '--output', output]);
        for (const result of [first, second]) {
          const where = `${name} ${args.join(' ')} --output ${output}\n${result.err}`;
          expect(result.err, where).not.toContain('unexpected error');
          // No control but newline (and CSV's \r\n) reaches either stream; JSON holds escapes as text.
          expect(result.out.replace(/\r\n|\n|\t/g, ''), where).not.toMatch(ACTIVE);
          expect(result.err.replace(/\r\n|\n|\t/g, ''), where).not.toMatch(ACTIVE);
          // A server message cannot fake a line of its own.
          expect(result.err, where).not.toMatch(/^spex: ok/m);
        }
      }
    }
  }, 60_000);

  it('the hostile names stay recognisable where they are shown', async () => {
    const list = await runAgainst(backend, ['list', '--instance', planted.instanceArn, '--output', 'table']);
    expect(list.out).toMatch(/Evil\uFFFD+redli\uFFFD Twin\uFFFD/);
    const users = await runAgainst(backend, ['users', planted.profileArn, '--output', 'table']);
    expect(users.out).toMatch(/Mal\uFFFD/);
    expect(users.out).toMatch(/hold Evil\uFFFD+redli\uFFFD Twin\uFFFD\.$/m);
  });

  it('a hint meant to be pasted into a shell is one single-quoted word: a group name cannot run', async () => {
    const name = String(backend.emulator.getModel(backend.region, 'AWS::Connect::SecurityProfile', planted.profileArn)?.SecurityProfileName);
    const { out } = await runAgainst(backend, ['promote', '--from', planted.instanceArn, '--to', other, '--profile-name', name, '--dry-run', '--output', 'table']);
    expect(out).toContain("choose: --map 'Americas\uFFFD$(touch x)/Support floor\uFFFD=TARGET-PATH'");
    expect(out).toContain("--map 'Americas\uFFFD$(touch x)/Support floor\uFFFD=' / --skip-unmapped");
  });
});
