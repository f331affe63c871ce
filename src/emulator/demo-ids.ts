// The demo's ids: the same seed gives the same UUID on every run, so the demo's ARNs are stable.
import { createHash } from 'node:crypto';

export function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
