import { describe, expect, it } from 'vitest';
import { completePath } from '../../src/state/path-complete.js';

const tree: Record<string, string[]> = {
  '.': ['acme-support-security-profiles.yaml', 'acme-support-security-profiles-2.yaml', 'exports/', '.hidden/', 'notes.txt'],
  'exports/': ['prod.yaml', 'dev.yaml'],
};
const list = (dir: string) => tree[dir];

describe('Tab completion of a path', () => {
  it('completes one match (a folder with its /), several to their common start with the choices, none as typed', () => {
    expect(completePath('ex', list)).toEqual({ text: 'exports/', choices: [] });
    expect(completePath('exports/p', list)).toEqual({ text: 'exports/prod.yaml', choices: [] });
    const several = completePath('acme', list);
    expect(several.text).toBe('acme-support-security-profiles');
    expect(several.choices).toHaveLength(2);
    expect(completePath('zzz', list)).toEqual({ text: 'zzz', choices: [] });
    expect(completePath('missing/x', list)).toEqual({ text: 'missing/x', choices: [] });
  });

  it('offers hidden entries only when a dot is typed', () => {
    expect(completePath('', list).choices).not.toContain('.hidden/');
    expect(completePath('.h', list).text).toBe('.hidden/');
  });
});
