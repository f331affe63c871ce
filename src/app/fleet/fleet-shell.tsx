// The TUI over a fleet: the fleet screen above the region picker (every account × region ×
// instance), the drift matrix (D), promote (P here, in the matrix, or on an instance's list), and an
// instance opened with Enter as the single-account app has it, in that account's Spex. Esc on that
// app's region picker comes back here.
import { Box, Text, useApp, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { linesShown } from '../../state/selectors.js';
import { Footer } from '../../components/footer.js';
import { Header } from '../../components/header.js';
import { ScrollPane } from '../../components/scroll-pane.js';
import { useTone } from '../../components/theme.js';
import { driftCount, driftMatrix, onlyDrifting } from '../../domain/fleet/drift.js';
import { padEnd } from '../../domain/text/format.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { type Fleet, type FleetRow, instanceKey, isProductionInstance } from '../../fleet/fleet.js';
import { type Promotion, unfinishedPromotions } from '../../fleet/promotion.js';
import { SpexProvider } from '../../hooks/spex-context.js';
import { useBurstInput } from '../../hooks/use-burst-input.js';
import { useDriftColumns, useFleetScan } from '../../hooks/use-fleet.js';
import { useTerminalLayout } from '../../hooks/use-terminal-layout.js';
import { layoutFrom, type Layout } from '../../state/layout.js';
import { App, type AppProps } from '../app.js';
import { DRIFT_KEYS, FLEET_KEYS } from './fleet-keys.js';
import { type DriftCursor, DriftTable, driftCellLines } from './drift-screen.js';
import { FleetTable } from './fleet-screen.js';
import { PromoteSession } from './promote-session.js';

export interface FleetShellProps extends Omit<AppProps, 'accountProfile' | 'onLeave' | 'onPromote'> {
  readonly fleet: Fleet;
  /** Where promotions are journalled (the state directory's promotions/); none: not kept. */
  readonly journalDir?: string;
}

type View =
  | { kind: 'fleet' }
  | { kind: 'instance'; row: FleetRow; open: number }
  | { kind: 'drift' }
  | { kind: 'cell' }
  | { kind: 'promote'; source?: FleetRow; names?: readonly string[]; targets?: readonly FleetRow[]; resume?: Promotion; back: 'fleet' | 'drift' | 'instance'; row?: FleetRow }
  | { kind: 'help'; back: 'fleet' | 'drift' };

/** Every view of the fleet shell at run time (see SCREEN_KINDS): a view added to the union only does not compile. */
export const FLEET_VIEW_KINDS = ['fleet', 'instance', 'drift', 'cell', 'promote', 'help'] as const satisfies readonly View['kind'][];
export const ALL_FLEET_VIEWS_LISTED: [Exclude<View['kind'], (typeof FLEET_VIEW_KINDS)[number]>] extends [never] ? true : never = true;

export function FleetShell({ fleet, journalDir, ...appProps }: FleetShellProps) {
  const tone = useTone();
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [layout, setLayout] = useState<Layout>(() => layoutFrom(stdout.columns, stdout.rows));
  useTerminalLayout(useCallback((next: Layout) => setLayout(next), []));
  // The view and the filter's typing state in refs too: the keys of one burst ("/prod", "Dl") each see
  // where the keys before them left things.
  const [view, setViewState] = useState<View>({ kind: 'fleet' });
  const viewRef = useRef<View>(view);
  const setView = (next: View): void => {
    viewRef.current = next;
    setViewState(next);
  };
  const [scanKey, setScanKey] = useState(0);
  const [driftKey, setDriftKey] = useState(0);
  // Cursors are kept in refs too: a burst of keys ("jj\r") acts on where the earlier keys moved them.
  const [cursor, setCursorState] = useState(0);
  const cursorRef = useRef(0);
  const setCursor = (f: (c: number) => number): void => setCursorState((cursorRef.current = f(cursorRef.current)));
  const [cell, setCellState] = useState<DriftCursor>({ row: 0, col: 0 });
  const cellRef = useRef<DriftCursor>({ row: 0, col: 0 });
  const setCell = (f: (c: DriftCursor) => DriftCursor): void => setCellState((cellRef.current = f(cellRef.current)));
  const [baseline, setBaseline] = useState(0);
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set());
  const [cellScroll, setCellScroll] = useState(0);
  const cellMaxRef = useRef(0);
  const layoutRef = useRef(0);
  const [notice, setNotice] = useState<string | undefined>(() => {
    const left = journalDir === undefined ? [] : unfinishedPromotions(journalDir);
    return left.length > 0 ? `${left.length} unfinished promotion${left.length === 1 ? '' : 's'} (stopped before every step was confirmed): R resumes` : undefined;
  });
  const scan = useFleetScan(fleet, scanKey);
  // `/`: the rows whose profile, account, region, alias or status hold every word typed; D compares those.
  const [filter, setFilter] = useState('');
  const [isFilteringState, setFilteringState] = useState(false);
  const filteringRef = useRef(false);
  const setFiltering = (value: boolean): void => setFilteringState((filteringRef.current = value));
  const filterRef = useRef('');
  const setFilterText = (text: string): void => {
    filterRef.current = text;
    setFilter(text);
    setCursor(() => 0);
  };
  const shownRows = useMemo(() => scan.rows.filter((r) => fleetRowMatches(r, filter)), [scan.rows, filter]);
  // Notes said before the screen was up (the demo's) show in its status line; the instance's app takes them after.
  useEffect(() => (view.kind === 'instance' ? undefined : appProps.notes?.subscribe((text) => setNotice(text))), [appProps.notes, view.kind]);
  const active = useMemo(() => shownRows.filter((r) => r.instance !== undefined && (r.instance.status ?? 'ACTIVE') === 'ACTIVE'), [shownRows]);
  const isDrift = view.kind === 'drift' || view.kind === 'cell' || (view.kind === 'promote' && view.back === 'drift') || (view.kind === 'help' && view.back === 'drift');
  const driftRows = useMemo(() => (isDrift && scan.isDone ? active : []), [isDrift, scan.isDone, active]);
  const columns = useDriftColumns(fleet, driftRows, driftKey);
  const [isOnlyDrifting, setOnlyDrifting] = useState(false);
  const whole = useMemo(() => driftMatrix(columns, Math.min(baseline, Math.max(0, columns.length - 1))), [columns, baseline]);
  const matrix = useMemo(() => (isOnlyDrifting ? onlyDrifting(whole) : whole), [whole, isOnlyDrifting]);
  // The columns change with the filter and a rescan, the rows with f: the cell cursor, the baseline and
  // the marks stay within them (a cursor past the last column once pointed at nothing, for good).
  const lastCol = Math.max(0, columns.length - 1);
  const lastRow = Math.max(0, matrix.names.length - 1);
  useEffect(() => {
    setCell((c) => (c.col > lastCol || c.row > lastRow ? { row: Math.min(c.row, lastRow), col: Math.min(c.col, lastCol) } : c));
    setBaseline((b) => Math.min(b, lastCol));
    setMarked((m) => {
      const kept = [...m].filter((id) => Number(id.split(':')[0]) <= lastRow && Number(id.split(':')[1]) <= lastCol);
      return kept.length === m.size ? m : new Set(kept);
    });
  }, [lastCol, lastRow]);
  const shownCell: DriftCursor = { row: Math.min(cell.row, lastRow), col: Math.min(cell.col, lastCol) };
  const isReadOnly = appProps.initial.readOnly === true || fleet.accounts.some((a) => a.spex.readOnly);
  const accountOf = (row: FleetRow) => fleet.accounts.find((a) => a.profile === row.profile)!;
  const height = layout.rows - 4;
  layoutRef.current = height;

  const openPromote = (source: FleetRow, names: readonly string[], targets: readonly FleetRow[] | undefined, back: 'fleet' | 'drift' | 'instance', row?: FleetRow) =>
    setView({ kind: 'promote', source, names, ...(targets ? { targets } : {}), back, ...(row ? { row } : {}) });

  useBurstInput(
    (input, key) => {
      const view = viewRef.current;
      const isFiltering = filteringRef.current;
      // What the filter shows now, not at the last render (a burst may have typed it).
      const shownRows = scan.rows.filter((r) => fleetRowMatches(r, filterRef.current));
      if (view.kind === 'help') {
        if (key.escape || input === '?' || input === 'q') setView({ kind: view.back });
        return;
      }
      if (view.kind === 'fleet' && isFiltering) {
        if (key.escape) {
          setFiltering(false);
          return setFilterText('');
        }
        if (key.return || key.downArrow || key.upArrow) {
          setFiltering(false);
          if (!key.return) setCursor((c) => Math.max(0, Math.min(shownRows.length - 1, c + (key.downArrow ? 1 : -1))));
          return;
        }
        if (key.backspace || key.delete) return setFilterText(filterRef.current.slice(0, -1));
        if (input !== '' && !key.ctrl && !key.meta) setFilterText(filterRef.current + input);
        return;
      }
      if (view.kind === 'fleet') {
        setNotice(undefined);
        if (input === 'q' || (key.ctrl && input === 'c')) return exit();
        if (input === '/') return setFiltering(true);
        if (key.escape && filterRef.current !== '') return setFilterText('');
        if (input === '?') return setView({ kind: 'help', back: 'fleet' });
        if (key.upArrow || input === 'k') setCursor((c) => Math.max(0, c - 1));
        if (key.downArrow || input === 'j') setCursor((c) => Math.min(shownRows.length - 1, c + 1));
        if (input === 'r') setScanKey((k) => k + 1);
        if (input === 'D') {
          if (!scan.isDone) return setNotice('The scan is still running: D once every account has answered');
          if (active.length < 2) return setNotice(`Drift needs two ACTIVE instances or more${filterRef.current ? ' among those the filter shows' : ''}`);
          setView({ kind: 'drift' });
        }
        if (input === 'R') {
          if (isReadOnly) return setNotice('spex runs with --read-only: resuming a promotion refused');
          const left = journalDir === undefined ? [] : unfinishedPromotions(journalDir);
          if (left[0] === undefined) return setNotice('No unfinished promotion');
          setView({ kind: 'promote', resume: left[0], back: 'fleet' });
        }
        if (key.return) {
          const row = shownRows[cursorRef.current];
          if (row?.instance === undefined) return setNotice(row?.error ? `${row.profile}: ${row.error.message}` : 'Nothing to open');
          if ((row.instance.status ?? 'ACTIVE') !== 'ACTIVE') return setNotice(`${instanceKey(row)} is ${row.instance.status}: only an ACTIVE instance can be opened`);
          setView({ kind: 'instance', row, open: Date.now() });
        }
        return;
      }
      if (view.kind === 'drift') {
        setNotice(undefined);
        if (key.escape) return setView({ kind: 'fleet' });
        if (input === 'q' || (key.ctrl && input === 'c')) return exit();
        if (input === '?') return setView({ kind: 'help', back: 'drift' });
        const rowsCount = matrix.names.length;
        if (key.upArrow || input === 'k') setCell((c) => ({ ...c, row: Math.max(0, c.row - 1) }));
        if (key.downArrow || input === 'j') setCell((c) => ({ ...c, row: Math.min(rowsCount - 1, c.row + 1) }));
        if (key.leftArrow || input === 'h') setCell((c) => ({ ...c, col: Math.max(0, c.col - 1) }));
        if (key.rightArrow || input === 'l') setCell((c) => ({ ...c, col: Math.min(columns.length - 1, c.col + 1) }));
        if (input === 'b') setBaseline(cellRef.current.col);
        if (input === 'f') {
          // Rows change: the marks (by row) would point at other profiles.
          setOnlyDrifting((v) => !v);
          setMarked(new Set());
          setCell((c) => ({ ...c, row: 0 }));
        }
        if (input === 'r') setDriftKey((k) => k + 1);
        if (input === ' ') {
          const id = `${cellRef.current.row}:${cellRef.current.col}`;
          setMarked((m) => (m.has(id) ? new Set([...m].filter((x) => x !== id)) : new Set([...m, id])));
        }
        if (key.return && rowsCount > 0) {
          setCellScroll(0);
          setView({ kind: 'cell' });
        }
        if (input === 'P') {
          if (isReadOnly) return setNotice('spex runs with --read-only: promote refused');
          const cells = marked.size > 0 ? [...marked].map((id) => id.split(':').map(Number) as [number, number]) : [[cellRef.current.row, cellRef.current.col] as [number, number]];
          const targets = [...new Set(cells.map(([, c]) => c).filter((c) => c !== matrix.baseline))].map((c) => driftRows[c]!).filter(Boolean);
          const names = [...new Set(cells.map(([r]) => matrix.names[r]!).filter((n) => matrix.cells[matrix.names.indexOf(n)]?.[matrix.baseline]?.state === 'same'))];
          if (names.length === 0) return setNotice('P promotes from the baseline: mark cells of profiles the baseline has (◆ column)');
          openPromote(driftRows[matrix.baseline]!, names, targets.length > 0 ? targets : undefined, 'drift');
        }
        return;
      }
      if (view.kind === 'cell') {
        if (key.escape || key.return) setView({ kind: 'drift' });
        // The same scrolling keys as the other long views (g/G, pages), within what there is.
        const max = cellMaxRef.current;
        const page = Math.max(1, layoutRef.current - 3);
        if (key.downArrow || input === 'j') setCellScroll((s) => Math.min(max, s + 1));
        if (key.upArrow || input === 'k') setCellScroll((s) => Math.max(0, Math.min(max, s) - 1));
        if (key.pageDown) setCellScroll((s) => Math.min(max, s + page));
        if (key.pageUp) setCellScroll((s) => Math.max(0, Math.min(max, s) - page));
        if (input === 'G' || key.end) setCellScroll(max);
        if (input === 'g' || key.home) setCellScroll(0);
      }
    },
    { isActive: view.kind !== 'instance' && view.kind !== 'promote' },
  );

  if (view.kind === 'instance') {
    const account = accountOf(view.row);
    return (
      <SpexProvider spex={account.spex}>
          <App
            key={view.open}
            {...appProps}
            initial={{ ...appProps.initial, region: view.row.region!, skipRegionPicker: true, instance: view.row.instance!.arn, canLeave: true }}
            accountProfile={view.row.profile}
            onLeave={() => {
              // What this session created or deleted there shows in the fleet's count.
              scan.recount(view.row);
              setView({ kind: 'fleet' });
            }}
            onPromote={(names, src) => openPromote(scan.rows.find((r) => r.instance?.arn === src.instanceArn) ?? view.row, names, undefined, 'instance', view.row)}
            productionOf={(instance) => (isProductionInstance(account, instance) ? `${account.profile}:${instance.alias ?? instance.id}` : undefined)}
          />
      </SpexProvider>
    );
  }

  const accounts = `${fleet.accounts.length} account${fleet.accounts.length === 1 ? '' : 's'} (${fleet.accounts.map((a) => `${a.profile}${a.production === true ? ' ⚠PROD' : ''}`).join(', ')})`;
  const crumbs = view.kind === 'fleet' || (view.kind === 'help' && view.back === 'fleet') ? ['Fleet'] : view.kind === 'promote' ? ['Fleet', 'Promote'] : view.kind === 'cell' ? ['Fleet', 'Drift', matrix.names[cell.row] ?? ''] : ['Fleet', 'Drift'];
  let body;
  let hints = FLEET_KEYS;
  let counter: string | undefined;
  if (view.kind === 'promote') {
    body = (
      <PromoteSession
        fleet={fleet}
        rows={scan.rows}
        {...(view.source ? { source: view.source } : {})}
        {...(view.names ? { names: view.names } : {})}
        {...(view.targets ? { targets: view.targets } : {})}
        {...(view.resume ? { resume: view.resume } : {})}
        journalDir={journalDir}
        width={layout.columns}
        height={height}
        onClose={(summary) => {
          if (summary !== undefined) setNotice(summary);
          if (view.back === 'instance' && view.row) setView({ kind: 'instance', row: view.row, open: Date.now() });
          else setView({ kind: view.back === 'drift' ? 'drift' : 'fleet' });
          if (summary !== undefined) setDriftKey((k) => k + 1);
        }}
      />
    );
    hints = [];
  } else if (view.kind === 'help') {
    // Each screen's own keys only (the promote session shows its keys in its footer, step by step).
    const keys = view.back === 'drift' ? DRIFT_KEYS : FLEET_KEYS;
    const title = view.back === 'drift' ? 'Keys — Drift matrix (Esc or ? closes)' : 'Keys — Fleet (Esc or ? closes)';
    body = <ScrollPane title={title} lines={keys.map((k) => ({ text: `  ${padEnd(k.keys, 12)} ${k.help}` }))} scroll={0} height={height} />;
    hints = [{ keys: 'Esc', help: 'close' }];
  } else if (view.kind === 'drift') {
    body = <DriftTable matrix={matrix} columns={columns} cursor={shownCell} marked={marked} width={layout.columns} height={height} />;
    hints = DRIFT_KEYS;
  } else if (view.kind === 'cell') {
    const { title, subtitle, lines } = driftCellLines(matrix, columns, shownCell, layout.columns);
    // The pane shows height − 2 lines under its title and subtitle.
    const room = Math.max(1, height - 2);
    cellMaxRef.current = Math.max(0, lines.length - room);
    const shown = Math.min(cellScroll, cellMaxRef.current);
    body = <ScrollPane title={title} subtitle={subtitle} lines={lines} scroll={shown} height={height - 1} />;
    hints = [{ keys: '↑↓', help: 'scroll' }, { keys: 'g/G', help: 'top/end' }, { keys: 'Esc', help: 'back' }];
    counter = linesShown(shown, room, lines.length);
  } else body = <FleetTable rows={shownRows} cursor={Math.min(cursor, Math.max(0, shownRows.length - 1))} height={height} width={layout.columns} isDone={scan.isDone} />;
  const filterLine = view.kind === 'fleet' && (isFilteringState || filter !== '') ? `Filter: ${filter}${isFilteringState ? '▏' : ''}  (${shownRows.length} of ${scan.rows.length}${isFilteringState ? '; Enter keeps it, Esc clears' : '; Esc clears, D compares these'})` : undefined;
  const status =
    filterLine ??
    notice ??
    (view.kind === 'drift' && columns.every((c) => c.profiles !== undefined || c.error !== undefined)
      ? `${driftCount(whole)} of ${whole.names.length} profiles drift from ${columns[matrix.baseline]?.key ?? '—'}${isOnlyDrifting ? ' (only those shown: f shows all)' : ' (f: only those)'}${marked.size > 0 ? ` · ${marked.size} cell${marked.size === 1 ? '' : 's'} marked` : ''}`
      : undefined);
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.rows}>
      <Header fleet={accounts} breadcrumb={crumbs} isReadOnly={appProps.initial.readOnly === true} />
      <Box flexDirection="column" height={height} overflowY="hidden">
        {body}
      </Box>
      <Text wrap="truncate-end" {...tone('muted')}>
        {sanitizeLine(status ?? (view.kind === 'fleet' && scan.isDone ? `${active.length} ACTIVE instance${active.length === 1 ? '' : 's'} in ${fleet.accounts.length} account${fleet.accounts.length === 1 ? '' : 's'}` : ' '))}
      </Text>
      {hints.length > 0 ? <Footer hints={hints} counter={counter} width={layout.columns} /> : <Text> </Text>}
    </Box>
  );
}

/** The fleet screen's filter: every word typed is somewhere in the row's profile, account, region, alias or status. */
export function fleetRowMatches(row: FleetRow, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [row.profile, row.accountId, row.region, row.instance?.alias, row.instance?.id, row.instance?.status, row.production ? 'production prod' : ''].join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}
