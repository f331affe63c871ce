// The `?` screen: every key of the mode underneath, read from the keymap.
import { helpEntries, helpText, MODE_TITLES, type Mode } from '../keys/keymap.js';
import type { PaneLine } from './pane-lines.js';
import { ScrollPane } from './scroll-pane.js';

export function helpLines(mode: Mode, readOnly = false, width = 120): PaneLine[] {
  return helpText(helpEntries(mode, { readOnly }), width).map((text) => ({ text }));
}

export interface HelpViewProps {
  readonly mode: Mode;
  readonly scroll: number;
  readonly height: number;
  /** Read-only mode: the mutating keys are not listed (they do not exist). */
  readonly readOnly?: boolean;
  /** Columns there are: help lines wrap to them, never cut. */
  readonly width?: number;
}

export function HelpView({ mode, scroll, height, readOnly = false, width = 120 }: HelpViewProps) {
  return <ScrollPane title={`Keys — ${MODE_TITLES[mode]}  (Esc or ? closes)`} lines={helpLines(mode, readOnly, width)} scroll={scroll} height={height} />;
}
