// An unsaved edit as it is kept on disk (drafts/draft-store.ts writes and reads it). Pure types.
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
}

