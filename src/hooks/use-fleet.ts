// The fleet's rows (scanned once, again on r) and, for the drift matrix, every ACTIVE instance's
// profiles and groups, column by column as they arrive (a column not read yet shows `?`).
import { useCallback, useEffect, useState } from 'react';
import type { DriftColumn } from '../domain/fleet/drift.js';
import { countProfiles, type Fleet, type FleetRow, instanceKey, scanFleet } from '../fleet/fleet.js';
import { readFleetColumns, readSide } from '../fleet/read.js';

export interface FleetScan {
  rows: readonly FleetRow[];
  isDone: boolean;
}

export interface FleetScanner extends FleetScan {
  /** Counts one instance's profiles again (after this session changed them there): its row follows. */
  recount(row: FleetRow): void;
}

export function useFleetScan(fleet: Fleet, reloadKey: number): FleetScanner {
  const [scan, setScan] = useState<FleetScan>({ rows: [], isDone: false });
  useEffect(() => {
    const controller = new AbortController();
    let rows: FleetRow[] = [];
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new source starts over: the state says it is loading (and drops the old source's answer) before the request goes out
    setScan({ rows: [], isDone: false });
    // Rows are told as they are known (and again when their count arrives): shown at once.
    const rescan = (): void => {
      if (!controller.signal.aborted) setScan({ rows: [...rows], isDone: false });
    };
    void scanFleet(fleet, {
      signal: controller.signal,
      onRow: (row) => {
        if (!rows.includes(row)) rows = [...rows, row];
        rescan();
      },
    }).then(
      (all) => {
        if (!controller.signal.aborted) setScan({ rows: all, isDone: true });
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [fleet, reloadKey]);
  const recount = useCallback(
    (row: FleetRow) => {
      const account = fleet.accounts.find((a) => a.profile === row.profile);
      const arn = row.instance?.arn;
      if (account === undefined || arn === undefined || row.region === undefined) return;
      // One Connect summary list: the row shows what the instance holds now.
      countProfiles(account.spex.forRegion(row.region), arn).then(
        (count) => setScan((s) => ({ ...s, rows: s.rows.map((r) => (r.profile === row.profile && r.instance?.arn === arn ? { ...r, profileCount: count } : r)) })),
        () => undefined,
      );
    },
    [fleet],
  );
  return { ...scan, recount };
}

export function useDriftColumns(fleet: Fleet, rows: readonly FleetRow[], reloadKey: number): readonly DriftColumn[] {
  const [columns, setColumns] = useState<readonly DriftColumn[]>(() => rows.map((r) => ({ key: instanceKey(r) })));
  useEffect(() => {
    const controller = new AbortController();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new source starts over: the state says it is loading (and drops the old source's answer) before the request goes out
    setColumns(rows.map((r) => ({ key: instanceKey(r) })));
    void readFleetColumns(fleet, rows, instanceKey, (service, row, onProgress) => readSide(service, row.instance!.arn, { onProgress }), { signal: controller.signal, onColumn: setColumns });
    return () => controller.abort();
  }, [fleet, rows, reloadKey]);
  return columns;
}
