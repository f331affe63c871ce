// Lines for the scrolling panes, built by pure functions so the reducer can be told how many there
// are (for the scroll limit) and tests can read them without rendering.
import { padEnd } from '../domain/format.js';
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

/** `Label: value` with the value wrapped under itself. */
export function field(label: string, value: string, width: number, labelWidth = 16): PaneLine[] {
  const head = padEnd(`${label}:`, labelWidth);
  const [first = '', ...rest] = wrapText(value, width - labelWidth);
  return [{ text: `${head}${first}` }, ...rest.map((text) => ({ text: `${' '.repeat(labelWidth)}${text}` }))];
}

export function heading(text: string): PaneLine {
  return { text, tone: 'heading' };
}

