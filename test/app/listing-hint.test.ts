// While the list's pages are still arriving, the status line says how many are in and what the filter
// or sort in force has seen; once the list is done (or before the first page), it says nothing.
import { describe, expect, it } from 'vitest';
import { listingHint } from '../../src/app/chrome.js';

const byName = { key: 'name', isDescending: false } as const;
const byModified = { key: 'modified', isDescending: true } as const;

describe('listingHint', () => {
  it.each([
    ['streaming, a filter', 'streaming', 1000, 'tier', byName, '1,000 profiles listed so far; the filter has searched those, and searches the rest as they arrive'],
    ['streaming, by name', 'streaming', 2000, '', byName, '2,000 profiles listed so far; the rest are sorted in as they arrive'],
    ['streaming, another sort', 'streaming', 1, '', byModified, '1 profile listed so far; more are on the way'],
    ['done', 'done', 10_000, 'tier', byName, undefined],
    ['nothing yet', 'streaming', 0, '', byName, undefined],
    ['loading', 'loading', 0, '', byName, undefined],
  ] as const)('%s', (_what, status, listed, filter, sort, expected) => {
    expect(listingHint(status, listed, filter, sort)).toBe(expected);
  });
});
