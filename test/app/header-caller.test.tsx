// Whose credentials are in use is always on view: the header names the account and the principal
// (STS GetCallerIdentity), an assumed role as the role and its session.
import { describe, expect, it } from 'vitest';
import { principalOf } from '../../src/hooks/use-caller.js';
import { keys } from '../helpers/keys.js';
import { backendPerTest } from '../helpers/tui-backend.js';
import { renderSpexApp } from './render-app.js';

describe('the header', () => {
  describe('against the emulator', () => {
    const backend = backendPerTest();
    it('names the account and the caller', async () => {
      const tui = renderSpexApp(backend.spex, { initial: { region: 'us-east-1' } });
      await tui.waitForFrame(/us-east-1 .*2 instances/);
      await tui.press(keys.enter);
      await tui.waitForFrame('acme-support');
      await tui.press(keys.enter);
      const frame = await tui.waitForFrame(/as user\/user-AKIDTEST/);
      expect(frame).toMatch(/account 123456789012 .*as user\/user-AKIDTEST/);
      expect(backend.emulator.requests.filter((r) => r.operation === 'GetCallerIdentity')).toHaveLength(1);
    });

    it('names them on the region picker too, before a region is chosen, and asks once', async () => {
      const tui = renderSpexApp(backend.spex, { initial: {} });
      const picker = await tui.waitForFrame(/Select a region[\s\S]*as user|as user[\s\S]*Select a region/);
      expect(picker).toMatch(/account 123456789012 .*as user\/user-AKIDTEST/);
      await tui.press(keys.enter);
      await tui.waitForFrame('acme-support');
      expect(backend.emulator.requests.filter((r) => r.operation === 'GetCallerIdentity')).toHaveLength(1);
    });
  });

  it('tells a principal short, an assumed role with its session', () => {
    expect(principalOf('arn:aws:sts::210987654321:assumed-role/SpexAudit/spex-alice')).toBe('assumed-role/SpexAudit/spex-alice');
    expect(principalOf('arn:aws:iam::123456789012:user/alice')).toBe('user/alice');
    expect(principalOf('not an arn')).toBeUndefined();
  });
});
