// The organisation's generated accounts (`--org-accounts N`: retail-001…, in the Retail OU), each with
// one Connect instance named after it, in one of three regions by turn, holding the default profiles,
// Tier 1 Support and Team Leads: enough for a fleet of hundreds to scan, drift and promote. Every tenth
// account's Tier 1 Support has drifted (one permission more) and every twenty-fifth lacks Team Leads.
import { addDemoInstance, addProfiles, CUSTOM, DEMO_DEV_ONLY_PERMISSION } from './demo-data.js';
import type { Store } from './store.js';
import type { Organization } from './organization.js';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-2'] as const;

/** The index (1…) of a generated retail account, from its name; undefined for the demo's own. */
export function retailIndex(name: string): number | undefined {
  const m = /^retail-(\d{3,})$/.exec(name);
  return m === null ? undefined : Number(m[1]);
}

/** Loads the account's instance when it is one of the generated retail accounts (ACTIVE). */
export function loadRetailDemoData(store: Store, account: string, org: Organization): void {
  const name = org.accounts.find((a) => a.Id === account && a.Status === 'ACTIVE')?.Name;
  const index = name === undefined ? undefined : retailIndex(name);
  if (name === undefined || index === undefined) return;
  const region = REGIONS[index % REGIONS.length]!;
  store.region(region);
  const instance = addDemoInstance(store, region, name, 0, account);
  const customs = CUSTOM.filter((c) => c.name === 'Tier 1 Support' || (c.name === 'Team Leads' && index % 25 !== 0));
  addProfiles(store, region, instance, customs);
  const t1 = [...instance.profiles.values()].find((e) => e.model.SecurityProfileName === 'Tier 1 Support')!;
  t1.model.Permissions = [...(t1.model.Permissions as string[]).filter((p) => p !== DEMO_DEV_ONLY_PERMISSION), ...(index % 10 === 0 ? [DEMO_DEV_ONLY_PERMISSION] : [])];
}
