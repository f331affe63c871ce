import { afterEach, describe, expect, it } from 'vitest';
import { ProfileEditor } from '../../../src/components/editor/profile-editor.js';
import type { SecurityProfile, SecurityProfileDraft } from '../../../src/domain/profile/security-profile.js';
import { keys } from '../../helpers/keys.js';
import { cleanupTui, renderTui, yieldTurn } from '../../helpers/render-tui.js';
import { pressAndWaitForChange, typeText } from '../../helpers/typing.js';

const INSTANCE = 'arn:aws:connect:us-east-1:123456789012:instance/abc';
const ORIGINAL: SecurityProfile = {
  InstanceArn: INSTANCE,
  SecurityProfileName: 'Ops',
  Description: 'Operations',
  Permissions: ['Queues.View'],
  SecurityProfileArn: `${INSTANCE}/security-profile/p1`,
};
const { SecurityProfileArn: _arn, ...DRAFT } = ORIGINAL;

function setup(overrides: Partial<Parameters<typeof ProfileEditor>[0]> = {}) {
  const calls = { drafts: [] as SecurityProfileDraft[], reviews: [] as SecurityProfileDraft[], cancels: [] as { isDirty: boolean }[] };
  const tui = renderTui(
    <ProfileEditor
      original={ORIGINAL}
      initialDraft={DRAFT}
      mode="edit"
      isActive
      height={20}
      width={110}
      onDraftChange={(d) => calls.drafts.push(d)}
      onReview={(d) => calls.reviews.push(d)}
      onCancel={(info) => calls.cancels.push(info)}
      {...overrides}
    />,
    { columns: 110, rows: 24 },
  );
  return { tui, calls };
}

afterEach(() => cleanupTui());

describe('ProfileEditor', () => {
  it('searches, toggles with implications, marks the change, and opens the review with the draft', async () => {
    const { tui, calls } = setup();
    await tui.waitForFrame('Edit Ops');
    expect(tui.frame()).toContain('1 granted');
    await tui.press('/');
    await tui.waitForFrame('Search:');
    await yieldTurn();
    await typeText(tui, 'users.edit');
    await tui.waitForFrame((f) => f.includes('Users.Edit') && !f.includes('Queues.View'));
    await tui.press(keys.enter);
    await tui.waitForFrame('Search: “users.edit”');
    await tui.press(keys.space);
    const frame = await tui.waitForFrame('also granted Users · View');
    expect(frame).toMatch(/\+ \[x\] Users · Edit/);
    expect(frame).toContain('(+2 −0)');
    expect(frame).toContain('unsaved');
    await tui.waitForFrame(() => calls.drafts.length > 0);
    expect(calls.drafts.at(-1)?.Permissions?.sort()).toEqual(['Queues.View', 'Users.Edit', 'Users.View']);
    await tui.press(keys.escape);
    await tui.waitForFrame((f) => !f.includes('Search: “'));
    await tui.press('f');
    await tui.waitForFrame('Showing only granted permissions');
    expect(tui.frame()).toContain('Users · View');
    expect(tui.frame()).not.toContain('Users · Delete');
    await tui.press('s');
    await tui.waitForFrame(() => calls.reviews.length === 1);
    expect(calls.reviews[0]?.Permissions?.sort()).toEqual(['Queues.View', 'Users.Edit', 'Users.View']);
    await tui.press(keys.escape);
    await tui.waitForFrame(() => calls.cancels.length === 1);
    expect(calls.cancels[0]).toMatchObject({ isDirty: true });
  });

  it('shows the name locked with the reason, and edits a tag in the fields pane', async () => {
    const { tui, calls } = setup();
    await tui.waitForFrame('Edit Ops');
    await tui.press(keys.tab);
    await tui.waitForFrame('[Fields]');
    expect(tui.frame()).toContain('(locked: create-only: clone to rename)');
    await tui.press(keys.enter);
    await tui.waitForFrame('Name is create-only: clone to rename');
    await tui.press(keys.down, keys.down, keys.down, keys.down);
    await tui.waitForFrame(/› \s*\+ add \(key=value\)/);
    await tui.press(keys.enter);
    await tui.waitForFrame('Enter accept');
    await yieldTurn();
    await typeText(tui, 'aws:x=1');
    await tui.waitForFrame('must not start with aws:');
    await pressAndWaitForChange(tui, keys.backspace, 7);
    await typeText(tui, 'team=ops');
    await tui.press(keys.enter);
    await tui.waitForFrame('Tags (1)');
    expect(tui.frame()).toContain('team=ops');
    await tui.waitForFrame(() => calls.drafts.length > 0);
    expect(calls.drafts.at(-1)?.Tags).toEqual([{ Key: 'team', Value: 'ops' }]);
  });

  it('refuses review of a new profile without a valid, unused name, naming the rule', async () => {
    const { tui, calls } = setup({ original: undefined, mode: 'create', initialDraft: { InstanceArn: INSTANCE, SecurityProfileName: '' }, existingNames: ['Agent'] });
    await tui.waitForFrame('New profile (no name yet)');
    await tui.press('s');
    await tui.waitForFrame('Fix first: Name: must not be empty');
    await tui.press(keys.enter);
    await tui.waitForFrame('Enter accept');
    await yieldTurn();
    await typeText(tui, 'Agent');
    await tui.waitForFrame('a profile named "Agent" already exists in this instance');
    await tui.press(keys.enter);
    await tui.press('s');
    await tui.waitForFrame('Fix first: Name: a profile named "Agent"');
    expect(calls.reviews).toHaveLength(0);
    await tui.press(keys.enter);
    await tui.waitForFrame('Enter accept');
    await yieldTurn();
    await pressAndWaitForChange(tui, keys.backspace, 5);
    await typeText(tui, 'Night shift');
    await tui.press(keys.enter);
    await tui.waitForFrame('New profile Night shift');
    await tui.press('s');
    await tui.waitForFrame(() => calls.reviews.length === 1);
    expect(calls.reviews[0]).toMatchObject({ SecurityProfileName: 'Night shift', InstanceArn: INSTANCE });
  });

  it('? lists every key of the pane from the keymap, and closes again', async () => {
    const { tui } = setup();
    await tui.waitForFrame('Edit Ops');
    await yieldTurn();
    await tui.press('?');
    const help = await tui.waitForFrame('Grant or withdraw the permission');
    expect(help).toContain('Show all / only granted / only changed permissions');
    expect(help).toContain('Esc/? close');
    await tui.press('?');
    await tui.waitForFrame((f) => !f.includes('Grant or withdraw') && f.includes('Amazon Q 0/12 granted'));
  });

  it('adds a permission by name with suggestions for a typo', async () => {
    const { tui, calls } = setup();
    await tui.waitForFrame('Edit Ops');
    await tui.press('a');
    await tui.waitForFrame('Add permission:');
    await yieldTurn();
    await typeText(tui, 'Users.Edti');
    await tui.waitForFrame('→ Users.Edit');
    await tui.press(keys.enter);
    await tui.waitForFrame('is not in the catalogue. Did you mean Users.Edit');
    await tui.press(keys.tab);
    await tui.press(keys.enter);
    await tui.waitForFrame('Granted Users · Edit');
    await tui.waitForFrame(() => calls.drafts.length > 0);
    expect(calls.drafts.at(-1)?.Permissions).toContain('Users.View');
  });
});
