// Header, status-line and footer text for the current state. Pure.
import { sanitizeLine } from '../domain/text/sanitize.js';
import { cloudControlRefusals, REFUSED_MARK } from '../domain/profile/cloud-control-safe.js';
import { type ConnectInstance, parseConnectArn, type SecurityProfile } from '../domain/profile/security-profile.js';
import type { ProfileList } from '../hooks/use-profile-list.js';
import type { Remote } from '../state/remote.js';
import { panePosition, shownInstances } from '../state/selectors.js';
import { ALL_USERS, type AppState, type SortOrder } from '../state/app-state.js';
import { parseFilter } from '../state/filter.js';
import { type Finding, findingSentence, profileFindings } from '../domain/access/lint.js';
import { counted } from '../domain/text/format.js';

const SORT_WORDS: Record<SortOrder['key'], [string, string, string]> = {
  name: ['name', 'A→Z', 'Z→A'],
  permissions: ['permissions', 'fewest first', 'most first'],
  modified: ['modified', 'oldest first', 'newest first'],
};

export function sortLabel(sort: SortOrder): string {
  const [name, ascending, descending] = SORT_WORDS[sort.key];
  return `sort: ${name} ${sort.isDescending ? '↓' : '↑'} ${sort.isDescending ? descending : ascending}`;
}

export function instanceLabel(instance: ConnectInstance | undefined): string | undefined {
  if (instance === undefined) return undefined;
  return sanitizeLine(instance.alias ?? instance.id);
}

/** `us-east-1 › acme-support › Security profiles › Agent`. */
export function breadcrumb(state: AppState, profileName: (arn: string) => string | undefined): string[] {
  const { screen } = state;
  if (screen.kind === 'regions') return ['Regions'];
  const crumbs = [state.region ?? '—'];
  if (screen.kind === 'instances') return [...crumbs, 'Instances'];
  crumbs.push(instanceLabel(state.instance) ?? '—', 'Security profiles');
  if (screen.kind === 'detail') crumbs.push(profileName(screen.arn) ?? '…');
  if (screen.kind === 'holders') crumbs.push(...(screen.arn === ALL_USERS ? ['Users'] : [profileName(screen.arn) ?? '…', 'Held by']));
  if (screen.kind === 'findings') crumbs.push('Findings');
  if (screen.kind === 'explain') crumbs.push(screen.from.arn === ALL_USERS ? 'Users' : `Holders of ${profileName(screen.from.arn) ?? '…'}`, 'What this user can do');
  if (screen.kind === 'history') crumbs.push(profileName(screen.arn) ?? '…', screen.comparing === undefined ? 'History' : 'History › Compare versions');
  if (screen.kind === 'compare') crumbs.push(`Compare ${profileName(screen.arns[0]) ?? '…'} ↔ ${profileName(screen.arns[1]) ?? '…'}`);
  const { modal } = state;
  if (modal.kind === 'editor') {
    const { target } = modal;
    if (target.mode === 'edit') crumbs.push(target.revertTo !== undefined ? 'Go back to a version' : screen.kind === 'detail' ? 'Edit' : `Edit ${profileName(target.arn) ?? '…'}`);
    else if (target.mode === 'create') crumbs.push('New profile');
    else crumbs.push(`Clone ${profileName(target.sourceArn) ?? '…'} → ${target.target.region} ${instanceLabel(target.target.instance) ?? ''}`.trimEnd());
  } else if (modal.kind === 'delete') crumbs.push(screen.kind === 'detail' ? 'Delete' : `Delete ${profileName(modal.arn) ?? '…'}`);
  else if (modal.kind === 'clone-target') crumbs.push(`Clone ${profileName(modal.sourceArn) ?? '…'} into…`);
  else if (modal.kind === 'operations') crumbs.push('Operations');
  else if (modal.kind === 'apply-file') crumbs.push('Apply a file');
  else if (modal.kind === 'export-file') crumbs.push(`Export ${modal.arns.length} profile${modal.arns.length === 1 ? '' : 's'}`);
  else if (modal.kind === 'assign') crumbs.push(modal.intent.kind === 'rename' ? `Rename ${profileName(modal.intent.profileArn) ?? '…'}` : modal.intent.kind === 'edit' && modal.intent.isWhatIf ? 'What if' : modal.intent.kind === 'resume' ? 'Resume a batch' : modal.intent.kind === 'bulk' ? `Change ${modal.intent.profileArns.length} profiles` : 'Change holders');
  // Names come from the server: never let one move the cursor or write to the clipboard.
  return crumbs.map(sanitizeLine);
}

/** Rows shown from the cache while AWS is asked again (Cloud Control alone): what ≈ means. */
export function unconfirmedHint(shown: readonly { arn: string }[], isUnconfirmed: (arn: string) => boolean): string | undefined {
  const count = shown.filter((r) => isUnconfirmed(r.arn)).length;
  if (count === 0) return undefined;
  return `≈ ${count} profile${count === 1 ? '' : 's'} shown from the cache, possibly stale: being read again (no Connect summaries to check them against)`;
}

