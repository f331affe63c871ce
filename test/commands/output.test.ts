import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { toJson, toYaml } from '../../src/commands/output.js';
import { renderTable } from '../../src/commands/table.js';

// What a terminal acts on: ESC and the other C0 controls but \n, DEL and C1 (0x9b is CSI), bidi overrides.
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const hostile = 'x\u001b[2J\u001b]52;c;ZXZpbA==\u0007\u001b]8;;http://evil\u0007y\u009b2J\u202ez\u200d👍\u2028\u007f';

describe('machine-readable output', () => {
  it('JSON escapes everything a terminal would act on, and reads back exactly', () => {
    const data = { [`k\u202e`]: [hostile, 'plain'], n: 1 };
    const text = toJson(data);
    expect(text.replace(/\n/g, '')).not.toMatch(ACTIVE);
    expect(JSON.parse(text)).toEqual(data);
    expect(text).toContain('\\u001b[2J');
    expect(text).toContain('\\u202e');
  });

  it('YAML double-quotes and escapes such strings, and reads back exactly', async () => {
    const data = { [`k\u202e`]: [hostile, 'plain'], n: 1, nested: { note: `line\nbreak\u009b` } };
    const text = await toYaml(data);
    expect(text.replace(/\n/g, '')).not.toMatch(ACTIVE);
    expect(YAML.parse(text)).toEqual(data);
    expect(text).toContain('plain');
  });

  it('any string survives both formats exactly and leaves nothing active (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 30 }), { maxKeys: 4 }), async (data) => {
        const json = toJson(data);
        expect(json.replace(/\n/g, '')).not.toMatch(ACTIVE);
        expect(JSON.parse(json)).toEqual(data);
        const yaml = await toYaml(data);
        expect(yaml.replace(/\n/g, '')).not.toMatch(ACTIVE);
        expect(YAML.parse(yaml) ?? {}).toEqual(data);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('tables show the same text inert', () => {
    const table = renderTable([{ v: hostile }], [{ header: 'V', value: (r) => r.v }]);
    expect(table.replace(/\n/g, '')).not.toMatch(ACTIVE);
    expect(table).toContain('x\uFFFDy\uFFFDz');
  });
});
