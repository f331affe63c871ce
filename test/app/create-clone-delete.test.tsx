// New, clone and delete through the whole app against the emulator: nothing is sent before the form
// is valid or the name typed right, and what is sent is exactly what the screen promised.
import { describe, expect, it } from 'vitest';
import { demoInstanceArn } from '../../src/emulator/index.js';
import { settle } from '../helpers/typing.js';
import { keys } from '../helpers/keys.js';
import { backendPerTest } from '../helpers/tui-backend.js';
import { arnOf, mutations, OPEN_LIST, profilesNamed, selectProfile, sent, stored } from './editing-helpers.js';
import { renderSpexApp } from './render-app.js';

const backend = backendPerTest();

const open = () => renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 32 });

describe('n: a new profile', () => {
  it('refuses an invalid name before sending; once fixed, creates it and puts the cursor on its row', async () => {
    const tui = open();
    await tui.waitForFrame('Tier 2 Escalations');
    await tui.press('n');
    await settle(tui, 'New profile (no name yet)');
    await tui.press(keys.enter);
    await settle(tui, 'Enter accept');
    // Typed in one go, without waiting for the screen between keys.
    await tui.type('Night/shift');
    await tui.waitForFrame('Name: may contain only letters, digits, spaces, _ @ and - (got "Night/shift")');
    await tui.press(keys.enter);
    await tui.press('s');
    await settle(tui, 'Fix first: Name: may contain only');
    expect(mutations(backend)).toHaveLength(0);
    await tui.press(keys.enter);
    await settle(tui, 'Enter accept');
    await tui.press(...Array<string>(6).fill(keys.backspace));
    await tui.type('-shift');
    await tui.press(keys.enter);
    await settle(tui, 'New profile Night-shift');
    await tui.press('s');
    const review = await settle(tui, 'Review the new profile');
    expect(review).toContain('Create “Night-shift”');
    expect(mutations(backend)).toHaveLength(0);
    await tui.press('y');
    await settle(tui, '✓ Created “Night-shift”');
    expect(sent(backend, 'CreateResource')).toHaveLength(1);
    expect(profilesNamed(backend, 'Night-shift').map((p) => p.InstanceArn)).toEqual([backend.instanceArn]);
    await tui.press(keys.enter);
    await tui.waitForFrame(/› +Night-shift/);
  });

  it('refuses a name already used in the instance', async () => {
    const tui = open();
    await tui.waitForFrame('Tier 2 Escalations');
    await tui.press('n');
    await settle(tui, 'New profile (no name yet)');
    await tui.press(keys.enter);
    await settle(tui, 'Enter accept');
    await tui.type('Tier 1 Support');
    await tui.press(keys.enter);
    await tui.press('s');
    await settle(tui, /Fix first: Name:.*(already|used)/);
    expect(mutations(backend)).toHaveLength(0);
  });
});

describe('C: clone into another instance', () => {
  it('copies the profile into the chosen instance; the source-bound hierarchy group is chosen again', async () => {
    const target = demoInstanceArn('us-east-1', 'acme-sales');
    const source = stored(backend, arnOf(backend, 'Team Leads'))!;
    const groups = await backend.spex.forRegion(backend.region).listHierarchyGroups(target);
    const tui = open();
    await selectProfile(tui, 'Team Leads');
    await tui.press('C');
    await settle(tui, (f) => f.includes('Clone into an instance of us-east-1') && f.includes('acme-sales'));
    await tui.press(keys.down);
    await settle(tui, /› acme-sales/);
    await tui.press(keys.enter);
    await settle(tui, 'Clone Team Leads copy');
    expect(tui.frame()).toContain('Clone Team Leads → us-east-1 acme-sales');
    await tui.press('s');
    await settle(tui, 'Fix first: Access-control hierarchy group: holds ids from the source instance');
    await tui.press(keys.end);
    // Up from the last row: the allowed AI agents' two rows, the flow modules' two, the applications' two.
    await tui.press(keys.up, keys.up, keys.up, keys.up, keys.up, keys.up);
    await settle(tui, /› Access-control hierarchy group/);
    await tui.press(keys.enter);
    await settle(tui, 'Choose the access-control hierarchy group');
    await tui.press(keys.down, keys.enter);
    await settle(tui, (f) => f.includes(`(${groups[0]!.id})`) && !f.includes('Choose the'));
    await tui.press('s');
    await settle(tui, 'Review the new profile');
    expect(mutations(backend)).toHaveLength(0);
    await tui.press('y');
    await settle(tui, '✓ Created “Team Leads copy”');
    const copies = profilesNamed(backend, 'Team Leads copy');
    expect(copies.map((c) => c.InstanceArn)).toEqual([target]);
    expect(copies[0]!.AllowedAccessControlHierarchyGroupId).toBe(groups[0]!.id);
    expect(new Set(copies[0]!.Permissions)).toEqual(new Set(source.Permissions));
    expect(sent(backend, 'CreateResource')).toHaveLength(1);
  });
});

