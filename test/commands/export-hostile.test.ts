// A hostile profile (its name, description and tags carry every class of hostile text) is exported in
// every format through the real command, each file is read back with its format's real parser and
// holds exactly the profile's text, with no template interpolation, tag or second document; the files
// pass their own tools where those are installed (terraform fmt, cfn-lint).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parseProfilesText } from '../../src/domain/as-code/profiles-plan.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { HOSTILE, HOSTILE_CLASSES, HOSTILE_NAME, plantHostile } from '../fixtures/hostile.js';
import { ACTIVE, runAgainst } from '../reliability/support/run.js';

let backend: TestBackend;
let dir: string;
beforeAll(async () => {
  backend = await startTestBackend();
  plantHostile(backend);
  dir = mkdtempSync(join(tmpdir(), 'spex-export-hostile-'));
});
afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

async function exportAs(format: string): Promise<{ path: string; text: string; err: string }> {
  const path = join(dir, `hostile.${format}`);
  const { code, err } = await runAgainst(backend, ['export', '--instance', backend.instanceArn, '--name', HOSTILE_NAME, '--format', format, '--file', path, '--allow-loss']);
  expect(code, err).toBe(0);
  expect(err.replace(/\n/g, '')).not.toMatch(ACTIVE);
  return { path, text: readFileSync(path, 'utf8'), err };
}

