// The keys that work here (from the keymap) and, on tables, how many rows are shown of how many.
import { Box, Text } from 'ink';
import type { HelpEntry } from '../keys/keymap.js';
import { useTone } from './theme.js';

export interface FooterProps {
  readonly hints: readonly HelpEntry[];
  /** E.g. `12/340`. */
  readonly counter?: string | undefined;
}

export function Footer({ hints, counter }: FooterProps) {
  const tone = useTone();
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
