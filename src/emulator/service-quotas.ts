// The one Service Quotas call spex makes, on the emulator's port: GetServiceQuota for Amazon Connect's
// "Security profiles per instance" (L-F325A715), awsJson1_1 as every AWS client speaks it. The value
// is AWS's default, 100 (real-aws-notes "Limits"), unless the emulator is told otherwise.
import type { IncomingMessage } from 'node:http';
import { regionOf } from './server.js';
import { ServiceError } from './errors.js';
import { CLOUDTRAIL_PREFIX } from './cloudtrail.js';
import { handleOrganizations, ORGANIZATIONS_PREFIX, type Organization } from './organization.js';

export const SERVICE_QUOTAS_PREFIX = 'ServiceQuotasV20190624.';
export const PROFILE_QUOTA_CODE = 'L-F325A715';

/**
 * The awsJson1_1 operation a request makes, if it is one (told apart by its X-Amz-Target): Service
 * Quotas' GetServiceQuota, CloudTrail's LookupEvents (cloudtrail.ts), or Organizations' reads
 * (organization.ts), served here alike.
 */
export function serviceQuotasOperationOf(req: IncomingMessage): string | undefined {
  const target = String(req.headers['x-amz-target'] ?? '');
  // botocore's model gives the long target prefix, the JS SDK's the short one: both are CloudTrail's.
  if (target === `${CLOUDTRAIL_PREFIX}LookupEvents` || target === 'CloudTrail_20131101.LookupEvents') return 'LookupEvents';
  if (target.startsWith(ORGANIZATIONS_PREFIX)) return target.slice(ORGANIZATIONS_PREFIX.length);
  return target.startsWith(SERVICE_QUOTAS_PREFIX) ? target.slice(SERVICE_QUOTAS_PREFIX.length) : undefined;
}

export function handleServiceQuotas(
  req: IncomingMessage,
  raw: Buffer,
  operation: string,
  profileQuota: number,
  account: string,
  lookupEvents: (region: string, body: Record<string, unknown>) => unknown,
  org: Organization,
): { region: string; request: Record<string, unknown>; body: unknown } {
  const region = regionOf(req.headers.authorization);
  let request: Record<string, unknown> = {};
  try {
    request = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
  } catch (error) {
    throw new ServiceError('SerializationException', `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (operation === 'LookupEvents') return { region, request, body: lookupEvents(region, request) };
  if (String(req.headers['x-amz-target'] ?? '').startsWith(ORGANIZATIONS_PREFIX)) return { region, request, body: handleOrganizations(org, operation, account, request) };
  if (operation !== 'GetServiceQuota') throw new ServiceError('UnknownOperationException', `The local endpoint serves only GetServiceQuota of Service Quotas (got ${operation.slice(0, 60)})`);
  if (request.ServiceCode !== 'connect' || request.QuotaCode !== PROFILE_QUOTA_CODE) {
    throw new ServiceError('NoSuchResourceException', `The request failed because the specified service quota (${String(request.ServiceCode)}/${String(request.QuotaCode)}) does not exist.`);
  }
  return {
    region,
    request,
    body: {
      Quota: {
        ServiceCode: 'connect',
        ServiceName: 'Amazon Connect',
        QuotaArn: `arn:aws:servicequotas:${region}:${account}:connect/${PROFILE_QUOTA_CODE}`,
        QuotaCode: PROFILE_QUOTA_CODE,
        QuotaName: 'Security profiles per instance',
        Value: profileQuota,
        Unit: 'None',
        Adjustable: true,
        GlobalQuota: false,
      },
    },
  };
}