describe('C: the clone target picker', () => {
  it('another region, chosen by typing, offers only its own instances, never the previous region’s under its name', async () => {
    const tui = open();
    await selectProfile(tui, 'Team Leads');
    await tui.press('C');
    await settle(tui, (f) => f.includes('Clone into an instance of us-east-1') && f.includes('acme-sales'));
    // Typing filters the instances ("q" is a letter here).
    await tui.type('sal');
    await settle(tui, (f) => f.includes('matching “sal”') && f.slice(f.indexOf('matching')).includes('acme-sales') && !f.slice(f.indexOf('matching')).includes('acme-support'));
    await tui.press(keys.tab);
    await settle(tui, 'Clone into an instance of which region?');
    const from = tui.frames.length;
    await tui.type('oregon');
    await settle(tui, (f) => f.includes('matching “oregon”') && f.slice(f.indexOf('matching')).includes('us-west-2') && !f.slice(f.indexOf('matching')).includes('us-east-1 '));
    await tui.press(keys.enter);
    await settle(tui, 'No Connect instances in us-west-2');
    const title = 'Clone into an instance of us-west-2';
    const mixed = tui.frames.slice(from).filter((f) => f.includes(title) && f.slice(f.indexOf(title)).includes('acme-s'));
    expect(mixed).toEqual([]);
    // Enter there chooses nothing: no editor opens for an instance of another region.
    await tui.press(keys.enter);
    expect(tui.frame()).toContain('No Connect instances in us-west-2');
  });
});

describe('d: delete', () => {
  it('a wrong name sends nothing; the right one deletes exactly that ARN and the row goes', async () => {
    const arn = arnOf(backend, 'Outbound Campaigns');
    const tui = open();
    await selectProfile(tui, 'Outbound Campaigns');
    await tui.press('d');
    const guard = await settle(tui, 'Delete security profile “Outbound Campaigns”?');
    expect(guard).toContain('Permissions: 9');
    expect(guard).not.toContain('built-in');
    await tui.type('Outbound campaigns');
    await tui.press(keys.enter);
    await settle(tui, '“Outbound campaigns” is not the name');
    await tui.press(keys.escape);
    await settle(tui, 'Modified (UTC)');
    expect(mutations(backend)).toHaveLength(0);

    await tui.press('d');
    await settle(tui, 'Type the profile’s name');
    await tui.type('Outbound Campaigns\r');
    await settle(tui, '✓ Deleted “Outbound Campaigns”');
    const deletes = sent(backend, 'DeleteResource');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.body.Identifier).toBe(arn);
    expect(mutations(backend)).toHaveLength(1);
    expect(stored(backend, arn)).toBeUndefined();
    await tui.press(keys.enter);
    const after = await settle(tui, `ℹ Deleted “Outbound Campaigns” (${arn.slice(0, 40)}`);
    expect(after).not.toMatch(/│?\s+Outbound Campaigns\s+Run outbound/);
  });

  it('a delete Connect refuses leaves the row whole, read again; r keeps the cursor on the same profile', async () => {
    const arn = arnOf(backend, 'Tier 1 Support');
    const count = stored(backend, arn)!.Permissions!.length;
    // Who holds it cannot be known, so the guard lets Connect decide: it refuses (users hold it).
    backend.emulator.setFaults({ userList: 'empty' });
    backend.emulator.failNext('SearchUsers', 20, { exception: 'AccessDeniedException' });
    const tui = open();
    await selectProfile(tui, 'Tier 1 Support');
    await tui.press(keys.escape);
    await settle(tui, new RegExp(`›\\s+Tier 1 Support\\s+Front-line agents.*\\s${count}\\s`));
    await tui.press('d');
    await settle(tui, 'Type the profile’s name');
    await tui.type('Tier 1 Support\r');
    await settle(tui, 'Connect will not delete a profile that users hold');
    const gets = sent(backend, 'GetResource').length;
    await tui.press(keys.enter);
    await settle(tui, new RegExp(`›\\s+Tier 1 Support\\s+Front-line agents.*\\s${count}\\s`));
    expect(sent(backend, 'GetResource').length).toBeGreaterThanOrEqual(gets);
    expect(stored(backend, arn)).toBeDefined();
    // r lists again from the start; the cursor comes back to the same profile.
    await tui.press('k');
    await settle(tui, /›\s+Team Leads/);
    await tui.press('r');
    await settle(tui, (f) => /›\s+Team Leads/.test(f) && f.includes('Workforce Planning'));
  });

  it('a profile users hold is refused before anything is sent, naming them; the detail says who holds it', async () => {
    const arn = arnOf(backend, 'Compliance Auditors');
    const holders = backend.emulator.listModels(backend.region, 'AWS::Connect::User').filter((u) => (u.SecurityProfileArns as string[]).includes(arn));
    const tui = open();
    await selectProfile(tui, 'Compliance Auditors');
    await tui.press('d');
    const refused = await settle(tui, 'users hold it. Nothing was sent.');
    const flat = refused.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
    expect(flat).toContain('Compliance Auditors is held by 3 users:');
    for (const u of holders) expect(flat).toContain(String(u.Username));
    expect(refused).not.toContain('Type the profile’s name');
    await tui.press(keys.escape);
    await tui.press(keys.enter);
    await settle(tui, 'Held by:        3 users (below; u lists them all)');
    await tui.press('u');
    const list = await settle(tui, 'Who holds Compliance Auditors — 3 users');
    for (const u of holders) expect(list).toContain(String(u.Username));
    expect(sent(backend, 'DeleteResource')).toHaveLength(0);
    expect(stored(backend, arn)).toBeDefined();
  });

  it('a built-in profile carries the louder warning, from the detail pane too', async () => {
    const tui = open();
    // QualityAnalyst: built in, and nobody holds it in the demo.
    await selectProfile(tui, 'QualityAnalyst');
    await tui.press(keys.enter);
    await settle(tui, 'QualityAnalyst (v: raw JSON)');
    await tui.press('d');
    const guard = await settle(tui, 'WARNING: “QualityAnalyst” is a built-in profile');
    expect(guard).toContain('Delete security profile “QualityAnalyst”?');
    await tui.press(keys.escape);
    await settle(tui, 'QualityAnalyst (v: raw JSON)');
    expect(mutations(backend)).toHaveLength(0);
  });
});
