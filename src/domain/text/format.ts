// Small display helpers shared by the TUI and the headless table output. Times are shown in UTC so a
// screen reads the same for everyone looking at the same account (and tests do not depend on TZ).

import stringWidth from 'string-width';

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-26 06:57 UTC`. */
export function formatAbsoluteTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** `just now`, `5 min ago`, `3 h ago`, `2 days ago`, `in 4 min` (clock skew) — from epoch seconds. */
export function formatRelativeTime(epochSeconds: number, now: Date = new Date()): string {
  const diff = Math.round(now.getTime() / 1000 - epochSeconds);
  const future = diff < 0;
  const s = Math.abs(diff);
  if (s < 45) return 'just now';
  let text: string;
  if (s < 3600) text = `${Math.max(1, Math.round(s / 60))} min`;
  else if (s < 86_400) text = `${Math.round(s / 3600)} h`;
  else {
    const days = Math.round(s / 86_400);
    text = days === 1 ? '1 day' : `${days} days`;
  }
  return future ? `in ${text}` : `${text} ago`;
}

/**
 * Absolute and relative together for recent times (`2026-11-26 06:57 UTC (5 min ago)`), absolute
 * only beyond a month, `—` for a missing or invalid time.
 */
export function formatTime(epochSeconds: number | undefined, now: Date = new Date()): string {
  if (epochSeconds === undefined || !Number.isFinite(epochSeconds)) return '—';
  const absolute = formatAbsoluteTime(epochSeconds);
  if (Math.abs(now.getTime() / 1000 - epochSeconds) > 30 * 86_400) return absolute;
  return `${absolute} (${formatRelativeTime(epochSeconds, now)})`;
}

/** Elapsed milliseconds as `0 s`, `12 s`, `2 min 5 s`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** How long ago an epoch-milliseconds time was (`just now`, `4 min ago`, `2 days ago`); '' for none. */
export function formatAge(epochMs: number | undefined, nowMs: number): string {
  return epochMs === undefined ? '' : formatRelativeTime(epochMs / 1000, new Date(nowMs));
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts `text` to at most `width` terminal columns, ending with `…` when it had to cut. Counts wide
 * (CJK, emoji) characters as two columns and never splits a grapheme (an emoji with its modifiers).
 * Expects text already free of control sequences (see sanitize.ts).
 */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  if (width === 1) return '…';
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/** Pads `text` with spaces to exactly `width` columns (truncating first when it is wider). */
export function padEnd(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** A count with its noun agreeing: `1 profile`, `2 profiles` (`plural` for irregular nouns). */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? noun : plural}`;
}
