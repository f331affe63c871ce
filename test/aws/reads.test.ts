import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID, demoInstanceArn, demoProfileArn } from '../../src/emulator/index.js';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { isSpexError } from '../../src/domain/service/errors.js';
import { startTestBackend, withEmulator } from '../helpers/emulator.js';

describe('reads against the emulator', () => {
  const backend = withEmulator({ pageSize: 5 });

  it('lists instances with alias, id and status, and learns the account from the ARNs', async () => {
    const { spex, region } = backend();
    const service = spex.forRegion(region);
    expect(service.account()).toBeUndefined();
    const instances = await service.listInstances();
    expect(instances.map((i) => i.alias)).toEqual(['acme-support', 'acme-sales']);
    expect(instances[0]).toMatchObject({ arn: demoInstanceArn(), status: 'ACTIVE' });
    expect(instances[0]!.id).toBe(demoInstanceArn().split('/').pop());
    expect(service.account()).toBe(DEMO_ACCOUNT_ID);
  });

  it('returns no instances in a region that has none', async () => {
    expect(await backend().spex.forRegion('us-west-2').listInstances()).toEqual([]);
  });

  it('lists hierarchy groups of an instance', async () => {
    const { spex, region, instanceArn } = backend();
    const groups = await spex.forRegion(region).listHierarchyGroups(instanceArn);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.map((g) => g.name)).toContain('Support floor');
    for (const g of groups) expect(g.arn).toContain(`${instanceArn}/agent-group/${g.id}`);
  });

  it('streams profile pages following NextToken, resending the same ResourceModel', async () => {
    const { region, instanceArn, emulator } = backend();
    emulator.clearRequests();
    const pages: string[][] = [];
    // The list gives ARNs only (as AWS may): on Cloud Control alone, rows carry the ARN and the instance.
    const ccOnly = backend().makeSpex({ cloudControlOnly: true });
    for await (const page of ccOnly.forRegion(region).listProfiles(instanceArn)) {
      for (const row of page) expect(row).toEqual({ arn: row.arn, instanceArn });
      pages.push(page.map((p) => p.arn));
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.slice(0, -1).every((p) => p.length === 5)).toBe(true);
    const arns = pages.flat();
    expect(arns).toEqual(expect.arrayContaining(['Admin', 'Agent', 'CallCenterManager', 'QualityAnalyst', 'Tier 1 Support'].map((n) => demoProfileArn(n))));
    expect(new Set(arns).size).toBe(arns.length);
    const lists = emulator.requests.filter((r) => r.operation === 'ListResources');
    expect(lists).toHaveLength(pages.length);
    for (const r of lists) expect(JSON.parse(String(r.body.ResourceModel))).toEqual({ InstanceArn: instanceArn });
    expect(lists.slice(1).every((r) => typeof r.body.NextToken === 'string')).toBe(true);
  });

  it('merges the names and times of Connect’s ListSecurityProfiles (one call) into the identifier-only pages', async () => {
    const { spex, region, instanceArn, emulator } = backend();
    emulator.clearRequests();
    const rows = [];
    for await (const page of spex.forRegion(region).listProfiles(instanceArn)) rows.push(...page);
    const agent = rows.find((r) => r.arn === demoProfileArn('Agent'));
    expect(agent).toMatchObject({ name: 'Agent', instanceArn, lastModifiedRegion: 'us-east-1' });
    expect(agent?.lastModifiedTime).toBe(emulator.getModel(region, 'AWS::Connect::SecurityProfile', demoProfileArn('Agent'))?.LastModifiedTime);
    expect(rows.every((r) => typeof r.name === 'string')).toBe(true);
    expect(emulator.requests.filter((r) => r.operation === 'ListSecurityProfiles')).toHaveLength(1);
    expect(emulator.requests.filter((r) => r.operation === 'GetResource')).toHaveLength(0);
  });

  it('when Connect refuses (access denied), goes on with Cloud Control alone and says so once', async () => {
    const { region, instanceArn, emulator } = backend();
    const notes: string[] = [];
    const spex = backend().makeSpex({ onConnectUnavailable: (r, reason) => notes.push(`${r}: ${reason}`) });
    emulator.failNext('ListSecurityProfiles', 1, { exception: 'AccessDeniedException', message: 'not authorized' });
    const rows = [];
    for await (const page of spex.forRegion(region).listProfiles(instanceArn)) rows.push(...page);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((r) => r.name === undefined)).toBe(true);
    for await (const _page of spex.forRegion(region).listProfiles(instanceArn)) void _page;
    expect(notes).toEqual(['us-east-1: Connect API refused: Cloud Control alone, so names load one by one, holders are read one user at a time, and console-made profiles are read-only']);
  });

  it('gets one profile in full', async () => {
    const { spex, region } = backend();
    const profile = await spex.forRegion(region).getProfile(demoProfileArn('Tier 1 Support'));
    expect(profile).toMatchObject({ SecurityProfileName: 'Tier 1 Support', InstanceArn: demoInstanceArn() });
    expect(profile.Permissions!.length).toBeGreaterThan(0);
    expect(profile.Tags).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'support' }]));
  });

  it('maps an unknown profile to not-found', async () => {
    const { spex, region, instanceArn } = backend();
    const error = await spex.forRegion(region).getProfile(`${instanceArn}/security-profile/00000000-0000-4000-a000-000000000000`).catch((e: unknown) => e);
    expect(isSpexError(error) && error.error.kind).toBe('not-found');
  });

  it('lists recent requests of the type, newest first', async () => {
    const { spex, region, emulator } = backend();
    const service = spex.forRegion(region);
    const before = await service.getProfile(demoProfileArn('Reporting Analysts'));
    const op = service.updateProfile(demoProfileArn('Reporting Analysts'), before, { ...before, Description: 'Reports and dashboards' });
    const outcome = await op.done;
    expect(outcome.ok).toBe(true);
    const requests = await service.listRequests();
    expect(requests[0]).toMatchObject({ operation: 'UPDATE', status: 'SUCCESS', identifier: demoProfileArn('Reporting Analysts'), typeName: SECURITY_PROFILE_TYPE });
    const filtered = await service.listRequests({ operations: ['DELETE'] });
    expect(filtered.every((r) => r.operation === 'DELETE')).toBe(true);
    expect(emulator.requests.some((r) => r.operation === 'ListResourceRequests')).toBe(true);
  });
});

