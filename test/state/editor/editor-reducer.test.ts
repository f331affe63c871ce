import { describe, expect, it } from 'vitest';
import { getCatalogue, MAX_PERMISSIONS } from '../../../src/domain/permissions/permissions.js';
import type { SecurityProfile } from '../../../src/domain/profile/security-profile.js';
import { editorReducer, type EditorAction } from '../../../src/state/editor/editor-reducer.js';
import type { EditorState } from '../../../src/state/editor/editor-state.js';
import { createEditorState } from '../../../src/state/editor/editor-reducer.js';
import { isDirty, reviewCheck, visibleIssues } from '../../../src/state/editor/editor-selectors.js';
import { fieldRows } from '../../../src/state/editor/field-rows.js';
import { permissionRows, type PermissionRow, visibleWindow } from '../../../src/state/editor/permission-rows.js';

const INSTANCE = 'arn:aws:connect:us-east-1:123456789012:instance/abc';
const ORIGINAL: SecurityProfile = {
  InstanceArn: INSTANCE,
  SecurityProfileName: 'Ops',
  Description: 'Operations',
  Permissions: ['Queues.View', 'Legacy.Custom'],
  SecurityProfileArn: `${INSTANCE}/security-profile/p1`,
  LastModifiedTime: 1,
};

function editState(original: SecurityProfile = ORIGINAL): EditorState {
  const { SecurityProfileArn: _a, LastModifiedTime: _t, ...draft } = original;
  return createEditorState({ mode: 'edit', original, initialDraft: draft });
}

const run = (state: EditorState, ...actions: EditorAction[]): EditorState => actions.reduce(editorReducer, state);
const rowsOf = (s: EditorState) => permissionRows(s).filter((r): r is PermissionRow => r.kind === 'permission');
const cursorTo = (s: EditorState, name: string): EditorState => ({ ...s, permCursor: permissionRows(s).findIndex((r) => r.kind === 'permission' && r.name === name) });
const granted = (s: EditorState) => [...(s.draft.Permissions ?? [])].sort();

describe('permission rows', () => {
  it('lists every catalogue permission, grouped, then unknown names under Other', () => {
    const s = editState();
    const rows = permissionRows(s);
    const total = getCatalogue().reduce((n, g) => n + g.permissions.length, 0);
    expect(rows.filter((r) => r.kind === 'permission')).toHaveLength(total + 1);
    expect(rows.filter((r) => r.kind === 'group').map((r) => r.group)).toEqual([...getCatalogue().map((g) => g.group), 'Other']);
    const other = rowsOf(s).find((r) => r.name === 'Legacy.Custom');
    expect(other).toMatchObject({ group: 'Other', isGranted: true, isKnown: false });
  });

  it('windows the rows around the cursor', () => {
    expect(visibleWindow(100, 0, 10)).toEqual({ start: 0, end: 10 });
    expect(visibleWindow(100, 50, 10)).toEqual({ start: 45, end: 55 });
    expect(visibleWindow(100, 99, 10)).toEqual({ start: 90, end: 100 });
    expect(visibleWindow(5, 3, 10)).toEqual({ start: 0, end: 5 });
  });
});

