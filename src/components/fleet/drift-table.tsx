// The drift matrix: profiles (by name) × instances, each cell against the baseline column (`=`,
// `≠N`, `–`, `+`, `?`), with a cell cursor, marks for promote, and columns that scroll sideways when
// they do not fit. The cell view shows the difference in console words, then every field side by side.
import { Box, Text } from 'ink';
import { compareHeader, compareLines } from '../compare-lines.js';
import type { PaneLine } from '../pane-lines.js';
import { wrapText } from '../pane-lines.js';
import { useTone } from '../theme.js';
import { cellText, comparablePair, DRIFT_LEGEND, type DriftColumn, type DriftMatrix, rowSummary, rowSummaryText } from '../../domain/fleet/drift.js';
import { padEnd, truncate } from '../../domain/text/format.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { windowTop } from './fleet-table.js';

export const NAME_WIDTH = 28;
export const CELL_WIDTH = 16;

export interface DriftCursor {
  row: number;
  col: number;
}

export interface DriftTableProps {
  readonly matrix: DriftMatrix;
  readonly columns: readonly DriftColumn[];
  readonly cursor: DriftCursor;
  /** Marked cells, as `row:col`. */
  readonly marked: ReadonlySet<string>;
  readonly width: number;
  readonly height: number;
}

/** How many instance columns fit beside the names, and the first one shown so the cursor's is in view. */
export function visibleColumns(count: number, cursorCol: number, width: number): { left: number; fit: number } {
  const fit = Math.max(1, Math.floor((width - NAME_WIDTH - 2) / (CELL_WIDTH + 1)));
  const left = Math.max(0, Math.min(cursorCol - fit + 1, count - fit, cursorCol));
  return { left: Math.max(0, left), fit };
}

