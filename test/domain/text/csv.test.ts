// CSV cells are inert in a spreadsheet (OWASP: formulas get a leading quote, every cell quoted) and on a
// terminal (no controls), and parse back (RFC 4180) to the text shown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/domain/text/csv.js';
import { sanitizeText } from '../../../src/domain/text/sanitize.js';
import { hostileString } from '../../fixtures/hostile.js';

/** A small RFC 4180 reader: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    }
    else cell += c;
  }
  return rows;
}

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://e.x")', `"'=HYPERLINK(""http://e.x"")"`],
    ['+1+2', `"'+1+2"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['Team Leads', '"Team Leads"'],
    ['a, "b"', '"a, ""b"""'],
  ])('%j → %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('numbers stay numbers; nothing is empty', () => {
    expect(csvCell(42)).toBe('42');
    expect(csvCell(undefined)).toBe('');
  });

  it('any text: one cell that parses back to the inert text, never starting a formula, with no control a terminal acts on', () => {
    fc.assert(
      fc.property(fc.array(hostileString, { minLength: 1, maxLength: 5 }), (texts) => {
        const csv = toCsv([texts], texts.map((_, i) => ({ header: `h${i}`, value: (r: string[]) => r[i] })));
        const rows = parseCsv(csv);
        expect(rows).toHaveLength(2);
        rows[1]!.forEach((cell, i) => {
          expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          const shown = sanitizeText(texts[i]!, { newlines: 'keep', tabs: 'keep', maxLength: Number.POSITIVE_INFINITY });
          expect(cell).toBe(/^[=+\-@\t\r]/.test(shown) ? `'${shown}` : shown);
        });
        expect(csv.replace(/\r\n|\n|\t/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 300 },
    );
  });
});

