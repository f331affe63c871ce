import { describe, expect, it } from 'vitest';
import { followCursor, moveCursor, scrollPane, type Motion } from '../../src/state/motion.js';

describe('moveCursor', () => {
  it.each<[number, Motion, number, number]>([
    [0, { kind: 'by', delta: 1 }, 10, 1],
    [9, { kind: 'by', delta: 1 }, 10, 9],
    [0, { kind: 'by', delta: -1 }, 10, 0],
    [0, { kind: 'page', direction: 1 }, 10, 5],
    [8, { kind: 'page', direction: 1 }, 10, 9],
    [3, { kind: 'page', direction: -1 }, 10, 0],
    [4, { kind: 'first' }, 10, 0],
    [4, { kind: 'last' }, 10, 9],
    [4, { kind: 'last' }, 0, 0],
  ])('from %i by %j in %i rows → %i', (cursor, motion, count, expected) => {
    expect(moveCursor(cursor, motion, count, 5)).toBe(expected);
  });
});

describe('followCursor', () => {
  it('moves the window as little as possible', () => {
    expect(followCursor(0, 0, 5, 100)).toBe(0);
    expect(followCursor(5, 0, 5, 100)).toBe(1);
    expect(followCursor(3, 2, 5, 100)).toBe(2);
    expect(followCursor(1, 4, 5, 100)).toBe(1);
  });
  it('never leaves blank rows under the last row', () => {
    expect(followCursor(9, 8, 5, 10)).toBe(5);
    expect(followCursor(2, 3, 5, 4)).toBe(0);
  });
});

describe('scrollPane', () => {
  it('stops at the last full page', () => {
    expect(scrollPane(0, { kind: 'last' }, 30, 10)).toBe(20);
    expect(scrollPane(18, { kind: 'page', direction: 1 }, 30, 10)).toBe(20);
    expect(scrollPane(0, { kind: 'by', delta: 5 }, 8, 10)).toBe(0);
    expect(scrollPane(5, { kind: 'first' }, 30, 10)).toBe(0);
  });
});
