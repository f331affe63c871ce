// The state and I/O of one edit, create or clone (see app/sessions/edit-session.tsx for the view):
// the draft and its store, the step machine (state/edit-session.ts), the save followed to its end,
// and on a refusal because the profile changed on the server, the rebase. The container only renders.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { AiAgentInfo } from '../domain/access/ai-agents.js';
import type { OperationOptions, TrackedOperation } from '../aws/types.js';
import type { OperationOutcome } from '../domain/service/operations.js';
import type { DraftStore } from '../drafts/draft-store.js';
import type { OperationLog } from '../state/operation-log.js';
import { cloudControlRefusals } from '../domain/profile/cloud-control-safe.js';
import { profilesEqual } from '../domain/profile/patch.js';
import { rebaseDraft, type RebaseResult } from '../domain/profile/rebase.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { HierarchyGroup, SecurityProfile, SecurityProfileDraft } from '../domain/profile/security-profile.js';
import { newProfileDraftKey, type StoredDraft } from '../drafts/draft-store.js';
import { editStepReducer, effectiveStep, FIRST_EDIT_STEP } from '../state/edit-session.js';
import type { EditorMode } from '../state/editor/editor-state.js';
import { isChangedOnServer } from '../state/operation-text.js';
import type { ServerChange } from '../state/operation-state.js';
import { useDraft } from './use-draft.js';
import { useOperation } from './use-operation.js';

/** What the shell gives an edit session: the profile, where drafts go, and the I/O as functions. */
import type { ReachInput } from '../domain/access/holders.js';

export interface EditSessionProps {
  readonly mode: EditorMode;
  /** Edit: the profile exactly as read (the patch's `test` guards compare against it). Clone: the source. */
  readonly original: SecurityProfile | undefined;
  readonly initialDraft: SecurityProfileDraft;
  readonly hierarchyGroups?: readonly HierarchyGroup[];
  /** The target instance's AI agents (allowed agents typed and shown by name). */
  readonly aiAgents?: readonly AiAgentInfo[];
  readonly flaggedFields?: readonly string[];
  readonly existingNames?: readonly string[];
  /** Who a change reaches, for the review (edit). */
  readonly reach?: ReachInput;
  /** A profile Cloud Control refuses is saved through the Connect API (the review shows those requests). */
  readonly connectSaves?: boolean;
  /** The permission pane's first layout (the user's last choice). */
  readonly layout?: 'list' | 'grid';
  /** Open on this permission with this note (compare's copy). */
  readonly focus?: { permission: string; note: string };
  /** Where unsaved drafts are kept; without one nothing is written to disk. */
  readonly draftStore?: DraftStore;
  readonly log?: OperationLog;
  /**
   * Sends the change. Edit: `service.updateProfile(arn, base, draft, options)` — `base` is the model the
   * draft applies to (the original, or the server's newer version after a rebase). Create/clone:
   * `service.createProfile(draft, options)`.
   */
  readonly save: (draft: SecurityProfileDraft, base: SecurityProfile | undefined, options: OperationOptions) => TrackedOperation;
  /** Follows an existing request (`service.trackRequest`), to keep waiting without sending again. */
  readonly track?: (requestToken: string, options: OperationOptions) => TrackedOperation;
  /** Told whenever the draft starts or stops differing from the saved profile (for "quit with unsaved changes?"). */
  readonly onDirtyChange?: (isDirty: boolean) => void;
  /** Reads the profile from the server again (edit), to show what changed there after a refused save. */
  readonly loadCurrent?: () => Promise<SecurityProfile>;
  readonly isActive: boolean;
  /** Rows and columns the view may use (from the shell's layout: views never measure the terminal). */
  readonly height: number;
  readonly width: number;
  /** The save succeeded: refresh the row and the detail (the session shows the result until Enter). */
  readonly onSaved: (outcome: Extract<OperationOutcome, { ok: true }>) => void;
  /** The session is over (after a save, or the user left). */
  readonly onClose: () => void;
  /** `q` in the editor: quit spex (the shell asks first when the edit is unsaved). */
  readonly onQuit?: (info: { isDirty: boolean }) => void;
}

function draftKeyOf(mode: EditorMode, original: SecurityProfile | undefined, draft: SecurityProfileDraft): string {
  return mode === 'edit' && original?.SecurityProfileArn ? original.SecurityProfileArn : newProfileDraftKey(draft.InstanceArn, draft.SecurityProfileName);
}

