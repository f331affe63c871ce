// What a holder can really do (Enter on the holders screen): the user under its cursor, with
// every permission and the profile that grants it, the restrictions as they combine, and the Views
// the console grants implicitly (domain/access/explain-user.ts). The user's profiles are read through the
// detail loader (cached when the table already read them).
import { useEffect, useMemo, type Dispatch } from 'react';
import type { DetailLoader } from '../../aws/types.js';
import { holderRow, type HolderNames, matchesHolder } from '../../components/holder-lines.js';
import { LoadingMessage } from '../../components/message.js';
import type { PaneLine } from '../../components/pane-lines.js';
import { wrapText } from '../../components/pane-lines.js';
import { ScrollPane } from '../../components/scroll-pane.js';
import { explainUser, explanationLines } from '../../domain/access/explain-user.js';
import { agentToolLines, agentTools, isAgentArn } from '../../domain/access/ai-agents.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import type { SecurityProfile } from '../../domain/profile/security-profile.js';
import { useRemote } from '../../hooks/use-remote.js';
import { holdersShown, type Users } from '../../hooks/use-user-index.js';
import type { Screen } from '../../state/app-state.js';
import type { Action } from '../../state/app-actions.js';
import { counted } from '../../domain/text/format.js';

export interface ExplainScreenProps {
  readonly screen: Extract<Screen, { kind: 'explain' }>;
  readonly users: Users;
  readonly names: HolderNames;
  readonly loader: DetailLoader | undefined;
  readonly width: number;
  readonly height: number;
  readonly dispatch: Dispatch<Action>;
}

export function ExplainScreen({ screen, users, names, loader, width, height, dispatch }: ExplainScreenProps) {
  const { arn, filter } = screen.from;
  const matching = useMemo(() => (holdersShown(users, names.agents, arn) ?? []).filter((u) => matchesHolder(holderRow(u, arn, names), filter)), [users, arn, names, filter]);
  const user = matching[Math.min(screen.from.cursor, matching.length - 1)];
  const profiles = useRemote(
    user === undefined || loader === undefined
      ? undefined
      : async (signal) => {
          const read = await Promise.all(user.securityProfileArns.map((a) => loader.load(a, { signal }).then((p) => [a, p] as const, () => undefined)));
          return new Map(read.filter((r): r is readonly [string, SecurityProfile] => r !== undefined));
        },
    [user, loader],
  );
  const lines: PaneLine[] = useMemo(() => {
    if (user === undefined || profiles.status !== 'success') return [];
    // The profile stores the group's id; the names are kept by ARN.
    const instanceArn = isAgentArn(user.arn) ? (user.securityProfileArns[0] ?? '').replace(/\/security-profile\/.*$/, '') : user.arn.replace(/\/agent\/.*$/, '');
    const text = explanationLines(explainUser(user, profiles.data), (id) => names.groupName(`${instanceArn}/agent-group/${id}`));
    // An AI agent: the tools its profiles let it use, too.
    if (isAgentArn(user.arn)) text.push(...agentToolLines(agentTools([...profiles.data.values()]), (id) => names.flowModuleName?.(id)));
    const out: PaneLine[] = [];
    if (matching.length > 1) {
      const why = `${counted(matching.length, 'user')} ${filter === '' ? (matching.length === 1 ? 'holds' : 'hold') + ' the profile' : (matching.length === 1 ? 'matches' : 'match') + " the holders' filter"}; this is the one under › (Esc, then j/k or / picks another).`;
      for (const part of wrapText(why, width - 2)) out.push({ text: part, tone: 'muted' });
    }
    for (const line of text) {
      const indent = /^\s*/.exec(line)![0];
      for (const [i, part] of wrapText(line.trim(), width - indent.length - 2).entries()) out.push({ text: `${indent}${i > 0 ? '    ' : ''}${sanitizeLine(part)}`, ...(line.trim().startsWith('~') ? { tone: 'muted' as const } : line.includes('NOT restricted') ? { tone: 'warning' as const } : {}) });
    }
    return out;
  }, [user, profiles, matching.length, names, width, filter]);
  useEffect(() => {
    dispatch({ type: 'explain/measured', lineCount: lines.length });
  }, [lines.length, dispatch]);
  if (user === undefined) return <LoadingMessage text={users.remote.status === 'loading' ? 'Reading who holds the profile…' : 'No user matches the holders’ filter: Esc goes back to it.'} />;
  if (profiles.status !== 'success') return <LoadingMessage text={`Reading ${sanitizeLine(user.username)}'s profiles…`} />;
  return <ScrollPane title={`What ${sanitizeLine(user.username)} can do`} lines={lines} scroll={screen.scroll} height={height} />;
}
