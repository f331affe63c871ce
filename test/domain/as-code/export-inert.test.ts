// A profile's text is inert in every file spex writes: for each format, profiles holding arbitrary
// hostile strings (template sequences, YAML indicators, intrinsic-function look-alikes, controls, NUL,
// C1, bidi, lone surrogates) are exported, the file is parsed with the format's real parser, and every
// string comes back exactly (Terraform: with no template interpolation anywhere).
import { parse as parseHcl } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { cloudFormationJson, cloudFormationYaml, toCloudFormation } from '../../../src/domain/as-code/export-cloudformation.js';
import { hclString, toTerraform } from '../../../src/domain/as-code/export-terraform.js';
import { inertYaml } from '../../../src/domain/text/inert-yaml.js';
import { profilesYaml, toProfilesFile } from '../../../src/domain/as-code/profiles-file.js';
import { parseProfilesText } from '../../../src/domain/as-code/profiles-plan.js';
import { inertJson } from '../../../src/domain/text/sanitize.js';
import type { SecurityProfile } from '../../../src/domain/profile/security-profile.js';
import { hostileString } from '../../fixtures/hostile.js';

const INSTANCE = 'arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function profile(i: number, text: string, name = `P${i} ${text}`): SecurityProfile {
  return {
    InstanceArn: INSTANCE,
    SecurityProfileArn: `${INSTANCE}/security-profile/p-${i}`,
    SecurityProfileName: name,
    Description: text,
    Permissions: ['BasicAgentAccess'],
    // The first tag names the profile's index, so each is found again whatever its text; the second has a hostile key.
    Tags: [{ Key: `k${i}`, Value: text }, { Key: `k${i}|${text}`, Value: text }],
  };
}

/**
 * The string an HCL template source means, when it has no interpolation: `$${` is a literal `${` and
 * `%%{` a literal `%{` (read left to right, as HCL's scanner does). A live `${` or `%{` is a failure.
 */
function hclLiteral(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; ) {
    if (source.startsWith('$${', i) || source.startsWith('%%{', i)) {
      out += source.slice(i + 1, i + 3);
      i += 3;
    } else if (source.startsWith('${', i) || source.startsWith('%{', i)) {
      throw new Error(`template interpolation at ${i} in ${JSON.stringify(source)}`);
    } else {
      out += source[i];
      i += 1;
    }
  }
  return out;
}

type HclResource = Record<string, Record<string, { description?: string; name?: string; tags?: Record<string, string> | { key: string; value: string }[] }[]>>;

