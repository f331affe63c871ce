// The Connect instances of one region. The answer carries the region it was made for: in the render
// right after a region change the remote still holds the previous region's answer, which must never
// be taken for the new region's instances, so until the new answer comes it reads as loading.
import type { RegionService } from '../aws/types.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import type { Remote } from '../state/remote.js';
import { useRemote } from './use-remote.js';

export function useInstances(service: RegionService | undefined, reloadKey = 0): Remote<readonly ConnectInstance[]> {
  const listing = useRemote(
    service === undefined ? undefined : (signal) => service.listInstances({ signal }).then((items) => ({ region: service.region, items })),
    [service, reloadKey],
  );
  if (listing.status !== 'success') return listing;
  return listing.data.region === service?.region ? { status: 'success', data: listing.data.items } : { status: 'loading' };
}
