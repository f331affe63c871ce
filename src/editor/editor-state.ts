// The profile editor's state: the draft being edited and where the user is in it. Pure: no React,
// no Ink, no I/O. The draft is the only thing that matters outside the editor; the rest is intent
// (cursor, filters, the text being typed), reset when the editor closes.
import { type HierarchyGroup, type SecurityProfile, type SecurityProfileDraft, toDraft } from '../domain/security-profile.js';

export type EditorMode = 'edit' | 'create' | 'clone';
export type EditorPane = 'permissions' | 'fields';
/** Which permission rows are listed: every one, only the granted ones, or only the changed ones. */
export type PermissionView = 'all' | 'granted' | 'changed';

/** Fields edited as a list of items, one text per item. */
export type ListFieldId =
  | 'Tags'
  | 'AllowedAccessControlTags'
  | 'TagRestrictedResources'
  | 'HierarchyRestrictedResources'
  | 'Applications'
  | 'AllowedFlowModules';
/** Fields edited as one text. */
export type TextFieldId = 'SecurityProfileName' | 'Description' | 'AllowedAccessControlHierarchyGroupId';
/** Every field of the fields pane, in the order shown. */
export type FieldId = 'SecurityProfileName' | 'InstanceArn' | 'Description' | 'AllowedAccessControlHierarchyGroupId' | ListFieldId;

/** The text the keyboard is typing into, if any; `cursor` undefined means after the last character. */
export type EditorInput =
  | { kind: 'none' }
  | { kind: 'search'; text: string; cursor?: number }
  /** `confirmUnknown`: Enter was pressed once on a name the catalogue does not know. */
  | { kind: 'add-permission'; text: string; cursor?: number; confirmUnknown: boolean }
  /** `index`: the list item being edited; undefined for a scalar field or a new item. */
  | { kind: 'field'; field: TextFieldId | ListFieldId; index?: number; text: string; cursor?: number; error?: string }
  | { kind: 'pick-group'; cursor: number };

export type NoteTone = 'normal' | 'warning' | 'error' | 'success';

export interface EditorNote {
  tone: NoteTone;
  text: string;
}

export interface EditorState {
  readonly mode: EditorMode;
  /** What "changed" compares against: the saved profile, or nothing for a new one. */
  readonly baseline: SecurityProfileDraft;
  /** The draft the editor opened with (a clone's copy, a restored draft): "unsaved" is measured from the saved profile, or from this for a new one. */
  readonly initialDraft: SecurityProfileDraft;
  readonly draft: SecurityProfileDraft;
  readonly pane: EditorPane;
  /** Index into the visible permission rows (group headers included). */
  readonly permCursor: number;
  readonly permView: PermissionView;
  /** The accepted permission search (what `/` typed and Enter kept). */
  readonly search: string;
  /** Index into the field rows. */
  readonly fieldCursor: number;
  readonly input: EditorInput;
  /** The last thing worth telling: what a toggle also granted, a refused limit, a parse error. */
  readonly note?: EditorNote;
  /** Clone: fields holding ids of the source instance, to be chosen again. */
  readonly flagged: readonly string[];
  /** Names already used in the target instance (create and clone): a new name must differ. */
  readonly existingNames: readonly string[];
  readonly hierarchyGroups: readonly HierarchyGroup[];
  /** Fields the user has left at least once, so "required" is not shouted before they start. */
  readonly touched: readonly string[];
  /** The `?` overlay listing every key of the pane. */
  readonly isHelpOpen: boolean;
  /**
   * A request for the editor's owner (open the review, leave), decided by the reducer on the latest
   * state and delivered by an effect: a key handler never reads a state that may be one key old.
   */
  readonly outgoing?: EditorOutgoing;
}

export type EditorOutgoing = { kind: 'review'; draft: SecurityProfileDraft } | { kind: 'cancel'; isDirty: boolean; draft: SecurityProfileDraft };

export interface EditorInit {
  mode: EditorMode;
  original: SecurityProfile | SecurityProfileDraft | undefined;
  initialDraft: SecurityProfileDraft;
  flaggedFields?: readonly string[];
  existingNames?: readonly string[];
  hierarchyGroups?: readonly HierarchyGroup[];
}

export function createEditorState(init: EditorInit): EditorState {
  const baseline: SecurityProfileDraft =
    init.original !== undefined
      ? toDraft(init.original)
      : { InstanceArn: init.initialDraft.InstanceArn, SecurityProfileName: '' };
  return {
    mode: init.mode,
    baseline,
    initialDraft: init.initialDraft,
    draft: init.initialDraft,
    // A new profile starts at its name: nothing can be saved without one.
    pane: init.mode === 'edit' ? 'permissions' : 'fields',
    permCursor: 0,
    permView: 'all',
    search: '',
    fieldCursor: 0,
    input: { kind: 'none' },
    flagged: init.flaggedFields ?? [],
    existingNames: init.existingNames ?? [],
    hierarchyGroups: init.hierarchyGroups ?? [],
    touched: [],
    isHelpOpen: false,
  };
}
