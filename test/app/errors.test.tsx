// Explicit error states with retry, on the instance picker and the profile table.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ProfilesBody, type ProfilesBodyProps } from '../../src/app/screens/profiles-body.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { keys } from '../helpers/keys.js';
import { cleanupTui } from '../helpers/render-tui.js';
import { renderSpexApp } from './render-app.js';
import { createRetryFeed, SLOW_DOWN_TEXT } from '../../src/hooks/use-slow-down-notice.js';

let backend: TestBackend | undefined;
afterEach(async () => {
  cleanupTui();
  await backend?.close();
  backend = undefined;
});

describe('error states', () => {
  it('a failed instance listing says why and r retries', async () => {
    backend = await startTestBackend();
    backend.emulator.failNext('ListResources', 1, { exception: 'AccessDeniedException', message: 'no ListInstances for you' });
    const tui = renderSpexApp(backend.spex, { initial: { region: 'us-east-1', skipRegionPicker: true } });
    const frame = await tui.waitForFrame('Could not list the Connect instances in us-east-1');
    expect(frame).toContain('access denied');
    expect(frame).toContain('Press r to retry');
    await tui.press('r');
    await tui.waitForFrame('acme-support');
  });

  it('a failed profile listing says why and r retries', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: { region: 'us-east-1', skipRegionPicker: true } });
    await tui.waitForFrame('acme-support');
    // Connect's list refused (spex goes on with Cloud Control's), and Cloud Control's refused too.
    backend.emulator.failNext('ListSecurityProfiles', 1, { exception: 'AccessDeniedException', message: 'no ListSecurityProfiles' });
    backend.emulator.failNext('ListResources', 1, { exception: 'AccessDeniedException', message: 'no ListResources' });
    await tui.press(keys.enter);
    const frame = await tui.waitForFrame('Could not list the security profiles');
    expect(frame).toContain('Press r to retry');
    await tui.press('r');
    await tui.waitForFrame('CallCenterManager');
  });

  it('an instance with no profiles says so (the list done, empty), and a list still loading says that', () => {
    const props = { view: { shown: [] }, list: { filter: '' }, detailsVersion: 0, users: {}, draftKeys: [], width: 100, height: 10 } as unknown as Omit<ProfilesBodyProps, 'profiles'>;
    const empty = render(<ProfilesBody {...props} profiles={{ rows: [], status: 'done' } as unknown as ProfilesBodyProps['profiles']} />);
    expect(empty.lastFrame()).toContain('This instance has no security profiles.');
    const loading = render(<ProfilesBody {...props} profiles={{ rows: [], status: 'loading' } as unknown as ProfilesBodyProps['profiles']} />);
    expect(loading.lastFrame()).toContain('Listing security profiles…');
  });
});

describe('throttling', () => {
  it('reads that AWS throttles still arrive, with a "slowing down" note instead of an error', async () => {
    backend = await startTestBackend();
    const retries = createRetryFeed();
    const spex = backend.makeSpex({ maxAttempts: 4, onRetry: retries.emit });
    backend.emulator.failNext('ListResources', 2, { exception: 'ThrottlingException', message: 'Rate exceeded' });
    const tui = renderSpexApp(spex, { initial: { region: 'us-east-1', skipRegionPicker: true, instance: 'acme-support' }, retries });
    // The list gives ARNs only, so names come from reads that the SDK's adaptive limiter now paces.
    const frame = await tui.waitForFrame((f) => f.includes('CallCenterManager') && f.includes(SLOW_DOWN_TEXT), { timeoutMs: 15_000 });
    expect(frame).not.toMatch(/Rate exceeded|ThrottlingException/);
  });
});
