import { describe, expect, it } from 'vitest';
import { fittingHints } from '../../src/components/footer.js';
import { footerHints } from '../../src/keys/keymap.js';

describe('fittingHints', () => {
  it('keeps every hint when they fit, and leaves out whole hints from the end (never ? and q) when not', () => {
    const all = footerHints('list');
    expect(fittingHints(all, 500)).toEqual(all);
    const narrow = fittingHints(all, 60).map((h) => h.keys);
    expect(narrow.slice(-2)).toEqual(['?', 'q']);
    expect(narrow[0]).toBe('Enter');
    const width = fittingHints(all, 60).reduce((n, h, i) => n + (i > 0 ? 2 : 0) + h.keys.length + 1 + h.help.length, 0);
    expect(width).toBeLessThanOrEqual(60);
  });

  it('at 80 columns the list keeps open, filter, edit and back, dropping the other keys first', () => {
    const keysAt80 = fittingHints(footerHints('list'), 80 - 6).map((h) => h.keys);
    for (const k of ['Enter', '/', 'e', 'Esc', '?', 'q']) expect(keysAt80).toContain(k);
    expect(keysAt80).not.toContain('o');
  });
});
