// What the review shows: the change in the console's words, the Views the console adds with an
// action, and on request exactly what will be sent (the JSON Patch of an update, the DesiredState of
// a create). Pure: the lines are built here so tests can read them without rendering.
import { isSpexError } from '../../domain/service/errors.js';
import { buildPatch, connectOnlyChanges, type JsonPatchOperation, withoutConnectOnly } from '../../domain/profile/patch.js';
import { describeChanges, describeImpliedAdds, summariseChanges } from '../../domain/profile/profile-diff.js';
import { inertJson, sanitizeLine } from '../../domain/text/sanitize.js';
import { type SecurityProfile, type SecurityProfileDraft, toDraft } from '../../domain/profile/security-profile.js';
import type { EditorMode } from '../../state/editor/editor-state.js';
import { changeReach, type ReachInput, reachSentence } from '../../domain/access/holders.js';
import { cloudControlRefusals } from '../../domain/profile/cloud-control-safe.js';
import { connectCreateRequest, connectIssues, connectTakesAll, connectUpdateRequests } from '../../domain/profile/connect-plan.js';
import { validateProfile } from '../../domain/profile/validate.js';
import { wrapLine, wrapText } from '../pane-lines.js';
import { findingChanges, findingSentence } from '../../domain/access/lint.js';
import { type AiAgentInfo, isAgentArn } from '../../domain/access/ai-agents.js';
export type { ReachInput } from '../../domain/access/holders.js';

export type ReviewTone = 'heading' | 'muted' | 'error' | 'warning' | 'success';

export interface ReviewLine {
  text: string;
  tone?: ReviewTone;
}

export interface ReviewInput {
  mode: EditorMode;
  /** The saved profile (edit); for create and clone, undefined. */
  original: SecurityProfile | undefined;
  draft: SecurityProfileDraft;
  showRequest: boolean;
  /** Rebase: properties both sides changed, where the draft's value was kept. */
  conflicts?: readonly string[];
  /** Who the change reaches (edit): the holders and what each permission change means for them. */
  reach?: ReachInput;
  /** Where an edit of a profile Cloud Control refuses goes: the Connect API, or nowhere (default). */
  route?: 'cloud-control' | 'connect';
  /** The instance's AI agents: the allowed ones are named in the change. */
  aiAgents?: readonly AiAgentInfo[];
  /** Columns to wrap long lines to (whole values, never cut). Default 100. */
  width?: number;
}

/** "Who it reaches": for an edit that adds or removes permissions, how many holders each change reaches. */
export function reachLines(profileArn: string, original: SecurityProfileDraft, draft: SecurityProfileDraft, reach: ReachInput): ReviewLine[] {
  const before = new Set(original.Permissions ?? []);
  const after = new Set(draft.Permissions ?? []);
  const added = [...after].filter((p) => !before.has(p)).sort();
  const removed = [...before].filter((p) => !after.has(p)).sort();
  if (added.length === 0 && removed.length === 0) return [];
  if (reach.kind === 'unknown') return [{ text: '' }, { text: `Who it reaches: unknown (${sanitizeLine(reach.why)})`, tone: 'muted' }];
  if (reach.holders.length === 0) return [{ text: '' }, { text: 'Who it reaches: nobody holds this profile, so no user gains or loses anything yet.', tone: 'muted' }];
  const result = changeReach(profileArn, { added, removed }, reach.holders, reach.permissionsOf);
  const agents = reach.holders.filter((h) => isAgentArn(h.arn)).length;
  const people = result.holders - agents;
  const who = `${people} user${people === 1 ? '' : 's'}${agents > 0 ? ` and ${agents} AI agent${agents === 1 ? '' : 's'}` : ''}`;
  const lines: ReviewLine[] = [{ text: '' }, { text: `Who it reaches (${who} hold this profile):`, tone: 'heading' }];
  for (const r of result.permissions) lines.push({ text: `  ${reachSentence(r)}`, ...(r.change === 'removes' && r.sole > 0 ? { tone: 'warning' as const } : {}) });
  if (result.unknownProfiles.length > 0) {
    lines.push({ text: `  (${result.unknownProfiles.length} other profile${result.unknownProfiles.length === 1 ? '' : 's'} they hold still loading: the "lose it" numbers may fall)`, tone: 'muted' });
  }
  return lines;
}

