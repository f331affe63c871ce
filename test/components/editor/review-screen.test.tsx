import { afterEach, describe, expect, it } from 'vitest';
import { ReviewScreen } from '../../../src/components/editor/review-screen.js';
import type { SecurityProfile } from '../../../src/domain/profile/security-profile.js';
import { buildReview } from '../../../src/components/editor/review-lines.js';
import { keys } from '../../helpers/keys.js';
import { cleanupTui, renderTui } from '../../helpers/render-tui.js';
import { settle, waitUntil } from '../../helpers/typing.js';

const INSTANCE = 'arn:aws:connect:us-east-1:123456789012:instance/abc';
const ORIGINAL: SecurityProfile = { InstanceArn: INSTANCE, SecurityProfileName: 'Ops', Description: 'old', Permissions: ['Queues.View', 'Queues.Create'], SecurityProfileArn: `${INSTANCE}/security-profile/p1` };
const { SecurityProfileArn: _a, ...DRAFT } = ORIGINAL;

afterEach(() => cleanupTui());

describe('buildReview', () => {
  it('lists the change in the console’s words and builds the guarded patch', () => {
    const review = buildReview({ mode: 'edit', original: ORIGINAL, draft: { ...DRAFT, Description: 'new', Permissions: ['Queues.View', 'Users.Edit', 'Users.View'] }, showRequest: true });
    const text = review.lines.map((l) => l.text).join('\n');
    expect(text).toContain('Description: "old" → "new"');
    expect(text).toContain('− Queues · Create (Queues.Create)');
    expect(text).toContain('+ Users · View (Users.View) — needed by Edit');
    expect(review.canConfirm).toBe(true);
    expect(review.patch?.map((op) => `${op.op} ${op.path}`)).toEqual(['test /Description', 'add /Description', 'test /Permissions', 'add /Permissions']);
  });

  it('cannot confirm a change that changes nothing, or renames', () => {
    expect(buildReview({ mode: 'edit', original: ORIGINAL, draft: DRAFT, showRequest: false }).canConfirm).toBe(false);
    const renamed = buildReview({ mode: 'edit', original: ORIGINAL, draft: { ...DRAFT, SecurityProfileName: 'Other' }, showRequest: false });
    expect(renamed.canConfirm).toBe(false);
    expect(renamed.lines.map((l) => l.text.trim()).join(' ')).toMatch(/cannot be sent: SecurityProfileName cannot be changed after creation; clone the profile to rename it/);
  });

  it('warns before saving when the change creates a finding, with whom it reaches, and says when it resolves one', () => {
    const holders = Array.from({ length: 37 }, (_, i) => ({ arn: `${INSTANCE}/agent/u${i}`, username: `u${i}`, securityProfileArns: [ORIGINAL.SecurityProfileArn!] }));
    const reach = { kind: 'known' as const, holders, permissionsOf: () => undefined };
    const risky = buildReview({ mode: 'edit', original: ORIGINAL, draft: { ...DRAFT, Permissions: ['Queues.View', 'Queues.Create', 'Users.Edit', 'Users.View'] }, showRequest: false, reach, width: 200 });
    expect(risky.lines.map((l) => l.text)).toContain('⚠ high: grants Users.Edit to a non-admin profile: its 37 users could then grant themselves Admin');
    const escalated = { ...ORIGINAL, Permissions: ['Queues.View', 'Users.Edit', 'Users.View'] };
    const fixed = buildReview({ mode: 'edit', original: escalated, draft: { ...DRAFT, Permissions: ['Queues.View', 'Users.View'] }, showRequest: false, width: 200 });
    expect(fixed.lines.map((l) => l.text).join('\n')).toMatch(/✓ resolves escalation: its holders can edit users or security profiles/);
    // A change that neither creates nor resolves a finding says nothing of them.
    const plain = buildReview({ mode: 'edit', original: ORIGINAL, draft: { ...DRAFT, Description: 'new' }, showRequest: false, width: 200 });
    expect(plain.lines.map((l) => l.text).join('\n')).not.toMatch(/⚠|resolves/);
  });

  it('findings the profile had before the change are listed apart ("already: …"), never as this change\'s', () => {
    const escalated = { ...ORIGINAL, Permissions: ['Queues.View', 'Users.Edit', 'Users.View'] };
    const { SecurityProfileArn: _x, ...draft } = escalated;
    const review = buildReview({ mode: 'edit', original: escalated, draft: { ...draft, Description: 'new' }, showRequest: false, width: 200 });
    const text = review.lines.map((l) => l.text).join('\n');
    expect(text).toContain("already: high escalation (not this change's doing)");
    expect(text).not.toMatch(/⚠/);
  });

  it('shows every value whole, wrapped to the width, in the change and in the exact request', () => {
    const long = `Handles escalations ${'and more words '.repeat(12)}end-of-description`;
    const review = buildReview({ mode: 'edit', original: ORIGINAL, draft: { ...DRAFT, Description: long }, showRequest: true, width: 60 });
    const texts = review.lines.map((l) => l.text);
    expect(texts.every((t) => t.length <= 58)).toBe(true);
    expect(texts.join('\n')).not.toContain('…');
    // The request's value, joined back, is the description whole.
    const joined = texts.map((t) => t.trim()).join(' ').replace(/\s+/g, ' ');
    expect(joined).toContain(`"value": "${long.replace(/\s+/g, ' ').trim()}"`);
  });
});

