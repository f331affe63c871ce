// The permission pane: a window of the catalogue rows around the cursor. Each row carries a checkbox
// for the draft state and a marker for a change (+ added, − removed), so nothing rests on colour.
import { Box, Text } from 'ink';
import { memo } from 'react';
import stringWidth from 'string-width';
import { padEnd } from '../../domain/text/format.js';
import type { EditorRow, ResourceRow } from '../../state/editor/permission-rows.js';
import type { PermissionLayout } from '../../state/editor/editor-state.js';
import { GRID_COLUMNS } from '../../domain/permissions/permission-grid.js';
import { visibleWindow } from '../../state/editor/permission-rows.js';
import { useTone } from '../theme.js';

export interface PermissionPaneProps {
  readonly rows: readonly EditorRow[];
  readonly cursor: number;
  readonly height: number;
  readonly width: number;
  readonly layout?: PermissionLayout;
  /** In the grid: the cell under the cursor. */
  readonly column?: number;
  readonly folded?: readonly string[];
}

const MARK = { added: '+', removed: '−' } as const;

const CELL = 7;

/** A grid row on one line: the resource's label, then a `[x]` per column; the cell under the cursor in the accent. */
function ResourceLine({ row, isCursor, column, labelWidth }: { readonly row: ResourceRow; readonly isCursor: boolean; readonly column: number; readonly labelWidth: number }) {
  const tone = useTone();
  const at = Math.min(column, row.cells.length - 1);
  const changed = row.cells.some((c) => c.change !== undefined);
  return (
    <Text wrap="truncate-end">
      <Text {...tone('accent')}>{isCursor ? '›' : ' '}</Text>
      {changed ? '±' : ' '}{' '}
      <Text {...(isCursor ? tone('selected') : {})}>{padEnd(row.label, labelWidth)}</Text>
      {row.cells.map((cell, i) => {
        const lacks = cell.name === undefined && !cell.isAll;
        const mark = lacks ? '   ' : cell.isGranted ? '[x]' : '[ ]';
        const special = i >= GRID_COLUMNS.length;
        // The cell under the cursor is pointed at, not only coloured.
        const lead = isCursor && i === at ? '›' : cell.change === 'added' ? '+' : cell.change === 'removed' ? '−' : ' ';
        const text = `${lead}${isCursor && i === at && lacks ? ' · ' : mark}${special ? ` ${cell.label}` : ''}`;
        const style = isCursor && i === at ? tone('selected') : cell.change === 'added' ? tone('success') : cell.change === 'removed' ? tone('warning') : {};
        return (
          <Text key={i}>
            {' '}
            <Text {...style}>{special ? text : padEnd(text, CELL)}</Text>
          </Text>
        );
      })}
    </Text>
  );
}

const Row = memo(function Row({ row, isCursor, labelWidth, nameWidth, column, isFolded }: { readonly row: EditorRow; readonly isCursor: boolean; readonly labelWidth: number; readonly nameWidth: number; readonly column: number; readonly isFolded: boolean }) {
  const tone = useTone();
  const pointer = <Text {...tone('accent')}>{isCursor ? '›' : ' '}</Text>;
  if (row.kind === 'group') {
    return (
      <Box>
        {pointer}
        <Text>{isFolded ? '▸' : '▾'}</Text>
        <Text wrap="truncate-end" {...(isCursor ? tone('selected') : tone('heading'))}>
          {row.group} <Text {...tone('muted')}>{row.granted}/{row.total} granted{isFolded ? ' (folded: Space)' : ''}</Text>
        </Text>
      </Box>
    );
  }
  if (row.kind === 'resource') return <ResourceLine row={row} isCursor={isCursor} column={column} labelWidth={labelWidth} />;
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

/** The header over the grid's columns. */
function GridHeader({ labelWidth }: { readonly labelWidth: number }) {
  const tone = useTone();
  return (
    <Text wrap="truncate-end" {...tone('muted')}>
      {'   '}
      {padEnd('Resource', labelWidth)}
      {GRID_COLUMNS.map((c) => ` ${padEnd(` ${c}`, CELL)}`).join('')} and its own actions
    </Text>
  );
}

export function PermissionPane({ rows, cursor, height, width, layout = 'list', column = 0, folded = [] }: PermissionPaneProps) {
  const isGrid = layout === 'grid';
  const { start, end } = visibleWindow(rows.length, cursor, isGrid ? height - 1 : height);
  // pointer, marker and checkbox take 7 columns; the rest is shared between label and API name.
  const room = Math.max(20, width - 8);
  // Labels are what admins read: they get the room the longest one on screen needs, leaving the
  // (muted) API name at least 12 columns; only then is anything cut.
  const shown = rows.slice(start, end);
  // Over the rows on screen: a label is never cut, and the API names keep what the labels leave.
  const longest = shown.reduce((m, r) => (r.kind !== 'group' ? Math.max(m, stringWidth(r.label)) : m), 0);
  // In the grid the label shares the line with five cells and the specials.
  const labelWidth = isGrid ? Math.max(12, Math.min(longest, Math.max(24, room - 5 * (CELL + 1) - 30))) : Math.max(12, Math.min(Math.max(longest, Math.floor(room * 0.4)), room - 12));
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
      {isGrid ? <GridHeader labelWidth={labelWidth} /> : null}
      {shown.map((row, i) => (
        <Row
          key={row.kind === 'group' ? `g:${row.group}` : row.kind === 'resource' ? `r:${row.resource}` : `p:${row.name}`}
          row={row}
          isCursor={start + i === cursor}
          labelWidth={labelWidth}
          nameWidth={nameWidth}
          column={start + i === cursor ? column : -1}
          isFolded={row.kind === 'group' && folded.includes(row.group)}
        />
      ))}
    </Box>
  );
}
