import { describe, expect, it } from 'vitest';
import { CONNECT_REGIONS, filterRegions, isConnectRegion, regionName } from '../../../src/domain/service/regions.js';

describe('regions', () => {
  it('lists the regions the Connect docs list, each once, GovCloud marked', () => {
    expect(CONNECT_REGIONS.map((r) => r.code)).toEqual([
      'us-east-1',
      'us-west-2',
      'af-south-1',
      'ap-northeast-1',
      'ap-northeast-2',
      'ap-southeast-1',
      'ap-southeast-2',
      'ca-central-1',
      'eu-central-1',
      'eu-west-2',
      'us-gov-west-1',
    ]);
    expect(CONNECT_REGIONS.filter((r) => r.partition === 'aws-us-gov').map((r) => r.code)).toEqual(['us-gov-west-1']);
  });

  it.each([
    ['us-east-1', 'US East (N. Virginia)', true],
    ['eu-west-2', 'Europe (London)', true],
    ['ap-northeast-2', 'Asia Pacific (Seoul)', true],
    ['eu-west-1', 'eu-west-1', false],
    ['', '', false],
  ])('%s → %s (offered: %s)', (code, name, offered) => {
    expect(regionName(code)).toBe(name);
    expect(isConnectRegion(code)).toBe(offered);
  });

  it('filters by code or name, every word, case-insensitive', () => {
    expect(filterRegions('asia pac').map((r) => r.code)).toEqual(['ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2']);
    expect(filterRegions('LONDON').map((r) => r.code)).toEqual(['eu-west-2']);
    expect(filterRegions('eu-')).toHaveLength(2);
    expect(filterRegions('')).toHaveLength(CONNECT_REGIONS.length);
    expect(filterRegions('mars')).toEqual([]);
  });
});
