// The holders screen (`u`): every user who holds the profile, with their hierarchy group and the other
// profiles they hold, filtered by what is typed after `/`.
import { useEffect, useMemo, type Dispatch } from 'react';
import { holderHeader, holderLine, holderRow, type HolderNames, holderStatus, matchesHolder } from '../../components/holder-lines.js';
import { ScrollPane } from '../../components/scroll-pane.js';
import type { PaneLine } from '../../components/pane-lines.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { ALL_USERS, holdersShown, type Users } from '../../hooks/use-user-index.js';
import type { Screen } from '../../state/app-state.js';
import type { Action } from '../../state/app-actions.js';

export interface HoldersScreenProps {
  readonly screen: Extract<Screen, { kind: 'holders' }>;
  readonly users: Users;
  readonly names: HolderNames;
  readonly width: number;
  readonly height: number;
  readonly dispatch: Dispatch<Action>;
}

export function HoldersScreen({ screen, users, names, width, height, dispatch }: HoldersScreenProps) {
  // The users, then the AI agents (hooks/use-user-index.ts#holdersShown): marked and acted on alike.
  const holders = useMemo(() => holdersShown(users, names.agents, screen.arn), [users, names.agents, screen.arn]);
  const agentCount = (holders?.length ?? 0) - (users.holdersOf(screen.arn)?.length ?? 0);
  const rows = useMemo(() => (holders ?? []).map((u) => ({ arn: u.arn, row: holderRow(u, screen.arn, names) })), [holders, screen.arn, names]);
  const shown = useMemo(() => rows.filter((r) => matchesHolder(r.row, screen.filter)), [rows, screen.filter]);
  const shownArns = useMemo(() => shown.map((r) => r.arn), [shown]);
  const marked = useMemo(() => new Set(screen.marked), [screen.marked]);
  const lines: PaneLine[] = useMemo(() => {
    if (holders === undefined) return [holderStatus(users.remote, users.progress) ?? { text: '  (unknown)', tone: 'muted' }];
    if (rows.length === 0) return [{ text: screen.arn === ALL_USERS ? '  The instance has no users.' : '  Nobody holds this profile.', tone: 'muted' }];
    if (shown.length === 0) return [{ text: `  No user matches "${sanitizeLine(screen.filter)}". Esc clears the filter.`, tone: 'muted' }];
    // The user under the cursor: › and the selection's tone; a marked user: ● (and the marks' tone).
    return shown.map((r, i) => {
      const line = holderLine(r.row, width);
      const isMarked = marked.has(r.arn);
      const text = `${i === screen.cursor ? '›' : ' '}${isMarked ? '●' : ' '}${line.text.slice(2)}`;
      return i === screen.cursor ? { text, tone: 'selected' as const } : isMarked ? { text, tone: 'marked' as const } : { text };
    });
  }, [holders, rows, shown, marked, users.remote, users.progress, screen.filter, screen.arn, screen.cursor, width]);
  useEffect(() => {
    dispatch({ type: 'holders/measured', lineCount: lines.length, shown: shownArns });
  }, [lines.length, shownArns, dispatch]);
  const isAll = screen.arn === ALL_USERS;
  const name = isAll ? '' : sanitizeLine(names.profileName(screen.arn) ?? screen.arn.split('/').pop() ?? '');
  const userCount = rows.length - agentCount;
  // AI agents counted apart, as in the table's Users column ("7 users · 1 AI").
  const whole = `${userCount} user${userCount === 1 ? '' : 's'}${agentCount > 0 ? ` · ${agentCount} AI` : ''}`;
  const count = `${holders === undefined ? '' : screen.filter === '' ? ` — ${whole}` : ` — ${shown.length} of ${whole}`}${screen.marked.length > 0 ? ` · ${screen.marked.length} marked` : ''}`;
  return <ScrollPane title={`${isAll ? 'Users of the instance (Enter: what the user under › can do)' : `Who holds ${name}`}${count}`} subtitle={holders !== undefined && shown.length > 0 ? holderHeader(width) : undefined} lines={lines} scroll={screen.scroll} height={height} />;
}
