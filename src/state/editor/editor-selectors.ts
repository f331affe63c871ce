// Derived facts about the editor: which keymap mode is live, whether there are unsaved changes, which
// problems to show where, and whether the draft may go to review. Pure.
import { profilesEqual } from '../../domain/profile/patch.js';
import type { ValidationIssue } from '../../domain/profile/validate.js';
import type { EditorKeyMode } from '../../keys/editor-keys.js';
import type { EditorState } from './editor-state.js';
import { draftIssues, issueProperty, issuesWhileTyping, plainIssue } from './field-rows.js';

export function editorKeyMode(state: Pick<EditorState, 'input' | 'pane'> & { isHelpOpen?: boolean }): EditorKeyMode {
  if (state.isHelpOpen === true) return 'editor-help';
  if (state.input.kind === 'pick-group') return 'editor-pick';
  if (state.input.kind !== 'none') return 'editor-input';
  return state.pane === 'permissions' ? 'editor-permissions' : 'editor-fields';
}

/** True when leaving now would lose something: compared with the saved profile, or for a new one with the form as opened. */
export function isDirty(state: Pick<EditorState, 'mode' | 'baseline' | 'initialDraft' | 'draft'>): boolean {
  return !profilesEqual(state.mode === 'edit' ? state.baseline : state.initialDraft, state.draft);
}

/** True when the draft differs from the saved profile (for a new profile: always, there is something to create). */
function hasChanges(state: Pick<EditorState, 'mode' | 'baseline' | 'draft'>): boolean {
  return state.mode !== 'edit' || !profilesEqual(state.baseline, state.draft);
}

/**
 * The problems to show per top-level field, in plain words: for fields the user has visited (or that
 * are flagged), and live for the field being typed into.
 */
export function visibleIssues(state: EditorState): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (issue: ValidationIssue): void => {
    const property = issueProperty(issue);
    const list = out.get(property) ?? [];
    const text = plainIssue(issue);
    if (!list.includes(text)) list.push(text);
    out.set(property, list);
  };
  const typing = state.input.kind === 'field' ? state.input.field : undefined;
  for (const issue of draftIssues(state)) {
    const property = issueProperty(issue);
    if (property === typing) continue;
    if (state.touched.includes(property) || state.flagged.includes(property) || property === 'Permissions' || property === '') add(issue);
  }
  for (const issue of issuesWhileTyping(state)) add(issue);
  return out;
}

export type ReviewCheck = { ok: true } | { ok: false; reason: string; fields: string[] };

/** Whether `s` may open the review: nothing invalid, and (when editing) something changed. */
export function reviewCheck(state: EditorState): ReviewCheck {
  const issues = draftIssues(state);
  if (issues.length > 0) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    return { ok: false, reason: `Fix first: ${plainIssue(issues[0]!)}${more}`, fields: [...new Set(issues.map(issueProperty))] };
  }
  if (!hasChanges(state)) return { ok: false, reason: 'Nothing changed yet: there is nothing to review', fields: [] };
  return { ok: true };
}