export function DriftTable({ matrix, columns, cursor, marked, width, height }: DriftTableProps) {
  const tone = useTone();
  // The legend is never cut: at a narrow width it takes two or three lines (broken between its entries).
  const legend = legendLines(width);
  const room = Math.max(1, height - 4 - legend.length);
  const top = windowTop(cursor.row, matrix.names.length, room);
  const { left, fit } = visibleColumns(columns.length, cursor.col, width);
  const shown = columns.slice(left, left + fit);
  return (
    <Box flexDirection="column">
      {/* Two header lines: the AWS profile (account), then the instance, so neither is cut. */}
      <Text {...tone('heading')} wrap="truncate-end">
        {`  ${padEnd('', NAME_WIDTH)} ${shown.map((c, i) => padEnd(truncate(`${left + i === matrix.baseline ? '◆ ' : ''}${sanitizeLine(c.key.slice(0, c.key.indexOf(':')))}`, CELL_WIDTH), CELL_WIDTH)).join(' ')}`}
      </Text>
      <Text {...tone('heading')} wrap="truncate-end">
        {`  ${padEnd('Profile', NAME_WIDTH)} ${shown.map((c) => padEnd(truncate(sanitizeLine(c.key.slice(c.key.indexOf(':') + 1)), CELL_WIDTH - (c.progress ? 6 : 0)) + (c.progress ? ` ${c.progress.done}/${c.progress.total}` : ''), CELL_WIDTH)).join(' ')}${left + fit < columns.length ? ' →' : ''}${left > 0 ? ' (← more)' : ''}`}
      </Text>
      {matrix.names.slice(top, top + room).map((name, i) => {
        const row = top + i;
        return (
          <Box key={name}>
            <Text wrap="truncate-end" {...(row === cursor.row ? tone('selected') : {})}>
              {`${row === cursor.row ? '›' : ' '} ${padEnd(truncate(sanitizeLine(name), NAME_WIDTH), NAME_WIDTH)}`}
            </Text>
            {shown.map((c, j) => {
              const col = left + j;
              const cell = matrix.cells[row]![col]!;
              const isCursor = row === cursor.row && col === cursor.col;
              const isMarked = marked.has(`${row}:${col}`);
              const text = padEnd(`${isMarked ? '✓' : ' '}${cellText(cell)}`, CELL_WIDTH);
              const style = isCursor ? { inverse: true } : cell.state === 'differs' || cell.state === 'missing' ? tone('warning') : cell.state === 'extra' ? tone('accent') : cell.state === 'unknown' ? tone('muted') : {};
              return (
                <Text key={c.key} {...style}>
                  {` ${text}`}
                </Text>
              );
            })}
          </Box>
        );
      })}
      {matrix.names.length === 0 ? <Text {...tone('muted')}>Reading the instances’ profiles…</Text> : null}
      {/* The cursor's profile across every instance, however many there are: n goes to the next one that drifts. */}
      {matrix.names[cursor.row] !== undefined ? (
        <Text wrap="truncate-end">{`${sanitizeLine(matrix.names[cursor.row]!)}: ${rowSummaryText(rowSummary(matrix, cursor.row))}`}</Text>
      ) : null}
      <Text {...tone('muted')} wrap="truncate-end">
        {`◆ baseline: ${sanitizeLine(columns[matrix.baseline]?.key ?? '—')} · ${readingText(columns)}`}
      </Text>
      {legend.map((line) => (
        <Text key={line} {...tone('muted')} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}

/** The legend in lines of at most `width` columns, each entry whole. */
export function legendLines(width: number): string[] {
  const lines: string[] = [];
  for (const entry of DRIFT_LEGEND.split(' · ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 3 + entry.length <= width - 1) lines[lines.length - 1] = `${last} · ${entry}`;
    else lines.push(entry);
  }
  return lines;
}

/** How far the reading has got: instances left, details read, and the time AWS's budgets still need. */
export function readingText(columns: readonly DriftColumn[]): string {
  const reading = columns.filter((c) => c.profiles === undefined && c.error === undefined);
  if (reading.length === 0) return `every instance read${columns.some((c) => c.error) ? ` (${columns.filter((c) => c.error).length} could not be)` : ''}`;
  const done = reading.reduce((n, c) => n + (c.progress?.done ?? 0), 0);
  const total = reading.reduce((n, c) => n + (c.progress?.total ?? 0), 0);
  // The instance with the most details left says how long: the others read at the same time.
  const slowest = [...reading].sort((a, b) => (b.progress ? b.progress.total - b.progress.done : 0) - (a.progress ? a.progress.total - a.progress.done : 0))[0];
  const left = slowest?.progress?.left;
  return `${reading.length} of ${columns.length} instances still reading (${done}/${total} details${left ? ` · ${left}` : ''})`;
}

/** One cell in full: what turns the baseline's profile into this one, then both side by side. */
export function driftCellLines(matrix: DriftMatrix, columns: readonly DriftColumn[], cursor: DriftCursor, width: number): { title: string; subtitle?: string; lines: PaneLine[] } {
  const name = matrix.names[cursor.row] ?? '';
  const base = columns[matrix.baseline];
  const other = columns[cursor.col];
  const cell = matrix.cells[cursor.row]?.[cursor.col];
  const find = (c: DriftColumn | undefined) => c?.profiles?.find((p) => p.SecurityProfileName === name);
  const title = `“${sanitizeLine(name)}”: ${sanitizeLine(base?.key ?? '?')} (baseline) ↔ ${sanitizeLine(other?.key ?? '?')}`;
  const lines: PaneLine[] = [];
  if (cell === undefined || cell.state === 'unknown') return { title, lines: [{ text: other?.error ? `Could not read ${sanitizeLine(other.key)}: ${sanitizeLine(other.error)}` : 'Not read yet.', tone: 'muted' }] };
  if (cell.state === 'same') lines.push({ text: 'The same as the baseline (hierarchy groups compared by their path of names).', tone: 'success' });
  if (cell.state === 'missing') lines.push({ text: `${sanitizeLine(other?.key ?? '')} has no profile of this name: P promotes it from the baseline.`, tone: 'warning' });
  if (cell.state === 'extra') lines.push({ text: `Only here: the baseline ${sanitizeLine(base?.key ?? '')} has no profile of this name.`, tone: 'accent' });
  if (cell.state === 'differs') {
    lines.push({ text: `${cell.count} difference${cell.count === 1 ? '' : 's'}: what would turn the baseline's into this one`, tone: 'heading' });
    for (const c of cell.changes) for (const l of wrapText(c.label, width - 4)) lines.push({ text: `  ${l}` });
  }
  const mine = find(base);
  const theirs = find(other);
  if (mine !== undefined && theirs !== undefined) {
    const [a, b] = comparablePair(mine, base, theirs, other);
    const [left, right] = [
      { name: 'baseline', permissions: mine.Permissions ?? [], profile: a },
      { name: 'here', permissions: theirs.Permissions ?? [], profile: b },
    ];
    lines.push({ text: '' }, ...compareLines(left, right, width, false));
    return { title, subtitle: compareHeader(left, right, width), lines };
  }
  return { title, lines };
}
