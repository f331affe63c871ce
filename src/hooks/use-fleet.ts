// The fleet's rows (scanned once, again on r) and, for the drift matrix, every ACTIVE instance's
// profiles and groups, column by column as they arrive (a column not read yet shows `?`).
import { useCallback, useEffect, useState } from 'react';
import type { DriftColumn } from '../domain/fleet/drift.js';
import { countProfiles, type Fleet, type FleetRow, instanceKey, type ScanProgress, scanFleet } from '../fleet/fleet.js';
import { readFleetColumns, readSide } from '../fleet/read.js';
import { inScanOrder } from '../domain/fleet/fleet-row.js';

export interface FleetScan {
  rows: readonly FleetRow[];
  isDone: boolean;
  /** Accounts answered (or failed) of all, while scanning. */
  progress?: ScanProgress | undefined;
  /** When the rows of accounts not scanned again yet come from the last scan: when it ended (epoch ms). */
  cachedAt?: number | undefined;
}

export interface FleetScanner extends FleetScan {
  /** Counts one instance's profiles again (after this session changed them there): its row follows. */
  recount(row: FleetRow): void;
}

/** How often the fleet screen is redrawn at most while accounts answer (an organisation's many: less often). */
const REDRAW_MS = 100;
const REDRAW_MANY_MS = 250;
const MANY_ACCOUNTS = 50;

export function useFleetScan(fleet: Fleet, reloadKey: number): FleetScanner {
  const [scan, setScan] = useState<FleetScan>({ rows: [], isDone: false });
  useEffect(() => {
    const controller = new AbortController();
    const rows: FleetRow[] = [];
    const seen = new Set<FleetRow>();
    // The last scan, shown until each account answers again (stale while it revalidates), by account.
    let cached: { byProfile: Map<string, FleetRow[]>; savedAt: number } | undefined;
    const fresh = new Map<string, FleetRow[]>();
    const done = new Set<string>();
    let finished = false;
    let progress: ScanProgress = { done: 0, total: fleet.accounts.length, failed: 0, ...(fleet.growth?.complete() === false ? { more: true } : {}) };
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new source starts over: the state says it is loading (and drops the old source's answer) before the request goes out
    setScan({ rows: [], isDone: false });
    // Rows are told as they are known (and again when their count arrives): shown soon (a redraw at
    // most every REDRAW_MS, however many accounts answer), in the fleet's account order while the last
    // scan stands in for an account not done yet.
    let pending: ReturnType<typeof setTimeout> | undefined;
    let shownAt = Number.NEGATIVE_INFINITY;
    const show = (): void => {
      pending = undefined;
      shownAt = Date.now();
      if (controller.signal.aborted) return;
      // The accounts in the fleet's order, then those the last scan had and the fleet has not found yet;
      // each account's rows as the whole scan will give them (so the table does not reorder when it ends).
      const known = new Set(fleet.accounts.map((a) => a.profile));
      const order = cached === undefined ? [] : [...known, ...[...cached.byProfile.keys()].filter((p) => !known.has(p))];
      const shown = inScanOrder(cached === undefined ? rows : order.flatMap((p) => (done.has(p) ? fresh.get(p) : cached!.byProfile.get(p)) ?? []), fleet.accounts);
      setScan({ rows: shown, isDone: false, progress, ...(cached !== undefined && (done.size < fleet.accounts.length || fleet.growth?.complete() === false) ? { cachedAt: cached.savedAt } : {}) });
    };
    // The first change after a quiet spell is drawn at once (the first row is not held back), the
    // rest at most every REDRAW_MS: each draw of a large table costs the scan CPU.
    const rescan = (): void => {
      if (pending !== undefined) return;
      const every = fleet.accounts.length > MANY_ACCOUNTS || fleet.growth?.complete() === false ? REDRAW_MANY_MS : REDRAW_MS;
      const wait = shownAt + every - Date.now();
      if (wait <= 0) show();
      else pending = setTimeout(show, wait);
    };
    controller.signal.addEventListener('abort', () => clearTimeout(pending));
    void fleet.memory?.read().then((kept) => {
      if (kept === undefined || finished) return;
      const byProfile = new Map<string, FleetRow[]>();
      for (const row of kept.rows) byProfile.set(row.profile, [...(byProfile.get(row.profile) ?? []), row]);
      cached = { byProfile, savedAt: kept.savedAt };
      show();
    });
    void scanFleet(fleet, {
      signal: controller.signal,
      onRow: (row) => {
        if (!seen.has(row)) {
          seen.add(row);
          rows.push(row);
          fresh.set(row.profile, [...(fresh.get(row.profile) ?? []), row]);
        }
        rescan();
      },
      onAccount: (profile, p) => {
        done.add(profile);
        progress = p;
        rescan();
      },
    }).then(
      (all) => {
        finished = true;
        if (controller.signal.aborted) return;
        clearTimeout(pending);
        setScan({ rows: all, isDone: true });
        void fleet.memory?.write(all);
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
