// The keys that work here (from the keymap) and, on tables, how many rows are shown of how many.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { HelpEntry } from '../keys/keymap.js';
import { useTone } from './theme.js';

export interface FooterProps {
  readonly hints: readonly HelpEntry[];
  /** E.g. `12/340`. */
  readonly counter?: string | undefined;
  /** Columns there are: hints that do not fit are left out whole (the help lists every key). */
  readonly width?: number;
}

/** Always kept: the way to every other key, and the way out. */
const KEPT = new Set(['?', 'q']);

/** Dropped last: open, filter, edit, review and send, back (the help lists the rest). */
const ESSENTIAL = new Set(['Enter', '/', 'e', 's', 'y/Enter', 'Esc', 'Esc/?']);

/**
 * The hints that fit in `room` columns: the others go first, from the end, then the essential ones,
 * from the end; `? help` and `q quit` always stay.
 */
export function fittingHints(hints: readonly HelpEntry[], room: number): readonly HelpEntry[] {
  const length = (list: readonly HelpEntry[]): number => list.reduce((n, h, i) => n + (i > 0 ? 2 : 0) + h.keys.length + 1 + h.help.length, 0);
  const shown = [...hints];
  for (const pass of [(k: string) => !KEPT.has(k) && !ESSENTIAL.has(k), (k: string) => !KEPT.has(k)]) {
    for (let i = shown.length - 1; i >= 0 && length(shown) > room; i--) {
      if (pass(shown[i]!.keys)) shown.splice(i, 1);
    }
  }
  return shown;
}

function FooterView({ hints: all, counter, width }: FooterProps) {
  const tone = useTone();
  const hints = width === undefined ? all : fittingHints(all, width - (counter === undefined ? 0 : counter.length + 1));
  return (
    <Box justifyContent="space-between">
      <Box flexShrink={1}>
        <Text wrap="truncate-end">
          {hints.map((h, i) => (
            <Text key={`${h.keys}-${h.help}`}>
              {i > 0 ? '  ' : ''}
              <Text bold>{h.keys}</Text>
              <Text {...tone('muted')}> {h.help}</Text>
            </Text>
          ))}
        </Text>
      </Box>
      {counter !== undefined ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text>{counter}</Text>
        </Box>
      ) : null}
    </Box>
  );
}

function sameFooter(a: FooterProps, b: FooterProps): boolean {
  return (
    a.counter === b.counter &&
    a.width === b.width &&
    a.hints.length === b.hints.length &&
    a.hints.every((h, i) => h.keys === b.hints[i]?.keys && h.help === b.hints[i]?.help)
  );
}

/** Re-rendered only when what it shows changes (the hints are a new array on every render). */
export const Footer = memo(FooterView, sameFooter);
