// What a save that ended SUCCESS really left on the server: the profile read again.
import { isSpexError } from '../domain/service/errors.js';
import { unappliedChanges } from '../domain/profile/patch.js';
import type { SecurityProfile, SecurityProfileDraft } from '../domain/profile/security-profile.js';
import type { RegionContext } from './context.js';
import { getProfile } from './reads.js';
import type { OperationOutcome, RequestStatus } from './types.js';

/**
 * A create or update that ended SUCCESS, re-read: the SUCCESS event's model is what the handler was
 * asked, not what Connect holds (real-aws-notes "Writes"), so the re-read is what the caller gets,
 * with a warning when it differs from what was asked.
 */
export function successConfirmer(ctx: RegionContext, asked: SecurityProfileDraft | undefined) {
  return async (
    status: RequestStatus,
    identifier: string | undefined,
    signal: AbortSignal,
    keep: (model: SecurityProfile) => void,
  ): Promise<OperationOutcome> => {
    const id = identifier ? { identifier } : {};
    if (!identifier) return { ok: true, status, warnings: ['The service did not say which profile it saved, so it could not be re-read.'] };
    let model: SecurityProfile;
    try {
      model = await getProfile(ctx, identifier, { signal });
    } catch (error) {
      const why = isSpexError(error) ? error.error.message : String(error);
      const fallback = status.resourceModel ? { model: status.resourceModel } : {};
      return { ok: true, status, ...id, ...fallback, warnings: [`The save succeeded, but the profile could not be re-read (${why}); what is shown is what was asked, not yet confirmed.`] };
    }
    keep(model);
    const differs = asked ? unappliedChanges(asked, model) : undefined;
    return { ok: true, status, ...id, model, ...(differs ? { warnings: [differs] } : {}) };
  };
}

