// --profiles 10000: listing stays quick (pages resume after the last entry; nothing is re-sorted).
import { GetResourceCommand, paginateListResources } from '@aws-sdk/client-cloudcontrol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoInstanceArn, type Emulator, startEmulator } from '../../src/emulator/index.js';
import { clientFor } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ asyncDelayMs: 0, profiles: 10_000, pageSize: 100 });
});
afterAll(async () => {
  await emulator.close();
});

it('lists 10 018 profiles across pages quickly, in a stable order', async () => {
  const client = clientFor(emulator);
  const t0 = Date.now();
  const ids: string[] = [];
  for await (const page of paginateListResources({ client }, { TypeName: SECURITY_PROFILE_TYPE, ResourceModel: JSON.stringify({ InstanceArn: demoInstanceArn() }) })) {
    for (const d of page.ResourceDescriptions ?? []) ids.push(d.Identifier!);
  }
  const took = Date.now() - t0;
  expect(ids).toHaveLength(10_018);
  expect(new Set(ids).size).toBe(10_018);
  expect(took).toBeLessThan(8000);
  // Emulator time per page stays small even at the end of the list.
  const pages = emulator.requests.filter((r) => r.operation === 'ListResources');
  expect(pages).toHaveLength(101);
  expect(Math.max(...pages.map((p) => p.endedAt - p.startedAt))).toBeLessThan(250);
  const last = await client.send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: ids.at(-1) }));
  expect(JSON.parse(last.ResourceDescription!.Properties!).SecurityProfileName).toMatch(/^Generated profile 10000$/);
});
