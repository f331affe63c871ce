// The fleet's views without an emulator: props in, text out.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { FleetTable } from '../../../src/components/fleet/fleet-table.js';
import { PromoteView } from '../../../src/components/fleet/promote-view.js';
import type { FleetRow } from '../../../src/domain/fleet/fleet-row.js';
import { FLEET_KEYMAP } from '../../../src/keys/fleet-keys.js';
import { initialPromoteState } from '../../../src/state/promote-reducer.js';

const rows: FleetRow[] = [
  { profile: 'acme', accountId: '123456789012', region: 'us-east-1', instance: { arn: 'arn:i/1', id: 'i-1', alias: 'acme-support', status: 'ACTIVE' }, profileCount: 12, production: false },
  { profile: 'acme-platform', accountId: '210987654321', region: 'us-east-1', instance: { arn: 'arn:i/2', id: 'i-2', alias: 'acme-prod\u001B]0;pwned\u0007', status: 'ACTIVE' }, production: true },
  { profile: 'broken', accountId: undefined, region: undefined, error: { kind: 'access-denied', message: 'no credentials' }, production: false },
];

describe('fleet views', () => {
  it('the fleet table: one row per instance, production marked, a failed account says why over the columns it has no values for, server text inert', () => {
    const { lastFrame } = render(<FleetTable rows={rows} cursor={1} height={10} width={100} isDone />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('acme-support');
    expect(frame).toContain('no credentials');
    expect(frame).toMatch(/PROD/);
    expect(frame).not.toContain('\u001B]0;');
  });

  it('the promote view: the targets with the cursor and the choice, and the footer from the key table', () => {
    const state = { ...initialPromoteState({ source: rows[0]!, names: ['Tier 1'] }), chosen: new Set(['acme-platform:acme-prod\u001B]0;pwned\u0007']) };
    const hints = FLEET_KEYMAP.footerHints('promote-targets');
    const { lastFrame } = render(<PromoteView state={state} candidates={[rows[1]!]} plans={[]} changing={0} productionKeys={[]} hints={hints} width={100} height={12} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('Choose the targets (Space), then Enter: “Tier 1”');
    expect(frame).toMatch(/› \[x\] acme-platform:acme-prod/);
    expect(frame).toContain('⚠ PRODUCTION');
    expect(frame).toMatch(/Space\s+choose a target/);
    expect(frame).not.toContain('\u0007');
  });

  it('the production question shows when armed, naming the targets', () => {
    const state = { ...initialPromoteState({ source: rows[0]!, names: ['Tier 1'], targets: [rows[1]!] }), step: { kind: 'review' as const }, isArmed: true };
    const { lastFrame } = render(<PromoteView state={state} candidates={[rows[1]!]} plans={[]} changing={2} productionKeys={['acme-platform:acme-prod']} hints={[]} width={100} height={12} />);
    expect(lastFrame()).toContain('⚠ PRODUCTION (acme-platform:acme-prod): apply 2 changes?');
  });
});