describe('toggling', () => {
  it('granting Edit also grants View, and says so', () => {
    const s = run(cursorTo(editState(), 'Users.Edit'), { type: 'editor/toggle' });
    expect(granted(s)).toEqual(['Legacy.Custom', 'Queues.View', 'Users.Edit', 'Users.View']);
    expect(s.note?.text).toMatch(/Granted Users · Edit; also granted Users · View/);
    expect(rowsOf(s).find((r) => r.name === 'Users.View')?.change).toBe('added');
  });

  it('withdrawing View also withdraws what needs it; a withdrawn saved permission is marked removed', () => {
    let s = editState({ ...ORIGINAL, Permissions: ['Queues.View', 'Queues.Edit'] });
    s = run(cursorTo(s, 'Queues.View'), { type: 'editor/toggle' });
    expect(granted(s)).toEqual([]);
    expect(s.note?.text).toMatch(/also withdrew Queues · Edit/);
    expect(rowsOf(s).find((r) => r.name === 'Queues.Edit')?.change).toBe('removed');
  });

  it('starts on the first permission; Space on a title folds the group and never grants it', () => {
    const s0 = editState();
    expect(permissionRows(s0)[s0.permCursor]!.kind).toBe('permission');
    const header = permissionRows(s0).findIndex((r) => r.kind === 'group' && r.group === 'Users and permissions');
    const folded = run({ ...s0, permCursor: header }, { type: 'editor/toggle' });
    expect(folded.draft).toEqual(s0.draft);
    expect(folded.folded).toEqual(['Users and permissions']);
    expect(permissionRows(folded)[header + 1]).toMatchObject({ kind: 'group' });
    expect(permissionRows(folded).some((r) => r.kind === 'permission' && r.name === 'Users.Edit')).toBe(false);
    // A search shows what it finds, folded or not.
    const searched = run(folded, { type: 'editor/search-start' }, { type: 'editor/input-change', text: 'Users.Edit' });
    expect(permissionRows(searched).some((r) => r.kind === 'permission' && r.name === 'Users.Edit')).toBe(true);
    const unfolded = run(folded, { type: 'editor/toggle' });
    expect(unfolded.folded).toEqual([]);
  });

  it('grants a whole group with t, asking for a second t when it grants more than five, and back', () => {
    const s0 = editState();
    const header = permissionRows(s0).findIndex((r) => r.kind === 'group' && r.group === 'Users and permissions');
    const users = getCatalogue().find((g) => g.group === 'Users and permissions')!.permissions.map((p) => p.name);
    const asked = run({ ...s0, permCursor: header }, { type: 'editor/toggle-group' });
    expect(asked.draft).toEqual(s0.draft);
    expect(asked.note?.text).toMatch(/^t again grants all of Users and permissions \(\+\d+ permissions\)/);
    // Any other key forgets the question.
    const forgotten = run(asked, { type: 'editor/move', motion: { kind: 'by', delta: 1 }, pageSize: 10 }, { type: 'editor/move', motion: { kind: 'by', delta: -1 }, pageSize: 10 }, { type: 'editor/toggle-group' });
    expect(forgotten.draft).toEqual(s0.draft);
    const s1 = run(asked, { type: 'editor/toggle-group' });
    for (const name of users) expect(s1.draft.Permissions).toContain(name);
    const s2 = run({ ...s1, permCursor: header + 2 }, { type: 'editor/toggle-group' });
    for (const name of users) expect(s2.draft.Permissions).not.toContain(name);
    expect(s2.draft.Permissions).toContain('Queues.View');
  });

  it('shows the console grid: a row per resource, cells for View/Edit/Create/Delete/All and the specials', () => {
    let s = run(editState(), { type: 'editor/toggle-layout' });
    expect(s.layout).toBe('grid');
    const rows = permissionRows(s);
    const usersAt = rows.findIndex((r) => r.kind === 'resource' && r.resource === 'Users');
    const users = rows[usersAt];
    if (users?.kind !== 'resource') throw new Error('no Users row');
    expect(users.label).toBe('Users');
    expect(users.cells.map((c) => c.label)).toEqual(['View', 'Edit', 'Create', 'Delete', 'All', 'Edit permission', 'Enable/Disable']);
    // Edit grants View too, as in the list.
    s = run({ ...s, permCursor: usersAt }, { type: 'editor/column', delta: 1 }, { type: 'editor/toggle' });
    expect(granted(s)).toEqual(expect.arrayContaining(['Users.Edit', 'Users.View']));
    // All grants the rest of the row, and a second All withdraws the row.
    s = run(s, { type: 'editor/column', delta: 3 }, { type: 'editor/toggle' });
    for (const name of ['Users.Create', 'Users.Delete', 'Users.EditPermission', 'Users.EnableAndDisable']) expect(granted(s)).toContain(name);
    s = run(s, { type: 'editor/toggle' });
    expect(granted(s).filter((p) => p.startsWith('Users.'))).toEqual([]);
    // The cursor cannot leave the row's cells; a column the resource lacks says so.
    const views = rows.findIndex((r) => r.kind === 'resource' && r.resource === 'Queues');
    s = run({ ...s, permCursor: views, gridColumn: 0 }, { type: 'editor/column', delta: 3 }, { type: 'editor/toggle' });
    expect(s.note?.text).toBe('Queues has no Delete permission');
    s = run(s, { type: 'editor/column', delta: 99 });
    expect(s.gridColumn).toBe((permissionRows(s)[views] as { cells: unknown[] }).cells.length - 1);
    // Back to the list on the same resource.
    const list = run({ ...s, permCursor: usersAt }, { type: 'editor/toggle-layout' });
    expect(permissionRows(list)[list.permCursor]).toMatchObject({ kind: 'permission', name: expect.stringMatching(/^Users\./) });
  });

  it('refuses to go past the 500-permission limit', () => {
    const many = Array.from({ length: MAX_PERMISSIONS }, (_, i) => `Custom.P${i}`);
    const s0 = editState({ ...ORIGINAL, Permissions: many });
    const s1 = run(cursorTo(s0, 'Users.View'), { type: 'editor/toggle' });
    expect(s1.draft.Permissions).toHaveLength(MAX_PERMISSIONS);
    expect(s1.note).toMatchObject({ tone: 'error' });
    expect(s1.note?.text).toMatch(/at most 500 permissions/);
  });
});

