import { describe, expect, it } from 'vitest';
import { counted } from '../../../src/domain/text/format.js';

describe('counted', () => {
  it('agrees the noun with its count', () => {
    expect(counted(1, 'profile')).toBe('1 profile');
    expect(counted(0, 'profile')).toBe('0 profiles');
    expect(counted(1_000, 'user')).toBe('1,000 users');
    expect(counted(2, 'policy', 'policies')).toBe('2 policies');
  });
});
