// The profile editor's state: the draft being edited and where the user is in it. Pure: no React,
// no Ink, no I/O. The draft is the only thing that matters outside the editor; the rest is intent
// (cursor, filters, the text being typed), reset when the editor closes.
import { type HierarchyGroup, type SecurityProfile, type SecurityProfileDraft, toDraft } from '../../domain/profile/security-profile.js';
import type { AiAgentInfo } from '../../domain/access/ai-agents.js';
import type { KeyState } from '../../keys/keymap.js';
import type { Motion } from '../motion.js';

export type EditorMode = 'edit' | 'create' | 'clone';
export type EditorPane = 'permissions' | 'fields';
/** Which permission rows are listed: every one, only the granted ones, or only the changed ones. */
export type PermissionView = 'all' | 'granted' | 'changed';
export type PermissionLayout = 'list' | 'grid';

/** Fields edited as a list of items, one text per item. */
export type ListFieldId =
  | 'Tags'
  | 'AllowedAccessControlTags'
  | 'TagRestrictedResources'
  | 'HierarchyRestrictedResources'
  | 'Applications'
  | 'AllowedFlowModules'
  | 'AllowedAIAgents';
/** Fields edited as one text. */
export type TextFieldId = 'SecurityProfileName' | 'Description' | 'AllowedAccessControlHierarchyGroupId';
/** Every field of the fields pane, in the order shown. */
export type FieldId = 'SecurityProfileName' | 'InstanceArn' | 'Description' | 'AllowedAccessControlHierarchyGroupId' | ListFieldId;

/** The text the keyboard is typing into, if any; `cursor` undefined means after the last character. */
export type EditorInput =
  | { kind: 'none' }
  | { kind: 'search'; text: string; cursor?: number }
  /**
   * `confirmUnknown`: Enter was pressed once on a name the catalogue does not know. `completing`: Tab
   * is cycling through the names `typed` matches, `pick` being the one shown.
   */
  | { kind: 'add-permission'; text: string; cursor?: number; confirmUnknown: boolean; completing?: { typed: string; pick: number } }
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
  /** The permission pane as a list (one row per permission) or the console's grid (one per resource). */
  readonly layout: PermissionLayout;
  /** In the grid: the cell under the cursor (View, Edit, Create, Delete, All, then the specials). */
  readonly gridColumn: number;
  /** Groups folded to their title (Space on a title). */
  readonly folded: readonly string[];
  /** `t` on a group that would grant more than five: the group, waiting for a second `t`. */
  readonly pendingGroupGrant?: string;
  /** The accepted permission search (what `/` typed and Enter kept). */
  readonly search: string;
  /** Index into the field rows. */
  readonly fieldCursor: number;
  readonly input: EditorInput;
  /** The last thing worth telling: what a toggle also granted, a refused limit, a parse error. */
  readonly note?: EditorNote | undefined;
  /** Clone: fields holding ids of the source instance, to be chosen again. */
  readonly flagged: readonly string[];
  /** The last text cut in a field (Ctrl-U/K/W, Alt-Backspace), for Ctrl-Y. */
  readonly killed?: string;
  /** Saved through the Connect API (Cloud Control refuses the profile): Connect's rules, not the schema's. */
  readonly connectRules?: boolean;
  /** Names already used in the target instance (create and clone): a new name must differ. */
  readonly existingNames: readonly string[];
  readonly hierarchyGroups: readonly HierarchyGroup[];
  /** The instance's AI agents (names of the allowed ones); empty when unknown. */
  readonly aiAgents: readonly AiAgentInfo[];
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

export type EditorOutgoing = { kind: 'review'; draft: SecurityProfileDraft } | { kind: 'cancel'; isDirty: boolean; draft: SecurityProfileDraft } | { kind: 'quit'; isDirty: boolean };

export interface EditorInit {
  mode: EditorMode;
  original: SecurityProfile | SecurityProfileDraft | undefined;
  initialDraft: SecurityProfileDraft;
  flaggedFields?: readonly string[];
  existingNames?: readonly string[];
  hierarchyGroups?: readonly HierarchyGroup[];
  /** The instance's AI agents: an allowed agent is typed by name and shown by name. */
  aiAgents?: readonly AiAgentInfo[];
  connectRules?: boolean;
  /** The layout the user last chose (the detail's and the editor's are one preference). */
  layout?: PermissionLayout;
  /** A permission to open on (compare's `<`/`>` copied it), with a note saying so. */
  focus?: { permission: string; note: string };
}

/** The editor's state as it opens (createEditorState in editor-reducer.ts adds where the cursor starts). */
export function initialEditorState(init: EditorInit): EditorState {
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
    // On the first permission, not its group's title: the first Space grants one thing.
    permCursor: 1,
    permView: 'all',
    layout: init.layout ?? 'list',
    gridColumn: 0,
    folded: [],
    search: '',
    fieldCursor: 0,
    input: { kind: 'none' },
    flagged: init.flaggedFields ?? [],
    ...(init.connectRules ? { connectRules: true } : {}),
    existingNames: init.existingNames ?? [],
    hierarchyGroups: init.hierarchyGroups ?? [],
    aiAgents: init.aiAgents ?? [],
    touched: [],
    isHelpOpen: false,
  };
}

/** Every key of the editor becomes one of these actions (beside the state, so the key mapping and the reducer share it without importing each other). */
export type EditorAction =
  /** A key press: resolved to a command against the state at the time it is handled. */
  | { type: 'editor/key'; input: string; key: KeyState; pageSize: number }
  | { type: 'editor/outgoing'; outgoing: EditorOutgoing }
  /** The owner received the outgoing request. */
  | { type: 'editor/outgoing-done' }
  | { type: 'editor/move'; motion: Motion; pageSize: number }
  | { type: 'editor/switch-pane' }
  /** Facts loaded after the editor opened: the instance's hierarchy groups, the names in use. */
  | { type: 'editor/set-context'; hierarchyGroups?: EditorState['hierarchyGroups']; aiAgents?: EditorState['aiAgents']; existingNames?: EditorState['existingNames'] }
  | { type: 'editor/toggle-help' }
  | { type: 'editor/toggle' }
  | { type: 'editor/toggle-group' }
  | { type: 'editor/column'; delta: number }
  | { type: 'editor/toggle-layout' }
  | { type: 'editor/cycle-view' }
  | { type: 'editor/search-start' }
  | { type: 'editor/clear-search' }
  | { type: 'editor/add' }
  | { type: 'editor/edit' }
  | { type: 'editor/remove' }
  | { type: 'editor/input-change'; text: string; cursor?: number }
  | { type: 'editor/input-submit' }
  | { type: 'editor/input-complete' }
  | { type: 'editor/input-cancel' }
  | { type: 'editor/pick-move'; delta: number }
  | { type: 'editor/pick-choose' }
  /** A restored or rebased draft replaces the current one. */
  | { type: 'editor/replace-draft'; draft: SecurityProfileDraft; note?: EditorNote }
  | { type: 'editor/note'; note: EditorNote | undefined }
  /** `s` with problems left: every field with a problem shows it, and the note names the first. */
  | { type: 'editor/review-refused'; fields: readonly string[]; reason: string };