describe('views and search', () => {
  it('cycles all → granted → changed → all', () => {
    let s = run(cursorTo(editState(), 'Users.Edit'), { type: 'editor/toggle' });
    s = run(s, { type: 'editor/cycle-view' });
    expect(s.permView).toBe('granted');
    expect(rowsOf(s).map((r) => r.name).sort()).toEqual(['Legacy.Custom', 'Queues.View', 'Users.Edit', 'Users.View']);
    s = run(s, { type: 'editor/cycle-view' });
    expect(rowsOf(s).map((r) => r.name).sort()).toEqual(['Users.Edit', 'Users.View']);
    s = run(s, { type: 'editor/cycle-view' });
    expect(s.permView).toBe('all');
  });

  it('narrows by label or API name while typing, keeps it on Enter, clears it on Esc', () => {
    let s = run(editState(), { type: 'editor/search-start' }, { type: 'editor/input-change', text: 'queues.en' });
    expect(rowsOf(s).map((r) => r.name)).toEqual(['Queues.EnableAndDisable']);
    expect(permissionRows(s)[s.permCursor]).toMatchObject({ name: 'Queues.EnableAndDisable' });
    s = run(s, { type: 'editor/input-submit' });
    expect(s.search).toBe('queues.en');
    expect(rowsOf(s)).toHaveLength(1);
    s = run(s, { type: 'editor/clear-search' });
    expect(rowsOf(s).length).toBeGreaterThan(300);
    // The cursor stays on the row it was on, now among every row.
    expect(permissionRows(s)[s.permCursor]).toMatchObject({ name: 'Queues.EnableAndDisable' });
    s = run(s, { type: 'editor/search-start' }, { type: 'editor/input-change', text: 'Purge' }, { type: 'editor/input-cancel' });
    expect(s.search).toBe('');
  });
});

describe('adding by name', () => {
  it('grants a catalogue name typed in another case, with its implications', () => {
    const s = run(editState(), { type: 'editor/add' }, { type: 'editor/input-change', text: 'users.edit' }, { type: 'editor/input-submit' });
    expect(granted(s)).toContain('Users.Edit');
    expect(granted(s)).toContain('Users.View');
    expect(s.input.kind).toBe('none');
  });

  it('asks again for an unknown name, offers close catalogue names, and keeps it under Other', () => {
    let s = run(editState(), { type: 'editor/add' }, { type: 'editor/input-change', text: 'Users.Edti' }, { type: 'editor/input-submit' });
    expect(s.input.kind).toBe('add-permission');
    expect(s.note?.text).toMatch(/not in the catalogue\. Did you mean Users\.Edit/);
    s = run(s, { type: 'editor/input-complete' });
    expect(s.input).toMatchObject({ text: 'Users.Edit' });
    s = run(s, { type: 'editor/input-change', text: 'Brand.New' }, { type: 'editor/input-submit' }, { type: 'editor/input-submit' });
    expect(s.draft.Permissions).toContain('Brand.New');
    expect(rowsOf(s).find((r) => r.name === 'Brand.New')).toMatchObject({ group: 'Other', change: 'added' });
  });
});

describe('permissions in the console\'s words', () => {
  it('grants by the label in any order, and lists several matches to Tab through', () => {
    let s = run(editState(), { type: 'editor/add' }, { type: 'editor/input-change', text: 'edit prompts' }, { type: 'editor/input-submit' });
    expect(granted(s)).toEqual(expect.arrayContaining(['Prompts.Edit', 'Prompts.View']));
    s = run(s, { type: 'editor/add' }, { type: 'editor/input-change', text: 'users.ed' }, { type: 'editor/input-submit' });
    expect(s.input.kind).toBe('add-permission');
    expect(s.note?.text).toMatch(/'users\.ed' matches 2 permissions: Users\.Edit, Users\.EditPermission\. Tab goes through them/);
    s = run(s, { type: 'editor/input-complete' });
    expect(s.input).toMatchObject({ text: 'Users.Edit' });
    s = run(s, { type: 'editor/input-complete' });
    expect(s.input).toMatchObject({ text: 'Users.EditPermission' });
    s = run(s, { type: 'editor/input-complete' });
    expect(s.input).toMatchObject({ text: 'Users.Edit' });
    s = run(s, { type: 'editor/input-submit' });
    expect(granted(s)).toContain('Users.Edit');
  });

  it('searches by words in any order, punctuation ignored', () => {
    const s = run(editState(), { type: 'editor/search-start' }, { type: 'editor/input-change', text: 'edit – users' });
    expect(rowsOf(s).map((r) => r.name)).toEqual(expect.arrayContaining(['Users.Edit', 'Users.EditPermission']));
    expect(rowsOf(s).every((r) => /edit/i.test(`${r.name} ${r.label}`))).toBe(true);
  });
});

