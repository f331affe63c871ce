// Whose credentials are in use is always on view: the header names the account and the principal
// (STS GetCallerIdentity), an assumed role as the role and its session.
import { afterEach, describe, expect, it } from 'vitest';
import { principalOf } from '../../src/hooks/use-caller.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { cleanupTui } from '../helpers/render-tui.js';
import { keys } from '../helpers/keys.js';
import { renderSpexApp } from './render-app.js';

let backend: TestBackend | undefined;
afterEach(async () => {
  cleanupTui();
  await backend?.close();
  backend = undefined;
});

describe('the header', () => {
  it('names the account and the caller', async () => {
    backend = await startTestBackend();
    const tui = renderSpexApp(backend.spex, { initial: { region: 'us-east-1' } });
    await tui.waitForFrame(/us-east-1 .*2 instances/);
    await tui.press(keys.enter);
    await tui.waitForFrame('acme-support');
    await tui.press(keys.enter);
    const frame = await tui.waitForFrame(/as user\/user-AKIDTEST/);
    expect(frame).toMatch(/account 123456789012 .*as user\/user-AKIDTEST/);
    expect(backend.emulator.requests.filter((r) => r.operation === 'GetCallerIdentity')).toHaveLength(1);
  });

  it('tells a principal short, an assumed role with its session', () => {
    expect(principalOf('arn:aws:sts::210987654321:assumed-role/SpexAudit/spex-alice')).toBe('assumed-role/SpexAudit/spex-alice');
    expect(principalOf('arn:aws:iam::123456789012:user/alice')).toBe('user/alice');
    expect(principalOf('not an arn')).toBeUndefined();
  });
});
