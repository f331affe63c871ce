// A profile's history (`h`): who changed what and when, from CloudTrail, with the versions spex keeps
// marked in it; `]`/`[` point at a version, Space marks, `=` sets two side by side (or one beside the
// profile now, read through the detail loader), `R` opens the editor on the version under ›.
import { useEffect, useMemo, type Dispatch } from 'react';
import type { DetailLoader, RegionService } from '../../aws/types.js';
import { compareLines } from '../../components/compare-lines.js';
import { historyLines } from '../../components/history-lines.js';
import { ErrorMessage, LoadingMessage } from '../../components/message.js';
import { type PaneLine, wrapText } from '../../components/pane-lines.js';
import { ScrollPane } from '../../components/scroll-pane.js';
import type { SecurityProfile } from '../../domain/profile/security-profile.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { useProfileHistory } from '../../hooks/use-history.js';
import { useRemote } from '../../hooks/use-remote.js';
import type { HistoryScreen as Screen } from '../../state/app-state.js';
import type { Action } from '../../state/app-actions.js';

export interface HistoryScreenProps {
  readonly screen: Screen;
  readonly service: RegionService | undefined;
  readonly loader: DetailLoader | undefined;
  readonly name: string | undefined;
  readonly width: number;
  readonly height: number;
  readonly dispatch: Dispatch<Action>;
}

const when = (v: SecurityProfile | undefined): string => (v === undefined ? 'now' : `${new Date((v.LastModifiedTime ?? 0) * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} UTC`);

export function HistoryScreen({ screen, service, loader, name, width, height, dispatch }: HistoryScreenProps) {
  const history = useProfileHistory(service, screen.arn, name, screen.reloadKey);
  const now = useRemote(screen.comparing?.[1] === 'now' && loader !== undefined ? (signal) => loader.load(screen.arn, { signal }) : undefined, [loader, screen.arn, screen.comparing?.[1]]);
  const timeline = useMemo(
    () => (history.status === 'success' ? historyLines(history.data.entries, history.data.versions, { width, cursor: screen.cursor, marked: screen.marked }) : undefined),
    [history, width, screen.cursor, screen.marked],
  );
  const comparison = useMemo((): { title: string; lines: PaneLine[] } | undefined => {
    if (screen.comparing === undefined || timeline === undefined) return undefined;
    const [a, b] = screen.comparing;
    const left = timeline.versions.find((v) => v.LastModifiedTime === a);
    const right = b === 'now' ? (now.status === 'success' ? now.data : undefined) : timeline.versions.find((v) => v.LastModifiedTime === b);
    if (left === undefined || right === undefined) return undefined;
    const side = (v: SecurityProfile, label: string) => ({ name: label, permissions: v.Permissions ?? [], profile: v });
    return { title: `${sanitizeLine(name ?? '')}: ${when(left)} ↔ ${b === 'now' ? 'now' : when(right)}, differences only (Esc: the timeline)`, lines: compareLines(side(left, 'then'), side(right, b === 'now' ? 'now' : 'later'), width, true) };
  }, [screen.comparing, timeline, now, name, width]);
  const lines = comparison?.lines ?? timeline?.lines ?? [];
  useEffect(() => {
    dispatch({ type: 'history/measured', lineCount: lines.length, ...(comparison === undefined && timeline !== undefined ? { versions: timeline.versions, versionLines: timeline.versionLines } : {}) });
  }, [lines.length, comparison, timeline, dispatch]);

  if (history.status === 'error') return <ErrorMessage title="Could not read the profile's history" error={history.error} />;
  if (timeline === undefined || history.status !== 'success') return <LoadingMessage text="Reading CloudTrail (one event name at a time, 2 calls a second)…" />;
  if (screen.comparing !== undefined) {
    if (comparison === undefined) return now.status === 'error' ? <ErrorMessage title="Could not read the profile" error={now.error} /> : <LoadingMessage text="Reading the profile as it is now…" />;
    return <ScrollPane title={comparison.title} lines={comparison.lines} scroll={screen.scroll} height={height} />;
  }
  const { entries, versions } = history.data;
  const title = `History of ${sanitizeLine(name ?? '')}: ${entries.length} change${entries.length === 1 ? '' : 's'} in 90 days, ${versions.length} version${versions.length === 1 ? '' : 's'} kept (●)`;
  const empty: PaneLine[] = entries.length === 0 && versions.length === 0 ? wrapText('No change in CloudTrail’s last 90 days, and no version kept yet (spex keeps each version it reads).', width - 2).map((text) => ({ text, tone: 'muted' as const })) : [];
  const subtitle = 'CloudTrail delivers minutes late: the newest changes may be missing (r asks again).';
  return <ScrollPane title={title} subtitle={subtitle} lines={[...empty, ...timeline.lines]} scroll={screen.scroll} height={height} />;
}
