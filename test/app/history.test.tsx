// A profile's history in the TUI (`h`), on the demo's seeded CloudTrail: the admin website's change that
// gave CallCenterManager the user-editing permissions, by the admin's login; then, on a profile spex has
// read before and after a change, the versions it keeps: `]` points at one, `=` sets it beside the
// profile now, and `R` opens the editor on it, whose save (reviewed as any edit) puts the profile back.
import { describe, expect, it } from 'vitest';
import { memoryVersionStore } from '../../src/cache/versions.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { keys } from '../helpers/keys.js';
import { settle } from '../helpers/typing.js';
import { backendPerTest } from '../helpers/tui-backend.js';
import { OPEN_LIST, selectProfile } from './editing-helpers.js';
import { renderSpexApp } from './render-app.js';

const backend = backendPerTest({ history: true, spex: { versions: memoryVersionStore() } });
const open = () => renderSpexApp(backend.spex, { initial: OPEN_LIST, columns: 120, rows: 34 });
const model = (name: string) => backend.emulator.getModel('us-east-1', 'AWS::Connect::SecurityProfile', demoProfileArn(name))!;

describe('h: a profile\'s history', () => {
  it('tells who changed what and when, in the console\'s words: the admin website\'s edit by the admin\'s login', async () => {
    const admin = backend.emulator.listModels('us-east-1', 'AWS::Connect::User').find((u) => (u.SecurityProfileArns as string[]).includes(demoProfileArn('Admin')))!;
    const tui = open();
    await selectProfile(tui, 'CallCenterManager');
    await tui.press('h');
    const frame = await settle(tui, /History of CallCenterManager: \d+ changes in 90 days/);
    expect(frame).toContain('CallCenterManager › History');
    expect(frame).toMatch(new RegExp(`${String(admin.Username)} · console\\n\\s+\\+ Users · Create \\(Users\\.Create\\)\\n\\s+\\+ Users · Edit \\(Users\\.Edit\\)`));
    expect(frame).toMatch(/assumed-role\/PlatformDeploy\/github-actions-8841 · Cloud Control/);
    await tui.press(keys.escape);
    await settle(tui, /›.*CallCenterManager/);
  });

  it('compares a kept version with the profile now (=) and goes back to it (R) through the editor\'s review', async () => {
    const arn = demoProfileArn('Workforce Planning');
    const service = backend.spex.forRegion('us-east-1');
    const before = await service.getProfile(arn);
    expect((await service.updateProfile(arn, before, { ...before, Permissions: [...before.Permissions!, 'ContactSearch.View'] }).done).ok).toBe(true);
    const tui = open();
    await selectProfile(tui, 'Workforce Planning');
    await tui.press('h');
    const timeline = await settle(tui, /History of Workforce Planning: 1 change in 90 days, 2 versions kept/);
    expect(timeline).toMatch(/›● {2}\S+ \S+ UTC {2}\S+ · spex\n\s+\+ Contact Search · View \(ContactSearch\.View\)/);
    await tui.press(']');
    await settle(tui, /›● {2}\S+ \S+ UTC {2}a version spex read/);
    await tui.press('=');
    const side = await settle(tui, /Workforce Planning: .* ↔ now, differences only/);
    expect(side).toMatch(/≠ Contact Search · View\s+ContactSearch\.View\s+✗ no\s+✓ yes/);
    await tui.press(keys.escape);
    await settle(tui, /History of Workforce Planning/);
    await tui.press('R');
    await settle(tui, /Edit Workforce Planning · \d+ granted \(\+0 −1\)/);
    await tui.press('s');
    await settle(tui, '− Contact Search · View (ContactSearch.View)');
    await tui.press('y');
    await settle(tui, '✓ Saved “Workforce Planning”');
    expect(model('Workforce Planning').Permissions).not.toContain('ContactSearch.View');
  });
});
