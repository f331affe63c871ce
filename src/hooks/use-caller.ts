// Whose credentials are in use, for the header: STS GetCallerIdentity's ARN told short ("user/alice",
// "assumed-role/SpexAudit/spex-alice") with its account, asked once per region service and kept.
import { useEffect, useState } from 'react';
import type { RegionService } from '../aws/types.js';

const asked = new WeakMap<RegionService, Promise<string | undefined>>();

/** The principal part of an IAM or STS ARN (what follows the account). */
export function principalOf(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const m = /^arn:[^:]+:(?:iam|sts)::\d{12}:(.+)$/.exec(arn);
  return m?.[1];
}

/** The account an IAM or STS ARN belongs to. */
export function accountOfCaller(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}

/** Who the credentials are: the principal told short, and its account (until known, neither). */
export function useCaller(service: RegionService | undefined): { principal: string | undefined; account: string | undefined } {
  const [arn, setArn] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (service === undefined) return undefined;
    let live = true;
    let pending = asked.get(service);
    if (pending === undefined) {
      pending = service.callerArn().catch(() => undefined);
      asked.set(service, pending);
    }
    void pending.then((found) => {
      if (live) setArn(found);
    });
    return () => {
      live = false;
    };
  }, [service]);
  return { principal: principalOf(arn), account: accountOfCaller(arn) };
}
