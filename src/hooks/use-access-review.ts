// `W` in the profile table: the instance's access review taken and written to a new folder (beside
// where `X` writes), as `spex access-review` does (fleet/access-review.ts); the status line says how
// far it is and where it went.
import { resolve } from 'node:path';
import { useEffect, useRef } from 'react';
import type { RegionService } from '../aws/types.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import { defaultReviewDir, REVIEW_FORMATS, takeAccessReview, writeAccessReview } from '../fleet/access-review.js';
import { sanitizeLine } from '../domain/text/sanitize.js';

export function useAccessReview(
  request: { id: number } | undefined,
  deps: { service: RegionService | undefined; instance: ConnectInstance | undefined; cwd?: string | undefined },
  say: (text: string, tone: 'info' | 'error') => void,
): void {
  const done = useRef<number | undefined>(undefined);
  const { service, instance } = deps;
  useEffect(() => {
    if (request === undefined || done.current === request.id || service === undefined || instance === undefined) return;
    done.current = request.id;
    void (async () => {
      try {
        const review = await takeAccessReview(service, instance.arn, { onProgress: (n, total) => say(`Taking the access review: details ${n}/${total}…`, 'info') });
        const dir = resolve(deps.cwd ?? process.cwd(), defaultReviewDir(review));
        const files = await writeAccessReview(review, dir, REVIEW_FORMATS);
        const people = review.holders.filter((h) => h.kind === 'user').length;
        say(`Access review written to ${dir}: ${people} users, ${review.holders.length - people} AI agents, ${review.profiles.length} profiles, ${review.findings.length} findings (${files.length} files; SHA256SUMS checks them)`, 'info');
      } catch (error) {
        say(`The access review was not written: ${sanitizeLine(error instanceof Error ? error.message : String(error))}`, 'error');
      }
    })();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one review per request id; `say` and the folder are read when it starts
  }, [request?.id, service, instance]);
}
