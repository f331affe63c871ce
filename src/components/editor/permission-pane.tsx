// The permission pane: a window of the catalogue rows around the cursor. Each row carries a checkbox
// for the draft state and a marker for a change (+ added, − removed), so nothing rests on colour.
import { Box, Text } from 'ink';
import { memo } from 'react';
import stringWidth from 'string-width';
import type { EditorRow } from '../../state/editor/permission-rows.js';
import { visibleWindow } from '../../state/editor/permission-rows.js';
import { useTone } from '../theme.js';

export interface PermissionPaneProps {
  readonly rows: readonly EditorRow[];
  readonly cursor: number;
  readonly height: number;
  readonly width: number;
}

const MARK = { added: '+', removed: '−' } as const;

const Row = memo(function Row({ row, isCursor, labelWidth, nameWidth }: { readonly row: EditorRow; readonly isCursor: boolean; readonly labelWidth: number; readonly nameWidth: number }) {
  const tone = useTone();
  const pointer = <Text {...tone('accent')}>{isCursor ? '›' : ' '}</Text>;
  if (row.kind === 'group') {
    return (
      <Box>
        {pointer}
        <Text> </Text>
        <Text wrap="truncate-end" {...(isCursor ? tone('selected') : tone('heading'))}>
          {row.group} <Text {...tone('muted')}>{row.granted}/{row.total} granted</Text>
        </Text>
      </Box>
    );
  }
  const style = isCursor ? tone('selected') : row.change === 'removed' ? tone('warning') : row.change === 'added' ? tone('success') : {};
  return (
    <Box>
      {pointer}
      <Text>{row.change ? MARK[row.change] : ' '} </Text>
      <Text {...style}>{row.isGranted ? '[x]' : '[ ]'} </Text>
      <Box width={labelWidth}>
        <Text wrap="truncate-end" {...style}>
          {row.label}
        </Text>
      </Box>
      <Box width={nameWidth} marginLeft={1}>
        <Text wrap="truncate-end" {...tone('muted')}>
          {row.name}
        </Text>
      </Box>
    </Box>
  );
});

export function PermissionPane({ rows, cursor, height, width }: PermissionPaneProps) {
  const { start, end } = visibleWindow(rows.length, cursor, height);
  // pointer, marker and checkbox take 7 columns; the rest is shared between label and API name.
  const room = Math.max(20, width - 8);
  // Labels are what admins read: they get the room the longest one needs, leaving the
  // (muted) API name at least 12 columns; only then is anything cut.
  const shown = rows.slice(start, end);
  // Over every row, not the window, so the columns stay put while scrolling.
  const longest = rows.reduce((m, r) => (r.kind === 'permission' ? Math.max(m, stringWidth(r.label)) : m), 0);
  const labelWidth = Math.max(12, Math.min(Math.max(longest, Math.floor(room * 0.55)), room - 12));
  const nameWidth = Math.max(8, room - labelWidth);
  if (rows.length === 0) {
    return (
      <Box height={height}>
        <Text>∅ No permission matches (Esc clears the search; f changes what is shown)</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height}>
      {shown.map((row, i) => (
        <Row key={row.kind === 'group' ? `g:${row.group}` : `p:${row.name}`} row={row} isCursor={start + i === cursor} labelWidth={labelWidth} nameWidth={nameWidth} />
      ))}
    </Box>
  );
}
