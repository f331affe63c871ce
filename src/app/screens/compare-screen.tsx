// Two marked profiles' permissions side by side, by console group.
import { useEffect, useMemo, type Dispatch } from 'react';
import type { DetailLoader } from '../../cloudcontrol/types.js';
import { compareHeader, compareLines, compareSummary } from '../../components/compare-lines.js';
import { ErrorMessage, LoadingMessage } from '../../components/message.js';
import { ScrollPane } from '../../components/scroll-pane.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { useRemote } from '../../hooks/use-remote.js';
import type { Action, Screen } from '../../state/app-state.js';

export interface CompareScreenProps {
  readonly screen: Extract<Screen, { kind: 'compare' }>;
  readonly loader: DetailLoader | undefined;
  readonly width: number;
  readonly height: number;
  readonly dispatch: Dispatch<Action>;
}

export function CompareScreen({ screen, loader, width, height, dispatch }: CompareScreenProps) {
  const [a, b] = screen.arns;
  const remote = useRemote(
    loader === undefined ? undefined : (signal) => Promise.all([loader.load(a, { signal }), loader.load(b, { signal })]),
    [loader, a, b],
  );
  const sides = useMemo(() => {
    if (remote.status !== 'success') return undefined;
    const [left, right] = remote.data;
    return [
      { name: left.SecurityProfileName, permissions: left.Permissions ?? [] },
      { name: right.SecurityProfileName, permissions: right.Permissions ?? [] },
    ] as const;
  }, [remote]);
  const lines = useMemo(
    () => (sides === undefined ? [] : compareLines(sides[0], sides[1], width, screen.isOnlyDifferences)),
    [sides, width, screen.isOnlyDifferences],
  );
  useEffect(() => {
    dispatch({ type: 'compare/measured', lineCount: lines.length });
  }, [lines.length, dispatch]);

  if (remote.status === 'error') return <ErrorMessage title="Could not load the profiles to compare" error={remote.error} />;
  if (sides === undefined) return <LoadingMessage text="Loading both profiles…" />;
  const sum = compareSummary(sides[0], sides[1]);
  const title =
    `${sanitizeLine(sides[0].name)} ↔ ${sanitizeLine(sides[1].name)}: ${sum.both} shared, ${sum.onlyLeft} only left, ${sum.onlyRight} only right` +
    (screen.isOnlyDifferences ? ' — differences only (t: all)' : ' (t: differences only)');
  return <ScrollPane title={title} subtitle={compareHeader(sides[0], sides[1], width)} lines={lines} scroll={screen.scroll} height={height} />;
}
