// An unsaved edit as it is kept on disk (drafts/draft-store.ts writes and reads it), and how one is
// said to the user (whose, what it changes). Pure.
import type { SecurityProfile, SecurityProfileDraft } from './security-profile.js';

export type DraftMode = 'edit' | 'create' | 'clone';

export interface StoredDraft {
  /** The profile ARN, or `new:<instanceArn>:<name>` for a profile not created yet. */
  key: string;
  mode: DraftMode;
  /** Epoch milliseconds of the last write. */
  savedAt: number;
  draft: SecurityProfileDraft;
  /** The model the draft started from (edit), so a later restore can rebase onto the server's model. */
  original?: SecurityProfile;
  /** How it came to be kept: the user left the editor keeping it, or spex stopped before saving (the default). */
  keptBy?: 'left' | 'stopped';
}


/** A draft in words: whose it is and what it changes, for the start-up note and the restore prompt. */
export interface DraftSummary {
  key: string;
  /** The profile's name (edit) or the new profile's name, sanitised by the caller. */
  name: string;
  isNew: boolean;
  /** The changes, one line each in the console's words (see profile-diff.ts). */
  changes: string[];
}

export function summariseDraft(stored: StoredDraft, describe: (before: SecurityProfileDraft, after: SecurityProfileDraft) => string[]): DraftSummary {
  const isNew = stored.mode !== 'edit';
  const before: SecurityProfileDraft = stored.original ?? { InstanceArn: stored.draft.InstanceArn, SecurityProfileName: '' };
  return {
    key: stored.key,
    name: stored.draft.SecurityProfileName || stored.original?.SecurityProfileName || '(no name)',
    isNew,
    changes: isNew ? ['a new profile'] : describe(before, stored.draft),
  };
}

/** `1 unsaved draft: Agent, 2 changes — D to review`; names the first three. */
export function draftsAnnouncement(summaries: readonly DraftSummary[], clean: (s: string) => string): string | undefined {
  if (summaries.length === 0) return undefined;
  const shown = summaries.slice(0, 3).map((d) => `${clean(d.name)}${d.isNew ? ' (new)' : `, ${d.changes.length} change${d.changes.length === 1 ? '' : 's'}`}`);
  const more = summaries.length > 3 ? `, and ${summaries.length - 3} more` : '';
  return `${summaries.length} unsaved draft${summaries.length === 1 ? '' : 's'}: ${shown.join('; ')}${more} — D to review`;
}
