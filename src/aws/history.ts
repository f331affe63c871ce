// A profile's history from CloudTrail (LookupEvents, management events of connect.amazonaws.com and
// cloudcontrolapi.amazonaws.com): one event name per call (CloudTrail takes one lookup attribute), 50 a
// page, within its budget of 2 requests a second per account and region; the events that name the
// profile in their request parameters are kept (CloudTrail often leaves these services' Resources empty).
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { HISTORY_EVENT_NAMES, type TrailRecord } from '../domain/access/history.js';
import { SpexError } from '../domain/service/errors.js';
import type { RegionContext } from './context.js';
import { loadCloudTrail } from './client.js';

/** Every recorded write of the history's event names since `since` (epoch ms), newest first. */
export async function lookupWrites(ctx: RegionContext, client: CloudTrailClient, since: number | undefined, signal?: AbortSignal): Promise<TrailRecord[]> {
  const { LookupEventsCommand } = await loadCloudTrail();
  const out: TrailRecord[] = [];
  try {
    for (const name of HISTORY_EVENT_NAMES) {
      let NextToken: string | undefined;
      do {
        await ctx.spend('LookupEvents', signal);
        const page = await client.send(
          new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }], MaxResults: 50, ...(since !== undefined ? { StartTime: new Date(since) } : {}), ...(NextToken ? { NextToken } : {}) }),
          { abortSignal: ctx.signalFor(signal) },
        );
        for (const e of page.Events ?? []) out.push({ id: e.EventId ?? '', name: e.EventName ?? name, time: e.EventTime?.getTime() ?? 0, source: e.EventSource ?? '', username: e.Username, detail: e.CloudTrailEvent ?? '{}' });
        NextToken = page.NextToken;
      } while (NextToken);
    }
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (name === 'AccessDeniedException' || name === 'AccessDenied') {
      throw new SpexError({ kind: 'access-denied', message: `CloudTrail refused spex (${name}): the history needs cloudtrail:LookupEvents (spex iam-policy lists it as optional)` });
    }
    throw error;
  }
  return out.sort((a, b) => b.time - a.time);
}
