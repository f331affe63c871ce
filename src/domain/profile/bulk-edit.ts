// One change applied to many profiles with one review (spex update --profile-name A --profile-name B …,
// and `e` with profiles marked in the TUI): the change in the words people type (permissions by API
// name, prefix or console words, as elsewhere; tags as key=value), each profile's step with the client
// token the plan fixes (so a resumed run applies nothing twice), the profiles the change leaves as they
// are, and the review in words with each profile's reach in users. Pure.
import { stepToken } from '../as-code/profiles-plan.js';
import { findingChanges, findingSentence } from '../access/lint.js';
import { impliedPermissions } from '../permissions/permission-rules.js';
import { matchPermissionTerm, permissionTermMessage } from '../permissions/permissions.js';
import type { StepStatus } from '../fleet/promotion-journal.js';
import { buildPatch } from './patch.js';
import { describeChanges } from './profile-diff.js';
import { type SecurityProfile, type SecurityProfileDraft, type Tag, toDraft } from './security-profile.js';

export const BULK_KIND = 'spex/bulk-update';

export interface BulkEdit {
  /** Permissions to grant, in the catalogue's spelling (each brings the View it needs, as the console does). */
  readonly add: readonly string[];
  readonly remove: readonly string[];
  readonly tags: readonly Tag[];
  readonly untag: readonly string[];
}

export interface BulkStep {
  name: string;
  arn: string;
  before: SecurityProfile;
  after: SecurityProfileDraft;
  clientToken: string;
  status: StepStatus;
  error?: string;
}

export interface BulkUpdate {
  readonly kind: typeof BULK_KIND;
  readonly id: string;
  readonly createdAt: string;
  /** What made it (the command's defining flags, or the TUI's change): the same again resumes it. */
  readonly key: string;
  steps: BulkStep[];
}

/** The edit typed in four fields (comma-separated): each permission term must name exactly one permission, each tag be key=value. */
export function parseBulkEdit(fields: { add: string; remove: string; tags: string; untag: string }): { edit: BulkEdit } | { issue: string } {
  const items = (text: string): string[] =>
    text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  const issues: string[] = [];
  const names = (text: string, field: string): string[] =>
    items(text).flatMap((term) => {
      const match = matchPermissionTerm(term);
      if (match.kind === 'exact' || match.kind === 'one') return [match.names[0]!];
      issues.push(`${field}: ${permissionTermMessage(term, match)}`);
      return [];
    });
  const add = names(fields.add, 'Add');
  const remove = names(fields.remove, 'Remove');
  const tags = items(fields.tags).flatMap((t) => {
    const eq = t.indexOf('=');
    if (eq > 0) return [{ Key: t.slice(0, eq).trim(), Value: t.slice(eq + 1).trim() }];
    issues.push(`Set tags: '${t}' is not key=value`);
    return [];
  });
  const untag = items(fields.untag);
  if (issues.length > 0) return { issue: issues.join('; ') };
  if (add.length + remove.length + tags.length + untag.length === 0) return { issue: 'Nothing to change: type permissions to add or remove, or tags' };
  return { edit: { add, remove, tags, untag } };
}

/** The edit applied to one profile: removals, then additions with the Views they imply, then tags. */
export function applyBulkEdit(before: SecurityProfile, edit: BulkEdit): SecurityProfileDraft {
  const after = toDraft(before);
  const granted = new Set(after.Permissions ?? []);
  for (const name of edit.remove) granted.delete(name);
  for (const name of edit.add) for (const p of [name, ...impliedPermissions(name)]) granted.add(p);
  if (edit.add.length + edit.remove.length > 0) {
    if (granted.size > 0 || after.Permissions !== undefined) after.Permissions = [...granted];
  }
  if (edit.tags.length + edit.untag.length > 0) {
    const byKey = new Map((after.Tags ?? []).map((t) => [t.Key, t.Value]));
    for (const key of edit.untag) byKey.delete(key);
    for (const t of edit.tags) byKey.set(t.Key, t.Value);
    const tags = [...byKey].map(([Key, Value]) => ({ Key, Value }));
    if (tags.length > 0) after.Tags = tags;
    else delete after.Tags;
  }
  return after;
}

/** One step per profile the change alters (a guarded patch with its own client token); the others are unchanged. */
export function planBulk(instanceArn: string, targets: readonly SecurityProfile[], edited: (before: SecurityProfile, index: number) => SecurityProfileDraft): { steps: BulkStep[]; unchanged: string[] } {
  const steps: BulkStep[] = [];
  const unchanged: string[] = [];
  targets.forEach((before, i) => {
    const after = edited(before, i);
    const patch = buildPatch(before, after, { guard: true });
    if (!patch.some((op) => op.op !== 'test')) return void unchanged.push(before.SecurityProfileName);
    const arn = before.SecurityProfileArn!;
    const clientToken = stepToken(instanceArn, { action: 'update', name: before.SecurityProfileName, arn, changes: [], request: patch });
    steps.push({ name: before.SecurityProfileName, arn, before, after, clientToken, status: 'pending' });
  });
  return { steps, unchanged };
}

/** The review: each profile's change in console words and its reach in users, the unchanged ones, the high findings the change creates. */
export function bulkReview(steps: readonly BulkStep[], unchanged: readonly string[], holders: (arn: string) => number | undefined, resumed: boolean): string[] {
  const lines = [`Update ${steps.length} profile${steps.length === 1 ? '' : 's'}:`];
  if (resumed) lines.push(`An unfinished run: ${steps.filter((s) => s.status === 'done').length} of ${steps.length} done; the rest are sent with the same client tokens (nothing is applied twice).`);
  for (const s of steps) {
    const users = holders(s.arn);
    lines.push(`  “${s.name}”${users === undefined ? '' : ` — reaches ${users} user${users === 1 ? '' : 's'}`}${s.status === 'done' ? ' (done)' : ''}`);
    for (const change of describeChanges(s.before, s.after)) lines.push(`    ${change.label.trim()}`);
    for (const f of bulkFindings(s)) lines.push(`    ⚠ high: ${findingSentence(f, users)}`);
  }
  if (unchanged.length > 0) lines.push(`Unchanged (the change does nothing to them): ${unchanged.join(', ')}`);
  lines.push(steps.some((s) => s.status !== 'done') ? 'Nothing has been sent yet.' : 'Nothing to send.');
  return lines;
}

/** The high findings a step's change creates (spex lint's rules). */
export function bulkFindings(step: Pick<BulkStep, 'before' | 'after'>): ReturnType<typeof findingChanges>['created'] {
  return findingChanges(step.before, { ...step.after }).created.filter((f) => f.severity === 'high');
}
