// The fleet's pure helpers: which regions a scan covers, what config.json's "production" marks, and
// how `profile:alias` finds an instance among the scanned rows.
import { describe, expect, it } from 'vitest';
import { fleetRegions, findFleetInstance, isProductionInstance, productionOf, type FleetRow } from '../../src/fleet/fleet.js';

const row = (profile: string, region: string, alias: string): FleetRow => ({
  profile,
  accountId: '111111111111',
  region,
  instance: { arn: `arn:aws:connect:${region}:111111111111:instance/${alias}-id`, id: `${alias}-id`, alias, status: 'ACTIVE' },
  production: false,
});

describe('fleet helpers', () => {
  it('scans the profile region first, then the other commercial Connect regions (no GovCloud); --region narrows', () => {
    const all = fleetRegions('eu-west-2');
    expect(all[0]).toBe('eu-west-2');
    expect(all).toContain('us-east-1');
    expect(all).not.toContain('us-gov-west-1');
    expect(new Set(all).size).toBe(all.length);
    expect(fleetRegions('eu-west-2', ['us-west-2'])).toEqual(['us-west-2']);
  });

  it('"production": a profile marks its whole account, profile:alias one instance', () => {
    expect(productionOf('prod', ['prod', 'dev:acme-dev'])).toBe(true);
    expect(productionOf('dev', ['prod', 'dev:acme-dev'])).toEqual(['acme-dev']);
    expect(productionOf('test', undefined)).toEqual([]);
    const instance = row('dev', 'us-east-1', 'acme-dev').instance!;
    expect(isProductionInstance({ production: ['acme-dev'] }, instance)).toBe(true);
    expect(isProductionInstance({ production: [instance.id] }, instance)).toBe(true);
    expect(isProductionInstance({ production: ['other'] }, instance)).toBe(false);
    expect(isProductionInstance({ production: true }, undefined)).toBe(true);
  });

  it('profile:alias, an id or an ARN finds the instance; an unknown profile or an ambiguous alias says why', () => {
    const rows = [row('dev', 'us-west-2', 'acme'), row('prod', 'us-east-1', 'acme'), row('prod', 'eu-west-2', 'acme-emea')];
    expect(findFleetInstance(rows, 'prod:acme').row?.region).toBe('us-east-1');
    expect(findFleetInstance(rows, rows[2]!.instance!.arn).row?.instance?.alias).toBe('acme-emea');
    expect(findFleetInstance(rows, 'acme').problem).toContain('names 2 instances');
    expect(findFleetInstance(rows, 'qa:acme').problem).toContain("no profile 'qa' in the fleet (profiles: dev, prod)");
    expect(findFleetInstance(rows, 'dev:nope').problem).toBe('dev:nope: no such instance');
  });
});
