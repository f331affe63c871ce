// Acting on holders in the TUI: give the marked users a profile, take this one away, move them to
// another, edit (or try: what if) one user's set, rename a profile, resume an unfinished batch. One
// review before anything is sent; then one guarded request per user on the batch engine, at AWS's pace,
// with progress; Esc stops after the request in flight. State: state/assign-reducer.ts; I/O:
// hooks/use-assignment.ts; view: components/assign-view.tsx.
import { useAiAgents } from '../../hooks/use-ai-agents.js';
import { useEffect, useMemo, useReducer, useState } from 'react';
import type { DetailLoader, RegionService } from '../../aws/types.js';
import { AssignView } from '../../components/assign-view.js';
import { type PaneLine, wrapText } from '../../components/pane-lines.js';
import type { NamedProfile } from '../../domain/access/assignment-batch.js';
import { changeReach, reachSentence } from '../../domain/access/assignments.js';
import type { SecurityProfile } from '../../domain/profile/security-profile.js';
import { useBurstInput } from '../../hooks/use-burst-input.js';
import { useAssignment } from '../../hooks/use-assignment.js';
import { useProduction } from '../../hooks/production.js';
import { ALL_USERS, holdersShown, type Users } from '../../hooks/use-user-index.js';
import { ASSIGN_KEYMAP } from '../../keys/assign-keys.js';
import type { OperationLog } from '../../state/operation-log.js';
import { type AssignIntent, assignModeOf, assignReducer, checkedOf, checklistIssue, initialAssignState, offered } from '../../state/assign-reducer.js';

export interface AssignSessionProps {
  readonly intent: AssignIntent;
  readonly service: RegionService;
  readonly loader: DetailLoader | undefined;
  readonly instanceArn: string;
  readonly users: Users | undefined;
  /** The instance's profiles, sorted by name. */
  readonly profiles: readonly NamedProfile[];
  readonly batchDir: string | undefined;
  readonly log?: OperationLog;
  readonly readOnly: boolean;
  readonly isActive: boolean;
  readonly width: number;
  readonly height: number;
  /** The session ended; `changed`: something was sent (the shell reads users and profiles again). */
  readonly onClose: (summary: string | undefined, changed: boolean) => void;
}

export function AssignSession({ intent, service, loader, instanceArn, users, profiles, batchDir, log, readOnly, isActive, width, height, onClose }: AssignSessionProps) {
  const [state, dispatch] = useReducer(assignReducer, intent, initialAssignState);
  const production = useProduction();
  // The instance's users, and its AI agents (marked on the holders screen like users; their steps go through Associate/Disassociate).
  const agents = useAiAgents(service, instanceArn, 0);
  const everyone = useMemo(() => (users === undefined ? undefined : holdersShown(users, agents, ALL_USERS)), [users, agents]);
  useAssignment({ service, loader, instanceArn, users: everyone, profiles, batchDir, log }, state, dispatch);
  const user = intent.kind === 'edit' ? everyone?.find((u) => u.arn === intent.userArn) : undefined;
  const nameOf = (arn: string): string => profiles.find((p) => p.arn === arn)?.name ?? arn.split('/').pop() ?? arn;
  const { intent: asked, text } = state;
  const rows = useMemo(() => offered({ intent: asked, text }, profiles), [asked, text, profiles]);
  const checked = checkedOf(state, user ? { userProfiles: user.securityProfileArns } : {});
  const room = Math.max(1, height - 5);
  const world = { profiles, ...(user ? { userProfiles: user.securityProfileArns } : {}), isProduction: production !== undefined, rows: room };
  useBurstInput((input, key) => dispatch({ type: 'assign/key', input, key, world }), { isActive });
  useEffect(() => {
    if (state.closed !== undefined) onClose(state.closed.summary, state.closed.changed);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the session ends once, when the reducer says so
  }, [state.closed]);
  const note = useChecklistNote(intent, state.step.kind === 'checklist', user, checked, loader, width);
  const title = intent.kind === 'remove' && state.step.kind === 'pick' ? `Users left with no profile once “${nameOf(intent.profileArn)}” is taken away get which one?` : titleOf(intent, nameOf, user?.username);
  const mode = assignModeOf(state.step);
  return <AssignView state={state} title={title} rows={rows} checked={checked} note={note} production={production} timeLeft={(n) => service.timeLeft(n)} canResume={batchDir !== undefined} help={ASSIGN_KEYMAP.helpEntries(mode, { readOnly })} hints={ASSIGN_KEYMAP.footerHints(mode, { readOnly: readOnly || (intent.kind === 'edit' && intent.isWhatIf) })} width={width} height={height} />;
}

