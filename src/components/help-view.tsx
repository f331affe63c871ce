// The `?` screen: every key of the mode underneath, read from the keymap.
import { padEnd } from '../domain/format.js';
import { helpEntries, MODE_TITLES, type Mode } from '../keys/keymap.js';
import type { PaneLine } from './pane-lines.js';
import { ScrollPane } from './scroll-pane.js';

export function helpLines(mode: Mode, readOnly = false): PaneLine[] {
  return helpEntries(mode, { readOnly }).map((e) => ({ text: `  ${padEnd(e.keys, 12)} ${e.help}` }));
}

export interface HelpViewProps {
  readonly mode: Mode;
  readonly scroll: number;
  readonly height: number;
  /** Read-only mode: the mutating keys are not listed (they do not exist). */
  readonly readOnly?: boolean;
}

export function HelpView({ mode, scroll, height, readOnly = false }: HelpViewProps) {
  return <ScrollPane title={`Keys — ${MODE_TITLES[mode]}  (Esc or ? closes)`} lines={helpLines(mode, readOnly)} scroll={scroll} height={height} />;
}
