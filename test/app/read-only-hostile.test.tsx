// Read-only mode (no mutating key exists, nothing is sent), hostile server text (rendered inert in
// every screen, the editor and the review included), and typing faster than the screen redraws.
import { describe, expect, it } from 'vitest';
import { settle } from '../helpers/typing.js';
import { keys } from '../helpers/keys.js';
import { renderRaw } from '../helpers/render-tui.js';
import { backendPerTest } from '../helpers/tui-backend.js';
import { arnOf, mutations, OPEN_LIST, sent, stored } from './editing-helpers.js';
import { appElement, renderSpexApp } from './render-app.js';

const backend = backendPerTest();

const MUTATING_HINTS = ['e edit', 'n new', 'c clone', 'd delete'];
const MUTATING_HELP = ['Edit the profile', 'New profile in this instance', 'Clone the profile', 'Delete the profile'];

describe('read-only', () => {
  it.each([
    ['--read-only (the Spex refuses too)', () => renderSpexApp(backend.makeSpex({ readOnly: true }), { initial: OPEN_LIST, columns: 160, rows: 40 })],
    ['readOnly in the config file', () => renderSpexApp(backend.spex, { initial: { ...OPEN_LIST, readOnly: true }, columns: 160, rows: 40 })],
  ])('%s: no mutating key in footer or help, and pressing them sends nothing', async (_name, open) => {
    const tui = open();
    let frame = await tui.waitForFrame('Tier 2 Escalations');
    expect(frame).toContain('[read-only]');
    for (const hint of MUTATING_HINTS) expect(frame).not.toContain(hint);
    await tui.press('?');
    frame = await tui.waitForFrame('Keys — Profile list');
    for (const help of MUTATING_HELP) expect(frame).not.toContain(help);
    expect(frame).toContain('Sort by permission count');
    await tui.press(keys.escape);
    await tui.waitForFrame('Modified (UTC)');
    await tui.press('e', 'n', 'c', 'C', 'd');
    frame = await settle(tui, 'Modified (UTC)');
    // Still the plain list: no editor, form, guard or clone picker opened.
    expect(frame).toMatch(/› Security profiles\s+sort:/);
    expect(frame).not.toMatch(/\(no name yet\)|Delete security profile|Clone into/);
    await tui.press(keys.enter);
    frame = await settle(tui, '(v: raw JSON)');
    for (const hint of MUTATING_HINTS) expect(frame).not.toContain(hint);
    await tui.press('e', 'd');
    frame = await settle(tui, '(v: raw JSON)');
    expect(frame).not.toMatch(/› (Edit|Delete)\b|Delete security profile/);
    // The operations view lists requests but offers no cancel.
    await tui.press('o');
    frame = await settle(tui, 'Operations —');
    expect(frame).toContain('r refresh');
    expect(frame).not.toContain('cancel request');
    expect(mutations(backend)).toHaveLength(0);
    expect(backend.emulator.requests.filter((r) => r.operation === 'CancelResourceRequest')).toHaveLength(0);
  });
});

// Each reaches the terminal raw unless it is stripped: clear screen, a clipboard write (OSC 52), a
// hyperlink (OSC 8), a cursor move, and a bidi override.
const HOSTILE = '\u001B[2J\u001B]52;c;ZXZpbA==\u0007\u001B]8;;https://evil.example\u0007link\u001B]8;;\u0007\u001B[10;10H\u202E';