export interface Review {
  lines: ReviewLine[];
  /** False when there is nothing to send, or the change cannot be sent (then `lines` say why). */
  canConfirm: boolean;
  patch?: JsonPatchOperation[];
}

/** A new profile is described against an empty one, so every field it sets is listed. */
function baseOf(input: ReviewInput): SecurityProfileDraft {
  return input.mode === 'edit' && input.original ? input.original : ({} as SecurityProfileDraft);
}

export function buildReview(input: ReviewInput): Review {
  const review = reviewLines(input);
  // Every value whole: a line wider than the pane wraps, never ends in "…" (this is what is sent).
  return { ...review, lines: review.lines.flatMap((line) => wrapLine(line, Math.max(20, (input.width ?? 100) - 2))) };
}

function reviewLines(input: ReviewInput): Review {
  const lines: ReviewLine[] = [];
  const base = baseOf(input);
  const changes = describeChanges(base, input.draft, { aiAgent: (arn) => input.aiAgents?.find((a) => a.arn === arn)?.name });
  const name = sanitizeLine(input.draft.SecurityProfileName);
  lines.push({ text: input.mode === 'edit' ? `Save changes to “${name}”: ${summariseChanges(changes)}` : `Create “${name}”: ${summariseChanges(changes)}`, tone: 'heading' });
  if (input.conflicts && input.conflicts.length > 0) {
    lines.push({ text: `! Changed both here and on the server; your value is kept: ${input.conflicts.join(', ')}`, tone: 'warning' });
  }
  lines.push({ text: '' });
  for (const change of changes) lines.push({ text: `  ${change.label}`, ...(change.kind.endsWith('removed') ? { tone: 'warning' as const } : {}) });
  if (input.reach !== undefined && input.mode === 'edit' && input.original?.SecurityProfileArn !== undefined) {
    lines.push(...reachLines(input.original.SecurityProfileArn, input.original, input.draft, input.reach));
  }
  // Least privilege (spex lint's rules): what this change makes risky, or fixes, before it is sent.
  const lint = findingChanges(input.mode === 'edit' ? input.original : undefined, { ...input.draft });
  const holders = input.reach?.kind === 'known' ? input.reach.holders.length : undefined;
  if (lint.created.length + lint.resolved.length + lint.already.length > 0) lines.push({ text: '' });
  for (const f of lint.created) lines.push({ text: `⚠ ${f.severity}: ${sanitizeLine(findingSentence(f, holders))}`, tone: f.severity === 'low' ? 'muted' : 'warning' });
  for (const f of lint.resolved) lines.push({ text: `✓ resolves ${f.rule}: ${sanitizeLine(f.why)}`, tone: 'success' });
  // Findings the profile had already: apart, so the warnings above are only what this change creates.
  if (lint.already.length > 0) lines.push({ text: `already: ${lint.already.map((f) => `${f.severity} ${f.rule}`).join(', ')} (not this change's doing)`, tone: 'muted' });
  if (describeImpliedAdds(base, input.draft).length > 0) {
    lines.push({ text: '' });
    lines.push({ text: '“needed by” marks a View granted with an action on the same resource, as the console does.', tone: 'muted' });
  }
  let patch: JsonPatchOperation[] | undefined;
  let canConfirm = changes.length > 0;
  const refusals = input.mode === 'edit' && input.original ? cloudControlRefusals(input.original) : [];
  if (refusals.length > 0 && input.original) {
    // Cloud Control validates the whole profile on every change: these values make any change fail there.
    const values = refusals.map((r) => sanitizeLine(r.message)).join('; ');
    const width = input.width ?? 100;
    const say = (text: string, tone: ReviewTone): void => {
      for (const line of wrapText(text, width)) lines.push({ text: line, tone });
    };
    lines.push({ text: '' });
    if (input.route !== 'connect') {
      say(`✗ This change cannot be saved: Cloud Control refuses this profile's current values (${values}), and the Connect API is not available (--cloudcontrol-only, or Connect refused spex).`, 'error');
      return { lines, canConfirm: false };
    }
    say(`Sent through the Connect API, because Cloud Control refuses this profile's current values: ${values}.`, 'warning');
    say('Just before sending, spex reads the profile again and sends nothing if anyone changed it meanwhile.', 'muted');
    const issues = connectIssues(input.draft);
    if (issues.length > 0) {
      say(`✗ Connect refuses this: ${issues.join('; ')}`, 'error');
      canConfirm = false;
    }
    if (changes.length === 0) lines.push({ text: '  (no changes: nothing would be sent)', tone: 'muted' });
    if (input.showRequest) {
      lines.push({ text: '' });
      lines.push({ text: 'Connect API requests, in order:', tone: 'muted' });
      for (const request of connectUpdateRequests(input.original, input.draft)) {
        lines.push({ text: `  ${request.operation}` });
        for (const line of wrapText(sanitizeLine(request.http), width, '    ')) lines.push({ text: line });
        for (const line of inertJson(request.body, 2).split('\n')) lines.push({ text: `    ${sanitizeLine(line)}` });
      }
    }
    return { lines, canConfirm };
  }
  if (input.mode !== 'edit' && input.route === 'connect') {
    const schemaIssues = validateProfile(input.draft, 'create');
    if (connectTakesAll(schemaIssues, input.draft)) {
      const request = connectCreateRequest(input.draft);
      lines.push({ text: '' });
      // One line each: buildReview wraps what is wider than the pane.
      lines.push({ text: `Created through the Connect API (CreateSecurityProfile), because Cloud Control's schema refuses: ${schemaIssues.map((i) => sanitizeLine(i.message)).join('; ')}.`, tone: 'warning' });
      const own = connectIssues(input.draft);
      if (own.length > 0) {
        lines.push({ text: `✗ Connect refuses this: ${own.join('; ')}`, tone: 'error' });
        canConfirm = false;
      }
      if (input.showRequest) {
        lines.push({ text: '' });
        lines.push({ text: 'Connect API request:', tone: 'muted' });
        lines.push({ text: `  ${request.operation}` });
        lines.push({ text: `    ${sanitizeLine(request.http)}` });
        for (const line of inertJson(request.body, 2).split('\n')) lines.push({ text: `    ${sanitizeLine(line)}` });
      }
      return { lines, canConfirm };
    }
  }
  if (input.mode === 'edit' && input.original) {
    try {
      patch = buildPatch(input.original, input.draft, { guard: true });
      if (!patch.some((op) => op.op !== 'test') && connectOnlyChanges(input.original, input.draft).length === 0) canConfirm = false;
    } catch (error) {
      canConfirm = false;
      lines.push({ text: '' });
      lines.push({ text: `✗ This change cannot be sent: ${isSpexError(error) ? error.error.message : (error as Error).message}`, tone: 'error' });
    }
  }
  if (changes.length === 0) lines.push({ text: '  (no changes: nothing would be sent)', tone: 'muted' });
  if (input.showRequest) {
    lines.push({ text: '' });
    if (patch) {
      lines.push({ text: 'UpdateResource PatchDocument (each change is preceded by a test of the value read, so a concurrent change is refused):', tone: 'muted' });
      // Pretty-printed whole, never cut: this is exactly what is sent (j/k scroll through it).
      for (const line of inertJson(patch, 2).split('\n')) lines.push({ text: `  ${sanitizeLine(line)}` });
    } else if (input.mode !== 'edit') {
      lines.push({ text: 'CreateResource DesiredState:', tone: 'muted' });
      for (const line of inertJson(withoutConnectOnly(input.draft, {}), 2).split('\n')) lines.push({ text: `  ${sanitizeLine(line)}` });
    }
    // The allowed AI agents: the Cloud Control schema lacks them, so Connect's UpdateSecurityProfile sends them after.
    const base = input.mode === 'edit' && input.original ? input.original : {};
    if (connectOnlyChanges(base, input.draft).length > 0) {
      lines.push({ text: '' });
      lines.push({ text: 'Then through the Connect API (the Cloud Control schema has no AllowedAIAgents):', tone: 'muted' });
      const request = input.mode === 'edit' && input.original ? connectUpdateRequests(input.original, { ...toDraft(input.original), AllowedAIAgents: input.draft.AllowedAIAgents ?? [] })[0] : undefined;
      lines.push({ text: `  UpdateSecurityProfile${request ? '' : ' (of the new profile)'}` });
      if (request) lines.push({ text: `    ${sanitizeLine(request.http)}` });
      for (const line of inertJson(request?.body ?? { AllowedAIAgents: input.draft.AllowedAIAgents }, 2).split('\n')) lines.push({ text: `    ${sanitizeLine(line)}` });
    }
  }
  return { lines, canConfirm, ...(patch ? { patch } : {}) };
}
