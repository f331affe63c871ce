// Two marked profiles side by side: permissions by console group, then every other field; `]`/`[`
// point at a permission difference and `<`/`>` copy it into one side's editor.
import { useEffect, useMemo, type Dispatch } from 'react';
import type { DetailLoader } from '../../aws/types.js';
import { compareDifferences, compareHeader, compareLines, compareSummary } from '../../components/compare-lines.js';
import { ErrorMessage, LoadingMessage } from '../../components/message.js';
import stringWidth from 'string-width';
import { ScrollPane } from '../../components/scroll-pane.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { useRemote } from '../../hooks/use-remote.js';
import type { Screen } from '../../state/app-state.js';
import type { Action } from '../../state/app-actions.js';

export interface CompareScreenProps {
  readonly screen: Extract<Screen, { kind: 'compare' }>;
  readonly loader: DetailLoader | undefined;
  readonly width: number;
  readonly height: number;
  readonly dispatch: Dispatch<Action>;
}

export function CompareScreen({ screen, loader, width, height, dispatch }: CompareScreenProps) {
  const [a, b] = screen.arns;
  const { reloadKey } = screen;
  const remote = useRemote(
    loader === undefined
      ? undefined
      : (signal) => {
          // After a save of either, read both again rather than show the cached copy.
          if (reloadKey > 0) for (const arn of [a, b]) loader.invalidate(arn);
          return Promise.all([loader.load(a, { signal }), loader.load(b, { signal })]);
        },
    [loader, a, b, reloadKey],
  );
  const sides = useMemo(() => {
    if (remote.status !== 'success') return undefined;
    const [left, right] = remote.data;
    return [
      { name: left.SecurityProfileName, permissions: left.Permissions ?? [], profile: left },
      { name: right.SecurityProfileName, permissions: right.Permissions ?? [], profile: right },
    ] as const;
  }, [remote]);
  const lines = useMemo(
    () => (sides === undefined ? [] : compareLines(sides[0], sides[1], width, screen.isOnlyDifferences, screen.diffCursor)),
    [sides, width, screen.isOnlyDifferences, screen.diffCursor],
  );
  const differences = useMemo(() => (sides === undefined ? undefined : compareDifferences(sides[0], sides[1], width, screen.isOnlyDifferences)), [sides, width, screen.isOnlyDifferences]);
  useEffect(() => {
    dispatch({ type: 'compare/measured', lineCount: lines.length, ...(differences ? { differences } : {}) });
  }, [lines.length, differences, dispatch]);

  if (remote.status === 'error') return <ErrorMessage title="Could not load the profiles to compare" error={remote.error} />;
  if (sides === undefined) return <LoadingMessage text="Loading both profiles…" />;
  const sum = compareSummary(sides[0], sides[1]);
  // The names and the counts are the point: the reminder of `t` (the footer has it) goes first when narrow.
  const head = `${sanitizeLine(sides[0].name)} ↔ ${sanitizeLine(sides[1].name)}: ${sum.both} shared, ${sum.onlyLeft} only left, ${sum.onlyRight} only right`;
  const tail = screen.isOnlyDifferences ? ' — differences only (t: all)' : ' (t: differences only)';
  const title = stringWidth(head + tail) <= width ? head + tail : screen.isOnlyDifferences && stringWidth(`${head} — differences only`) <= width ? `${head} — differences only` : head;
  return <ScrollPane title={title} subtitle={compareHeader(sides[0], sides[1], width)} lines={lines} scroll={screen.scroll} height={height} />;
}