/** The literal an HCL template source means; a live `${` or `%{` fails the test. */
function hclLiteral(source: string): string {
  expect(source.replace(/\$\$\{|%%\{/g, '')).not.toMatch(/\$\{|%\{/);
  return source.replace(/([$%])\1\{/g, '$1{');
}

describe('every export of a hostile profile says exactly what it holds', () => {
  it.each(['yaml', 'json'])('spex %s: read back with spex’s own reader, exactly', async (format) => {
    const { path, text } = await exportAs(format);
    const file = parseProfilesText(text, path);
    const profile = file.profiles.find((p) => p.SecurityProfileName === HOSTILE_NAME);
    expect(profile?.Description).toBe(HOSTILE);
    expect(profile?.Tags).toEqual({ plain: HOSTILE_CLASSES.template, [`team${HOSTILE_CLASSES.clipboard}`]: HOSTILE });
    expect(text.replace(/\n/g, '')).not.toMatch(ACTIVE);
  });

  it.each(['terraform-aws', 'terraform-awscc'])('%s: HCL with no interpolation, the text exact', async (format) => {
    const { path, text, err } = await exportAs(format);
    const parsed = (await parseHcl(path, text)) as { resource?: Record<string, Record<string, { description?: string; tags?: Record<string, string> | { key: string; value: string }[] }[]>> };
    const blocks = Object.values(Object.values(parsed.resource ?? {})[0] ?? {}).map((b) => b[0]!);
    if (format === 'terraform-awscc') {
      // awscc refuses the name: the profile is left out, and said so.
      expect(err).toContain('awscc (Cloud Control) refuses this name');
      expect(blocks).toHaveLength(0);
      return;
    }
    expect(blocks).toHaveLength(1);
    expect(hclLiteral(blocks[0]!.description!)).toBe(HOSTILE);
    expect(Object.fromEntries(Object.entries(blocks[0]!.tags as Record<string, string>).map(([k, v]) => [hclLiteral(k), hclLiteral(v)]))).toEqual({ plain: HOSTILE_CLASSES.template, [`team${HOSTILE_CLASSES.clipboard}`]: HOSTILE });
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it.runIf(has('terraform'))('terraform-aws: the file is HCL Terraform itself reads (skipped where terraform is not installed)', async () => {
    const { text } = await exportAs('terraform-aws');
    const work = mkdtempSync(join(dir, 'tf-'));
    writeFileSync(join(work, 'export.tf'), text);
    const fmt = spawnSync('terraform', ['fmt', '-check=false', '-write=false', join(work, 'export.tf')], { encoding: 'utf8' });
    expect(fmt.status, fmt.stderr).toBe(0);
    // Terraform's own evaluation of the strings: with no providers, `terraform console` evaluates locals.
    rmSync(join(work, 'export.tf'));
    const description = /description = ("(?:[^"\\]|\\.)*")/.exec(text)![1]!;
    writeFileSync(join(work, 'main.tf'), `locals {\n  d = ${description}\n}\n`);
    const out = spawnSync('terraform', ['console'], { cwd: work, input: 'base64encode(local.d)\n', encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' } });
    expect(out.status, out.stderr).toBe(0);
    // What Terraform evaluates is the description itself: no working directory, no file's contents.
    const base64 = /"([A-Za-z0-9+/=]+)"/.exec(out.stdout)![1]!;
    expect(Buffer.from(base64, 'base64').toString('utf8')).toBe(HOSTILE);
  });

  it.each(['cloudformation', 'cloudformation-json'])('%s: one document, no tag, every value a plain string', async (format) => {
    const { text, err } = await exportAs(format);
    // CloudFormation refuses the name: the profile is left out, said so; its tags and text are checked on a profile it takes.
    expect(err).toContain('CloudFormation refuses this name');
    const docs = YAML.parseAllDocuments(text, { version: '1.1' });
    expect(docs).toHaveLength(1);
    expect((docs[0] as YAML.Document).warnings).toEqual([]);
    expect(JSON.stringify((docs[0] as YAML.Document).toJS())).not.toContain('Evil');
  });

  it('cloudformation: a profile it takes, holding the hostile text in its description and tags, reads back exactly', async () => {
    backend.emulator.modifyProfile(backend.region, plantedArn(), (m) => {
      m.SecurityProfileName = 'Evil Twin';
    });
    for (const format of ['cloudformation', 'cloudformation-json']) {
      const path = join(dir, `plain.${format}`);
      const { code, err } = await runAgainst(backend, ['export', '--instance', backend.instanceArn, '--name', 'Evil Twin', '--format', format, '--file', path, '--allow-loss']);
      expect(code, err).toBe(0);
      const text = readFileSync(path, 'utf8');
      const doc = YAML.parseDocument(text, { version: '1.1' });
      expect(doc.warnings).toEqual([]);
      const resources = Object.values((doc.toJS() as { Resources: Record<string, { Properties: { Description: string; Tags?: { Key: string; Value: string }[] } }> }).Resources);
      expect(resources).toHaveLength(1);
      expect(resources[0]!.Properties.Description).toBe(HOSTILE);
      // The key with an escape is one CloudFormation refuses (reported); the other tag is exact.
      expect(resources[0]!.Properties.Tags).toEqual([{ Key: 'plain', Value: HOSTILE_CLASSES.template }]);
      expect(err).toContain('a tag key CloudFormation refuses');
      if (has('cfn-lint')) {
        const lint = spawnSync('cfn-lint', [path], { encoding: 'utf8' });
        // cfn-lint's exit status is a bit mask: 2 errors, 4 warnings, 8 informational.
        expect(lint.status! & 2, lint.stdout).toBe(0);
      }
    }
  });
});

describe('CSV output of a table', () => {
  it('list --output csv: one table, every cell quoted, a formula-like name neutralised, nothing a terminal acts on', async () => {
    backend.emulator.modifyProfile(backend.region, plantedArn(), (m) => {
      m.SecurityProfileName = `=HYPERLINK("http://e.x")${HOSTILE_CLASSES.clipboard}`;
    });
    const { code, out } = await runAgainst(backend, ['list', '--instance', backend.instanceArn, '--output', 'csv']);
    expect(code).toBe(0);
    const lines = out.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('"NAME","LAST MODIFIED","ARN"');
    expect(lines).toContain(lines.find((l) => l.startsWith(`"'=HYPERLINK(""http://e.x"")\uFFFD"`)));
    expect(out.replace(/\r\n/g, '')).not.toMatch(ACTIVE);
    const refused = await runAgainst(backend, ['get', plantedArn(), '--output', 'csv']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--output must be table, json or yaml');
  });
});

function plantedArn(): string {
  const all = backend.emulator.listModels(backend.region, 'AWS::Connect::SecurityProfile') as { SecurityProfileArn: string; SecurityProfileName: string }[];
  return all.find((p) => p.SecurityProfileName === HOSTILE_NAME || /Evil Twin|HYPERLINK/.test(p.SecurityProfileName))!.SecurityProfileArn;
}
