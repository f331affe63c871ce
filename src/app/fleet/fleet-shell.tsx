// The TUI over a fleet: the fleet screen above the region picker (every account × region ×
// instance), the drift matrix (D), promote (P here, in the matrix, or on an instance's list), and an
// instance opened with Enter as the single-account app has it, in that account's Spex. Esc on that
// app's region picker comes back here. The state is state/fleet-reducer.ts, the keys
// keys/fleet-keys.ts, the views components/fleet/; this file wires them to the hooks.
import { Box, Text, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { Footer } from '../../components/footer.js';
import { Header } from '../../components/header.js';
import { ScrollPane } from '../../components/scroll-pane.js';
import { useTone } from '../../components/theme.js';
import { DriftTable, driftCellLines } from '../../components/fleet/drift-table.js';
import { FleetTable } from '../../components/fleet/fleet-table.js';
import { driftCount } from '../../domain/fleet/drift.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { type Fleet, isProductionInstance } from '../../fleet/fleet.js';
import { unfinishedPromotions } from '../../fleet/promotion.js';
import { SpexProvider } from '../../hooks/spex-context.js';
import { useBurstInput } from '../../hooks/use-burst-input.js';
import { useDriftColumns, useFleetScan } from '../../hooks/use-fleet.js';
import { useTerminalLayout } from '../../hooks/use-terminal-layout.js';
import { accountOfCaller, principalOf } from '../../hooks/use-caller.js';
import { FLEET_KEYMAP, FLEET_MODE_TITLES } from '../../keys/fleet-keys.js';
import { helpText } from '../../keys/keymap.js';
import { activeFleetRows, fleetCursor, fleetMatrix, fleetModeOf, fleetReducer, initialFleetState, isDriftView, shownFleetRows } from '../../state/fleet-reducer.js';
import { layoutFrom, type Layout } from '../../state/layout.js';
import { linesShown } from '../../state/selectors.js';
import { App, type AppProps } from '../app.js';
import { useExitWhen } from '../exit-site.js';
import { PromoteSession } from './promote-session.js';

export { fleetRowMatches } from '../../state/fleet-reducer.js';

export interface FleetShellProps extends Omit<AppProps, 'accountProfile' | 'onLeave' | 'onPromote'> {
  readonly fleet: Fleet;
  /** Where promotions are journalled (the state directory's promotions/); none: not kept. */
  readonly journalDir?: string;
}

export function FleetShell({ fleet, journalDir, ...appProps }: FleetShellProps) {
  const tone = useTone();
  const { stdout } = useStdout();
  const [layout, setLayout] = useState<Layout>(() => layoutFrom(stdout.columns, stdout.rows));
  useTerminalLayout(useCallback((next: Layout) => setLayout(next), []));
  const isReadOnly = appProps.initial.readOnly === true || fleet.accounts.some((a) => a.spex.readOnly);
  const [unfinished, setUnfinished] = useState(() => (journalDir === undefined ? [] : unfinishedPromotions(journalDir)));
  const [state, dispatch] = useReducer(fleetReducer, { isReadOnly, unfinished: unfinished.length }, initialFleetState);
  const { view } = state;
  useExitWhen(state.isQuitting);

  const scan = useFleetScan(fleet, state.scanKey);
  const shownRows = useMemo(() => shownFleetRows(scan.rows, state.filter), [scan.rows, state.filter]);
  const active = useMemo(() => activeFleetRows(shownRows), [shownRows]);
  const isDrift = isDriftView(view);
  const driftRows = useMemo(() => (isDrift && scan.isDone ? active : []), [isDrift, scan.isDone, active]);
  const columns = useDriftColumns(fleet, driftRows, state.driftKey);
  const { baseline, isOnlyDrifting } = state;
  const { whole, matrix } = useMemo(() => fleetMatrix(columns, { baseline, isOnlyDrifting }), [columns, baseline, isOnlyDrifting]);
  // The columns change with the filter and a rescan, the rows with f: the cell cursor, the baseline and
  // the marks stay within them (a cursor past the last column once pointed at nothing, for good).
  const lastCol = Math.max(0, columns.length - 1);
  const lastRow = Math.max(0, matrix.names.length - 1);
  useEffect(() => dispatch({ type: 'fleet/clamp', lastRow, lastCol }), [lastRow, lastCol]);
  // Notes said before the screen was up (the demo's) show in its status line; the instance's app takes them after.
  useEffect(() => (view.kind === 'instance' ? undefined : appProps.notes?.subscribe((text) => dispatch({ type: 'fleet/notice', text }))), [appProps.notes, view.kind]);

  const height = layout.rows - 4;
  const cell = { row: Math.min(state.cell.row, lastRow), col: Math.min(state.cell.col, lastCol) };
  const cellView = view.kind === 'cell' ? driftCellLines(matrix, columns, cell, layout.columns) : undefined;
  // The cell's pane shows height − 2 lines under its title and subtitle.
  const cellRoom = Math.max(1, height - 2);
  const cellMax = Math.max(0, (cellView?.lines.length ?? 0) - cellRoom);
  const world = { rows: scan.rows, isScanDone: scan.isDone, columns, unfinished, cellMax, page: Math.max(1, height - 3) };
  useBurstInput((input, key) => dispatch({ type: 'fleet/key', input, key, world }), { isActive: fleetModeOf(state) !== undefined });

  if (view.kind === 'instance') {
    const account = fleet.accounts.find((a) => a.profile === view.row.profile)!;
    return (
      <SpexProvider spex={account.spex}>
        <App
          {...appProps}
          initial={{ ...appProps.initial, region: view.row.region!, skipRegionPicker: true, instance: view.row.instance!.arn, canLeave: true }}
          accountProfile={view.row.profile}
          onLeave={() => {
            // What this session created or deleted there shows in the fleet's count.
            scan.recount(view.row);
            dispatch({ type: 'fleet/instance-left' });
          }}
          onPromote={(names, src) => dispatch({ type: 'fleet/promote', request: { source: scan.rows.find((r) => r.instance?.arn === src.instanceArn) ?? view.row, names }, back: 'instance', row: view.row })}
          productionOf={(instance) => (isProductionInstance(account, instance) ? `${account.profile}:${instance.alias ?? instance.id}` : undefined)}
        />
      </SpexProvider>
    );
  }

  // Whose credentials: an organisation's caller and the role it takes in each account, before the long list.
  const { caller: opener } = fleet;
  const who = principalOf(opener?.arn);
  const caller = opener === undefined || who === undefined ? '' : `as ${sanitizeLine(who)} in ${accountOfCaller(opener.arn) ?? '?'}, role ${sanitizeLine(opener.role)} in each · `;
  const accounts = `${caller}${fleet.accounts.length} account${fleet.accounts.length === 1 ? '' : 's'} (${fleet.accounts.map((a) => `${a.profile}${a.production === true ? ' ⚠PROD' : ''}`).join(', ')})`;
  const crumbs = view.kind === 'fleet' || (view.kind === 'help' && view.back === 'fleet') ? ['Fleet'] : view.kind === 'promote' ? ['Fleet', 'Promote'] : view.kind === 'cell' ? ['Fleet', 'Drift', matrix.names[cell.row] ?? ''] : ['Fleet', 'Drift'];
  const mode = fleetModeOf(state);
  const hints = mode === undefined ? [] : FLEET_KEYMAP.footerHints(mode, { readOnly: isReadOnly });
  let body;
  let counter: string | undefined;
  if (view.kind === 'promote') {
    body = (
      <PromoteSession
        fleet={fleet}
        rows={scan.rows}
        request={view.request}
        journalDir={journalDir}
        {...(appProps.operationLog ? { log: appProps.operationLog } : {})}
        width={layout.columns}
        height={height}
        onClose={(summary) => {
          if (summary !== undefined && journalDir !== undefined) setUnfinished(unfinishedPromotions(journalDir));
          dispatch({ type: 'fleet/promote-closed', summary });
        }}
      />
    );
  } else if (view.kind === 'help') {
    // Each screen's own keys only (the promote session shows its keys in its footer, step by step).
    const entries = FLEET_KEYMAP.helpEntries(view.back, { readOnly: isReadOnly });
    const title = `Keys — ${FLEET_MODE_TITLES[view.back]} (Esc or ? closes)`;
    body = <ScrollPane title={title} lines={helpText(entries, layout.columns).map((text) => ({ text }))} scroll={0} height={height} />;
  } else if (view.kind === 'drift') {
    body = <DriftTable matrix={matrix} columns={columns} cursor={cell} marked={state.marked} width={layout.columns} height={height} />;
  } else if (view.kind === 'cell' && cellView !== undefined) {
    const shown = Math.min(state.cellScroll, cellMax);
    body = <ScrollPane title={cellView.title} subtitle={cellView.subtitle} lines={cellView.lines} scroll={shown} height={height - 1} />;
    counter = linesShown(shown, cellRoom, cellView.lines.length);
  } else body = <FleetTable rows={shownRows} cursor={Math.min(fleetCursor(state, scan.rows), Math.max(0, shownRows.length - 1))} height={height} width={layout.columns} isDone={scan.isDone} progress={scan.progress} cachedAt={scan.cachedAt} />;
  const filterLine =
    view.kind === 'fleet' && (state.isFiltering || state.filter !== '')
      ? `Filter: ${state.filter}${state.isFiltering ? '▏' : ''}  (${shownRows.length} of ${scan.rows.length}${state.isFiltering ? '; Enter keeps it, Esc clears' : '; Esc clears, D compares these'})`
      : undefined;
  const status =
    filterLine ??
    state.notice ??
    (view.kind === 'drift' && columns.every((c) => c.profiles !== undefined || c.error !== undefined)
      ? `${driftCount(whole)} of ${whole.names.length} profiles drift from ${columns[matrix.baseline]?.key ?? '—'}${state.isOnlyDrifting ? ' (only those shown: f shows all)' : ' (f: only those)'}${state.marked.size > 0 ? ` · ${state.marked.size} cell${state.marked.size === 1 ? '' : 's'} marked` : ''}`
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
