// Lines for the scrolling panes, built by pure functions so the reducer can be told how many there
// are (for the scroll limit) and tests can read them without rendering.
import stringWidth from 'string-width';
import { padEnd } from '../domain/text/format.js';
import type { Tone } from './theme.js';

export interface PaneLine {
  text: string;
  tone?: Tone;
}

/** Word-wraps `text` to `width` columns (long words are cut), each line indented by `indent`. */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const room = Math.max(8, width - indent.length);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= room) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
      while (line.length > room) {
        lines.push(line.slice(0, room));
        line = line.slice(room);
      }
    }
    lines.push(line);
  }
  return lines.map((l) => `${indent}${l}`);
}

/**
 * A line that fits `width` as it is; a longer one broken at spaces where it can (mid-word where it
 * cannot), keeping its indentation and indenting what follows two more, so nothing is ever cut.
 * Unlike wrapText it keeps the spacing inside the line (pretty-printed JSON stays readable).
 */
export function wrapLine<L extends PaneLine>(line: L, width: number): L[] {
  if (stringWidth(line.text) <= width) return [line];
  const indent = /^\s*/.exec(line.text)![0];
  const out: L[] = [];
  let rest = line.text;
  let lead = '';
  while (stringWidth(lead + rest) > width) {
    const room = Math.max(8, width - lead.length);
    let cut = rest.lastIndexOf(' ', room);
    if (cut <= indent.length) cut = room;
    out.push({ ...line, text: lead + rest.slice(0, cut).trimEnd() });
    rest = rest.slice(cut).trimStart();
    lead = `${indent}  `;
  }
  if (rest !== '') out.push({ ...line, text: lead + rest });
  return out;
}

/** `Label: value` with the value wrapped under itself. */
export function field(label: string, value: string, width: number, labelWidth = 16): PaneLine[] {
  const head = padEnd(`${label}:`, labelWidth);
  const [first = '', ...rest] = wrapText(value, width - labelWidth);
  return [{ text: `${head}${first}` }, ...rest.map((text) => ({ text: `${' '.repeat(labelWidth)}${text}` }))];
}

export function heading(text: string): PaneLine {
  return { text, tone: 'heading' };
}