function titleOf(intent: AssignIntent, nameOf: (arn: string) => string, login: string | undefined): string {
  const users = (arns: readonly string[] | 'all'): string => (arns === 'all' ? 'every holder' : `${arns.length} user${arns.length === 1 ? '' : 's'}`);
  switch (intent.kind) {
    case 'add':
      return `Give ${users(intent.userArns)} a security profile: which one?`;
    case 'remove':
      return `Take “${nameOf(intent.profileArn)}” away from ${users(intent.userArns)}`;
    case 'move':
      return `Move ${users(intent.userArns)} of “${nameOf(intent.profileArn)}” to which profile?${intent.thenDelete ? ` Then “${nameOf(intent.profileArn)}” is deleted.` : ''}`;
    case 'edit':
      return intent.isWhatIf ? `What if ${login ?? 'the user'} held these profiles? (nothing is sent)` : `${login ?? 'The user'}'s security profiles (1–10)`;
    case 'rename':
      return `Rename “${nameOf(intent.profileArn)}”`;
    case 'resume':
      return 'Resume an unfinished batch';
    case 'bulk':
      return `One change to ${intent.profileArns.length} profiles: ${intent.profileArns.slice(0, 4).map((a) => `“${nameOf(a)}”`).join(', ')}${intent.profileArns.length > 4 ? ` and ${intent.profileArns.length - 4} more` : ''}`;
  }
}

/** Under the checklist: what the ticked set would take from and give to the user, as the review would say it. */
function useChecklistNote(intent: AssignIntent, isShown: boolean, user: { arn: string; username: string; securityProfileArns: string[] } | undefined, checked: readonly string[], loader: DetailLoader | undefined, width: number): PaneLine[] {
  const [version, setVersion] = useState(0);
  const involved = useMemo(() => [...new Set([...(user?.securityProfileArns ?? []), ...checked])], [user, checked]);
  useEffect(() => {
    if (!isShown || loader === undefined) return undefined;
    const unsubscribe = loader.subscribe((arn) => involved.includes(arn) && setVersion((v) => v + 1));
    for (const arn of involved) loader.load(arn).catch(() => undefined);
    return unsubscribe;
  }, [isShown, loader, involved]);
  return useMemo(() => {
    if (!isShown || user === undefined) return [];
    const issue = checklistIssue(checked);
    if (issue !== undefined) return [{ text: '' }, { text: `✗ ${issue}`, tone: 'error' }];
    const byArn = new Map<string, SecurityProfile>();
    for (const arn of involved) {
      const entry = loader?.get(arn);
      if (entry?.status === 'loaded') byArn.set(arn, entry.profile);
    }
    if (byArn.size < involved.length) return [{ text: '' }, { text: `Reading the profiles (${byArn.size}/${involved.length})…`, tone: 'muted' }];
    const reach = changeReach({ userArn: user.arn, login: user.username, before: user.securityProfileArns, after: [...checked] }, byArn);
    const sentence = reachSentence({ reach, logins: [user.username] }).replace(/^1 user: /, 'If so, they would ');
    const whatIf = intent.kind === 'edit' && intent.isWhatIf;
    return [{ text: '' }, ...wrapText(sentence, width).slice(0, 4).map((text) => ({ text, tone: reach.escalation.length > 0 ? ('error' as const) : reach.lose.length > 0 ? ('warning' as const) : ('accent' as const) })), ...(whatIf ? [{ text: 'What if: nothing is sent from here (e on the holders screen changes a user’s profiles).', tone: 'muted' as const }] : [])];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is the loader's: a profile arrived
  }, [isShown, user, checked, involved, loader, version, intent, width]);
}
