// Shared steps of the editing flow tests: open the list, put the cursor on a profile, toggle a
// permission in the editor, and read what the emulator holds and received.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECURITY_PROFILE_TYPE, type SecurityProfile } from '../../src/domain/profile/security-profile.js';
import { createDraftStore, type DraftStore } from '../../src/drafts/draft-store.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { settle, typeText } from '../helpers/typing.js';
import type { TestBackend } from '../helpers/emulator.js';
import { keys } from '../helpers/keys.js';
import type { TuiHandle } from '../helpers/render-tui.js';

export const OPEN_LIST = { region: 'us-east-1', skipRegionPicker: true, instance: 'acme-support' } as const;

export function tempDrafts(): { store: DraftStore; dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'spex-app-drafts-'));
  return { dir, store: createDraftStore(join(dir, 'drafts')), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const arnOf = (b: TestBackend, name: string, instanceArn = b.instanceArn): string => demoProfileArn(name, instanceArn);

export function stored(b: TestBackend, arn: string): SecurityProfile | undefined {
  return b.emulator.getModel(b.region, SECURITY_PROFILE_TYPE, arn) as unknown as SecurityProfile | undefined;
}

export function profilesNamed(b: TestBackend, name: string): SecurityProfile[] {
  return (b.emulator.listModels(b.region, SECURITY_PROFILE_TYPE) as unknown as SecurityProfile[]).filter((p) => p.SecurityProfileName === name);
}

export { sent } from '../helpers/emulator.js';

export const mutations = (b: TestBackend) =>
  b.emulator.requests.filter((r) => ['CreateResource', 'UpdateResource', 'DeleteResource', 'CancelResourceRequest'].includes(r.operation));

/** Filters the list down to one profile, cursor on it. */
export async function selectProfile(tui: TuiHandle, name: string): Promise<void> {
  await tui.waitForFrame('Tier 2 Escalations');
  await tui.press('/');
  await tui.type(name);
  await tui.press(keys.enter);
  await settle(tui, new RegExp(`›.*${name}`));
}

/** In the permission editor: search an API name and toggle it. */
export async function togglePermission(tui: TuiHandle, apiName: string): Promise<void> {
  await tui.press('/');
  await settle(tui, 'Search:');
  await typeText(tui, apiName);
  await tui.press(keys.enter);
  await settle(tui, `Search: “${apiName}”`);
  // The row under the cursor says which it will be: a granted one is withdrawn, else granted.
  const row = tui.frame().split('\n').find((l) => l.startsWith('›')) ?? '';
  await tui.press(keys.space);
  await tui.waitForFrame(row.includes('[x]') ? 'Withdrew' : 'Granted');
}