/** With two or more marked: what the marks are for (compare takes the last two). */
export function markHint(list: AppState['list'], nameOf: (arn: string) => string | undefined, columns = Infinity): string | undefined {
  if (list.marked.length < 2) return undefined;
  const name = (arn: string): string => `“${sanitizeLine(nameOf(arn) ?? arn.slice(arn.lastIndexOf('/') + 1))}”`;
  const [a, b] = list.marked.slice(-2);
  const compare = list.marked.length === 2 ? '=: compare them' : `=: compare the last two (${name(a!)} ↔ ${name(b!)})`;
  const long = `${list.marked.length} marked — e: one change to all; ${compare}; X/P: export/promote all`;
  // Narrow: the same keys in fewer words, never cut.
  return long.length + 2 <= columns ? long : `${list.marked.length} marked — e: change all · =: compare the last two · X/P: all`;
}

/** Said while the cursor is on a profile with a high finding, so the ! explains itself. */
export function riskHint(profile: SecurityProfile | undefined, findings?: readonly Finding[]): string | undefined {
  if (profile === undefined) return undefined;
  const high = (findings ?? profileFindings(profile)).filter((f) => f.severity === 'high');
  if (high.length === 0) return undefined;
  return `! high: ${sanitizeLine(findingSentence(high[0]!))}${high.length > 1 ? ` (+${high.length - 1} more)` : ''} — ! lists the instance's findings`;
}

/** Said while the cursor is on a profile Cloud Control cannot change, so the ⊘ explains itself. */
export function refusedHint(profile: SecurityProfile | undefined): string | undefined {
  if (profile === undefined) return undefined;
  const refusals = cloudControlRefusals(profile);
  if (refusals.length === 0) return undefined;
  return `${REFUSED_MARK} Cloud Control cannot change this profile: ${sanitizeLine(refusals[0]!.message)}${refusals.length > 1 ? ` (+${refusals.length - 1} more; Enter shows all)` : ''}`;
}

/**
 * What the table cannot show yet when the list gave ARNs only (real-aws-notes "Listing"): how many
 * names are unknown, and what that means for the filter or the sort in force.
 */
export function unnamedHint(unnamed: number, filter: string, sort: SortOrder): string | undefined {
  if (unnamed <= 0) return undefined;
  const names = unnamed === 1 ? '1 name' : `${unnamed} names`;
  if (parseFilter(filter).words.length > 0) return `${names} not loaded yet, so not searched (loading in the background)`;
  if (sort.key === 'name') return `${names} not loaded yet, listed last; they load as rows come into view`;
  return `${names} not loaded yet (… rows); names fill in as rows come into view`;
}

/**
 * While pages of the list are still arriving: how many profiles are in so far, and that the filter or
 * the sort in force has seen only those (the counter's `+` says the same, briefly).
 */
export function listingHint(status: ProfileList['status'], listed: number, filter: string, sort: SortOrder): string | undefined {
  if (status !== 'streaming' || listed === 0) return undefined;
  const so = `${listed.toLocaleString('en')} profile${listed === 1 ? '' : 's'} listed so far`;
  if (parseFilter(filter).words.length > 0) return `${so}; the filter has searched those, and searches the rest as they arrive`;
  if (sort.key === 'name') return `${so}; the rest are sorted in as they arrive`;
  return `${so}; more are on the way`;
}

/** A listing that stopped part-way keeps its rows on screen; the status line says why. */
export function listErrorNotice(profiles: ProfileList): { tone: 'error'; text: string } | undefined {
  if (profiles.status !== 'error' || profiles.rows.length === 0 || profiles.error === undefined) return undefined;
  return { tone: 'error', text: `Listing stopped after ${counted(profiles.rows.length, 'profile')}: ${profiles.error.message} (r retries)` };
}

/** The filter of the screen on view, for the status line. */
export function filterLineOf(state: AppState): { text: string; isEditing: boolean } | undefined {
  if (state.screen.kind === 'list') return { text: state.list.filter, isEditing: state.list.isFiltering };
  if (state.screen.kind === 'instances') return { text: state.instances.filter, isEditing: state.instances.isFiltering };
  if (state.screen.kind === 'holders' && (state.screen.filter !== '' || state.screen.isFiltering)) return { text: state.screen.filter, isEditing: state.screen.isFiltering };
  return undefined;
}

/** The footer's counter: `shown/total` (with `+` while the list streams), else the pane's position. */
export function counterText(
  state: AppState,
  data: { shown: number; profiles: ProfileList; instances: Remote<readonly ConnectInstance[]> },
): string | undefined {
  const { profiles, instances } = data;
  if (state.screen.kind === 'list' && state.modal.kind === 'none') {
    return `${data.shown}/${profiles.rows.length}${profiles.status === 'done' || profiles.status === 'error' ? '' : '+'}`;
  }
  if (state.screen.kind === 'instances' && instances.status === 'success') return `${shownInstances(state).length}/${instances.data.length}`;
  return panePosition(state);
}

/** The account in the header: from the instance ARN, else from the ARNs the service has seen. */
export function accountOf(instanceArn: string | undefined, seen: string | undefined): string | undefined {
  return (instanceArn === undefined ? undefined : parseConnectArn(instanceArn)?.account) ?? seen;
}