describe('hostile text from the server', () => {
  it('renders inert in the list, the detail, the editor, the review, a failure and the delete guard', async () => {
    const tier2 = arnOf(backend, 'Tier 2 Escalations');
    const leads = arnOf(backend, 'Team Leads');
    // A description is free text (the schema takes it); a name and tags only come so from a broken server.
    backend.emulator.modifyProfile(backend.region, tier2, (m) => {
      m.Description = `Escalation desk ${HOSTILE} end`;
    });
    backend.emulator.modifyProfile(backend.region, leads, (m) => {
      m.SecurityProfileName = `Team Leads${HOSTILE}`;
      m.Tags = [{ Key: `k${HOSTILE}`, Value: `v${HOSTILE}` }];
    });
    const raw = renderRaw(appElement(backend.spex, { initial: OPEN_LIST }));
    await raw.waitFor('Escalation desk');
    // The hostile name and tags: list, detail, editor, delete guard.
    await raw.press('/', ...'Team'.split(''), keys.enter);
    await raw.waitFor('› ');
    await raw.press(keys.enter);
    await raw.waitFor('(v: raw JSON)');
    await raw.press('e');
    await raw.waitFor('[Permissions]');
    await raw.press(keys.tab);
    await raw.waitFor('[Fields]');
    await raw.press(keys.escape);
    await raw.waitFor('(v: raw JSON)');
    await raw.press('d');
    // Team Leads is held by users: the guard names them (and the hostile name, inert) before any prompt.
    await raw.waitFor('users hold it. Nothing was sent.');
    await raw.press(keys.escape);
    await raw.waitFor('(v: raw JSON)');
    await raw.press(keys.escape);
    await raw.waitFor('Modified (UTC)');
    await raw.press(keys.escape);
    // The hostile description: editor fields, review, a failure carrying a hostile status message.
    await raw.press('/', ...'Tier 2'.split(''), keys.enter);
    await raw.waitFor('› ');
    await raw.press('e');
    await raw.waitFor('Edit Tier 2 Escalations ·');
    await raw.press(keys.tab);
    await raw.waitFor('Escalation desk');
    await raw.press(keys.tab, ' ', 's');
    await raw.waitFor('Review the change');
    backend.emulator.failNext('UpdateResource', 1, { handlerErrorCode: 'InternalFailure', message: `boom ${HOSTILE}` });
    await raw.press('y');
    await raw.waitFor('It did not work');
    const output = raw.output();
    expect(output).toContain('Escalation desk');
    expect(output).toContain('boom');
    expect(output).toContain('Cannot delete “Team Leads');
    expect(output).not.toContain('\u001B');
    expect(output).not.toContain('\u202E');
    expect(output).not.toContain('\u0007');
    expect(sent(backend, 'UpdateResource')).toHaveLength(1);
    expect(stored(backend, tier2)!.Description).toContain('\u001B]52');
  });
});

describe('very long server text', () => {
  it('a 1,000,000-character name and description: the list, a filter, the detail and the raw JSON draw and answer keys, cut for display', async () => {
    const tier2 = arnOf(backend, 'Tier 2 Escalations');
    backend.emulator.modifyProfile(backend.region, tier2, (m) => {
      m.SecurityProfileName = `Huge ${'N'.repeat(1_000_000)}`;
      m.Description = `Long ${'d'.repeat(1_000_000)}`;
    });
    const raw = renderRaw(appElement(backend.spex, { initial: OPEN_LIST }));
    // Each wait fails after 5 s: a frame that took minutes (as one did before display text was cut) fails here.
    await raw.waitFor('Huge NNN');
    await raw.press('/', ...'Huge'.split(''), keys.enter);
    await raw.waitFor('› ');
    await raw.press(keys.enter);
    const detail = await raw.waitFor('Description:    Long');
    expect(detail).toMatch(/Description: +Long\n +d{50}/);
    // Cut for display: no line of the frame is longer than the terminal.
    expect(Math.max(...detail.split('\n').map((l) => l.length))).toBeLessThanOrEqual(120);
    await raw.press('v');
    await raw.waitFor('"SecurityProfileName"');
    await raw.press('j', 'j', 'j');
    await raw.press('v');
    await raw.waitFor('Description:    Long');
    await raw.press(keys.escape);
    await raw.waitFor('Modified (UTC)');
    // The data stays whole.
    expect(String(stored(backend, tier2)!.SecurityProfileName)).toHaveLength(1_000_005);
  }, 60_000);
});

describe('typing faster than the screen redraws', () => {
  it('keeps every character in the editor search and the delete guard', async () => {
    const raw = renderRaw(appElement(backend.spex, { initial: OPEN_LIST }));
    await raw.waitFor('Tier 2 Escalations');
    await raw.press('/');
    raw.writeNow(...'Outbound'.split(''), '\r');
    await raw.waitFor('› ');
    await raw.press('e');
    await raw.waitFor('Edit Outbound Campaigns ·');
    await raw.press('/');
    await raw.waitFor('Search:');
    raw.writeNow(...'Users.Edit'.split(''));
    expect(await raw.waitFor('Search: Users.Edit')).toContain('Search: Users.Edit');
    raw.writeNow(keys.backspace, keys.backspace, keys.backspace, keys.backspace, ...'View'.split(''), keys.enter);
    await raw.waitFor('Search: “Users.View”');
    // Esc clears the search, a second Esc leaves the (unchanged) editor. Two Escs back to back would
    // reach Ink as one Meta-Esc, as they do from a real terminal: one at a time.
    await raw.press(keys.escape);
    // Every row again, the cursor still on Users.View: its neighbours are back in view.
    await raw.waitFor('Users · Edit');
    await raw.press(keys.escape);
    await raw.waitFor('Modified (UTC)');
    await raw.press('d');
    await raw.waitFor('Type the profile’s name');
    raw.writeNow(...'Outbound Campaigns'.split(''), '\r');
    await raw.waitFor('✓ Deleted “Outbound Campaigns”');
    expect(sent(backend, 'DeleteResource').map((r) => r.body.Identifier)).toEqual([arnOf(backend, 'Outbound Campaigns')]);
  });
});
