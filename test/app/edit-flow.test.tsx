// Editing through the whole app against the emulator: `e` on a row opens the editor, the review shows
// the change, the save sends one patch, and the row and the detail show the result. What the screen
// says and what the emulator received must agree.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toggleWithImplications } from '../../src/domain/permissions/permission-rules.js';
import { settle, typeText, waitUntil } from '../helpers/typing.js';
import { keys } from '../helpers/keys.js';
import type { TuiHandle } from '../helpers/render-tui.js';
import { backendPerTest } from '../helpers/tui-backend.js';
import { arnOf, OPEN_LIST, selectProfile, sent, stored, tempDrafts, togglePermission } from './editing-helpers.js';
import { renderSpexApp } from './render-app.js';

const backend = backendPerTest();
let drafts: ReturnType<typeof tempDrafts>;
beforeEach(() => {
  drafts = tempDrafts();
});
afterEach(() => {
  drafts.remove();
});

const TIER2 = 'Tier 2 Escalations';
const open = () => renderSpexApp(backend.spex, { initial: OPEN_LIST, draftStore: drafts.store, columns: 120, rows: 32 });

/** From the list: the editor open on Tier 2, with Users.Edit toggled. */
async function editWithUsersEdit(tui: TuiHandle): Promise<void> {
  await selectProfile(tui, TIER2);
  await tui.press('e');
  await settle(tui, `Edit ${TIER2} ·`);
  await togglePermission(tui, 'Users.Edit');
}

describe('edit from the list', () => {
  it('toggle → review shows the diff → confirm: one patch, exactly the new set, the row and the detail refreshed', async () => {
    const arn = arnOf(backend, TIER2);
    const before = stored(backend, arn)!;
    const expected = toggleWithImplications(new Set(before.Permissions), 'Users.Edit').granted;
    const tui = open();
    await selectProfile(tui, TIER2);
    const count = String(before.Permissions!.length);
    expect(tui.frame()).toMatch(new RegExp(`${TIER2}.*\\s${count}\\s`));
    await tui.press(keys.enter);
    await settle(tui, `${TIER2} (v: raw JSON)`);
    await tui.press('e');
    await settle(tui, `Edit ${TIER2} ·`);
    await togglePermission(tui, 'Users.Edit');
    await tui.press('s');
    const review = await settle(tui, 'Review the change');
    expect(review).toContain('+ Users · Edit (Users.Edit)');
    expect(sent(backend, 'UpdateResource')).toHaveLength(0);
    await tui.press('y');
    await settle(tui, `✓ Saved “${TIER2}”`);
    expect(sent(backend, 'UpdateResource')).toHaveLength(1);
    expect(new Set(stored(backend, arn)!.Permissions)).toEqual(expected);
    // Back on the detail pane, read again: it lists the new permission.
    await tui.press(keys.enter);
    await settle(tui, (f) => f.includes(`${TIER2} (v: raw JSON)`) && f.includes(`Permissions (${expected.size})`));
    await tui.press(keys.escape);
    await tui.waitForFrame(new RegExp(`${TIER2}.*\\s${expected.size}\\s`));
    expect(sent(backend, 'UpdateResource')).toHaveLength(1);
  });

  it('a failed save keeps the draft, and retry succeeds', async () => {
    const arn = arnOf(backend, TIER2);
    const tui = open();
    await editWithUsersEdit(tui);
    backend.emulator.failNext('UpdateResource', 1, { handlerErrorCode: 'InternalFailure', message: 'handler crashed' });
    await tui.press('s');
    await settle(tui, 'Review the change');
    await tui.press('y');
    const failed = await settle(tui, 'It did not work');
    expect(failed).toContain('Your draft is kept.');
    expect(stored(backend, arn)!.Permissions).not.toContain('Users.Edit');
    await waitUntil(async () => (await drafts.store.loadDraft(arn)) !== undefined, 'the draft on disk');
    await tui.press('r');
    await settle(tui, '✓ Saved');
    expect(sent(backend, 'UpdateResource')).toHaveLength(2);
    expect(stored(backend, arn)!.Permissions).toContain('Users.Edit');
    await waitUntil(async () => (await drafts.store.loadDraft(arn)) === undefined, 'the draft to go after the save');
  });

  it('a change made on the server meanwhile is refused and shown; nothing is overwritten', async () => {
    const arn = arnOf(backend, TIER2);
    const tui = open();
    await editWithUsersEdit(tui);
    backend.emulator.modifyProfile(backend.region, arn, (m) => {
      m.Permissions = [...(m.Permissions as string[]), 'Queues.View'];
      m.Description = 'Changed by someone else';
    });
    await tui.press('s');
    await settle(tui, 'Review the change');
    await tui.press('y');
    const refused = await settle(tui, 'What changed there:');
    expect(refused).toContain('Nothing was overwritten.');
    expect(refused).toContain('+ Queues · View (Queues.View)');
    expect(refused).toContain('Changed by someone else');
    expect(sent(backend, 'UpdateResource')).toHaveLength(1);
    expect(stored(backend, arn)!.Permissions).not.toContain('Users.Edit');
    expect(stored(backend, arn)!.Description).toBe('Changed by someone else');
  });

  it('q in the editor asks first when the edit is unsaved, as Ctrl-C does; y quits keeping the draft', async () => {
    const arn = arnOf(backend, TIER2);
    const tui = open();
    await selectProfile(tui, TIER2);
    await tui.press('e');
    await settle(tui, `Edit ${TIER2} ·`);
    await togglePermission(tui, 'Users.Edit');
    await tui.press('q');
    await settle(tui, 'Quit with unsaved changes?');
    await tui.press('y');
    await tui.waitUntilExit();
    expect((await drafts.store.loadDraft(arn))?.draft.Permissions).toContain('Users.Edit');
    expect(sent(backend, 'UpdateResource')).toHaveLength(0);
  });

  it('a draft left by a quit is offered back when the app is started again', async () => {
    const arn = arnOf(backend, TIER2);
    const first = open();
    await selectProfile(first, TIER2);
    await first.press('e');
    await settle(first, `Edit ${TIER2} ·`);
    await togglePermission(first, 'Users.Edit');
    await waitUntil(async () => (await drafts.store.loadDraft(arn)) !== undefined, 'the draft on disk');
    // Quitting with unsaved changes asks first; `y` quits and keeps the draft.
    await first.press(keys.ctrlC);
    await settle(first, 'Quit with unsaved changes?');
    await first.press('y');
    await first.waitUntilExit();
    expect((await drafts.store.loadDraft(arn))?.draft.Permissions).toContain('Users.Edit');
    expect(sent(backend, 'UpdateResource')).toHaveLength(0);

    const second = open();
    // The start says so, the row is marked, and D goes to it.
    await settle(second, /1 unsaved draft: Tier 2 Escalations, 2 changes — D to review/);
    await settle(second, new RegExp(`✎ ${TIER2}`));
    await second.press('D');
    const offer = await settle(second, 'An unsaved draft of this profile was found');
    expect(offer).toContain('It changes 2 things:');
    expect(offer).toContain('+ Users · Edit (Users.Edit)');
    expect(offer).toContain('It was kept when spex stopped before saving');
    await second.press('r');
    await settle(second, 'Restored your unsaved draft.');
    await second.press('s');
    await second.waitForFrame('+ Users · Edit (Users.Edit)');
  });

  it('a draft kept on leaving the editor is offered back saying so', async () => {
    const arn = arnOf(backend, TIER2);
    const tui = open();
    await editWithUsersEdit(tui);
    await waitUntil(async () => (await drafts.store.loadDraft(arn)) !== undefined, 'the draft on disk');
    // The first Esc clears the search the toggle used; the second asks about leaving.
    await tui.press(keys.escape);
    await tui.waitForFrame((f) => !f.includes('Search: “'));
    await tui.press(keys.escape);
    await settle(tui, 'You have unsaved changes.');
    await tui.press('y');
    await waitUntil(async () => (await drafts.store.loadDraft(arn))?.keptBy === 'left', 'the draft marked as left');
    await settle(tui, new RegExp(`✎ ${TIER2}`));
    await tui.press('e');
    const offer = await settle(tui, 'An unsaved draft of this profile was found');
    expect(offer).toContain('It was kept when you left the editor without saving.');
  });

  it('n at the quit question goes back to the editor as it was', async () => {
    const tui = open();
    await editWithUsersEdit(tui);
    await waitUntil(async () => (await drafts.store.loadDraft(arnOf(backend, TIER2))) !== undefined, 'the draft on disk');
    await tui.press(keys.ctrlC);
    await settle(tui, 'y quit, keep the draft');
    await tui.press('n');
    const back = await settle(tui, `Edit ${TIER2} ·`);
    expect(back).toContain('unsaved');
    expect(back).not.toContain('Quit with unsaved changes?');
    // Esc clears the search (the cursor stays on the row it was on), then leaves the editor (asking, since the draft is unsaved).
    await tui.press(keys.escape);
    const cleared = await settle(tui, (f) => !f.includes('Search: “') && /›.*Users · Edit/.test(f));
    expect(cleared).toMatch(/›.*Users · Edit/);
    await tui.press(keys.escape);
    await settle(tui, 'You have unsaved changes.');
    await tui.press('x');
    await settle(tui, 'Modified (UTC)');
    await tui.press('q');
    await tui.waitUntilExit();
  });
});