describe('Terraform: no text becomes a template', () => {
  it('hclString doubles ${ and %{ (a replacement string would have written them back)', () => {
    expect(hclString('${path.cwd} %{if x}')).toBe('"$${path.cwd} %%{if x}"');
    expect(hclString('$${a}')).toBe('"$$${a}"');
    expect(hclString('a\u0085b\u202e')).toBe('"a\\u0085b\\u202e"');
  });

  it.each(['terraform-aws', 'terraform-awscc'] as const)('%s: arbitrary hostile names, descriptions and tags parse back exactly', async (flavour) => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileString, { minLength: 1, maxLength: 40 }), async (texts) => {
        // awscc refuses names outside the schema's pattern (reported as a loss), so its names are plain.
        const profiles = texts.map((t, i) => profile(i, t, flavour === 'terraform-awscc' ? `P${i}` : undefined));
        const { hcl, losses } = toTerraform(profiles, flavour);
        const parsed = (await parseHcl('export.tf', hcl)) as { resource: HclResource };
        const type = flavour === 'terraform-aws' ? 'aws_connect_security_profile' : 'awscc_connect_security_profile';
        const blocks = Object.values(parsed.resource[type]!).map((b) => b[0]!);
        expect(blocks).toHaveLength(texts.length);
        // Labels are identifiers and unique.
        expect(Object.keys(parsed.resource[type]!).every((l) => /^[a-z][a-z0-9_]*$/.test(l))).toBe(true);
        const found = new Map<number, { description?: string; name?: string; tags: [string, string][] }>();
        for (const b of blocks) {
          const tags: [string, string][] = Array.isArray(b.tags) ? b.tags.map((t) => [hclLiteral(t.key), hclLiteral(t.value)]) : Object.entries(b.tags ?? {}).map(([k, v]) => [hclLiteral(k), hclLiteral(v)]);
          const index = Number(/^k(\d+)$/.exec(tags.find(([k]) => /^k\d+$/.test(k))![0])![1]);
          found.set(index, { ...(b.description === undefined ? {} : { description: hclLiteral(b.description) }), ...(b.name === undefined ? {} : { name: hclLiteral(b.name) }), tags });
        }
        texts.forEach((text, i) => {
          // What HCL cannot hold is reported, and written as U+FFFD or in NFC.
          const expected = text.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC');
          const lost = (field: string): boolean => losses.some((l) => l.profile === profiles[i]!.SecurityProfileName && l.field.startsWith(field));
          if (expected !== text) expect(lost('description') || lost('Tags')).toBe(true);
          const block = found.get(i)!;
          expect(block.description ?? '', `description ${JSON.stringify(text)}`).toBe(expected);
          expect(block.tags).toContainEqual([`k${i}`, expected]);
          // The hostile key is there exactly, or its loss is reported (awscc refuses such keys).
          if (!block.tags.some(([k]) => k === `k${i}|${expected}`)) expect(lost('Tags')).toBe(true);
          if (flavour === 'terraform-aws') expect(block.name).toBe(`P${i} ${expected}`);
        });
        if (texts.every((t) => t === t.replace(LONE_SURROGATE, '').normalize('NFC'))) expect(losses.filter((l) => /surrogate|NFC/.test(l.why))).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('nested values keep only the schema keys: a key cannot become an HCL attribute or an intrinsic', async () => {
    const hostile = {
      ...profile(1, 'x'),
      Tags: [],
      Applications: [{ Namespace: 'ns ${x}', ApplicationPermissions: ['a'], 'evil = 1 } resource "x" "y" {': 'v', 'Fn::Sub': 'boom' } as never],
      GranularAccessControlConfiguration: { Ref: 'AWS::AccountId', DataTableAccessControlConfiguration: {} } as never,
    };
    const { hcl, losses } = toTerraform([hostile], 'terraform-awscc');
    const parsed = (await parseHcl('export.tf', hcl)) as { resource: Record<string, Record<string, Record<string, unknown>[]>> };
    const block = Object.values(parsed.resource.awscc_connect_security_profile!)[0]![0]!;
    expect(block.applications).toEqual([{ namespace: 'ns $${x}', application_permissions: ['a'] }]);
    expect(hcl).not.toContain('evil');
    expect(losses.map((l) => l.field)).toEqual(expect.arrayContaining(['Applications[0].evil = 1 } resource "x" "y" {', 'Applications[0].Fn::Sub', 'GranularAccessControlConfiguration.Ref']));
    const cfn = toCloudFormation([hostile], INSTANCE, []);
    expect(JSON.stringify(cfn.template)).not.toMatch(/Fn::Sub|"Ref":"AWS::AccountId"|evil/);
  });
});

/** Every explicit tag in a YAML document: a value that became `!Ref` or `!!binary` would show here. */
function tagsIn(doc: YAML.Document): string[] {
  const tags: string[] = [];
  YAML.visit(doc, {
    Node(_k, node) {
      if (YAML.isNode(node) && node.tag) tags.push(node.tag);
    },
  });
  return tags;
}

describe('CloudFormation: values are plain strings whatever they hold', () => {
  it('YAML (read as YAML 1.1, as CloudFormation does, and as 1.2) and JSON give back every string, with no tag and one document', () => {
    fc.assert(
      fc.property(fc.array(hostileString, { minLength: 1, maxLength: 30 }), (texts) => {
        const profiles = texts.map((t, i) => profile(i, t, `P${i}`));
        const { template } = toCloudFormation(profiles, INSTANCE, []);
        const want = (template.Resources as Record<string, { Properties: { Description: string; Tags: { Key: string; Value: string }[] } }>);
        const yaml = cloudFormationYaml(template);
        for (const version of ['1.1', '1.2'] as const) {
          const docs = YAML.parseAllDocuments(yaml, { version });
          expect(docs).toHaveLength(1);
          const doc = docs[0] as YAML.Document;
          expect(doc.errors).toEqual([]);
          expect(doc.warnings).toEqual([]);
          expect(tagsIn(doc)).toEqual([]);
          expect(doc.toJS()).toEqual(template);
        }
        expect(JSON.parse(cloudFormationJson(template))).toEqual(template);
        texts.forEach((text, i) => {
          const resource = Object.values(want).find((r) => r.Properties.Tags?.[0]?.Key === `k${i}`);
          expect(resource?.Properties.Tags?.[0]).toEqual({ Key: `k${i}`, Value: text });
          expect(resource?.Properties.Description ?? '').toBe(text);
        });
        expect(yaml).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 60 },
    );
  });
});

describe("spex's own profiles file and machine output", () => {
  it('YAML and JSON profiles files read back (with spex’s own reader) to exactly what was written', () => {
    fc.assert(
      fc.property(fc.array(hostileString, { minLength: 1, maxLength: 20 }), (texts) => {
        const profiles = texts.map((t, i) => profile(i, t));
        const file = toProfilesFile(profiles, []);
        const yaml = profilesYaml(file, ' header with ${x} and \u001b]52;c;QQ==\u0007\nsecond line');
        expect(parseProfilesText(yaml, 'f.yaml')).toEqual(file);
        expect(parseProfilesText(inertJson(file, 2), 'f.json')).toEqual(file);
        expect(yaml).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 60 },
    );
  });

  it('JSON and YAML output (and so SARIF) keep the data exact and hold no raw C1, DEL or bidi control', () => {
    fc.assert(
      fc.property(fc.dictionary(hostileString, hostileString, { maxKeys: 5 }), (data) => {
        const json = inertJson(data, 2);
        const yaml = inertYaml(data);
        for (const text of [json, yaml]) expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect(JSON.parse(json)).toEqual(data);
        expect(YAML.parse(yaml)).toEqual(data);
      }),
      { numRuns: 200 },
    );
  });
});

describe('reading a profiles file is reading data', () => {
  const base = 'kind: spex/security-profiles\nversion: 1\nprofiles:\n';
  it.each([
    ['a custom tag', `${base}  - SecurityProfileName: !Ref Name\n`, /f\.yaml:4:26: the tag !Ref is not allowed/],
    ['a binary value', `${base}  - SecurityProfileName: x\n    Description: !!binary aGVsbG8=\n`, /f\.yaml:5:18: the tag !!binary is not allowed/],
    ['a set', `${base}  - SecurityProfileName: x\n    Permissions: !!set {a, b}\n`, /f\.yaml:5:18: the tag !!set is not allowed/],
  ])('%s is refused with its line and column', (_name, text, message) => {
    expect(() => parseProfilesText(text, 'f.yaml')).toThrow(message);
  });

  // Refused before expanding: 9^9 strings would take minutes and gigabytes (the test would time out).
  it('a "billion laughs" file is refused with the line of its first alias, before it expands', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    expect(() => parseProfilesText(`${lines.join('\n')}\n`, 'bomb.yaml')).toThrow(/^bomb\.yaml:2:\d+: anchors and aliases would expand beyond the limit \(100 aliases\)/);
  });

  it('a few aliases are fine', () => {
    const text = `${base}  - SecurityProfileName: a\n    Permissions: &p [BasicAgentAccess]\n  - SecurityProfileName: b\n    Permissions: *p\n`;
    expect(parseProfilesText(text, 'f.yaml').profiles.map((p) => p.Permissions)).toEqual([['BasicAgentAccess'], ['BasicAgentAccess']]);
  });
});
