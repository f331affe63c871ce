// Where Amazon Connect is offered, per the Admin Guide "Availability of Amazon Connect features by
// Region" and the "Amazon Connect endpoints and quotas" page (docs.aws.amazon.com, checked 2026-11):
// ten commercial regions plus AWS GovCloud (US-West). No il-central-1 or other region is listed there.
import { rankSuggestions } from '../permissions/permission-search.js';

export interface ConnectRegion {
  code: string;
  name: string;
  /** The AWS partition; GovCloud needs separate credentials, so the picker marks it. */
  partition: 'aws' | 'aws-us-gov';
}

export const CONNECT_REGIONS: readonly ConnectRegion[] = [
  { code: 'us-east-1', name: 'US East (N. Virginia)', partition: 'aws' },
  { code: 'us-west-2', name: 'US West (Oregon)', partition: 'aws' },
  { code: 'af-south-1', name: 'Africa (Cape Town)', partition: 'aws' },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', partition: 'aws' },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)', partition: 'aws' },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)', partition: 'aws' },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)', partition: 'aws' },
  { code: 'ca-central-1', name: 'Canada (Central)', partition: 'aws' },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)', partition: 'aws' },
  { code: 'eu-west-2', name: 'Europe (London)', partition: 'aws' },
  { code: 'us-gov-west-1', name: 'AWS GovCloud (US-West)', partition: 'aws-us-gov' },
];

const BY_CODE = new Map(CONNECT_REGIONS.map((r) => [r.code, r]));

export function isConnectRegion(code: string): boolean {
  return BY_CODE.has(code);
}

/**
 * Why a region cannot be used, before any call (AWS would blame the credentials: a request signed for a
 * region that does not exist fails InvalidSignatureException), or undefined when Connect is offered there.
 */
export function regionProblem(code: string): string | undefined {
  if (BY_CODE.has(code)) return undefined;
  const close = rankSuggestions(code, CONNECT_REGIONS.map((r) => r.code), 2);
  const hint = close.length > 0 ? `did you mean ${close.join(' or ')}? ` : '';
  return `${code} is not a region where Amazon Connect is offered; ${hint}Connect is offered in ${CONNECT_REGIONS.map((r) => r.code).join(', ')} (spex regions lists them with their names)`;
}

/** The readable name of a region, or the code itself for a region Connect is not known to offer. */
export function regionName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}

/** Filter for the region picker: matches code or name, case-insensitive, on every word typed. */
export function filterRegions(query: string, regions: readonly ConnectRegion[] = CONNECT_REGIONS): ConnectRegion[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return regions.filter((r) => {
    const hay = `${r.code} ${r.name}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
