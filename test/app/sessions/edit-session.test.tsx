// The edit flow against the emulator through the real SDK: what the screen says and what the
// emulator received must agree.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EditSession, type EditSessionProps } from '../../../src/app/sessions/edit-session.js';
import { toggleWithImplications } from '../../../src/domain/permissions/permission-rules.js';
import { SECURITY_PROFILE_TYPE, type SecurityProfile, toDraft } from '../../../src/domain/profile/security-profile.js';
import { createDraftStore, type DraftStore } from '../../../src/drafts/draft-store.js';
import { demoProfileArn } from '../../../src/emulator/index.js';
import { keys } from '../../helpers/keys.js';
import { renderTui } from '../../helpers/render-tui.js';
import { backendPerTest } from '../../helpers/tui-backend.js';
import { settle, typeText, waitUntil } from '../../helpers/typing.js';

const backend = backendPerTest();
let stateDir: string;
let store: DraftStore;
beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'spex-session-'));
  store = createDraftStore(join(stateDir, 'drafts'));
});
afterEach(() => {
  rmSync(stateDir, { recursive: true, force: true });
});

const ARN = () => demoProfileArn('Tier 2 Escalations', backend.instanceArn);
const service = () => backend.spex.forRegion(backend.region);
const stored = () => backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, ARN()) as unknown as SecurityProfile;
const updates = () => backend.emulator.requests.filter((r) => r.operation === 'UpdateResource');

async function openSession(original: SecurityProfile, extra: Partial<EditSessionProps> = {}) {
  const events = { saved: 0, closed: 0 };
  const tui = renderTui(
    <EditSession
      mode="edit"
      original={original}
      initialDraft={toDraft(original)}
      draftStore={store}
      save={(draft, base, options) => service().updateProfile(ARN(), base!, draft, options)}
      loadCurrent={() => service().getProfile(ARN())}
      isActive
      height={22}
      width={120}
      onSaved={() => events.saved++}
      onClose={() => events.closed++}
      {...extra}
    />,
    { columns: 120, rows: 26 },
  );
  await settle(tui, 'Edit Tier 2 Escalations');
  return { tui, events };
}

/** Searches for an API name and toggles it. */
async function toggle(tui: Awaited<ReturnType<typeof openSession>>['tui'], name: string) {
  await tui.press('/');
  await settle(tui, 'Search:');
  await typeText(tui, name);
  await tui.press(keys.enter);
  await settle(tui, `Search: “${name}”`);
  // The row under the cursor says which it will be: a granted one is withdrawn, else granted.
  const row = tui.frame().split('\n').find((l) => l.startsWith('›')) ?? '';
  await tui.press(keys.space);
  await tui.waitForFrame(row.includes('[x]') ? 'Withdrew' : 'Granted');
}

