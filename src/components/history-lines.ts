// A profile's history as pane lines (the TUI's `h`): the CloudTrail timeline, newest first, with the
// versions spex keeps in it (● on the change that made one; a version no change matches has its own
// row), › on the version the keys act on and ✓ on the marked ones. Pure.
import type { HistoryEntry } from '../domain/access/history.js';
import type { SecurityProfile } from '../domain/profile/security-profile.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { type PaneLine, wrapText } from './pane-lines.js';

export interface HistoryLines {
  lines: PaneLine[];
  /** The kept versions in the order the timeline lists them (newest first). */
  versions: SecurityProfile[];
  /** The line of each of those versions. */
  versionLines: number[];
}

const isoOf = (v: SecurityProfile): string => new Date((v.LastModifiedTime ?? 0) * 1000).toISOString();
const shortTime = (iso: string): string => `${iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, '')} UTC`;

export function historyLines(entries: readonly HistoryEntry[], kept: readonly SecurityProfile[], options: { width: number; cursor: number; marked: readonly number[] }): HistoryLines {
  const byIso = new Map(kept.map((v) => [isoOf(v), v]));
  const matched = new Set(entries.flatMap((e) => (e.version ? [e.version] : [])));
  // Each change, and each kept version no change matches, newest first.
  const rows: { time: string; entry?: HistoryEntry; version?: SecurityProfile }[] = [
    ...entries.map((e) => ({ time: e.time, entry: e, ...(e.version && byIso.has(e.version) ? { version: byIso.get(e.version)! } : {}) })),
    ...kept.filter((v) => !matched.has(isoOf(v))).map((v) => ({ time: isoOf(v), version: v })),
  ].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  const lines: PaneLine[] = [];
  const versions: SecurityProfile[] = [];
  const versionLines: number[] = [];
  for (const row of rows) {
    const index = row.version === undefined ? -1 : versions.length;
    const pointer = index >= 0 && index === options.cursor ? '›' : ' ';
    const mark = row.version !== undefined && options.marked.includes(row.version.LastModifiedTime ?? -1) ? '✓' : ' ';
    const dot = row.version === undefined ? ' ' : '●';
    if (row.version !== undefined) {
      versions.push(row.version);
      versionLines.push(lines.length);
    }
    const head = row.entry === undefined ? 'a version spex read (no change in the trail matches it)' : `${row.entry.who} · ${row.entry.through}`;
    lines.push({ text: sanitizeLine(`${pointer}${dot}${mark} ${shortTime(row.time)}  ${head}`), ...(row.version !== undefined ? { tone: 'heading' as const } : {}) });
    for (const what of row.entry?.what ?? [`${row.version?.Permissions?.length ?? 0} permissions, known in full`]) {
      for (const part of wrapText(sanitizeLine(what), options.width - 8, '       ')) lines.push({ text: part, ...(what.startsWith('+') ? { tone: 'success' as const } : what.startsWith('−') ? { tone: 'error' as const } : {}) });
    }
  }
  return { lines, versions, versionLines };
}
