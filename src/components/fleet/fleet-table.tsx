// The fleet screen: account (profile and id) × region × instance, with alias, status and profile
// count, and a loud marker on production. A failed account or region is a row that says why.
import { Box, Text } from 'ink';
import { padEnd, truncate } from '../../domain/text/format.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { type FleetRow, type ScanProgress, scanProgressText } from '../../domain/fleet/fleet-row.js';
import { useTone } from '../theme.js';

export interface FleetTableProps {
  readonly rows: readonly FleetRow[];
  readonly cursor: number;
  readonly height: number;
  readonly width: number;
  readonly isDone: boolean;
  /** The scan's accounts: answered (or failed) of all, and how many failed. */
  readonly progress?: ScanProgress | undefined;
  /** Rows of accounts not answered yet are the last scan's, which ended then (epoch ms). */
  readonly cachedAt?: number | undefined;
}

/** The rows of the window that keeps the cursor in view. */
export function windowTop(cursor: number, count: number, height: number): number {
  if (count <= height) return 0;
  return Math.max(0, Math.min(cursor - Math.floor(height / 2), count - height));
}

/**
 * The columns; Status comes last and takes what is left, so an error can be read. Under 90 columns the
 * account id goes (the profile names it); an organisation's fleet has its OU from 110.
 */
function columnsFor(width: number, units: boolean): { title: string; width: number; cell: (row: FleetRow) => string }[] {
  const all = [
    { title: units ? 'Account' : 'AWS profile', width: 20, cell: (r: FleetRow) => `${r.profile}${r.production ? ' ⚠PROD' : ''}` },
    { title: units ? 'Id' : 'Account', width: 13, cell: (r: FleetRow) => r.accountId ?? '—' },
    ...(units && width >= 110 ? [{ title: 'OU', width: 14, cell: (r: FleetRow) => r.unit ?? '—' }] : []),
    { title: 'Region', width: 15, cell: (r: FleetRow) => r.region ?? '(every region)' },
    { title: 'Instance', width: width < 90 ? 16 : 22, cell: (r: FleetRow) => r.instance?.alias ?? r.instance?.id ?? '—' },
    {
      title: 'Profiles',
      width: 8,
      cell: (r: FleetRow) => (r.error ? '' : r.countError ? '✗' : r.instance?.status !== undefined && r.instance.status !== 'ACTIVE' ? '—' : r.profileCount === undefined ? '…' : String(r.profileCount)),
    },
  ].filter((c, i) => width >= 90 || i !== 1);
  const used = all.reduce((n, c) => n + c.width + 1, 2);
  return [...all, { title: 'Status', width: Math.max(8, width - used), cell: (r: FleetRow) => (r.error ? `✗ ${r.error.message}` : (r.instance?.status ?? '—')) }];
}

export function fleetCells(row: FleetRow, width = 120, units = row.unit !== undefined): string[] {
  return columnsFor(width, units).map((c) => sanitizeLine(c.cell(row)));
}

/** One line: every cell cut and padded to its column, the last one cut only. */
function rowText(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? truncate(c, widths[i]!) : padEnd(truncate(c, widths[i]!), widths[i]!))).join(' ');
}

/** A failed account or region: who and where, then why, over the columns it has no values for. */
function errorRowText(row: FleetRow, columns: ReturnType<typeof columnsFor>, width: number): string {
  const where = columns.filter((c) => c.title !== 'Instance' && c.title !== 'Profiles' && c.title !== 'Status');
  const head = rowText([...where.map((c) => sanitizeLine(c.cell(row))), ''], [...where.map((c) => c.width), 0]);
  return head + truncate(sanitizeLine(`✗ ${row.error?.message ?? ''}`), Math.max(8, width - 2 - head.length));
}

export function FleetTable({ rows, cursor, height, width, isDone, progress, cachedAt }: FleetTableProps) {
  const tone = useTone();
  const room = Math.max(1, height - 2);
  const top = windowTop(cursor, rows.length, room);
  const units = rows.some((r) => r.unit !== undefined);
  const columns = columnsFor(width, units);
  const widths = columns.map((c) => c.width);
  return (
    <Box flexDirection="column">
      <Text {...tone('heading')} wrap="truncate-end">
        {`  ${rowText(columns.map((c) => c.title), widths)}`}
      </Text>
      {rows.slice(top, top + room).map((row, i) => {
        const at = top + i;
        const style = row.error ? tone('error') : at === cursor ? tone('selected') : row.production ? tone('warning') : {};
        return (
          <Text key={`${row.profile}/${row.region ?? ''}/${row.instance?.arn ?? 'error'}`} wrap="truncate-end" {...style}>
            {`${at === cursor ? '›' : ' '} ${row.error ? errorRowText(row, columns, width) : rowText(fleetCells(row, width, units), widths)}`}
          </Text>
        );
      })}
      {rows.length === 0 ? <Text {...tone('muted')}>{isDone ? 'No Amazon Connect instance in any account of the fleet.' : 'Scanning the accounts…'}</Text> : null}
      {!isDone && rows.length > 0 ? (
        <Text {...tone('muted')} wrap="truncate-end">
          {`Scanning… ${progress ? `${scanProgressText(progress)} · ` : ''}${cachedAt !== undefined ? `the rest as the last scan saw them (${new Date(cachedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC)` : 'each account and region as it answers'}`}
        </Text>
      ) : null}
    </Box>
  );
}