export function useEditSession(props: EditSessionProps) {
  const { mode, original, save, loadCurrent, onSaved } = props;
  const [draft, setDraft] = useState(props.initialDraft);
  const [editorKey, setEditorKey] = useState(0);
  const [editorSeed, setEditorSeed] = useState(props.initialDraft);
  const [base, setBase] = useState<SecurityProfile | undefined>(mode === 'edit' ? original : undefined);
  const [restoredNote, setRestoredNote] = useState<string | undefined>(undefined);
  const [serverChange, setServerChange] = useState<ServerChange | undefined>(undefined);
  const rebased = useRef<{ current: SecurityProfile; result: RebaseResult } | undefined>(undefined);
  const operation = useOperation(props.log ? { log: props.log } : {});
  const key = draftKeyOf(mode, original, props.initialDraft);
  const drafts = useDraft(key, props.initialDraft, {
    store: props.draftStore,
    mode,
    ...(mode === 'edit' && original ? { original } : {}),
    ...(mode === 'edit' ? {} : { offerPrefix: `new:${props.initialDraft.InstanceArn}:` }),
  });
  const [step, dispatchStep] = useReducer(editStepReducer, FIRST_EDIT_STEP);
  const effective = effectiveStep(step, drafts.offered !== undefined);
  const name = sanitizeLine(draft.SecurityProfileName || '(new profile)');
  // Said when the editor opens, before any effort is spent: Cloud Control validates the whole profile
  // on every change, so one whose current values its schema refuses cannot be saved through it.
  const refusals = mode === 'edit' && base ? cloudControlRefusals(base) : [];
  const refusalHeight = refusals.length > 0 ? refusals.length + 1 : 0;

  const replaceDraft = useCallback((next: SecurityProfileDraft) => {
    setDraft(next);
    setEditorSeed(next);
    setEditorKey((k) => k + 1);
  }, []);

  const { update: updateDraft, clear: clearDraft } = drafts;
  const onDraftChange = useCallback(
    (next: SecurityProfileDraft) => {
      setDraft(next);
      updateDraft(next, draftKeyOf(mode, original, next));
    },
    [updateDraft, mode, original],
  );

  const restore = (stored: StoredDraft | undefined): void => {
    if (!stored) return;
    // The profile may have changed on the server since the draft was written: replay it onto the new version.
    if (mode === 'edit' && original && stored.original && stored.original.LastModifiedTime !== original.LastModifiedTime) {
      const result = rebaseDraft(stored.original, original, stored.draft);
      replaceDraft(result.draft);
      setRestoredNote(`Restored your draft and applied it onto the profile’s newer version${result.conflicts.length > 0 ? `; changed on both sides: ${result.conflicts.join(', ')}` : ''}.`);
    } else {
      replaceDraft(stored.draft);
      setRestoredNote('Restored your unsaved draft.');
    }
  };

  const { start } = operation;
  const send = useCallback(() => {
    const sending = draft;
    const sendBase = base;
    setServerChange(undefined);
    rebased.current = undefined;
    dispatchStep({ type: 'edit-step/save' });
    start((options) => save(sending, sendBase, options), `${mode === 'edit' ? 'Save' : 'Create'} “${sanitizeLine(sending.SecurityProfileName)}”`);
  }, [draft, base, mode, save, start]);

  const dirty = !profilesEqual(mode === 'edit' && original ? original : props.initialDraft, draft) && operation.phase !== 'succeeded';
  const { onDirtyChange } = props;
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  // On success: the draft file goes and the shell refreshes.
  const reported = useRef(false);
  useEffect(() => {
    if (operation.phase === 'succeeded' && operation.outcome?.ok && !reported.current) {
      reported.current = true;
      void clearDraft();
      onSaved(operation.outcome);
    }
    if (operation.phase === 'running') reported.current = false;
  }, [operation.phase, operation.outcome, clearDraft, onSaved]);

  // Refused because the profile changed on the server: read it again and show what changed there.
  useEffect(() => {
    const error = operation.outcome && !operation.outcome.ok ? operation.outcome.error : undefined;
    if (operation.phase !== 'failed' || !isChangedOnServer(error) || !loadCurrent || !base) return undefined;
    let live = true;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new source starts over: the state says it is loading (and drops the old source's answer) before the request goes out
    setServerChange({ status: 'loading' });
    loadCurrent().then(
      (current) => {
        if (!live) return;
        const result = rebaseDraft(base, current, draft);
        rebased.current = { current, result };
        setServerChange({ status: 'ready', theirChanges: result.theirChanges, conflicts: result.conflicts });
      },
      (e: unknown) => live && setServerChange({ status: 'error', message: (e as Error).message }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- Once per failed outcome.
  }, [operation.phase, operation.outcome]);

  const rebase = (): void => {
    const r = rebased.current;
    if (!r) return;
    setBase(r.current);
    replaceDraft(r.result.draft);
    drafts.update(r.result.draft);
    operation.reset();
    dispatchStep({ type: 'edit-step/review', conflicts: r.result.conflicts });
  };


  return {
    effective,
    dispatchStep,
    drafts,
    draft,
    setDraft,
    base,
    editorKey,
    editorSeed,
    restoredNote,
    serverChange,
    operation,
    name,
    refusals,
    refusalHeight,
    onDraftChange,
    restore,
    send,
    rebase,
  };
}