describe('ReviewScreen', () => {
  it('shows a new profile’s DesiredState on p, confirms with y and goes back with Esc', async () => {
    const events = { confirmed: 0, back: 0 };
    const draft = { InstanceArn: INSTANCE, SecurityProfileName: 'Night shift', Permissions: ['Users.View'] };
    const tui = renderTui(
      <ReviewScreen mode="create" original={undefined} draft={draft} isActive height={24} width={100} onConfirm={() => events.confirmed++} onBack={() => events.back++} />,
      { columns: 100, rows: 28 },
    );
    const first = await settle(tui, 'Review the new profile');
    expect(first).toContain('Create “Night shift”');
    expect(first).toContain('+ Users · View (Users.View)');
    expect(first).toContain('Nothing has been sent yet.');
    await tui.press('p');
    await settle(tui, 'CreateResource DesiredState:');
    expect(tui.frame()).toContain('"SecurityProfileName": "Night shift"');
    await tui.press('y');
    await waitUntil(() => events.confirmed === 1, 'onConfirm');
    await tui.press(keys.escape);
    await waitUntil(() => events.back === 1, 'onBack');
  });

  it('a long review says where it is ("lines 1–9/N") and g/G go to the top and the end, also typed together', async () => {
    const draft = { InstanceArn: INSTANCE, SecurityProfileName: 'Long', Permissions: ['Users.View', 'Queues.View', 'Queues.Edit', 'Prompts.View', 'Prompts.Edit', 'RoutingPolicies.View', 'ContactFlows.View', 'HoursOfOperation.View', 'AccessMetrics', 'BasicAgentAccess', 'OutboundCallAccess', 'ContactSearch.View'] };
    const tui = renderTui(<ReviewScreen mode="create" original={undefined} draft={draft} isActive height={12} width={100} onConfirm={() => undefined} onBack={() => undefined} />, { columns: 100, rows: 14 });
    const top = await settle(tui, 'Review the new profile');
    const total = Number(/lines 1–9\/(\d+)/.exec(top)?.[1]);
    expect(total).toBeGreaterThan(12);
    await tui.press('G');
    await settle(tui, `lines ${total - 8}–${total}/${total}`);
    await tui.press('g');
    await settle(tui, `lines 1–9/${total}`);
    tui.writeNow('jG');
    await settle(tui, `lines ${total - 8}–${total}/${total}`);
  });

  it("a new profile with values only Connect takes: the review says it goes through the Connect API and p shows CreateSecurityProfile", () => {
    const draft = { InstanceArn: INSTANCE, SecurityProfileName: 'Spaced', Permissions: ['Users.View'], Tags: [{ Key: 'Cost Center', Value: 'cc' }] };
    const viaConnect = buildReview({ mode: 'create', original: undefined, draft, route: 'connect', showRequest: true, width: 200 });
    const text = viaConnect.lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/Created through the Connect API \(CreateSecurityProfile\), because Cloud Control's schema refuses: Tags\/0\/Key/);
    expect(text).toContain('PUT /security-profiles/abc');
    expect(text).toContain('"Cost Center": "cc"');
    expect(viaConnect.canConfirm).toBe(true);
    // Without Connect the same review sends a CreateResource (which the service refuses before sending).
    expect(buildReview({ mode: 'create', original: undefined, draft, route: 'cloud-control', showRequest: true }).lines.map((l) => l.text).join('\n')).toContain('CreateResource DesiredState:');
  });

  it("? shows the review's own keys, titled Review, and Esc gives the review back", async () => {
    const draft = { InstanceArn: INSTANCE, SecurityProfileName: 'Helped', Permissions: ['Users.View'] };
    const tui = renderTui(<ReviewScreen mode="create" original={undefined} draft={draft} isActive height={20} width={80} onConfirm={() => undefined} onBack={() => undefined} />, { columns: 80, rows: 22 });
    await settle(tui, 'Review the new profile');
    await tui.press('?');
    const help = await settle(tui, 'Keys — Review');
    expect(help).toMatch(/p\s+Show or hide exactly what will be sent/);
    expect(help).toMatch(/g\/Home\s+Go to the first line/);
    expect(help).not.toMatch(/Tab|grant/);
    await tui.press(keys.escape);
    await settle(tui, 'Review the new profile');
  });

  it('refuses to send when nothing changed', async () => {
    const events = { confirmed: 0 };
    const tui = renderTui(<ReviewScreen mode="edit" original={ORIGINAL} draft={DRAFT} isActive height={26} width={100} onConfirm={() => events.confirmed++} onBack={() => undefined} />);
    await settle(tui, 'no changes: nothing would be sent');
    await tui.press(keys.enter);
    await settle(tui, '✗ Nothing to send');
    expect(events.confirmed).toBe(0);
  });
});
