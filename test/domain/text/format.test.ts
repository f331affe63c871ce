import { describe, expect, it } from 'vitest';
import { formatAbsoluteTime, formatAge, formatElapsed, formatRelativeTime, formatTime, padEnd, truncate } from '../../../src/domain/text/format.js';

const now = new Date('2026-11-26T12:00:00Z');
const t = now.getTime() / 1000;

describe('times', () => {
  it.each([
    [t - 10, 'just now'],
    [t - 90, '2 min ago'],
    [t - 3 * 3600, '3 h ago'],
    [t - 86_400, '1 day ago'],
    [t - 5 * 86_400, '5 days ago'],
    [t + 300, 'in 5 min'],
  ])('%d → %s', (epoch, text) => {
    expect(formatRelativeTime(epoch, now)).toBe(text);
  });

  it('shows absolute UTC time, with the relative one when recent', () => {
    expect(formatAbsoluteTime(0)).toBe('1970-01-01 00:00 UTC');
    expect(formatTime(t - 120, now)).toBe('2026-11-26 11:58 UTC (2 min ago)');
    expect(formatTime(t - 90 * 86_400, now)).toBe('2026-08-28 12:00 UTC');
    expect(formatTime(undefined, now)).toBe('—');
    expect(formatTime(Number.NaN, now)).toBe('—');
  });

  it('formats elapsed times and ages', () => {
    expect(formatElapsed(400)).toBe('0 s');
    expect(formatElapsed(12_300)).toBe('12 s');
    expect(formatElapsed(125_000)).toBe('2 min 5 s');
    const nowMs = Date.UTC(2026, 10, 26, 12);
    expect(formatAge(undefined, nowMs)).toBe('');
    expect(formatAge(nowMs - 10_000, nowMs)).toBe('just now');
    expect(formatAge(nowMs - 4 * 60_000, nowMs)).toBe('4 min ago');
    expect(formatAge(nowMs - 86_400_000, nowMs)).toBe('1 day ago');
  });
});

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['a longer description', 10, 'a longer …'],
    ['東京東京東京', 7, '東京東…'], // two columns each
    ['👩‍💻👩‍💻👩‍💻', 5, '👩‍💻👩‍💻…'], // never splits a grapheme
    ['abc', 1, '…'],
    ['abc', 0, ''],
  ])('%s at %d → %s', (text, width, expected) => {
    expect(truncate(text, width)).toBe(expected);
  });

  it('pads to an exact width in columns', () => {
    expect(padEnd('ab', 4)).toBe('ab  ');
    expect(padEnd('東京', 5)).toBe('東京 ');
    expect(padEnd('abcdef', 4)).toBe('abc…');
  });
});
