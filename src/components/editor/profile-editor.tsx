// The profile editor: the permission pane and the fields pane (Tab switches), a line for what is being
// typed or what is wrong, a note on what the last key did, and the keys. Its one useInput only
// dispatches; typing goes through the reducer too (editor/text-edit.ts), so no key is lost.
import { Box, Text } from 'ink';
import { useInput } from '../input-gate.js';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import type { AiAgentInfo } from '../../domain/access/ai-agents.js';
import type { HierarchyGroup, SecurityProfile, SecurityProfileDraft } from '../../domain/profile/security-profile.js';
import { compactHelpEntries, EDITOR_MODE_TITLES, editorFooterHints } from '../../keys/editor-keys.js';
import { editorReducer } from '../../state/editor/editor-reducer.js';
import { editorKeyMode, isDirty, visibleIssues } from '../../state/editor/editor-selectors.js';
import type { EditorMode } from '../../state/editor/editor-state.js';
import { createEditorState } from '../../state/editor/editor-reducer.js';
import { fieldRows } from '../../state/editor/field-rows.js';
import { permissionCounts, permissionRows } from '../../state/editor/permission-rows.js';
import { EditorStatus } from './editor-status.js';
import { FieldPane } from './field-pane.js';
import { GroupPicker } from './group-picker.js';
import { Footer } from '../footer.js';
import { PermissionPane } from './permission-pane.js';
import { useTone } from '../theme.js';

export interface ProfileEditorProps {
  /** The saved profile (edit), or the source profile (clone: changes are marked against it); undefined for create. */
  readonly original: SecurityProfile | undefined;
  readonly initialDraft: SecurityProfileDraft;
  readonly mode: EditorMode;
  readonly hierarchyGroups?: readonly HierarchyGroup[];
  /** The instance's AI agents: allowed ones are typed and shown by name. */
  readonly aiAgents?: readonly AiAgentInfo[];
  /** Clone: fields holding ids of the source instance, to be chosen again. */
  readonly flaggedFields?: readonly string[];
  /** Create and clone: names already used in the target instance. */
  readonly existingNames?: readonly string[];
  /** Edit of a profile Cloud Control refuses, saved through the Connect API: Connect's rules apply. */
  readonly connectRules?: boolean;
  readonly layout?: 'list' | 'grid';
  /** Open on this permission with this note (compare's copy). */
  readonly focus?: { permission: string; note: string };
  readonly isActive: boolean;
  /** Lines the editor may use (default: the terminal's height less 4). */
  /** Rows and columns the view may use (from the shell's layout: views never measure the terminal). */
  readonly height: number;
  readonly width: number;
  readonly showHints?: boolean;
  readonly onDraftChange?: (draft: SecurityProfileDraft) => void;
  readonly onReview: (draft: SecurityProfileDraft) => void;
  /** Esc with nothing left to clear; `isDirty` says whether leaving loses changes (the caller asks). */
  readonly onCancel: (info: { isDirty: boolean; draft: SecurityProfileDraft }) => void;
  /** `q`: quit spex (the shell asks first when the edit is unsaved, as the editor says it is). */
  readonly onQuit?: (info: { isDirty: boolean }) => void;
}

const TITLES: Readonly<Record<EditorMode, string>> = { edit: 'Edit', create: 'New profile', clone: 'Clone' };

