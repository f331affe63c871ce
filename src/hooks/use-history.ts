// A profile's history for the TUI's `h` (fleet/history.ts: CloudTrail's changes, the logins behind the
// admin website's edits, the versions spex keeps), read again when `reloadKey` is bumped (`r`).
import type { RegionService } from '../aws/types.js';
import { type ProfileHistory, readProfileHistory } from '../fleet/history.js';
import type { Remote } from './remote.js';
import { useRemote } from './use-remote.js';

/** CloudTrail keeps 90 days of management events: the TUI asks for all of them. */
const DAYS = 90;

export function useProfileHistory(service: RegionService | undefined, arn: string, name: string | undefined, reloadKey: number): Remote<ProfileHistory> {
  return useRemote(service === undefined || name === undefined ? undefined : (signal) => readProfileHistory(service, { arn, name }, DAYS, { signal }), [service, arn, name, reloadKey]);
}
