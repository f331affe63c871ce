// Credentials fetched once and fetched again a minute before they end: an assumed role, an IAM Identity
// Center role. `first()` fetches now, so a refusal is known before any scan.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

export interface Renewing {
  provider: AwsCredentialIdentityProvider;
  first(): Promise<AwsCredentialIdentity>;
}

export function renewing(fetch: () => Promise<AwsCredentialIdentity>): Renewing {
  // Callers at once share one fetch (an MFA code is asked for once); a failed fetch is tried again by the next caller.
  let current: Promise<AwsCredentialIdentity> | undefined;
  let held: AwsCredentialIdentity | undefined;
  const provider: AwsCredentialIdentityProvider = () => {
    if (current !== undefined && (held === undefined || isFresh(held))) return current;
    held = undefined;
    const attempt: Promise<AwsCredentialIdentity> = fetch().then(
      (c) => (held = c),
      (error: unknown) => {
        if (current === attempt) current = undefined;
        throw error;
      },
    );
    current = attempt;
    return attempt;
  };
  return { provider, first: () => provider() };
}

/** Credentials that last more than another minute (or say no end). */
export const isFresh = (c: AwsCredentialIdentity): boolean => c.expiration === undefined || c.expiration.getTime() - Date.now() > 60_000;