export function ProfileEditor(props: ProfileEditorProps) {
  const { original, initialDraft, mode, isActive, onReview, onCancel, onQuit, onDraftChange } = props;
  const tone = useTone();
  const { width } = props;
  const height = Math.max(10, props.height);
  const [state, dispatch] = useReducer(editorReducer, undefined, () =>
    createEditorState({
      mode,
      original,
      initialDraft,
      ...(props.flaggedFields ? { flaggedFields: props.flaggedFields } : {}),
      ...(props.existingNames ? { existingNames: props.existingNames } : {}),
      ...(props.hierarchyGroups ? { hierarchyGroups: props.hierarchyGroups } : {}),
      ...(props.aiAgents ? { aiAgents: props.aiAgents } : {}),
      ...(props.connectRules ? { connectRules: true } : {}),
      ...(props.layout ? { layout: props.layout } : {}),
      ...(props.focus ? { focus: props.focus } : {}),
    }),
  );
  // Groups and names usually arrive after the editor opened (they are loaded on demand).
  useEffect(() => {
    dispatch({ type: 'editor/set-context', ...(props.hierarchyGroups ? { hierarchyGroups: props.hierarchyGroups } : {}), ...(props.aiAgents ? { aiAgents: props.aiAgents } : {}), ...(props.existingNames ? { existingNames: props.existingNames } : {}) });
  }, [props.hierarchyGroups, props.aiAgents, props.existingNames]);

  const firstDraft = useRef(state.draft);
  useEffect(() => {
    if (state.draft !== firstDraft.current) onDraftChange?.(state.draft);
  }, [state.draft, onDraftChange]);

  const paneHeight = Math.max(3, height - (props.showHints === false ? 3 : 4));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- as above: only the fields the rows are made of
  const rows = useMemo(() => permissionRows(state), [state.draft, state.baseline, state.permView, state.search, state.input, state.layout, state.folded]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- as above: only the fields the counts are made of
  const fields = useMemo(() => fieldRows(state), [state.draft, state.baseline, state.mode, state.hierarchyGroups, state.aiAgents]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the rows depend on these fields only: a cursor move (a new state) must not rebuild them
  const issues = useMemo(() => visibleIssues(state), [state.draft, state.input, state.touched, state.flagged, state.existingNames, state.mode]);
  const keyMode = editorKeyMode(state);

  // Handlers only dispatch: the reducer resolves the key against the latest state.
  useInput((input, key) => dispatch({ type: 'editor/key', input, key, pageSize: paneHeight - 1 }), { isActive });

  // Requests for the owner (review, leave), decided by the reducer, delivered once.
  useEffect(() => {
    const outgoing = state.outgoing;
    if (!outgoing) return;
    dispatch({ type: 'editor/outgoing-done' });
    if (outgoing.kind === 'review') onReview(outgoing.draft);
    else if (outgoing.kind === 'quit') onQuit?.({ isDirty: outgoing.isDirty });
    else onCancel({ isDirty: outgoing.isDirty, draft: outgoing.draft });
  }, [state.outgoing, onReview, onCancel, onQuit]);

  const counts = permissionCounts(state);
  const name = state.draft.SecurityProfileName === '' ? '(no name yet)' : sanitizeLine(state.draft.SecurityProfileName);
  const problems = [...issues.values()].reduce((n, list) => n + list.length, 0);
  const cursorField = state.pane === 'fields' ? fields[state.fieldCursor]?.field : undefined;
  const typing = state.input;

  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>
          {TITLES[mode]} {name}
        </Text>
        <Text> · {counts.granted} granted</Text>
        {counts.added + counts.removed > 0 ? <Text> (+{counts.added} −{counts.removed})</Text> : null}
        <Text> · </Text>
        <Text {...(state.pane === 'permissions' ? tone('accent') : tone('muted'))}>{state.pane === 'permissions' ? '[Permissions]' : 'Permissions'}</Text>
        <Text> </Text>
        <Text {...(state.pane === 'fields' ? tone('accent') : tone('muted'))}>{state.pane === 'fields' ? '[Fields]' : 'Fields'}</Text>
        {state.permView !== 'all' ? <Text> · only {state.permView}</Text> : null}
        {isDirty(state) ? <Text {...tone('marked')}> · unsaved</Text> : null}
        {problems > 0 ? <Text {...tone('error')}> · ✗ {problems} problem{problems === 1 ? '' : 's'}</Text> : null}
      </Text>
      {state.isHelpOpen ? (
        <Box flexDirection="column" height={paneHeight}>
          {editorHelpLines(state.pane, paneHeight).map((line, i) => (
            <Text key={i} wrap="truncate-end" bold={line.isTitle}>
              {line.text}
            </Text>
          ))}
        </Box>
      ) : typing.kind === 'pick-group' ? (
        <GroupPicker groups={state.hierarchyGroups} cursor={typing.cursor} currentId={state.draft.AllowedAccessControlHierarchyGroupId} height={paneHeight} />
      ) : state.pane === 'permissions' ? (
        <PermissionPane rows={rows} cursor={state.permCursor} height={paneHeight} width={width} layout={state.layout} column={state.gridColumn} folded={state.folded} />
      ) : (
        <FieldPane
          rows={fields}
          cursor={state.fieldCursor}
          height={paneHeight}
          input={typing}
          fieldsWithIssues={new Set(issues.keys())}
          isActive={isActive}
        />
      )}
      <EditorStatus
        input={typing}
        pane={state.pane}
        search={state.search}
        fieldIssues={issues.get((typing.kind === 'field' ? typing.field : cursorField) ?? '')}
        note={state.note}
        isActive={isActive}
      />
      {props.showHints === false ? null : <Footer hints={editorFooterHints(keyMode)} width={width} />}
    </Box>
  );
}

/** The `?` overlay: the pane's keys, then the keys while typing, cut to the room there is. */
function editorHelpLines(pane: 'permissions' | 'fields', room: number): { text: string; isTitle: boolean }[] {
  const lines: { text: string; isTitle: boolean }[] = [];
  for (const mode of [pane === 'permissions' ? 'editor-permissions' : 'editor-fields', 'editor-input'] as const) {
    lines.push({ text: EDITOR_MODE_TITLES[mode], isTitle: true });
    for (const e of compactHelpEntries(mode)) lines.push({ text: `  ${e.keys.padEnd(12)} ${e.help}`, isTitle: false });
  }
  return lines.length <= room ? lines : [...lines.slice(0, room - 1), { text: '  … (a taller terminal shows the rest)', isTitle: false }];
}
