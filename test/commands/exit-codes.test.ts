// Every command's exit codes against their documented meaning, from the command table: where 2 is a
// finding (plan's changes, drift, promote --dry-run), every error exits 1, usage errors too, so a CI job
// never reads a mistake as a pending change; elsewhere a usage error is 2. A broken profiles file is an
// error (1) with file:line:column and no usage text.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandTable } from '../../src/commands/index.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { runAgainst } from '../reliability/support/run.js';

let backend: TestBackend;
let dir: string;
beforeAll(async () => {
  backend = await startTestBackend();
  dir = mkdtempSync(join(tmpdir(), 'spex-exit-'));
});
afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (name: string, ...args: string[]) => runAgainst(backend, [name, ...args]);

describe('usage errors, command by command', () => {
  it.each(commandTable().map((c) => [c.name, c.exitTwoIsAFinding] as const))('%s with an unknown flag: exit %s ? 1 : 2', async (name, twoIsAFinding) => {
    const { code, err } = await run(name, '--no-such-flag');
    expect(code).toBe(twoIsAFinding ? 1 : 2);
    expect(err).toMatch(/no-such-flag/);
  });

  it('the commands whose 2 is a finding are the ones --help and docs/headless.md name', async () => {
    const finding = commandTable().filter((c) => c.exitTwoIsAFinding).map((c) => c.name).sort();
    expect(finding).toEqual(['access-review', 'assign', 'drift', 'move-holders', 'plan', 'promote', 'rename', 'revert']);
    const { exitStatus } = await import('../../src/help.js');
    const docs = readFileSync(new URL('../../docs/headless.md', import.meta.url), 'utf8');
    for (const name of finding) {
      expect(exitStatus()).toContain(name);
      expect(docs.split('\n').find((l) => l.startsWith('- Exit status'))).toContain(name);
    }
  });
});

describe('plan, as terraform -detailed-exitcode', () => {
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  it.each([
    ['malformed YAML', 'kind: spex/security-profiles\nversion: 1\nprofiles:\n  - SecurityProfileName: "unclosed\n', 1, /malformed\.yaml:\d+:\d+/],
    ['not a profiles file', 'hello: world\n', 1, /not-profiles\.yaml/],
    ['a typo in a permission', 'kind: spex/security-profiles\nversion: 1\nprofiles:\n  - SecurityProfileName: Typo Desk\n    Permissions:\n      - Queues.Veiw\n', 1, /typo\.yaml:6:9/],
  ] as const)('%s: exit %s, with where, no usage text', async (what, text, expected, where) => {
    const file = write(`${what === 'malformed YAML' ? 'malformed' : what === 'not a profiles file' ? 'not-profiles' : 'typo'}.yaml`, text);
    const { code, err } = await run('plan', '-f', file, '--instance', 'acme-support');
    expect(code).toBe(expected);
    expect(err).toMatch(where);
    expect(err).not.toMatch(/^usage:/m);
  });

  it('changes: exit 2; none: exit 0', async () => {
    const file = write('new.yaml', 'kind: spex/security-profiles\nversion: 1\nprofiles:\n  - SecurityProfileName: Exit Two\n    Permissions:\n      - BasicAgentAccess\n');
    expect((await run('plan', '-f', file, '--instance', 'acme-support')).code).toBe(2);
    const empty = write('empty.yaml', 'kind: spex/security-profiles\nversion: 1\nprofiles: []\n');
    expect((await run('plan', '-f', empty, '--instance', 'acme-support')).code).toBe(0);
  });
});