describe('EditSession against the emulator', () => {
  it('retry pressed twice before the screen redraws sends the change again only once', async () => {
    const original = await service().getProfile(ARN());
    const { tui } = await openSession(original);
    await toggle(tui, 'Users.Edit');
    backend.emulator.failNext('UpdateResource', 1, { handlerErrorCode: 'InternalFailure', message: 'handler crashed' });
    await tui.press('s');
    await settle(tui, 'Review the change');
    await tui.press('y');
    await settle(tui, 'It did not work');
    tui.writeNow('r', 'r');
    await settle(tui, '✓ Saved “Tier 2 Escalations”');
    await waitUntil(() => stored().Permissions!.includes('Users.Edit'), 'the saved permission');
    expect(updates()).toHaveLength(2);
    expect(tui.frame()).not.toContain('changed this profile on the server');
  });

  it('a confirm pressed twice before the screen redraws sends the change once', async () => {
    const original = await service().getProfile(ARN());
    const { tui } = await openSession(original);
    await toggle(tui, 'Users.Edit');
    await tui.press('s');
    await settle(tui, 'Review the change');
    // An impatient double press: y and Enter arrive before React re-renders the review away.
    tui.writeNow('y', keys.enter);
    await settle(tui, '✓ Saved “Tier 2 Escalations”');
    await waitUntil(() => backend.emulator.requests.some((r) => r.operation === 'GetResourceRequestStatus'), 'the save to be followed');
    expect(updates()).toHaveLength(1);
    expect(tui.frame()).not.toContain('changed this profile on the server');
  });

  it('toggle → review shows the change → confirm sends one patch and the profile has exactly the new set', async () => {
    const original = await service().getProfile(ARN());
    const expected = toggleWithImplications(new Set(original.Permissions), 'Users.Edit').granted;
    const { tui, events } = await openSession(original);
    await toggle(tui, 'Users.Edit');
    await tui.press('s');
    const review = await settle(tui, 'Review the change');
    expect(review).toContain('+ Users · Edit (Users.Edit)');
    await tui.press('p');
    await tui.waitForFrame('UpdateResource PatchDocument');
    expect(tui.frame()).toMatch(/"op": "test",\n\s+"path": "\/Permissions"/);
    expect(updates()).toHaveLength(0);
    await tui.press('y');
    await settle(tui, '✓ Saved “Tier 2 Escalations”');
    await waitUntil(() => events.saved === 1, 'onSaved');
    expect(updates()).toHaveLength(1);
    const patch = JSON.parse(String(updates()[0]!.body.PatchDocument)) as { op: string; path: string; value?: string[] }[];
    expect(patch.map((op) => `${op.op} ${op.path}`)).toEqual(['test /Permissions', 'add /Permissions']);
    expect(new Set(patch[1]!.value)).toEqual(expected);
    expect(new Set(stored().Permissions)).toEqual(expected);
    // Saved: the draft is gone from disk.
    await waitUntil(async () => (await store.loadDraft(ARN())) === undefined, 'the draft to be removed');
    expect(await store.listDrafts()).toEqual([]);
    await tui.press(keys.enter);
    await waitUntil(() => events.closed === 1, 'onClose');
  });

  it('a failed save keeps the draft (on screen and on disk) and retry succeeds', async () => {
    const original = await service().getProfile(ARN());
    const { tui } = await openSession(original);
    await toggle(tui, 'Users.Edit');
    await waitUntil(async () => (await store.loadDraft(ARN())) !== undefined, 'the draft on disk');
    backend.emulator.failNext('UpdateResource', 1, { handlerErrorCode: 'InternalFailure', message: 'handler crashed' });
    await tui.press('s');
    await settle(tui, 'Review the change');
    await tui.press('y');
    const failed = await settle(tui, 'It did not work');
    expect(failed).toContain('Cloud Control had an internal failure');
    expect(failed).toContain('handler error InternalFailure');
    expect(failed).toContain('Your draft is kept.');
    expect(stored().Permissions).toEqual(original.Permissions);
    expect((await store.loadDraft(ARN()))?.draft.Permissions).toContain('Users.Edit');
    await tui.press('r');
    await tui.waitForFrame('✓ Saved');
    expect(tui.frame()).toContain('attempt 2');
    expect(updates()).toHaveLength(2);
    // A FAILED request is retried as a new request, not with the same client token.
    expect(updates()[0]!.body.ClientToken).not.toBe(updates()[1]!.body.ClientToken);
    expect(stored().Permissions).toContain('Users.Edit');
  });

  it('a concurrent change is refused, shown, and the draft can be rebased and reviewed again', async () => {
    const original = await service().getProfile(ARN());
    const { tui } = await openSession(original);
    await toggle(tui, 'Users.Edit');
    backend.emulator.modifyProfile(backend.region, ARN(), (m) => {
      m.Permissions = [...(m.Permissions as string[]), 'Queues.View'];
      m.Description = 'Changed by someone else';
    });
    await tui.press('s');
    await settle(tui, 'Review the change');
    await tui.press('y');
    const refused = await settle(tui, 'What changed there:');
    expect(refused).toContain('Someone changed this profile on the server since you opened it. Nothing was overwritten.');
    expect(refused).toContain('+ Queues · View (Queues.View)');
    expect(refused).toContain('Changed by someone else');
    expect(stored().Permissions).not.toContain('Users.Edit');
    await tui.press('b');
    const review = await settle(tui, 'Review the change');
    expect(review).toContain('+ Users · Edit (Users.Edit)');
    expect(review).not.toContain('Queues · View');
    await tui.press('y');
    await tui.waitForFrame('✓ Saved');
    const now = stored();
    expect(now.Permissions).toContain('Users.Edit');
    expect(now.Permissions).toContain('Queues.View');
    expect(now.Description).toBe('Changed by someone else');
  });

  it('offers an unsaved draft back when the profile is opened again', async () => {
    const original = await service().getProfile(ARN());
    const first = await openSession(original);
    await toggle(first.tui, 'Users.Edit');
    await waitUntil(async () => (await store.loadDraft(ARN())) !== undefined, 'the draft on disk');
    first.tui.unmount();
    const { tui } = await openSession(original);
    await settle(tui, 'An unsaved draft of this profile was found');
    await tui.press('r');
    await settle(tui, 'Restored your unsaved draft.');
    expect(tui.frame()).toContain('unsaved');
    await tui.press('s');
    await tui.waitForFrame('+ Users · Edit (Users.Edit)');
  });
});

describe('EditSession: slow requests and interruptions', () => {
  it('a save that outlives the wait offers to keep waiting (never to send again) and then succeeds', async () => {
    backend.emulator.setFaults({ asyncDelayMs: 600 });
    const original = await service().getProfile(ARN());
    const { tui } = await openSession(original, {
      save: (draft, base, options) => service().updateProfile(ARN(), base!, draft, { ...options, timeoutMs: 50 }),
      track: (token, options) => service().trackRequest(token, options),
    });
    await toggle(tui, 'Users.Edit');
    await tui.press('s');
    await settle(tui, 'Review the change');
    await tui.press('y');
    const waiting = await settle(tui, 'w keep waiting');
    expect(waiting).not.toContain('r retry');
    await tui.press('w');
    await settle(tui, '✓ Saved');
    expect(updates()).toHaveLength(1);
    expect(stored().Permissions).toContain('Users.Edit');
  });

  it('keeps a draft typed just before the screen closed (the pending write is flushed)', async () => {
    const original = await service().getProfile(ARN());
    const { tui } = await openSession(original);
    await toggle(tui, 'Users.Edit');
    await settle(tui, 'unsaved');
    tui.unmount();
    expect((await store.loadDraft(ARN()))?.draft.Permissions).toContain('Users.Edit');
  });
});