describe('fields', () => {
  const fieldIndex = (s: EditorState, pred: (r: ReturnType<typeof fieldRows>[number]) => boolean) => fieldRows(s).findIndex(pred);

  it('shows name and instance locked when editing, with the reason', () => {
    const s = run(editState(), { type: 'editor/switch-pane' });
    const rows = fieldRows(s);
    expect(rows[0]).toMatchObject({ field: 'SecurityProfileName', locked: 'create-only: clone to rename' });
    const edited = run(s, { type: 'editor/edit' });
    expect(edited.input.kind).toBe('none');
    expect(edited.note?.text).toBe('Name is create-only: clone to rename');
  });

  it('a new tag shows no error before anything is typed; a half-typed one does', () => {
    let s = run(editState(), { type: 'editor/switch-pane' });
    s = { ...s, fieldCursor: fieldIndex(s, (r) => r.kind === 'add' && r.field === 'Tags') };
    s = run(s, { type: 'editor/edit' });
    expect(visibleIssues(s).get('Tags')).toBeUndefined();
    expect(s.input).not.toMatchObject({ error: expect.anything() });
    s = run(s, { type: 'editor/input-change', text: 'aws:x=1' });
    expect(visibleIssues(s).get('Tags')).toBeDefined();
  });

  it('adds a tag, refuses a malformed one inline, and names a broken rule in plain words', () => {
    let s = run(editState(), { type: 'editor/switch-pane' });
    s = { ...s, fieldCursor: fieldIndex(s, (r) => r.kind === 'add' && r.field === 'Tags') };
    s = run(s, { type: 'editor/edit' }, { type: 'editor/input-change', text: 'team' }, { type: 'editor/input-submit' });
    expect(s.input).toMatchObject({ kind: 'field', error: expect.stringMatching(/key=value/) });
    s = run(s, { type: 'editor/input-change', text: 'aws:team=ops' });
    expect(visibleIssues(s).get('Tags')).toEqual(['Tags (item 1, Key): must not start with aws: (got "aws:team")']);
    s = run(s, { type: 'editor/input-change', text: 'team=ops' }, { type: 'editor/input-submit' });
    expect(s.draft.Tags).toEqual([{ Key: 'team', Value: 'ops' }]);
    expect(visibleIssues(s).get('Tags')).toBeUndefined();
    const item = fieldIndex(s, (r) => r.kind === 'item' && r.field === 'Tags');
    s = run({ ...s, fieldCursor: item }, { type: 'editor/remove' });
    expect(s.draft.Tags).toBeUndefined();
  });

  it('validates a new name: required, pattern, length and unique in the instance', () => {
    const base = createEditorState({ mode: 'create', original: undefined, initialDraft: { InstanceArn: INSTANCE, SecurityProfileName: '' }, existingNames: ['Agent'] });
    expect(base.pane).toBe('fields');
    const typing = (text: string) => visibleIssues(run(base, { type: 'editor/edit' }, { type: 'editor/input-change', text })).get('SecurityProfileName');
    expect(typing('')).toEqual(['Name: must not be empty']);
    expect(typing('Bad/Name')).toEqual(['Name: may contain only letters, digits, spaces, _ @ and - (got "Bad/Name")']);
    expect(typing('x'.repeat(128))?.[0]).toMatch(/at most 127 characters/);
    expect(typing('Agent')).toEqual(['Name: a profile named "Agent" already exists in this instance']);
    expect(typing('Night shift')).toBeUndefined();
    expect(reviewCheck(base)).toMatchObject({ ok: false, reason: expect.stringMatching(/^Fix first: Name: must not be empty/) });
  });

  it('picks the hierarchy group from the list; a clone must choose it again before review', () => {
    const groups = [
      { arn: 'g1arn', id: 'g-1', name: 'Support floor' },
      { arn: 'g2arn', id: 'g-2', name: 'Sales floor' },
    ];
    let s = createEditorState({
      mode: 'clone',
      original: undefined,
      initialDraft: { InstanceArn: INSTANCE, SecurityProfileName: 'Copy', AllowedAccessControlHierarchyGroupId: 'old-id' },
      flaggedFields: ['AllowedAccessControlHierarchyGroupId'],
      hierarchyGroups: groups,
    });
    expect(reviewCheck(s)).toMatchObject({ ok: false, reason: expect.stringMatching(/source instance/) });
    s = { ...s, fieldCursor: fieldRows(s).findIndex((r) => r.kind === 'field' && r.field === 'AllowedAccessControlHierarchyGroupId') };
    s = run(s, { type: 'editor/edit' });
    expect(s.input).toEqual({ kind: 'pick-group', cursor: 0 });
    s = run(s, { type: 'editor/pick-move', delta: 2 }, { type: 'editor/pick-choose' });
    expect(s.draft.AllowedAccessControlHierarchyGroupId).toBe('g-2');
    expect(fieldRows(s).find((r) => r.kind === 'field' && r.field === 'AllowedAccessControlHierarchyGroupId')).toMatchObject({ value: 'Sales floor (g-2)' });
    expect(reviewCheck(s)).toEqual({ ok: true });
  });

  it('edits an application as "Namespace: perms", keeping its type', () => {
    let s = editState({ ...ORIGINAL, Applications: [{ Namespace: 'app.one', ApplicationPermissions: ['Read'], Type: 'MCP' }] });
    s = run(s, { type: 'editor/switch-pane' });
    s = { ...s, fieldCursor: fieldRows(s).findIndex((r) => r.kind === 'item' && r.field === 'Applications') };
    s = run(s, { type: 'editor/edit' });
    expect(s.input).toMatchObject({ text: 'app.one: Read' });
    s = run(s, { type: 'editor/input-change', text: 'app.one: Read, Write' }, { type: 'editor/input-submit' });
    expect(s.draft.Applications).toEqual([{ Namespace: 'app.one', ApplicationPermissions: ['Read', 'Write'], Type: 'MCP' }]);
  });
});