describe('streaming', () => {
  it('yields the first page before the last page has been requested (Cloud Control alone)', async () => {
    const backend = await startTestBackend({ pageSize: 3, latencyMs: 40, spex: { cloudControlOnly: true } });
    try {
      const { spex, region, instanceArn, emulator } = backend;
      emulator.clearRequests();
      const iterator = spex.forRegion(region).listProfiles(instanceArn)[Symbol.asyncIterator]();
      const first = await iterator.next();
      expect(first.done).toBe(false);
      expect(first.value).toHaveLength(3);
      // Only one page has been asked for when the first rows are in hand.
      expect(emulator.requests.filter((r) => r.operation === 'ListResources')).toHaveLength(1);
      let pages = 1;
      while (!(await iterator.next()).done) pages++;
      expect(pages).toBeGreaterThan(2);
    } finally {
      await backend.close();
    }
  });

  it('with Connect: the first named rows after one ListSecurityProfiles page, every page as it arrives, and no Cloud Control list', async () => {
    const backend = await startTestBackend({ profiles: 2_500, latencyMs: 40 });
    try {
      const { spex, region, instanceArn, emulator } = backend;
      emulator.clearRequests();
      const iterator = spex.forRegion(region).listProfiles(instanceArn)[Symbol.asyncIterator]();
      const first = await iterator.next();
      expect(first.value).toHaveLength(1000);
      expect((first.value as { name?: string }[]).every((r) => typeof r.name === 'string')).toBe(true);
      expect(emulator.requests.filter((r) => r.operation === 'ListSecurityProfiles')).toHaveLength(1);
      let rows = (first.value as unknown[]).length;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) rows += next.value.length;
      expect(rows).toBe(emulator.listModels(region, SECURITY_PROFILE_TYPE).filter((m) => m.InstanceArn === instanceArn).length);
      expect(emulator.requests.filter((r) => r.operation === 'ListSecurityProfiles')).toHaveLength(3);
      expect(emulator.requests.filter((r) => r.operation === 'ListResources')).toEqual([]);
    } finally {
      await backend.close();
    }
  });

  it('Connect failing partway: Cloud Control lists the rest, no row twice', async () => {
    const backend = await startTestBackend({ profiles: 1_500 });
    try {
      const { spex, region, instanceArn, emulator } = backend;
      const service = spex.forRegion(region);
      const iterator = service.listProfiles(instanceArn)[Symbol.asyncIterator]();
      const first = await iterator.next();
      // The second page fails: Cloud Control finishes the list.
      emulator.failNext('ListSecurityProfiles', 1, { exception: 'InternalServiceException' });
      const arns = (first.value as { arn: string }[]).map((r) => r.arn);
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) arns.push(...next.value.map((r) => r.arn));
      const stored = emulator.listModels(region, SECURITY_PROFILE_TYPE).filter((m) => m.InstanceArn === instanceArn).map((m) => String(m.SecurityProfileArn));
      expect(new Set(arns).size).toBe(arns.length);
      expect(new Set(arns)).toEqual(new Set(stored));
      expect(emulator.requests.some((r) => r.operation === 'ListResources')).toBe(true);
    } finally {
      await backend.close();
    }
  });
});
