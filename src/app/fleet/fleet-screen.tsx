// The fleet screen: account (profile and id) × region × instance, with alias, status and profile
// count, and a loud marker on production. A failed account or region is a row that says why.
import { Box, Text } from 'ink';
import { padEnd, truncate } from '../../domain/format.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { FleetRow } from '../../fleet/fleet.js';
import { useTone } from '../../components/theme.js';

export interface FleetTableProps {
  readonly rows: readonly FleetRow[];
  readonly cursor: number;
  readonly height: number;
  readonly width: number;
  readonly isDone: boolean;
}

/** The rows of the window that keeps the cursor in view. */
export function windowTop(cursor: number, count: number, height: number): number {
  if (count <= height) return 0;
  return Math.max(0, Math.min(cursor - Math.floor(height / 2), count - height));
}

const COLUMNS = [
  { title: 'Profile', width: 20 },
  { title: 'Account', width: 13 },
  { title: 'Region', width: 15 },
  { title: 'Instance', width: 22 },
  { title: 'Status', width: 16 },
  { title: 'Profiles', width: 8 },
] as const;

export function fleetCells(row: FleetRow): string[] {
  const status = row.error ? `✗ ${row.error.message}` : (row.instance?.status ?? '—');
  const count = row.countError ? '✗' : row.instance?.status !== undefined && row.instance.status !== 'ACTIVE' ? '—' : row.profileCount === undefined ? '…' : String(row.profileCount);
  return [`${row.profile}${row.production ? ' ⚠PROD' : ''}`, row.accountId ?? '—', row.region ?? '(every region)', row.instance?.alias ?? row.instance?.id ?? '—', status, count].map(sanitizeLine);
}

/** One line: every cell cut and padded to its column, the last one cut only. */
function rowText(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? truncate(c, widths[i]!) : padEnd(truncate(c, widths[i]!), widths[i]!))).join(' ');
}

export function FleetTable({ rows, cursor, height, width, isDone }: FleetTableProps) {
  const tone = useTone();
  const room = Math.max(1, height - 2);
  const top = windowTop(cursor, rows.length, room);
  // The status column takes what is left, so an error can be read.
  const fixed = COLUMNS.reduce((n, c) => n + (c.title === 'Status' ? 0 : c.width + 1), 2);
  const widths = COLUMNS.map((c) => (c.title === 'Status' ? Math.max(10, width - fixed - 1) : c.width));
  return (
    <Box flexDirection="column">
      <Text {...tone('heading')} wrap="truncate-end">
        {`  ${rowText(COLUMNS.map((c) => c.title), widths)}`}
      </Text>
      {rows.slice(top, top + room).map((row, i) => {
        const at = top + i;
        const style = row.error ? tone('error') : at === cursor ? tone('selected') : row.production ? tone('warning') : {};
        return (
          <Text key={`${row.profile}/${row.region ?? ''}/${row.instance?.arn ?? 'error'}`} wrap="truncate-end" {...style}>
            {`${at === cursor ? '›' : ' '} ${rowText(fleetCells(row), widths)}`}
          </Text>
        );
      })}
      {rows.length === 0 ? <Text {...tone('muted')}>{isDone ? 'No Amazon Connect instance in any account of the fleet.' : 'Scanning the accounts…'}</Text> : null}
      {!isDone && rows.length > 0 ? <Text {...tone('muted')}>Scanning… (each account and region as it answers)</Text> : null}
    </Box>
  );
}