describe('keys and context', () => {
  it('resolves a key on the latest state: Enter that submits a field does not re-open it', () => {
    let s = createEditorState({ mode: 'create', original: undefined, initialDraft: { InstanceArn: INSTANCE, SecurityProfileName: '' } });
    s = run(s, { type: 'editor/key', input: '\r', key: { return: true }, pageSize: 10 });
    expect(s.input).toMatchObject({ kind: 'field', field: 'SecurityProfileName' });
    s = run(s, { type: 'editor/input-change', text: 'Night' }, { type: 'editor/key', input: '\r', key: { return: true }, pageSize: 10 });
    expect(s.input.kind).toBe('none');
    expect(s.draft.SecurityProfileName).toBe('Night');
    s = run(s, { type: 'editor/key', input: 's', key: {}, pageSize: 10 });
    expect(s.outgoing).toEqual({ kind: 'review', draft: s.draft });
  });

  it('takes hierarchy groups and names that arrive after opening', () => {
    let s = createEditorState({ mode: 'create', original: undefined, initialDraft: { InstanceArn: INSTANCE, SecurityProfileName: 'Ops' } });
    expect(reviewCheck(s)).toEqual({ ok: true });
    s = run(s, { type: 'editor/set-context', existingNames: ['Ops'], hierarchyGroups: [{ arn: 'a', id: 'g-1', name: 'Floor' }] });
    expect(reviewCheck(s)).toMatchObject({ ok: false, reason: expect.stringMatching(/already exists/) });
    s = { ...s, fieldCursor: fieldRows(s).findIndex((r) => r.kind === 'field' && r.field === 'AllowedAccessControlHierarchyGroupId') };
    expect(run(s, { type: 'editor/edit' }).input).toEqual({ kind: 'pick-group', cursor: 0 });
  });
});

describe('dirty and review', () => {
  it('an edit with no change is not dirty and cannot be reviewed; a toggled one can', () => {
    const s = editState();
    expect(isDirty(s)).toBe(false);
    expect(reviewCheck(s)).toMatchObject({ ok: false, reason: expect.stringMatching(/Nothing changed/) });
    const t = run(cursorTo(s, 'Users.View'), { type: 'editor/toggle' });
    expect(isDirty(t)).toBe(true);
    expect(reviewCheck(t)).toEqual({ ok: true });
    const back = run(t, { type: 'editor/toggle' });
    expect(isDirty(back)).toBe(false);
  });
});