describe("the console's grid", () => {
  it('m shows the detail as a grid; the editor opens in it and Space on a cell grants that permission', async () => {
    const arn = arnOf(backend, TIER2);
    const before = stored(backend, arn)!;
    expect(before.Permissions).not.toContain('Users.Edit');
    const tui = open();
    await selectProfile(tui, TIER2);
    await tui.press(keys.enter);
    await settle(tui, `${TIER2} (v: raw JSON)`);
    await tui.press('m');
    const grid = await settle(tui, 'grid (m: list)');
    expect(grid).toMatch(/View\s+Edit\s+Create\s+Delete\s+All/);
    await tui.press('e');
    await settle(tui, `Edit ${TIER2} ·`);
    const editor = await settle(tui, 'Resource');
    expect(editor).toMatch(/Resource\s+View\s+Edit\s+Create\s+Delete\s+All/);
    await tui.press('/');
    await settle(tui, 'Search:');
    await typeText(tui, 'Users');
    await tui.press(keys.enter);
    await settle(tui, 'Search: “Users”');
    // The cursor is on the first row of the search (Users): → to Edit, Space.
    await tui.press(keys.right);
    await settle(tui, /›\s+Users\s+\[.\]\s+›\[ \]/);
    await tui.press(keys.space);
    const granted = await settle(tui, /Granted Users · Edit/);
    expect(granted).toContain('also granted Users · View');
    await tui.press('s');
    const review = await settle(tui, 'Review the change');
    expect(review).toContain('+ Users · Edit (Users.Edit)');
    await tui.press('y');
    await settle(tui, `✓ Saved “${TIER2}”`);
    expect(stored(backend, arn)!.Permissions).toEqual(expect.arrayContaining(['Users.Edit', 'Users.View']));
  });
});
