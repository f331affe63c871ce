// A titled window onto a list of lines: the detail, the compare view and the help all scroll this way.
// Where the window is (`lines 1–18/51`) is the footer's job, so a long title cannot hide it.
import { Box, Text } from 'ink';
import type { PaneLine } from './pane-lines.js';
import { useTone } from './theme.js';

export interface ScrollPaneProps {
  readonly title: string;
  readonly lines: readonly PaneLine[];
  readonly scroll: number;
  /** Lines under the title. */
  readonly height: number;
  /** A fixed line under the title that does not scroll (column headers). */
  readonly subtitle?: string | undefined;
}

export function ScrollPane({ title, lines, scroll, height, subtitle }: ScrollPaneProps) {
  const tone = useTone();
  const room = Math.max(1, height - (subtitle === undefined ? 0 : 1));
  const visible = lines.slice(scroll, scroll + room);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold>
        {title}
      </Text>
      {subtitle !== undefined ? (
        <Text wrap="truncate-end" {...tone('heading')}>
          {subtitle}
        </Text>
      ) : null}
      {visible.map((line, i) => (
        <Text key={scroll + i} wrap="truncate-end" {...(line.tone !== undefined ? tone(line.tone) : {})}>
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
    </Box>
  );
}
